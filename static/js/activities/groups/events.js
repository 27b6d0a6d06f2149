// Groups: the reducers of its events, for every screen (a phone's own group under `me`).

export const events = {
  "groups.formed"(state, event) {
    state.groups = event.groups;
    if (state.me) state.me.group_id = null;
  },
  // Every phone: who is in which group, with the members' names (coalesced, sent to phones only).
  "groups.members"(state, event) {
    for (const update of event.groups) {
      const group = state.groups.find((g) => g.id === update.id);
      if (group) Object.assign(group, { members: update.members, secretary: update.secretary });
    }
    for (const person of event.names) {
      const at = state.participants.findIndex((p) => p.id === person.id);
      if (at >= 0) state.participants[at] = person;
      else state.participants.push(person);
    }
    if (state.me) {
      const mine = state.groups.find((g) => g.members.includes(state.me.id));
      state.me.group_id = mine ? mine.id : null;
    }
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
