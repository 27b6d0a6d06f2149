// Groups: the reducers of its events, for every screen (a phone's own group under `me`).

export const events = {
  "groups.formed"(state, event) {
    state.groups = event.groups;
    if (state.me) state.me.group_id = null;
  },
  "group.updated"(state, event) {
    const at = state.groups.findIndex((g) => g.id === event.group.id);
    if (at >= 0) state.groups[at] = event.group;
    if (state.me) {
      const mine = state.groups.find((g) => g.members.includes(state.me.id));
      state.me.group_id = mine ? mine.id : null;
    }
  },
};
