// Phone, "groups" phase: join the group of an issue, volunteer as its secretary. The same picker
// shows wherever groups exist and this participant has none (the board, the report-back).
import { $, count, el, fill, nameOf, say, strings, fmt } from "../../kiosk.js";
import { events as reducers } from "./events.js";

let view = null;
let redraw = () => {};

async function act(name, payload, where) {
  const answer = await view.send(name, payload);
  if (!answer.ok) {
    if (where) where.textContent = answer.error;
    say(answer.error, "error");
  } else if (answer.group !== undefined) {
    const at = view.state.groups.findIndex((g) => answer.group && g.id === answer.group.id);
    if (at >= 0) view.state.groups[at] = answer.group;
    view.state.me.group_id = answer.group ? answer.group.id : null;
    redraw();
  }
}

// Names of the members come with groups.members (every phone, coalesced): no snapshot to ask for.
export const events = reducers;

// The groups as cards: their issue, how many are in and who, and a button to join; `again`
// draws the screen that holds the list once this phone joined.
export function picker(state, current, list, again) {
  view = current;
  redraw = again;
  const me = state.me;
  fill(list, state.groups.map((group) => {
    const mine = me.group_id === group.id;
    const names = group.members.map((id) => nameOf(state, id) + (id === group.secretary ? ` (${strings.secretary})` : ""));
    const refusal = el("p", { class: "refusal", role: "alert" });
    const join = el("button", { type: "button", "data-key": `join-${group.id}`,
      "aria-label": fmt(strings.join_group_named, { name: group.name }),
      onclick: () => act("group.join", { group_id: group.id }, refusal) }, strings.join_group);
    const volunteer = el("button", { type: "button", "data-key": `sec-${group.id}`,
      onclick: () => act("group.secretary", { group_id: group.id, participant_id: me.id }, refusal) }, strings.volunteer);
    return el("li", { class: mine ? "group mine" : "group", "data-group": String(group.id) },
      el("h3", {}, group.name),
      el("p", { class: "members" },
        names.length ? `${count("members_count", names.length)} ${names.join(", ")}` : strings.nobody_yet),
      mine ? el("p", {}, el("strong", {}, strings.your_group), group.secretary === null ? volunteer : null) : join,
      refusal);
  }));
}

export function render(state, current) {
  view = current;
  const section = $("groups");
  section.hidden = state.phase !== "groups";
  if (section.hidden) return false;
  $("groups-waiting").hidden = state.groups.length > 0;
  picker(state, current, $("group-list"), () => render(view.state, view));
  return true;
}
