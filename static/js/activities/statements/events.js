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
    if (state.role === "facilitator" && !state.statements.items.some((s) => s.id === event.statement.id)) {
      state.statements.items.push({ ...event.statement, status: "accepted", agree: 0, disagree: 0, pass: 0, verdict: null, direction: null });
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
  // Wall and console, a few times a second at most (the console's copy holds every live statement).
  "statements.tally"(state, event) {
    const { items, seq, now, ...figures } = event; // seq, now: the event's own, not the figures'
    Object.assign(state.statements, figures);
    if (items) state.statements.items = items;
  },
  "statements.shown"(state, event) {
    state.statements.shown = event.shown;
  },
};

// A live statement's counts and verdict, as the console and its author's phone say them.
export function fared(s) {
  const counts = fmt(strings.statements_fared, { agree: s.agree, disagree: s.disagree, pass: s.pass });
  if (s.verdict === "consensus") {
    return `${counts} · ${s.direction === "agree" ? strings.statements_consensus_agree : strings.statements_consensus_disagree}`;
  }
  return s.verdict === "divisive" ? `${counts} · ${strings.statements_divisive}` : counts;
}
