// Console: the card deck in use, and the decks the box can see (shipped, imported, on a stick).
import { $, el, fill, fmt, strings } from "../kiosk.js";
import { act } from "./act.js";

let view = null;

// One file the box can see (a deck, a programme): what it is and where, its problems, or "in use",
// or a button to use it. A file on a stick is never the one in use: using it copies it in.
export function fileRow(entry, { label, current, key, button, disabled = false, use }) {
  const source = strings[`deck_source_${entry.source}`] || entry.source;
  if (!entry.ok) {
    return el("li", { class: "issue" }, el("p", { class: "issue-text" }, entry.file, el("span", { class: "by" }, ` — ${source}`)),
      el("p", { class: "error" }, entry.problems.join(" · ")));
  }
  return el("li", { class: "issue" },
    el("p", { class: "issue-text" }, label, el("span", { class: "by" }, ` — ${entry.file} · ${source}`)),
    current && entry.source !== "usb" ? el("p", { class: "tag" }, strings.deck_in_use_now)
      : el("button", { type: "button", "data-key": key, disabled, onclick: use }, button));
}

function deckRow(state, entry) {
  return fileRow(entry, {
    label: `${entry.title} (${entry.lang}, ${entry.families} · ${entry.cards})`,
    current: state.deck && state.deck.id === entry.id, key: `deck-${entry.path}`, button: strings.deck_use,
    use: () => act(view, "deck.choose", { path: entry.path }, look),
  });
}

async function look() {
  const answer = await view.send("decks.list", {});
  if (answer.ok) {
    fill($("deck-list"), answer.decks.length ? answer.decks.map((entry) => deckRow(view.state, entry))
      : [el("li", {}, strings.deck_none_found)]);
  }
}

export function render(state, current) {
  view = current;
  const deck = state.deck;
  $("deck-current").textContent = deck
    ? fmt(strings.deck_current, { title: deck.title, families: deck.families.length,
      cards: deck.families.reduce((n, f) => n + f.cards.length, 0) })
    : "";
}

$("decks-look").addEventListener("click", () => look());
