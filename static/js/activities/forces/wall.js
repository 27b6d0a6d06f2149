// Wall, "forces" phase: the force field. Triggers on the left push to the right, blockers on the
// right push back, facing each other across the axis; each side the strongest first, each item an
// arrow whose length is its strength, with how far the room can act on it. Each side fits its
// column (wall/fit.js) and pages when it is long.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

export function strongestFirst(a, b) {
  return b.strength - a.strength || b.actionable - a.actionable || a.id - b.id;
}

function arrow(item) {
  return el("li", { class: `forces-item forces-${item.kind}`, style: `--strength: ${item.strength}` },
    el("p", { class: "forces-text", "data-fit-clip": "" }, item.text),
    el("p", { class: "forces-figures" },
      el("span", { class: "forces-bar", role: "img", "aria-label": fmt(strings.forces_strength_short, { n: item.strength }) }),
      el("span", { class: "forces-act" }, fmt(strings.forces_actionable_short, { n: item.actionable }))));
}

export function render(state) {
  const section = $("forces");
  section.hidden = state.phase !== "forces";
  if (section.hidden) return false;
  const forces = state.forces;
  $("forces-prompt").textContent = forces ? forces.prompt : strings.forces_soon;
  const items = forces ? forces.items : [];
  $("forces-empty").hidden = !forces || items.length > 0;
  for (const kind of ["trigger", "blocker"]) {
    const side = items.filter((i) => i.kind === kind).sort(strongestFirst);
    $(`forces-${kind}-count`).textContent = String(side.length);
    fill($(`forces-${kind}`), side.map(arrow));
  }
  return true;
}
