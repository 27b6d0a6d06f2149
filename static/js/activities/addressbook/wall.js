// Wall, "addressbook" phase: who is who, from the cards made visible to the room, and how many
// cards are filled in (never a contact detail on the wall). As many cards as the screen holds, the
// rest counted: a projector never scrolls.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
import { title } from "./cards.js";
export { events } from "./events.js";

let last = null;

// Drop the cards below the screen's bottom edge; the last one left says how many more there are.
function fit(list, total) {
  const bottom = window.innerHeight - 8;
  while (list.lastElementChild && list.lastElementChild.getBoundingClientRect().bottom > bottom) list.lastElementChild.remove();
  const shown = list.children.length;
  if (shown < total && shown > 0) {
    list.lastElementChild.remove();
    list.append(el("li", { class: "more" }, fmt(strings.addressbook_more, { n: total - shown + 1 })));
  }
}

export function render(state) {
  const section = $("addressbook");
  section.hidden = state.phase !== "addressbook";
  last = section.hidden ? null : state;
  if (section.hidden) return false;
  const book = state.addressbook;
  $("addressbook-summary").textContent = fmt(strings.addressbook_filled, { filled: book.filled, ...book.consents });
  const people = book.cards.filter((c) => c.kind === "participant");
  const list = $("addressbook-wall-cards");
  fill(list, people.map((card) => el("li", {},
    el("span", { class: "abook-name" }, title(card)),
    card.structure ? el("span", { class: "abook-sub" }, card.structure) : null)));
  fit(list, people.length);
  return true;
}

window.addEventListener("resize", () => last && render(last));
