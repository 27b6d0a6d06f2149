// Moving debate: the reducers of its events, for every screen.

const LINE = ["counts", "start", "moves", "movers", "people"];

export const events = {
  "debate.opened"(state, event) {
    const previous = state.debate;
    if (previous && previous.id !== event.debate.id && !state.debates.some((d) => d.id === previous.id)) {
      state.debates.push({ id: previous.id, text: previous.text, counts: previous.counts, moves: previous.moves,
        movers: previous.movers });
    }
    state.debate = event.debate;
    if (state.me) state.me.side = null;
  },
  "debate.closed"(state, event) {
    if (state.debate && state.debate.id === event.debate.id) state.debate = event.debate;
  },
  // Wall and console: the line, a few times a second at most.
  "debate.line"(state, event) {
    if (!state.debate || state.debate.id !== event.statement_id) return;
    for (const key of LINE) state.debate[key] = event[key];
  },
  // A phone: its own side.
  "debate.side"(state, event) {
    if (state.me && state.debate && state.debate.id === event.statement_id) state.me.side = event.side;
  },
  "debate.argued"(state, event) {
    if (state.debate && state.debate.id === event.statement_id) state.debate.arguments.push(event.argument);
  },
  "debate.unargued"(state, event) {
    if (state.debate && state.debate.id === event.statement_id) {
      state.debate.arguments = state.debate.arguments.filter((a) => a.id !== event.argument_id);
    }
  },
};
