// Blockers and triggers: the reducers of its events, for every screen. Items are kept in id order
// (as in the snapshot); each screen sorts what it shows.

export const events = {
  "forces.status"(state, event) {
    state.forces = { items: [], ...(state.forces || {}), ...event.forces };
  },
  // The wall and the phones hear of shown items (a hidden one as {id, hidden: true}); the console of every item.
  "forces.item"(state, event) {
    if (!state.forces) return;
    for (const item of event.items) {
      const items = state.forces.items.filter((i) => i.id !== item.id);
      if (state.role === "facilitator" || !item.hidden) items.push(item);
      state.forces.items = items.sort((a, b) => a.id - b.id);
    }
  },
  "forces.mine"(state, event) {
    if (state.me && !state.me.forces.includes(event.item_id)) state.me.forces.push(event.item_id);
  },
};
