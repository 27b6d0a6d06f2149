// Word cloud: the reducers of its events, for every screen.

export const events = {
  "wordcloud.opened"(state, event) {
    if (state.wordcloud && state.wordcloud.id !== event.wordcloud.id) {
      const previous = state.wordcloud;
      if (!state.wordclouds.some((c) => c.id === previous.id)) {
        state.wordclouds.push({ id: previous.id, prompt: previous.prompt, people: previous.people });
      }
    }
    state.wordcloud = state.role === "facilitator" ? { ...event.wordcloud, merges: {} } : event.wordcloud;
    if (state.me) state.me.words = [];
  },
  "wordcloud.closed"(state, event) {
    if (!state.wordcloud || state.wordcloud.id !== event.wordcloud.id) return;
    const { words, ...rest } = event.wordcloud;
    Object.assign(state.wordcloud, rest);
    // The console keeps its own list (hidden words too); the others take the final words.
    if (state.role !== "facilitator") state.wordcloud.words = words;
  },
  // Wall and console: the words, a few times a second at most (the console's copy: every word, and the merges).
  "wordcloud.words"(state, event) {
    if (!state.wordcloud || state.wordcloud.id !== event.cloud_id) return;
    state.wordcloud.people = event.people;
    state.wordcloud.words = event.words;
    if (event.merges) state.wordcloud.merges = event.merges;
  },
  // A participant's own words.
  "wordcloud.mine"(state, event) {
    if (state.me && state.wordcloud && state.wordcloud.id === event.cloud_id) state.me.words = event.words;
  },
};
