// Round table: the reducer of its one event, for every screen.
import { syncClock } from "../../timer.js";

export const events = {
  "roundtable.changed"(state, event) {
    state.roundtable = event.roundtable;
    syncClock(event.now);
  },
};
