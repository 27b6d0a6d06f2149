// Project seeds: the reducers of its events, for every screen.

export const events = {
  "seeds.opened"(state, event) {
    state.seeds = event.seeds;
  },
  "seed.updated"(state, event) {
    const at = state.seeds.findIndex((s) => s.id === event.seed.id);
    if (at >= 0) state.seeds[at] = event.seed;
    else state.seeds.push(event.seed);
  },
  "seed.shown"(state, event) {
    state.seeds_shown = event.seed_id;
  },
};
