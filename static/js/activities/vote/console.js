// Console: open a dots or majority vote, watch the figures, close it.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
import { itemText } from "./items.js";
import { act, moreTime } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
export { events } from "./events.js";

let view = null;

function resultRow(state, r) {
  const figure = r.dots !== undefined ? count("n_dots", r.dots)
    : `${strings.grades[r.median] || "—"} (${strings.grade_order.map((g) => [g, r.grades[g] || 0]).filter(([, n]) => n).map(([g, n]) => `${strings.grades[g]} ${n}`).join(", ")})`;
  const text = itemText(state, r.issue_id);
  return el("tr", {}, el("td", {}, String(r.rank)), el("td", {}, text), el("td", {}, figure),
    el("td", { class: "row-actions" }, showLarge(view, "vote", r.issue_id, text)));
}

export function render(state, current) {
  view = current;
  const vote = state.vote;
  const open = Boolean(vote && vote.status === "open");
  $("vote-form").hidden = open;
  $("vote-close").hidden = !open;
  $("vote-reveal").hidden = !(vote && vote.hidden);
  let summary = strings.no_vote_yet;
  if (vote) {
    const method = vote.method === "dots" ? fmt(strings.dots_method_summary, { dots: vote.dots, max: vote.max_per_issue }) : strings.majority;
    summary = `${method} · ${open ? count("vote_open_voters", vote.voters) : strings.vote_final}${vote.hidden ? ` · ${strings.vote_hidden}` : ""}`;
    if (vote.bucket) summary = `${vote.bucket} · ${summary}`; // a vote over another source's part: the needs
  }
  $("vote-summary").textContent = summary;
  fill($("vote-results"), vote ? vote.results.map((r) => resultRow(state, r)) : []);
  $("dots-settings").hidden = $("vote-form").elements.method.value !== "dots";
}

$("vote-form").addEventListener("change", () => {
  $("dots-settings").hidden = $("vote-form").elements.method.value !== "dots";
});

// A new vote over a closed one replaces its results on every screen: only once confirmed.
function open(payload) {
  if (view.state.vote && view.state.vote.status === "closed") {
    if (!window.confirm(strings.vote_replace_confirm)) return;
    return act(view, "vote.open", { ...payload, replace: true });
  }
  return act(view, "vote.open", payload);
}

$("vote-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.target;
  const method = form.elements.method.value;
  const payload = method === "dots"
    ? { method, dots: Number(form.elements.dots.value), max_per_issue: Number(form.elements.max_per_issue.value) }
    : { method };
  open({ ...payload, hidden: form.elements.hidden.checked });
});

// The programme step's settings (the server's defaults for those it does not give).
function settings(step) {
  const payload = { method: step.method || "dots" };
  for (const key of ["dots", "max_per_issue", "hidden"]) if (step[key] !== undefined) payload[key] = step[key];
  return payload;
}

// The header's action for a vote step: open the vote with the step's settings, then close it.
export function action(state, step) {
  if (step.phase !== "vote") return null;
  const vote = state.vote;
  if (!vote) return { label: strings.vote_open_action, command: "vote.open", payload: settings(step) };
  if (vote.status === "open") return { label: strings.vote_close_action, command: "vote.close" };
  return null;
}

// While the vote is open: how many have not voted yet, and a minute more for them.
export function nudges(state, step) {
  const vote = state.vote;
  if (step.phase !== "vote" || !vote || vote.status !== "open") return [];
  const waiting = state.participants.length - vote.voters;
  if (waiting <= 0) return [];
  return [{ key: "not-voted", text: count("vote_not_voted", waiting), ...moreTime(step) }];
}

$("vote-close").addEventListener("click", () => act(view, "vote.close", {}));
$("vote-reveal").addEventListener("click", () => act(view, "vote.reveal", {}));
