// Wall, "groups" phase: each group with its issue, its members' first names and its secretary.
import { $, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
export { events } from "./events.js";

export function render(state) {
  const section = $("groups");
  section.hidden = state.phase !== "groups";
  if (section.hidden) return false;
  $("groups-waiting").hidden = state.groups.length > 0;
  fill($("group-list"), state.groups.map((group) =>
    el("li", { class: "group" },
      el("h3", {}, group.name),
      el("p", { class: "secretary" }, group.secretary ? fmt(strings.secretary_is, { name: nameOf(state, group.secretary) }) : strings.no_secretary),
      el("ul", { class: "names" }, ...group.members.filter((id) => id !== group.secretary)
        .map((id) => el("li", {}, nameOf(state, id)))))));
  return true;
}
