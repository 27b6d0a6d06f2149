// Console: the issues. Add, edit, hide and restore, merge duplicates, open or close proposals.
import { $, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
export { events } from "./events.js";

let view = null;

function row(state, issue) {
  const others = state.issues.filter((i) => i.id !== issue.id && !i.hidden);
  const merged = issue.merged_into ? state.issues.find((i) => i.id === issue.merged_into) : null;
  const author = issue.author ? nameOf(state, issue.author) : strings.facilitator;
  return el("li", { class: issue.hidden ? "issue hidden-item" : "issue" },
    el("p", { class: "issue-text" }, issue.text, el("span", { class: "by" }, ` — ${author}`),
      issue.hidden ? el("span", { class: "tag" }, merged ? ` · ${fmt(strings.merged_into, { text: merged.text })}` : ` · ${strings.hidden}`) : null),
    el("div", { class: "row-actions" },
      issue.hidden ? null : showLarge(view, "issues", issue.id, issue.text),
      el("button", {
        type: "button", "data-key": `edit-${issue.id}`, "aria-label": fmt(strings.edit_named, { text: issue.text }),
        onclick: () => {
          const text = prompt(strings.edit_prompt, issue.text);
          if (text !== null) act(view, "issue.edit", { issue_id: issue.id, text });
        },
      }, strings.edit),
      issue.merged_into ? null : el("button", {
        type: "button", "data-key": `hide-${issue.id}`,
        "aria-label": fmt(issue.hidden ? strings.restore_named : strings.hide_named, { text: issue.text }),
        onclick: () => act(view, issue.hidden ? "issue.restore" : "issue.hide", { issue_id: issue.id }),
      }, issue.hidden ? strings.restore : strings.hide),
      issue.hidden || !others.length ? null : el("label", { class: "inline" },
        el("span", { class: "visually-hidden" }, fmt(strings.merge_named, { text: issue.text })),
        el("select", {
          "data-key": `merge-${issue.id}`,
          onchange: (event) => {
            const into = Number(event.target.value);
            if (into) act(view, "issue.merge", { issue_id: issue.id, into });
          },
        }, el("option", { value: "" }, strings.merge_into), ...others.map((o) => el("option", { value: String(o.id) }, o.text))))));
}

export function render(state, current) {
  view = current;
  const shown = state.issues.filter((i) => !i.hidden).length;
  $("issues-count").textContent = String(shown);
  const voteOpen = state.vote && state.vote.status === "open";
  $("proposals-state").textContent = voteOpen ? strings.proposals_vote : state.proposals ? strings.proposals_open : strings.proposals_closed;
  const toggle = $("proposals-toggle");
  toggle.textContent = state.proposals ? strings.close_proposals : strings.open_proposals;
  toggle.onclick = () => act(view, "issues.proposals", { open: !state.proposals });
  fill($("console-issues"), state.issues.map((issue) => row(state, issue)));
}

$("add-issue").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("new-issue");
  const text = input.value;
  await act(view, "issue.propose", { text }, () => {
    if (input.value === text) input.value = "";
  });
  input.focus();
});
