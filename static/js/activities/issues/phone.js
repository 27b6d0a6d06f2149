// Phone, "issues" phase: propose an issue, see the list grow; reword or withdraw one's own while
// proposals are open; a hint when one's issue looks like another already there.
import { $, counter, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

let view = null;
let rewording = null; // the id of the own issue being reworded here
let hint = null; // {id, similar: [{id, text}]}: what the box said the last proposal looks like

async function act(name, payload, where) {
  const answer = await view.send(name, payload);
  where.textContent = answer.ok ? "" : answer.error;
  return answer;
}

function rewordForm(issue, refusal) {
  const box = el("textarea", { id: `reword-${issue.id}`, maxlength: "140", rows: "2", "data-key": `reword-${issue.id}` });
  box.value = issue.text;
  const save = async (event) => {
    event.preventDefault();
    const answer = await act("issue.reword", { issue_id: issue.id, text: box.value.trim() }, refusal);
    if (!answer.ok) return;
    rewording = null;
    const at = view.state.issues.findIndex((i) => i.id === issue.id);
    if (at >= 0) view.state.issues[at] = answer.issue;
    hint = answer.similar && answer.similar.length ? { id: issue.id, similar: answer.similar } : null;
    render(view.state, view);
  };
  return el("form", { class: "reword", onsubmit: save },
    el("label", { for: box.id }, strings.reword_prompt), box, counter(box),
    el("p", { class: "row-actions" },
      el("button", { type: "submit", class: "primary", "data-key": `reword-save-${issue.id}` }, strings.save),
      el("button", { type: "button", "data-key": `reword-cancel-${issue.id}`,
        onclick: () => { rewording = null; render(view.state, view); } }, strings.cancel)));
}

function ownItem(issue, open) {
  const refusal = el("p", { class: "refusal", role: "alert", "data-key": `issue-refusal-${issue.id}` });
  if (rewording === issue.id && open) {
    return el("li", { class: "mine", "data-issue": String(issue.id) }, rewordForm(issue, refusal), refusal);
  }
  const withdraw = async () => {
    if (!confirm(fmt(strings.withdraw_confirm, { text: issue.text }))) return;
    const answer = await act("issue.withdraw", { issue_id: issue.id }, refusal);
    if (!answer.ok) return;
    view.state.issues = view.state.issues.filter((i) => i.id !== issue.id);
    view.state.me.issue_ids = view.state.me.issue_ids.filter((id) => id !== issue.id);
    if (hint && hint.id === issue.id) hint = null;
    render(view.state, view);
  };
  return el("li", { class: "mine", "data-issue": String(issue.id) }, issue.text,
    el("span", { class: "tag" }, " · ", strings.yours),
    open ? el("p", { class: "row-actions" },
      el("button", { type: "button", "data-key": `reword-${issue.id}`, "aria-label": fmt(strings.reword_named, { text: issue.text }),
        onclick: () => { rewording = issue.id; render(view.state, view); $(`reword-${issue.id}`).focus(); } }, strings.reword),
      el("button", { type: "button", "data-key": `withdraw-${issue.id}`, "aria-label": fmt(strings.withdraw_named, { text: issue.text }),
        onclick: withdraw }, strings.withdraw)) : null,
    refusal);
}

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
  if (rewording !== null && !mine.has(rewording)) rewording = null;
  // While a reworded text is being typed, the list is not rebuilt under the finger.
  if (rewording === null || !document.getElementById(`reword-${rewording}`)) {
    fill($("issue-list"), state.issues.map((issue) =>
      mine.has(issue.id) ? ownItem(issue, open) : el("li", { "data-issue": String(issue.id) }, issue.text)));
  }
  $("issue-count").textContent = String(state.issues.length);
  const shown = hint && mine.has(hint.id) ? hint.similar.filter((s) => state.issues.some((i) => i.id === s.id)) : [];
  $("issue-hint").textContent = shown.length ? fmt(strings.looks_like, { text: shown.map((s) => s.text).join("”, “") }) : "";
  return true;
}

$("issue-text").after(counter($("issue-text")));

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
    if (input.value.trim() === text) {
      input.value = "";
      input.dispatchEvent(new Event("input"));
    }
    if (view.state.me) (view.state.me.issue_ids = view.state.me.issue_ids || []).push(answer.issue.id);
    if (!view.state.issues.some((i) => i.id === answer.issue.id)) view.state.issues.push(answer.issue);
    hint = answer.similar && answer.similar.length ? { id: answer.issue.id, similar: answer.similar } : null;
    render(view.state, view);
  } else {
    error.textContent = answer.error;
  }
  input.focus();
});
