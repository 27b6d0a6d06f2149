// Report-back: the reducers of its events, for every screen. The console keeps hidden reactions
// (marked); the other screens drop them.
import { syncClock } from "../../timer.js";

export const events = {
  "report.changed"(state, event) {
    state.report = event.report;
    syncClock(event.now);
  },
  "reaction.posted"(state, event) {
    const list = state.reactions || (state.reactions = []);
    if (!list.some((r) => r.id === event.reaction.id)) list.push(event.reaction);
  },
  "reaction.hidden"(state, event) {
    const list = state.reactions || [];
    const at = list.findIndex((r) => r.id === event.reaction.id);
    if (at < 0) return;
    if (state.role === "facilitator") list[at] = { ...list[at], hidden: true };
    else list.splice(at, 1);
  },
};
