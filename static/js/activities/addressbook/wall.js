// Wall, "addressbook" phase: who is who, from the cards made visible to the room, and how many
// cards are filled in (never a contact detail on the wall). The box fits the stage (wall/fit.js):
// with a full room, the cards go on pages.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
import { title } from "./cards.js";
export { events } from "./events.js";

export function render(state) {
  const section = $("addressbook");
  section.hidden = state.phase !== "addressbook";
  if (section.hidden) return false;
  const book = state.addressbook;
  $("addressbook-summary").textContent = fmt(strings.addressbook_filled, { filled: book.filled, ...book.consents });
  const people = book.cards.filter((c) => c.kind === "participant");
  fill($("addressbook-wall-cards"), people.map((card) => el("li", {},
    el("span", { class: "abook-name" }, title(card)),
    card.structure ? el("span", { class: "abook-sub" }, card.structure) : null)));
  return true;
}
