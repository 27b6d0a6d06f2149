// Phone, "statements" phase: answer one statement at a time, write your own, see how yours fare.
import { $, counter, el, fill, fmt, strings } from "../../kiosk.js";
import { fared } from "./events.js";
export { events } from "./events.js";

let view = null;
const LABELS = () => ({ 1: strings.statements_agree, "-1": strings.statements_disagree, 0: strings.statements_pass });

async function answer(id, vote) {
  if (!view) return;
  const error = $("statements-answer-error");
  error.textContent = "";
  const answer = await view.send("statements.answer", { id, vote });
  if (!answer.ok && answer.error) error.textContent = answer.error;
}

function verdict(s) {
  if (s.status === "pending") return strings.statements_waiting;
  return s.status === "accepted" ? fared(s) : strings.statements_rejected;
}

function answered(a) {
  const labels = LABELS();
  return el("li", { class: "statements-answered" },
    el("p", {}, a.text),
    el("div", { class: "row-actions", role: "group" }, ...[1, -1, 0].map((vote) => el("button", {
      type: "button", "aria-pressed": String(a.vote === vote),
      "aria-label": fmt(strings.statements_answer_named, { answer: labels[vote], text: a.text }),
      onclick: () => answer(a.id, vote),
    }, labels[vote]))));
}

export function render(state, current) {
  view = current;
  const section = $("statements");
  section.hidden = state.phase !== "statements";
  if (section.hidden) return false;
  const me = state.me || { statement: null, statement_answers: [], statements_mine: [] };
  $("statements-prompt").textContent = state.statements.prompt;
  const now = me.statement;
  $("statements-card").hidden = !now;
  $("statements-none").hidden = Boolean(now);
  if (now) {
    $("statements-text").textContent = now.text;
    $("statements-card").dataset.id = String(now.id);
  }
  $("statements-mine-title").hidden = !me.statements_mine.length;
  fill($("statements-mine"), me.statements_mine.map((s) => el("li", { class: `card statements-mine ${s.verdict || s.status}` },
    el("p", {}, s.text), el("p", { class: "by" }, verdict(s)))));
  $("statements-answered").hidden = !me.statement_answers.length;
  fill($("statements-answered-list"), [...me.statement_answers].reverse().map(answered));
  return true;
}

$("statements-new").after(counter($("statements-new")));

for (const button of document.querySelectorAll("#statements-card button[data-vote]")) {
  button.addEventListener("click", () => {
    const id = Number($("statements-card").dataset.id);
    if (id) answer(id, Number(button.dataset.vote));
  });
}

$("statements-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view) return;
  const field = $("statements-new");
  const error = $("statements-error");
  error.textContent = "";
  $("statements-sent").textContent = "";
  const button = event.target.querySelector("button");
  button.disabled = true;
  const answer = await view.send("statements.propose", { text: field.value.trim() });
  button.disabled = false;
  if (answer.ok) {
    field.value = "";
    field.dispatchEvent(new Event("counter"));
    $("statements-sent").textContent = strings.statements_sent;
  } else if (answer.error) {
    error.textContent = answer.error;
  }
});
