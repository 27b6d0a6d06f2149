// Phone, "addressbook" phase: fill in one's card and tick, one by one, who may see it; browse and
// search the room's address book (the cards made visible to the room, and the useful contacts).
import { $, fill, fmt, strings } from "../../kiosk.js";
import { cardItem, matches, title } from "./cards.js";
export { events } from "./events.js";

const FIELDS = ["name", "structure", "role", "email", "phone", "bring", "seek"];
const USES = ["room", "report", "absentees"];
let view = null;
let shown = undefined; // the card the form was last filled from: typing is never overwritten
let opened = false; // the card's form opens by itself once, for someone who has no card yet

function fillForm(state) {
  const card = state.me ? state.me.card : null;
  for (const field of FIELDS) {
    $(`addressbook-${field}`).value = card ? card[field] : field === "name" && state.me ? state.me.name : "";
  }
  // Never ticked for the participant: only what they ticked themselves comes back.
  for (const use of USES) $(`addressbook-${use}`).checked = Boolean(card && card.consents[use]);
}

export function render(state, current) {
  view = current;
  const section = $("addressbook");
  section.hidden = state.phase !== "addressbook";
  if (section.hidden) return false;
  const card = state.me ? state.me.card : null;
  const key = card ? JSON.stringify(card) : null;
  if (shown !== key && !$("addressbook-form").contains(document.activeElement)) {
    fillForm(state);
    shown = key;
  }
  if (!opened) {
    $("addressbook-mine").open = !card;
    opened = true;
  }
  $("addressbook-remove").hidden = !card;
  const query = $("addressbook-search").value;
  const cards = state.addressbook.cards;
  const found = query.trim() ? cards.filter((c) => matches(c, query)) : cards;
  const sorted = [...found].sort((a, b) => (a.kind === "participant") === (b.kind === "participant")
    ? title(a).localeCompare(title(b)) : a.kind === "participant" ? -1 : 1);
  fill($("addressbook-cards"), sorted.map(cardItem));
  $("addressbook-count").textContent = !cards.length ? strings.addressbook_empty
    : !found.length ? strings.addressbook_none : fmt(strings.addressbook_count, { shown: found.length, total: cards.length });
  return true;
}

$("addressbook-search").addEventListener("input", () => view && render(view.state, view));

$("addressbook-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view) return;
  const payload = {};
  for (const field of FIELDS) payload[field] = $(`addressbook-${field}`).value.trim();
  for (const use of USES) payload[use] = $(`addressbook-${use}`).checked;
  const error = $("addressbook-error");
  error.textContent = "";
  $("addressbook-done").textContent = "";
  const button = event.target.querySelector("button[type=submit]");
  button.disabled = true;
  const answer = await view.send("addressbook.save", payload);
  button.disabled = false;
  if (answer.ok) {
    if (view.state.me) view.state.me.card = answer.card;
    shown = JSON.stringify(answer.card);
    $("addressbook-done").textContent = strings.addressbook_saved;
    render(view.state, view);
  } else if (answer.error) {
    error.textContent = answer.error;
  }
});

$("addressbook-remove").addEventListener("click", async () => {
  if (!view) return;
  const answer = await view.send("addressbook.remove", {});
  if (answer.ok) {
    if (view.state.me) view.state.me.card = null;
    shown = null;
    fillForm(view.state);
    $("addressbook-done").textContent = strings.addressbook_removed;
    render(view.state, view);
  } else if (answer.error) {
    $("addressbook-error").textContent = answer.error;
  }
});
