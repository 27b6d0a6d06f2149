// Group boards: the reducers of its events, for every screen.

export const events = {
  // Groups formed again: the former boards belong to groups that are gone.
  "groups.formed"(state) {
    state.boards = {};
    state.wall_board = null;
  },
  "board.updated"(state, event) {
    state.boards[String(event.group_id)] = event.board;
  },
  "wall.board"(state, event) {
    state.wall_board = event.group_id;
  },
};
