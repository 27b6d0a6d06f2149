// Console: how many cards are filled in and ticked for each use; the useful contacts (organisations
// and public professional contact points), added, edited, removed.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
import { act, moreTime } from "../../console/act.js";
import { subtitle } from "./cards.js";
export { events } from "./events.js";

const FIELDS = ["organisation", "kind", "service", "email", "phone", "website", "offers"];
const INPUTS = { email: "addressbook-contact-email", phone: "addressbook-contact-phone" };
let view = null;

function input(field) {
  return $(INPUTS[field] || `addressbook-${field}`);
}

function edit(card) {
  $("addressbook-contact-id").value = String(card.id);
  const values = { organisation: card.structure, kind: card.kind, service: card.role, email: card.email,
    phone: card.phone, website: card.website, offers: card.bring };
  for (const field of FIELDS) input(field).value = values[field] || "";
  $("addressbook-contact-submit").textContent = strings.addressbook_save_contact;
  input("organisation").focus();
}

function reset() {
  $("addressbook-contact-form").reset();
  $("addressbook-contact-id").value = "";
  $("addressbook-contact-submit").textContent = strings.addressbook_add_contact;
}

export function render(state, current) {
  view = current;
  const book = state.addressbook;
  $("addressbook-state").textContent = fmt(strings.addressbook_filled, { filled: book.filled, ...book.consents });
  fill($("addressbook-contacts"), book.cards.filter((c) => c.kind !== "participant").map((card) => el("li", { class: "issue" },
    el("p", { class: "issue-text" }, card.structure, " ", el("span", { class: "tag" }, subtitle(card))),
    el("div", { class: "row-actions" },
      el("button", { type: "button", "aria-label": fmt(strings.addressbook_edit_contact_named, { text: card.structure }),
        onclick: () => edit(card) }, strings.addressbook_edit),
      el("button", { type: "button", "aria-label": fmt(strings.addressbook_remove_contact_named, { text: card.structure }),
        onclick: () => act(view, "addressbook.remove_contact", { contact_id: card.id }) }, strings.remove)))));
}

$("addressbook-contact-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view) return;
  const payload = {};
  for (const field of FIELDS) payload[field] = input(field).value.trim();
  const id = $("addressbook-contact-id").value;
  if (id) payload.contact_id = Number(id);
  const answer = await view.send(id ? "addressbook.edit_contact" : "addressbook.add_contact", payload);
  $("addressbook-contact-error").textContent = answer.ok ? "" : answer.error || "";
  if (answer.ok) reset();
});

// The header's action for an address-book step: the cards fill themselves from the phones; what the
// facilitator adds is the useful contacts not in the room.
export function action(state, step) {
  if (step.phase !== "addressbook") return null;
  return { label: strings.addressbook_add_contact_action, section: "addressbook-organisation" };
}

// Who has not filled in their card yet, and a minute more for them.
export function nudges(state, step) {
  if (step.phase !== "addressbook") return [];
  const missing = state.participants.length - state.addressbook.filled;
  return missing > 0 ? [{ key: "addressbook-missing", text: count("addressbook_not_filled", missing), ...moreTime(step) }] : [];
}
