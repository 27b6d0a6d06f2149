// Census: the reducers of its events, for every screen. Phones hold their own entries and the
// counts, never the census itself; the console asks for the entries a page at a time.

export const events = {
  "census.opened"(state, event) {
    state.census = event.census;
  },
  "census.closed"(state, event) {
    state.census = event.census;
  },
  // A few times a second at most: the total and the counts by theme, commune and source.
  "census.counts"(state, event) {
    if (state.census) state.census.counts = event.counts;
  },
  // A participant's own entries.
  "census.mine"(state, event) {
    if (state.me) state.me.census = event.entries;
  },
  // The console: the possible duplicates waiting for a decision.
  "census.review"(state, event) {
    state.census_review = event.review;
  },
};
