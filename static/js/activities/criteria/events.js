// Criteria and radar: the reducers of its events, for every screen.

export const events = {
  "criteria.changed"(state, event) {
    state.criteria = event.criteria;
    if (state.me && state.me.ratings && event.criteria) {
      const ids = new Set(event.criteria.items.map((item) => String(item.id)));
      for (const id of Object.keys(state.me.ratings)) if (!ids.has(id)) delete state.me.ratings[id];
    }
  },
  // Wall and console: the radar, a few times a second at most.
  "criteria.radar"(state, event) {
    if (!state.criteria) return;
    const stats = new Map(event.radar.map((item) => [item.id, item]));
    state.criteria.items = state.criteria.items.map((item) => ({ ...item, ...(stats.get(item.id) || {}) }));
    state.criteria.people = event.people;
  },
  // A phone: its own ratings.
  "criteria.mine"(state, event) {
    if (state.me) state.me.ratings = event.ratings;
  },
};
