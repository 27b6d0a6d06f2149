// Console: the motivation buddies paired so far, and pair everyone left in one click.
import { $, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
export { events } from "./events.js";

let view = null;

export function render(state, current) {
  view = current;
  const paired = new Set(state.buddies.flat());
  const alone = state.participants.filter((p) => !paired.has(p.id));
  $("buddies-summary").textContent = fmt(strings.buddies_summary, { pairs: state.buddies.length, alone: alone.length });
  fill($("buddy-pairs"), state.buddies.map(([a, b]) => el("li", {}, `${nameOf(state, a)} ↔ ${nameOf(state, b)}`)));
  $("pair-rest").hidden = !alone.length;
}

$("pair-rest").addEventListener("click", () => act(view, "buddies.pair_rest", {}));
