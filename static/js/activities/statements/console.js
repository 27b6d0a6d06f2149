// Console: the question, the moderation inbox, seeding a statement, the live statements with their
// counts and verdicts, and showing the results on the wall.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
import { fared } from "./events.js";
export { events } from "./events.js";

let view = null;

function pending(s) {
  return el("li", { class: "issue" }, el("p", { class: "issue-text" }, s.text),
    el("div", { class: "row-actions" },
      el("button", { type: "button", "aria-label": fmt(strings.statements_accept_named, { text: s.text }),
        onclick: () => act(view, "statements.accept", { id: s.id }) }, strings.statements_accept),
      el("button", { type: "button", "aria-label": fmt(strings.statements_reject_named, { text: s.text }),
        onclick: () => act(view, "statements.reject", { id: s.id }) }, strings.statements_reject)));
}

// The header's action for a statements step: show the results once there is something to show.
export function action(state, step) {
  if (step.phase !== "statements") return null;
  const room = state.statements;
  return room.count && !room.shown ? { label: strings.statements_show_action, command: "statements.show", payload: { shown: true } } : null;
}

// The header's nudge: statements waiting in the inbox.
export function nudges(state, step) {
  if (step.phase !== "statements" || !state.statements.pending.length) return [];
  return [{ key: "statements-pending", text: count("statements_pending", state.statements.pending.length),
    label: strings.statements_see_inbox, section: "statements-inbox-title" }];
}

export function render(state, current) {
  view = current;
  const room = state.statements;
  const question = $("statements-question");
  if (!question.value && document.activeElement !== question) question.value = room.prompt;
  $("statements-state").textContent = count("statements_count", room.count, { voters: room.voters });
  const show = $("statements-show");
  show.textContent = room.shown ? strings.statements_hide : strings.statements_show_action;
  fill($("statements-inbox"), room.pending.map(pending));
  fill($("statements-live"), room.items.map((s) => el("li", { class: "issue" },
    el("p", { class: "issue-text" }, s.text), el("p", { class: "by" }, fared(s)),
    el("div", { class: "row-actions" }, showLarge(view, "statements", s.id, s.text)))));
}

$("statements-prompt-form").addEventListener("submit", (event) => {
  event.preventDefault();
  if (view) act(view, "statements.prompt", { prompt: $("statements-question").value.trim() });
});
$("statements-seed-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view) return;
  const field = $("statements-seed");
  const answer = await act(view, "statements.seed", { text: field.value.trim() });
  if (answer && answer.ok) field.value = "";
});
$("statements-show").addEventListener("click", () => view && act(view, "statements.show", { shown: !view.state.statements.shown }));
