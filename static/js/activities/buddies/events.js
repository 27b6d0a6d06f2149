// Motivation buddies: the reducers of its events, for every screen (a phone's own under `me`).

export const events = {
  "buddies.updated"(state, event) {
    state.buddies = event.buddies;
  },
  "buddy.chosen"(state, event) {
    if (state.me) state.me.buddy = event.buddy;
  },
};
