// Group boards: the reducers of its events, for every screen.

export const events = {
  // Groups formed (again): each new group starts with an empty board; the former boards are gone.
  "groups.formed"(state, event) {
    state.boards = Object.fromEntries(event.groups.map((g) => [String(g.id), []]));
    state.wall_board = null;
  },
  "board.updated"(state, event) {
    state.boards[String(event.group_id)] = event.board;
  },
  "wall.board"(state, event) {
    state.wall_board = event.group_id;
  },
};
