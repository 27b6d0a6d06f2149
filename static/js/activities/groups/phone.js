// Phone, "groups" phase: join the group of an issue, volunteer as its secretary.
import { $, el, fill, nameOf, say, strings, fmt } from "../../kiosk.js";
import { events as reducers } from "./events.js";

let view = null;

async function act(name, payload) {
  const answer = await view.send(name, payload);
  if (!answer.ok) say(answer.error, "error");
  else if (answer.group !== undefined) {
    const at = view.state.groups.findIndex((g) => answer.group && g.id === answer.group.id);
    if (at >= 0) view.state.groups[at] = answer.group;
    view.state.me.group_id = answer.group ? answer.group.id : null;
    render(view.state, view);
  }
}

export const events = {
  ...reducers,
  "group.updated"(state, event) {
    reducers["group.updated"](state, event);
    // Someone who joined after this phone's snapshot: fetch the names again.
    const unknown = state.groups.some((g) => g.members.some((id) => !state.participants.some((p) => p.id === id)));
    if (unknown && view) view.send("state.get", {});
  },
};

export function render(state, current) {
  view = current;
  const section = $("groups");
  section.hidden = state.phase !== "groups";
  if (section.hidden) return false;
  $("groups-waiting").hidden = state.groups.length > 0;
  const me = state.me;
  fill($("group-list"), state.groups.map((group) => {
    const mine = me.group_id === group.id;
    const names = group.members.map((id) => nameOf(state, id) + (id === group.secretary ? ` (${strings.secretary})` : ""));
    return el("li", { class: mine ? "group mine" : "group" },
      el("h3", {}, group.name),
      el("p", { class: "members" }, names.length ? names.join(", ") : strings.nobody_yet),
      mine
        ? el("p", {}, el("strong", {}, strings.your_group),
          group.secretary === null
            ? el("button", { type: "button", "data-key": `sec-${group.id}`,
              onclick: () => act("group.secretary", { group_id: group.id, participant_id: me.id }) }, strings.volunteer)
            : null)
        : el("button", { type: "button", "data-key": `join-${group.id}`,
          "aria-label": fmt(strings.join_group_named, { name: group.name }),
          onclick: () => act("group.join", { group_id: group.id }) }, strings.join_group));
  }));
  return true;
}
