// Console: open and close the board of blockers and triggers; every item side by side, strongest
// first, to hide or restore; form the levers groups from the most actionable items. The header's
// action opens, then closes the board.
import { $, count, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
import { strongestFirst } from "./wall.js";
export { events } from "./events.js";

let view = null;

function item(state, it) {
  const by = it.author === null || it.author === undefined ? "" : ` · ${fmt(strings.forces_by, { name: nameOf(state, it.author) })}`;
  return el("li", { class: it.hidden ? "issue hidden-item" : "issue" },
    el("p", { class: "issue-text" }, it.text, " ", el("span", { class: "by" }, `(${fmt(strings.forces_figures, it)}${by})`)),
    el("div", { class: "row-actions" }, it.hidden ? null : showLarge(view, "forces", it.id, it.text), el("button", {
      type: "button", "data-key": `forces-hide-${it.id}`,
      "aria-label": fmt(it.hidden ? strings.forces_restore_named : strings.forces_hide_named, { text: it.text }),
      onclick: () => act(view, it.hidden ? "forces.restore" : "forces.hide", { item_id: it.id }),
    }, it.hidden ? strings.restore : strings.hide)));
}

export function render(state, current) {
  view = current;
  const forces = state.forces;
  const open = Boolean(forces && forces.status === "open");
  $("forces-state").textContent = !forces ? strings.forces_soon
    : `${open ? "" : `${strings.forces_closed} `}${count("forces_items_n", forces.items.length)}`;
  $("forces-close").hidden = !open;
  fill($("forces-console-sides"), forces ? ["blocker", "trigger"].map((kind) => el("div", { class: "card" },
    el("h3", {}, strings.forces_sides[kind]),
    el("ul", { class: "plain" }, ...forces.items.filter((i) => i.kind === kind).sort(strongestFirst)
      .map((it) => item(state, it))))) : []);
  return false;
}

export function action(state, step) {
  if (step.phase !== "forces") return null;
  if (!state.forces || state.forces.status !== "open") return { label: strings.forces_open_action, command: "forces.open" };
  return { label: strings.forces_close_action, command: "forces.close" };
}

$("forces-open-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const prompt = $("forces-question").value.trim();
  act(view, "forces.open", prompt ? { prompt } : {});
});
$("forces-close").addEventListener("click", () => act(view, "forces.close"));
$("forces-levers").addEventListener("submit", (event) => {
  event.preventDefault();
  act(view, "groups.form", { from: "forces", count: Number($("forces-levers-count").value) });
});
