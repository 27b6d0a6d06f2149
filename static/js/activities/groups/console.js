// Console: form the groups from the vote, move people, balance, name secretaries.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
export { events } from "./events.js";

let view = null;

function moveSelect(state, person, currentGroup) {
  return el("label", { class: "inline" },
    el("span", { class: "visually-hidden" }, fmt(strings.move_named, { name: person.name })),
    el("select", {
      "data-key": `move-${person.id}`,
      onchange: (event) => {
        const target = Number(event.target.value);
        if (target) act(view, "group.join", { group_id: target, participant_id: person.id });
        else act(view, "group.leave", { participant_id: person.id });
      },
    }, el("option", { value: "", selected: !currentGroup }, strings.no_group),
    ...state.groups.map((g) => el("option", { value: String(g.id), selected: currentGroup === g.id }, g.name))));
}

function ungrouped(state) {
  const placed = new Set(state.groups.flatMap((g) => g.members));
  return state.participants.filter((p) => !placed.has(p.id));
}

// The header's action for a groups step: form the step's groups (as many as the vote allows).
// Form the groups; when they exist already from another source than the step's (`from`: the tables
// of an earlier day), forming them again from the step's source, once confirmed.
export function action(state, step) {
  if (step.phase !== "groups") return null;
  const payload = { count: step.groups || 3, ...(step.from ? { from: step.from } : {}) };
  if (!state.groups.length) return { label: strings.groups_form_action, command: "groups.form", payload };
  if (!step.from || state.groups[0].source === step.from) return null;
  return { label: strings.groups_form_action, command: "groups.form", payload, confirm: strings.reform_confirm };
}

// Once the groups exist: who is in none, and the way to put everyone in one.
export function nudges(state, step) {
  if (!["groups", "families", "board"].includes(step.phase) || !state.groups.length) return [];
  const alone = ungrouped(state).length;
  if (!alone) return [];
  return [{ key: "ungrouped", text: count("ungrouped_n", alone), label: strings.groups_balance_action, command: "groups.balance" }];
}

function groupCard(state, group) {
  const people = group.members.map((id) => state.participants.find((p) => p.id === id)).filter(Boolean);
  return el("li", { class: "group" },
    el("h3", {}, group.name),
    el("label", {}, strings.secretary_label,
      el("select", {
        "data-key": `sec-${group.id}`,
        onchange: (event) => act(view, "group.secretary", { group_id: group.id, participant_id: event.target.value ? Number(event.target.value) : null }),
      }, el("option", { value: "" }, strings.none),
      ...state.participants.map((p) => el("option", { value: String(p.id), selected: group.secretary === p.id }, p.name)))),
    el("ul", { class: "plain" }, ...people.map((p) => el("li", {}, p.name, " ", moveSelect(state, p, group.id)))));
}

export function render(state, current) {
  view = current;
  fill($("console-groups"), state.groups.map((g) => groupCard(state, g)));
  const alone = ungrouped(state);
  $("ungrouped").hidden = !state.groups.length || !alone.length;
  fill($("ungrouped-list"), alone.map((p) => el("li", {}, p.name, " ", moveSelect(state, p, null))));
  $("groups-balance").hidden = !state.groups.length;
}

$("groups-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const count = Number(event.target.elements.count.value);
  if (view.state.groups.length && !confirm(strings.reform_confirm)) return;
  act(view, "groups.form", { count });
});

$("groups-balance").addEventListener("click", () => act(view, "groups.balance", {}));
