// Phone, "families" phase: claim the families you will be the expert of (within the limit), then
// read their cards one at a time, in large type, to read them aloud to your group.
import { $, el, fill, fmt, say, strings } from "../../kiosk.js";
import { fullDeck } from "../../deck.js";
export { events } from "./events.js";

let view = null;
let shownCard = null; // id of the card on screen: it stays there when the list changes

function heldFamilies(state) {
  const me = state.me;
  if (!me || !state.deck) return [];
  return state.deck.families.filter((f) => (state.claims[f.id] || []).includes(me.id));
}

async function act(name, familyId) {
  const answer = await view.send(name, { family_id: familyId });
  if (!answer.ok) {
    say(answer.error, "error");
    return;
  }
  say("", "ok");
  view.state.claims[answer.family_id] = answer.claims;
  render(view.state, view);
}

function familyItem(state, family, held) {
  return el("li", { class: held ? "family-item held" : "family-item", style: `--family: ${family.color}` },
    el("h3", {}, el("span", { class: "family-chip", "aria-hidden": "true" }), family.name),
    el("p", { class: "family-text" }, family.description),
    el("button", {
      type: "button",
      class: held ? "" : "claim",
      "data-key": `family-${family.id}`,
      "aria-label": fmt(held ? strings.release_family_named : strings.claim_family_named, { name: family.name }),
      onclick: () => act(held ? "family.release" : "family.claim", family.id),
    }, held ? strings.release_family : strings.claim_family));
}

// The cards of the families held, in deck order: the full text once /api/deck has answered.
function readerCards(state, held) {
  const deck = fullDeck(() => render(view.state, view), state.deck && state.deck.id);
  const source = deck ? deck.families : held;
  return held.flatMap((family) => {
    const full = source.find((f) => f.id === family.id) || family;
    return full.cards.map((card) => ({ card, family }));
  });
}

function cardView(entry, loaded) {
  const { card, family } = entry;
  return [
    el("p", { class: "reader-family", style: `--family: ${family.color}` }, family.name),
    el("h3", { class: "reader-title", id: "reader-card-title" }, card.title),
    loaded ? el("p", { class: "reader-text" }, card.description) : el("p", { class: "help" }, strings.cards_loading),
    loaded && card.examples && card.examples.length
      ? el("div", { class: "reader-examples" },
        el("h4", {}, strings.examples),
        el("ul", {}, ...card.examples.map((example) => el("li", {}, example))))
      : null,
  ];
}

function renderReader(state, held) {
  const cards = readerCards(state, held);
  $("reader").hidden = cards.length === 0;
  if (!cards.length) {
    shownCard = null;
    return;
  }
  let at = cards.findIndex((c) => c.card.id === shownCard);
  if (at < 0) at = 0;
  shownCard = cards[at].card.id;
  const loaded = cards[at].card.description !== undefined;
  fill($("reader-card"), cardView(cards[at], loaded));
  $("card-count").textContent = fmt(strings.card_n_of, { n: at + 1, total: cards.length });
  // aria-disabled, not disabled: a button that becomes disabled would drop the keyboard focus.
  const targets = { "card-prev": cards[at - 1], "card-next": cards[at + 1] };
  for (const [id, target] of Object.entries(targets)) {
    $(id).dataset.target = target ? target.card.id : "";
    $(id).setAttribute("aria-disabled", String(!target));
  }
}

export function render(state, current) {
  view = current;
  const section = $("families");
  section.hidden = state.phase !== "families" || !state.deck;
  if (section.hidden) return false;
  const held = heldFamilies(state);
  const max = state.families_limit;
  $("families-help").textContent = fmt(strings.families_help, { max });
  // At the limit only the families held are listed (to release one): the cards come right after.
  const full = held.length >= max;
  $("families-held").textContent = fmt(strings.families_held, { n: held.length, max }) + (full ? ` ${strings.families_full}` : "");
  const heldIds = new Set(held.map((f) => f.id));
  const listed = full ? held : state.deck.families;
  fill($("family-list"), listed.map((family) => familyItem(state, family, heldIds.has(family.id))));
  renderReader(state, held);
  return true;
}

for (const id of ["card-prev", "card-next"]) {
  $(id).addEventListener("click", (event) => {
    const target = event.currentTarget.dataset.target;
    if (!target || !view) return;
    shownCard = target;
    render(view.state, view);
    $("reader-card-title").scrollIntoView({ block: "nearest" });
  });
}
