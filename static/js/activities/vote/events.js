// Vote: the reducers of its events, for every screen (a phone's own ballot under `me`).

export const events = {
  "vote.opened"(state, event) {
    state.vote = event.vote;
    if (state.me) Object.assign(state.me, { ballot: {}, dots_left: event.vote.dots ?? null });
  },
  "tally.updated"(state, event) {
    state.vote = event.vote;
  },
  "vote.closed"(state, event) {
    state.vote = event.vote;
  },
  "ballot.updated"(state, event) {
    if (state.me) Object.assign(state.me, { ballot: event.ballot, dots_left: event.dots_left });
  },
};
