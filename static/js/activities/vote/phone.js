// Phone, "vote" phase: dots with + and − and the dots left, or a grade per issue.
import { $, announce, count, el, fill, fmt, say, strings } from "../../kiosk.js";
import { itemText } from "./items.js";
export { events } from "./events.js";

let view = null;
// The vote's status last rendered ("open", "closed", or null): a change is announced. This screen's
// script loads when the vote's step comes, sometimes after the vote has opened: its first render
// of an open or closed vote is announced too, so a screen reader hears it whichever came first.
let heardStatus = null;
let refusal = null; // {issueId, text}: the last refusal, shown under the row whose button was tapped

async function cast(payload) {
  const answer = await view.send("vote.cast", payload);
  if (answer.ok) {
    refusal = null;
    Object.assign(view.state.me, { ballot: answer.ballot, dots_left: answer.dots_left });
  } else {
    refusal = { issueId: payload.issue_id, text: answer.error };
    say(answer.error, "error");
  }
  render(view.state, view);
}

// Why "+" cannot add a dot here (the box's own rules, said before asking it), or null.
function cannotAdd(state, mine) {
  const vote = state.vote;
  if (mine >= vote.max_per_issue) return fmt(strings.cap_reached, { max: vote.max_per_issue });
  if ((state.me.dots_left ?? vote.dots) <= 0) return strings.no_dot_left;
  return null;
}

function plus(issueId, mine, text) {
  const why = cannotAdd(view.state, mine);
  if (why) {
    // A "+" that cannot add: it says why, next to itself (and to a screen reader), and sends nothing.
    refusal = { issueId, text: why };
    render(view.state, view);
    return;
  }
  cast({ issue_id: issueId, dots: mine + 1 });
}

function dotsRow(state, issueId) {
  const vote = state.vote;
  const mine = state.me.ballot[String(issueId)] || 0;
  const text = itemText(state, issueId);
  const closed = vote.status !== "open";
  const refused = refusal && refusal.issueId === issueId ? refusal.text : "";
  return el("li", { class: "dot-row" },
    el("span", { class: "dot-text" }, text),
    el("span", { class: "dot-controls" },
      el("button", {
        type: "button", class: "round", "data-key": `minus-${issueId}`, disabled: closed || mine === 0,
        "aria-label": fmt(strings.dot_remove, { issue: text }),
        onclick: () => cast({ issue_id: issueId, dots: mine - 1 }),
      }, "−"),
      el("span", { class: "dot-count", "aria-label": count("dots_on", mine) }, String(mine)),
      el("button", {
        // aria-disabled, not disabled: it looks and is announced unavailable, and a tap still says why.
        type: "button", class: "round", "data-key": `plus-${issueId}`, disabled: closed,
        "aria-disabled": String(!closed && cannotAdd(state, mine) !== null),
        "aria-label": fmt(strings.dot_add, { issue: text }),
        "aria-describedby": `refusal-${issueId}`,
        onclick: () => plus(issueId, mine, text),
      }, "+")),
    el("p", { class: "refusal", id: `refusal-${issueId}`, role: "alert", "data-key": `refusal-${issueId}` }, refused));
}

function gradeRow(state, issueId) {
  const mine = state.me.ballot[String(issueId)] || null;
  const closed = state.vote.status !== "open";
  const name = `grade-${issueId}`;
  return el("li", {},
    el("fieldset", { class: "grades" },
      el("legend", {}, itemText(state, issueId)),
      ...strings.grade_order.map((g) => [g, strings.grades[g]]).map(([grade, label]) =>
        el("label", { class: `grade grade-${grade}` },
          el("input", {
            type: "radio", name, value: grade, checked: mine === grade, disabled: closed,
            "data-key": `${name}-${grade}`,
            onchange: () => cast({ issue_id: issueId, grade }),
          }),
          " ", label))));
}

function resultsList(state) {
  return state.vote.results.map((r) =>
    el("li", {}, el("strong", {}, `${r.rank}. `), itemText(state, r.issue_id),
      r.dots !== undefined ? ` — ${count("n_dots", r.dots)}` : ` — ${strings.grades[r.median] || "—"}`));
}

export function render(state, current) {
  view = current;
  const section = $("vote");
  section.hidden = state.phase !== "vote";
  if (section.hidden) return false;
  const vote = state.vote;
  const status = vote ? vote.status : null;
  if (heardStatus !== status && status) {
    announce(status === "open" ? strings.vote_opened : strings.vote_closed_now);
  }
  heardStatus = status;
  $("vote-waiting").hidden = Boolean(vote);
  $("vote-help").hidden = !vote || vote.status !== "open";
  $("vote-closed").hidden = !vote || vote.status !== "closed";
  $("dots-left").hidden = !vote || vote.method !== "dots" || vote.status !== "open";
  if (!vote) {
    fill($("ballot"), []);
    return true;
  }
  if (vote.method === "dots") {
    $("vote-help").textContent = fmt(strings.dots_help, { dots: vote.dots, max: vote.max_per_issue });
    $("dots-left").textContent = fmt(strings.dots_left, { n: state.me.dots_left ?? vote.dots });
  } else {
    $("vote-help").textContent = strings.majority_help;
  }
  if (vote.status === "closed") fill($("ballot"), resultsList(state));
  else fill($("ballot"), vote.issue_ids.map((id) => (vote.method === "dots" ? dotsRow : gradeRow)(state, id)));
  return true;
}
