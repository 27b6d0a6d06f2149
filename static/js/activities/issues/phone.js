// Phone, "issues" phase: propose an issue, see the list grow.
import { $, el, fill, strings } from "../../kiosk.js";
export { events } from "./events.js";

let view = null;

export function render(state, current) {
  view = current;
  const section = $("issues");
  section.hidden = state.phase !== "issues";
  if (section.hidden) return false;
  const voteOpen = state.vote && state.vote.status === "open";
  const open = state.proposals && !voteOpen;
  $("propose-form").hidden = !open;
  $("proposals-closed").hidden = open;
  const mine = new Set((state.me && state.me.issue_ids) || []);
  fill($("issue-list"), state.issues.map((issue) =>
    el("li", { class: mine.has(issue.id) ? "mine" : "" }, issue.text,
      mine.has(issue.id) ? el("span", { class: "tag" }, " · ", strings.yours) : null)));
  $("issue-count").textContent = String(state.issues.length);
  return true;
}

$("propose-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("issue-text");
  const text = input.value.trim();
  const error = $("propose-error");
  error.textContent = "";
  if (!view) return;
  const button = event.target.querySelector("button");
  button.disabled = true;
  const answer = await view.send("issue.propose", { text });
  button.disabled = false;
  if (answer.ok) {
    if (input.value.trim() === text) input.value = "";
    if (view.state.me) (view.state.me.issue_ids = view.state.me.issue_ids || []).push(answer.issue.id);
    if (!view.state.issues.some((i) => i.id === answer.issue.id)) view.state.issues.push(answer.issue);
    render(view.state, view);
  } else {
    error.textContent = answer.error;
  }
  input.focus();
});
