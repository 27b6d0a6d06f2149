// Recommendations: the reducers of its events, for every screen.

export const events = {
  "recommendations.changed"(state, event) {
    state.recommendations = event.recommendations;
    if (state.me && state.me.recommendation_ratings) {
      const ids = new Set(event.recommendations.items.map((item) => String(item.id)));
      for (const id of Object.keys(state.me.recommendation_ratings)) if (!ids.has(id)) delete state.me.recommendation_ratings[id];
    }
  },
  // Wall and console: the medians and quadrants, a few times a second at most.
  "recommendations.scores"(state, event) {
    if (!state.recommendations) return;
    const scores = new Map(event.scores.map((score) => [score.id, score]));
    state.recommendations.items = state.recommendations.items.map((item) => ({ ...item, ...(scores.get(item.id) || {}) }));
  },
  // A phone: its own ratings.
  "recommendations.mine"(state, event) {
    if (state.me) state.me.recommendation_ratings = event.ratings;
  },
};
