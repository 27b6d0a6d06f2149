// Wall, "families" phase: every family in its colour with its experts' first names. A family
// nobody holds stands out, hollow with a dashed border, so the room sees what is left to take.
import { $, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
export { events } from "./events.js";

function tile(state, family) {
  const experts = state.claims[family.id] || [];
  return el("li", { class: experts.length ? "family-tile" : "family-tile nobody", style: `--family: ${family.color}` },
    el("h3", {}, family.name),
    experts.length
      ? el("ul", { class: "experts" }, ...experts.map((id) => el("li", {}, nameOf(state, id))))
      : el("p", { class: "experts-none" }, strings.nobody_yet));
}

export function render(state) {
  const section = $("families");
  section.hidden = state.phase !== "families" || !state.deck;
  if (section.hidden) return false;
  const families = state.deck.families;
  const covered = families.filter((f) => (state.claims[f.id] || []).length > 0).length;
  $("families-status").textContent = fmt(strings.families_covered, { n: covered, total: families.length });
  fill($("family-tiles"), families.map((family) => tile(state, family)));
  return true;
}
