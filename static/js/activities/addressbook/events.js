// Address book: the reducers of its events, for every screen. The room's cards are the consented
// participants' (by participant) then the useful contacts (by id), as in the snapshot.

function rank(card) {
  return card.participant !== null ? [0, card.participant] : [1, card.id];
}

export function byBook(a, b) {
  const [ka, ia] = rank(a);
  const [kb, ib] = rank(b);
  return ka - kb || ia - ib;
}

export const events = {
  // A card entered, changed or left the room's view (a consent taken back: it leaves at once).
  "addressbook.card"(state, event) {
    const book = state.addressbook;
    book.filled = event.filled;
    book.consents = event.consents;
    const cards = book.cards.filter((card) => card.key !== event.key);
    if (event.card) cards.push(event.card);
    book.cards = cards.sort(byBook);
  },
  // A participant's own card, with its consents.
  "addressbook.mine"(state, event) {
    if (state.me) state.me.card = event.card;
  },
};
