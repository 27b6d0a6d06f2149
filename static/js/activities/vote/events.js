// Vote: the reducers of its events, for every screen (a phone's own ballot under `me`).

// `vote.opened` leaves out a dots vote's results, all zero at the opening: laid out here from its
// items' ids, every item tied first with no dot, as the box counts them.
function withResults(vote) {
  if (vote.method !== "dots" || vote.hidden || vote.results.length) return vote;
  return { ...vote, results: vote.issue_ids.map((id) => ({ issue_id: id, rank: 1, dots: 0 })) };
}

export const events = {
  "vote.opened"(state, event) {
    state.vote = withResults(event.vote);
    if (state.me) Object.assign(state.me, { ballot: {}, dots_left: event.vote.dots ?? null });
  },
  "tally.updated"(state, event) {
    state.vote = event.vote;
  },
  // `vote.closed` carries what closing changed (status, voters, results): the rest is the vote held.
  "vote.closed"(state, event) {
    state.vote = state.vote && state.vote.id === event.vote.id ? { ...state.vote, ...event.vote } : event.vote;
  },
  "ballot.updated"(state, event) {
    if (state.me) Object.assign(state.me, { ballot: event.ballot, dots_left: event.dots_left });
  },
};
