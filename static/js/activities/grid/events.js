// The analysis grid: the reducers of its events, for every screen.

function axisOf(state, axisId) {
  return state.grid.axes.find((a) => a.id === axisId);
}

export const events = {
  "grid.axes"(state, event) {
    state.grid = event.grid;
  },
  // Groups formed (again): each axis names the group formed around it, or none.
  "groups.formed"(state, event) {
    for (const axis of state.grid.axes) {
      const group = event.groups.find((g) => g.source === "grid" && g.source_id === axis.id);
      axis.group_id = group ? group.id : null;
    }
  },
  "grid.rows"(state, event) {
    const axis = axisOf(state, event.axis_id);
    if (axis) axis.rows = event.rows;
  },
  // Written, edited, flagged or removed entries; the list stays in the order they were written.
  "grid.entries"(state, event) {
    for (const { removed, ...entry } of event.entries) {
      const at = state.grid.entries.findIndex((e) => e.id === entry.id);
      if (removed) {
        if (at >= 0) state.grid.entries.splice(at, 1);
      } else if (at >= 0) {
        state.grid.entries[at] = entry;
      } else {
        state.grid.entries.push(entry);
        state.grid.entries.sort((a, b) => a.id - b.id);
      }
    }
  },
  "grid.resources"(state, event) {
    const axis = axisOf(state, event.axis_id);
    if (axis) axis.resources = event.resources;
  },
  "grid.wall"(state, event) {
    state.grid_wall = event.grid_wall;
  },
};
