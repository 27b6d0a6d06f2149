// Surprises: the reducers of its events, for every screen. Kept in id order (as in the snapshot).

export const events = {
  "surprises.status"(state, event) {
    state.surprises = { items: [], ...(state.surprises || {}), ...event.surprises };
  },
  "surprises.changed"(state, event) {
    if (!state.surprises) return;
    for (const item of event.items) {
      const items = state.surprises.items.filter((i) => i.id !== item.id);
      if (!item.gone) items.push(item);
      state.surprises.items = items.sort((a, b) => a.id - b.id);
    }
  },
};

// The tables in the order they first posted, each with its surprises.
export function byTable(items) {
  const tables = [...new Set(items.map((i) => i.table))];
  return tables.map((table) => ({ table, items: items.filter((i) => i.table === table) }));
}
