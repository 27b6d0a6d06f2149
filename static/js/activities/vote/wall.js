// Wall, "vote" phase: bars growing live for dots; for majority judgment, the number of voters
// while open and each issue's grades as a stacked bar once closed. Never who voted what.
import { $, count, el, fill, strings } from "../../kiosk.js";
import { itemText } from "./items.js";
export { events } from "./events.js";

function dotBars(state) {
  const results = state.vote.results;
  const top = Math.max(1, ...results.map((r) => r.dots));
  return results.map((r) =>
    el("li", { class: "bar-row" },
      el("span", { class: "bar-label" }, el("span", { class: "rank" }, `${r.rank}`), itemText(state, r.issue_id)),
      el("span", { class: "bar-track", "aria-hidden": "true" },
        el("span", { class: "bar-fill", style: `width:${(100 * r.dots) / top}%` })),
      el("span", { class: "bar-value", "aria-label": count("n_dots", r.dots) }, String(r.dots))));
}

function gradeBars(state) {
  return state.vote.results.map((r) => {
    const total = Object.values(r.grades).reduce((a, b) => a + b, 0) || 1;
    return el("li", { class: "bar-row" },
      el("span", { class: "bar-label" }, el("span", { class: "rank" }, `${r.rank}`), itemText(state, r.issue_id)),
      el("span", { class: "stack", role: "img",
        "aria-label": strings.grade_order.map((g) => [g, r.grades[g] || 0]).map(([g, n]) => `${strings.grades[g]}: ${n}`).join(", ") },
        ...strings.grade_order.map((g) => [g, r.grades[g] || 0]).filter(([, n]) => n > 0).map(([g, n]) =>
          el("span", { class: `seg grade-${g}`, style: `width:${(100 * n) / total}%`, title: `${strings.grades[g]}: ${n}` })),
        el("span", { class: "median-mark" })),
      el("span", { class: "bar-value" }, strings.grades[r.median] || "—"));
  });
}

export function render(state) {
  const section = $("vote");
  section.hidden = state.phase !== "vote";
  if (section.hidden) return false;
  const vote = state.vote;
  $("vote-status").textContent = !vote ? strings.vote_soon
    : [vote.status === "open" ? count("vote_open_voters", vote.voters) : strings.vote_final, vote.hidden ? strings.vote_hidden : ""]
      .filter(Boolean).join(" · ");
  $("grade-legend").hidden = !vote || vote.method !== "majority" || vote.status !== "closed";
  fill($("grade-legend"), strings.grade_order.map((g) => [g, strings.grades[g]]).map(([g, label]) =>
    el("li", {}, el("span", { class: `swatch grade-${g}`, "aria-hidden": "true" }), label)));
  if (!vote) fill($("results"), []);
  else if (vote.method === "dots") fill($("results"), dotBars(state));
  else fill($("results"), vote.status === "closed" ? gradeBars(state) : []);
  return true;
}
