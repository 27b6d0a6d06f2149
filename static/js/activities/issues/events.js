// Issues: the reducers of its events, for every screen. Hidden issues stay only on the console.

function add(state, issue) {
  if (!state.issues.some((i) => i.id === issue.id)) state.issues.push(issue);
}

export const events = {
  // The wall and the console get each new issue at once.
  "issue.proposed"(state, event) {
    add(state, event.issue);
  },
  // Phones get new issues gathered, a few times a second at most.
  "issues.proposed"(state, event) {
    for (const issue of event.issues) add(state, issue);
  },
  "issue.updated"(state, event) {
    const at = state.issues.findIndex((i) => i.id === event.issue.id);
    const hidden = event.hidden || event.issue.hidden;
    if (at >= 0 && hidden && state.role !== "facilitator") state.issues.splice(at, 1);
    else if (at >= 0) state.issues[at] = event.issue;
    else if (!hidden || state.role === "facilitator") state.issues.push(event.issue);
    // A phone's own proposals: one hidden by the facilitator is no longer its to reword or withdraw.
    if (state.me && hidden) state.me.issue_ids = (state.me.issue_ids || []).filter((id) => id !== event.issue.id);
  },
  "issues.proposals"(state, event) {
    state.proposals = event.open;
  },
};
