// Expert families: the reducers of its events, for every screen.

export const events = {
  "family.claimed"(state, event) {
    state.claims[event.family_id] = event.claims;
  },
  "family.released"(state, event) {
    state.claims[event.family_id] = event.claims;
  },
  "families.limit"(state, event) {
    state.families_limit = event.max;
  },
};
