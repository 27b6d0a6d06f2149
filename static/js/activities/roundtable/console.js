// Console: start the round table (join order, or a random order drawn once), give the floor to the
// next one or to anyone in the list, send the speaker back for later. The timer panel drives the turn.
import { $, count, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
export { events } from "./events.js";

let view = null;

export function render(state, current) {
  view = current;
  const table = state.roundtable;
  $("roundtable-starts").hidden = Boolean(table);
  $("roundtable-next-button").hidden = !table || (table.current === null && table.next === null);
  $("roundtable-skip").hidden = !table || table.current === null;
  $("roundtable-state").textContent = !table ? "" : [
    fmt(strings.roundtable_progress, { n: table.spoken, total: table.total }),
    table.current !== null ? fmt(strings.roundtable_speaks, { name: table.current_name }) : "",
    table.next !== null ? fmt(strings.roundtable_next, { name: table.next_name }) : strings.roundtable_over,
  ].filter(Boolean).join(" · ");
  const done = new Set(table ? table.done : []);
  const later = new Set(table ? table.later : []);
  const people = table ? [...table.order, ...state.participants.map((p) => p.id).filter((id) => !table.order.includes(id))] : [];
  fill($("roundtable-people"), people.map((id) => el("li", { class: "issue" },
    el("span", {}, nameOf(state, id), " ", el("span", { class: "tag" },
      id === table.current ? `· ${fmt(strings.roundtable_speaks, { name: "" }).trim()}`
        : done.has(id) ? `· ${strings.roundtable_spoke}` : later.has(id) ? `· ${strings.roundtable_later}` : "")),
    id === table.current ? null : el("button", {
      type: "button", "aria-label": fmt(strings.roundtable_give_floor_named, { name: nameOf(state, id) }),
      onclick: () => act(view, "roundtable.pick", { participant_id: id }),
    }, "▶"))));
}

$("roundtable-start-join").addEventListener("click", () => view && act(view, "roundtable.start", { order: "join" }));
$("roundtable-start-random").addEventListener("click", () => view && act(view, "roundtable.start", { order: "random" }));
$("roundtable-next-button").addEventListener("click", () => view && act(view, "roundtable.next", {}));
$("roundtable-skip").addEventListener("click", () => view && act(view, "roundtable.skip", {}));

// Who has not spoken yet, in the order they will (those who joined after the start at the end).
function waiting(state, table) {
  const done = new Set([...table.done, table.current]);
  const queue = [...table.order, ...state.participants.map((p) => p.id).filter((id) => !table.order.includes(id))];
  return [...queue.filter((id) => !done.has(id) && !table.later.includes(id)), ...table.later.filter((id) => !done.has(id))];
}

// The header's action for a round-table step: start it in the step's order (when Next could not),
// give the floor to the next one, and after the last speaker end the round.
export function action(state, step) {
  if (step.phase !== "roundtable") return null;
  const table = state.roundtable;
  if (!table) return { label: strings.roundtable_start_action, command: "roundtable.start", payload: { order: step.order || "join" } };
  const queue = waiting(state, table);
  if (queue.length) return { label: fmt(strings.roundtable_next_action, { name: nameOf(state, queue[0]) }), command: "roundtable.next" };
  return table.current !== null ? { label: strings.roundtable_finish_action, command: "roundtable.next" } : null;
}

export function nudges(state, step) {
  const table = state.roundtable;
  if (step.phase !== "roundtable" || !table) return [];
  const left = waiting(state, table).length;
  return left ? [{ key: "roundtable-waiting", text: count("roundtable_waiting", left) }] : [];
}
