// Phone, "roundtable" phase: "Your turn!" with the time left on the speaker's phone; the others see
// who has the floor, and the next one is told to get ready.
import { $, fmt, strings } from "../../kiosk.js";
import { everyTick, show, syncSnapshot } from "../../timer.js";
export { events } from "./events.js";

let turn = null; // the countdown shown on this phone while it is the speaker's

export function render(state) {
  const section = $("roundtable");
  section.hidden = state.phase !== "roundtable";
  if (section.hidden) {
    turn = null;
    return false;
  }
  syncSnapshot(state);
  const table = state.roundtable;
  const me = state.me ? state.me.id : null;
  const mine = Boolean(table && table.current !== null && table.current === me);
  $("roundtable-turn").hidden = !mine;
  turn = mine ? table : null;
  $("roundtable-speaker").textContent = !table ? strings.roundtable_soon
    : mine ? "" : table.current !== null ? fmt(strings.roundtable_speaks, { name: table.current_name })
      : table.next === null ? strings.roundtable_over : "";
  $("roundtable-next-you").hidden = !table || mine || table.next !== me;
  tick();
  return true;
}

function tick() {
  show($("roundtable-time"), turn && turn.duration_s ? turn : null);
}

everyTick(tick);
