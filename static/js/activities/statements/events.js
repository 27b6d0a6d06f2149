// Statements: the reducers of its events, for every screen.
import { fmt, strings } from "../../kiosk.js";

export const events = {
  "statements.prompt"(state, event) {
    state.statements.prompt = event.prompt;
  },
  // Console: the inbox grows; the author's phone: their statement, waiting.
  "statements.proposed"(state, event) {
    if (state.role === "facilitator") state.statements.pending.push(event.statement);
    else if (state.me) {
      state.me.statements_mine.push({ ...event.statement, agree: 0, disagree: 0, pass: 0, verdict: null, direction: null });
    }
  },
  "statements.moderated"(state, event) {
    if (state.role === "facilitator") {
      state.statements.pending = state.statements.pending.filter((s) => s.id !== event.id);
    } else if (state.me) {
      const mine = state.me.statements_mine.find((s) => s.id === event.id);
      if (mine) mine.status = event.status;
    }
  },
  // Everyone: one more live statement; a phone with nothing to answer takes it (never its own).
  "statements.published"(state, event) {
    state.statements.count = event.count;
    if (state.role === "facilitator") {
      placed(state.statements.items, { ...event.statement, status: "accepted", agree: 0, disagree: 0, pass: 0, verdict: null, direction: null }, false);
    }
    if (state.me && !state.me.statement && !state.me.statements_mine.some((s) => s.id === event.statement.id)) {
      state.me.statement = event.statement;
    }
  },
  // A participant's phones: their answer, and the statement to answer next.
  "statements.answered"(state, event) {
    if (!state.me) return;
    const answered = state.me.statement_answers.find((a) => a.id === event.id);
    if (answered) answered.vote = event.vote;
    else state.me.statement_answers.push({ id: event.id, text: event.text, vote: event.vote });
    state.me.statement = event.next;
  },
  // The author's phones: how one of their statements fares.
  "statements.fared"(state, event) {
    if (!state.me) return;
    const mine = state.me.statements_mine.find((s) => s.id === event.statement.id);
    if (mine) Object.assign(mine, event.statement);
  },
  // Wall and console, a few times a second at most: the room's figures and results.
  "statements.tally"(state, event) {
    const { seq, now, ...figures } = event; // seq, now: the event's own, not the figures'
    Object.assign(state.statements, figures);
  },
  // Console: the live statements whose counts changed, each taking its place by id.
  "statements.counted"(state, event) {
    if (!state.statements.items) return;
    for (const counted of event.items) placed(state.statements.items, counted, true);
  },
  "statements.shown"(state, event) {
    state.statements.shown = event.shown;
  },
};

// The console's live statements, in the order of their ids as the box lists them: `item` takes the
// place of the one with its id (when `replace`; otherwise one held already stays), or its place by id.
function placed(items, item, replace) {
  const at = items.findIndex((s) => s.id >= item.id);
  if (at < 0) items.push(item);
  else if (items[at].id !== item.id) items.splice(at, 0, item);
  else if (replace) items[at] = item;
}

// A live statement's counts and verdict, as the console and its author's phone say them.
export function fared(s) {
  const counts = fmt(strings.statements_fared, { agree: s.agree, disagree: s.disagree, pass: s.pass });
  if (s.verdict === "consensus") {
    return `${counts} · ${s.direction === "agree" ? strings.statements_consensus_agree : strings.statements_consensus_disagree}`;
  }
  return s.verdict === "divisive" ? `${counts} · ${strings.statements_divisive}` : counts;
}
