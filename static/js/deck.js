// The card deck, shared by the screens: look families and cards up by id; the full text on demand.
//
// The snapshot's `deck` holds each card's title only; an expert reading their cards needs the
// descriptions and examples, fetched once from GET /api/deck (public, cacheable).

let full = null;
let loading = null;

// The family with this id ({id, name, color, description, cards}), or null.
export function familyById(state, familyId) {
  return (state.deck && state.deck.families.find((f) => f.id === familyId)) || null;
}

// {card, family} for a card id, or null: card holds {id, title} (more once the full deck is in).
export function cardById(state, cardId) {
  const families = (full && full.families) || (state.deck && state.deck.families) || [];
  for (const family of families) {
    const card = family.cards.find((c) => c.id === cardId);
    if (card) return { card, family };
  }
  return null;
}

// The full deck if already fetched, else null and it is fetched: `onReady(deck)` runs once it
// arrives. A failed fetch (Wi-Fi gone) is tried again at the next call.
export function fullDeck(onReady, deckId) {
  if (full && deckId && full.id !== deckId) full = null; // the facilitator chose another deck
  if (full) return full;
  if (!loading) {
    loading = fetch(`/api/deck?id=${encodeURIComponent(deckId || "")}`, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null)
      .then((deck) => {
        full = deck;
        loading = null;
        if (deck && onReady) onReady(deck);
      });
  }
  return null;
}
