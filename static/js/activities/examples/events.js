// Examples per table and typology: the reducers of its events, for every screen. Examples and
// categories are kept in id order (as in the snapshot).

function blank(state) {
  if (!state.examples) state.examples = { status: "closed", prompt: "", remote: [], examples: [], categories: [] };
  return state.examples;
}

export const events = {
  "examples.status"(state, event) {
    Object.assign(blank(state), event.examples);
  },
  "examples.changed"(state, event) {
    const pads = blank(state);
    for (const example of event.examples) {
      const list = pads.examples.filter((e) => e.id !== example.id);
      if (!example.removed) list.push(example);
      pads.examples = list.sort((a, b) => a.id - b.id);
    }
  },
  "examples.category"(state, event) {
    const pads = blank(state);
    pads.categories = [...pads.categories.filter((c) => c.id !== event.category.id), event.category]
      .sort((a, b) => a.id - b.id);
  },
};

// The table whose pad a phone writes in: its group (the groups' `me.group_id`), or null.
export function myTable(state) {
  const id = state.me ? state.me.group_id : null;
  const group = (state.groups || []).find((g) => g.id === id);
  return group ? group.name : null;
}
