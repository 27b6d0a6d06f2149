// Console: the expert families. Who holds each one, assign one to someone (beyond the limit),
// release one for someone, and how many families a participant may claim.
import { $, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
export { events } from "./events.js";

let view = null;

function expert(family, id, name) {
  return el("li", {}, name, " ",
    el("button", {
      type: "button", "data-key": `release-${family.id}-${id}`,
      "aria-label": fmt(strings.release_for_named, { family: family.name, name }),
      onclick: () => act(view, "family.release", { family_id: family.id, participant_id: id }),
    }, strings.release_family));
}

function assignSelect(state, family, experts) {
  const others = state.participants.filter((p) => !experts.includes(p.id));
  if (!others.length) return null;
  return el("label", { class: "inline" },
    el("span", { class: "visually-hidden" }, fmt(strings.assign_named, { family: family.name })),
    el("select", {
      "data-key": `assign-${family.id}`,
      onchange: (event) => {
        const id = Number(event.target.value);
        if (id) act(view, "family.assign", { family_id: family.id, participant_id: id });
      },
    }, el("option", { value: "" }, strings.assign_to), ...others.map((p) => el("option", { value: String(p.id) }, p.name))));
}

function familyCard(state, family) {
  const experts = state.claims[family.id] || [];
  return el("li", { class: experts.length ? "family-row" : "family-row nobody", style: `--family: ${family.color}` },
    el("h3", {}, el("span", { class: "family-chip", "aria-hidden": "true" }), family.name),
    experts.length
      ? el("ul", { class: "plain experts-list" }, ...experts.map((id) => expert(family, id, nameOf(state, id))))
      : el("p", { class: "tag" }, strings.nobody_yet),
    assignSelect(state, family, experts));
}

export function render(state, current) {
  view = current;
  if (!state.deck) return;
  const input = $("families-max");
  if (document.activeElement !== input) input.value = String(state.families_limit);
  const covered = state.deck.families.filter((f) => (state.claims[f.id] || []).length).length;
  $("families-summary").textContent = fmt(strings.families_covered, { n: covered, total: state.deck.families.length });
  fill($("console-families"), state.deck.families.map((family) => familyCard(state, family)));
}

$("families-limit-form").addEventListener("submit", (event) => {
  event.preventDefault();
  act(view, "families.limit", { max: Number($("families-max").value) });
});
