// Wall, "roundtable" phase: the speaker large, readable from the back (first name, structure, what
// they bring and seek when their card is visible to the room), "Next: …", the progress "7/24", and
// the order with who spoke marked. The turn's time is the big countdown in the head.
import { $, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
import { countdowns } from "../../wall/step.js";
import { introduction } from "./speaker.js";
export { events } from "./events.js";

export function render(state) {
  const section = $("roundtable");
  section.hidden = state.phase !== "roundtable";
  if (section.hidden) return false;
  const table = state.roundtable;
  const speaker = table && table.current !== null ? introduction(state, table.current) : null;
  $("roundtable-name").textContent = speaker ? speaker.name : !table ? strings.roundtable_soon
    : table.next === null ? strings.roundtable_over : "";
  $("roundtable-structure").textContent = speaker ? speaker.structure : "";
  $("roundtable-bring").textContent = speaker && speaker.bring ? fmt(strings.addressbook_brings, { text: speaker.bring }) : "";
  $("roundtable-seek").textContent = speaker && speaker.seek ? fmt(strings.addressbook_seeks, { text: speaker.seek }) : "";
  $("roundtable-progress").textContent = table ? fmt(strings.roundtable_progress, { n: table.spoken, total: table.total }) : "";
  $("roundtable-next").textContent = table && table.next !== null ? fmt(strings.roundtable_next, { name: table.next_name }) : "";
  const done = new Set(table ? table.done : []);
  const later = new Set(table ? table.later : []);
  fill($("roundtable-order"), (table ? table.order : []).map((id) => el("li", {
    class: id === table.current ? "speaking" : done.has(id) ? "done" : later.has(id) ? "later" : "",
  }, nameOf(state, id), done.has(id) ? el("span", { class: "visually-hidden" }, ` (${strings.roundtable_spoke})`) : null)));
  return true;
}

countdowns.push((state) => {
  const table = state.phase === "roundtable" && state.roundtable && state.roundtable.current !== null ? state.roundtable : null;
  if (!table) return null;
  return {
    title: strings.phases.roundtable,
    text: fmt(strings.roundtable_speaks, { name: table.current_name }),
    countdown: table,
    key: `roundtable:${table.current}:${table.started_at}`,
  };
});
