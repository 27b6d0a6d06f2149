// Console: the report-back's cycle through the groups (each presents, then the room reacts), its
// countdown, and the room's reactions, to hide one if need be. It sits in the programme's panel.
import { $, el, fill, fmt, groupName, nameOf, strings } from "../../kiosk.js";
import { everyTick, show, syncSnapshot } from "../../timer.js";
import { act } from "../../console/act.js";
export { events } from "./events.js";

let view = null;
let current = null; // the snapshot being shown, for the ticking countdown

function send(name, payload = {}) {
  return act(view, name, payload);
}

function reactionItem(state, reaction) {
  return el("li", { class: `reaction-${reaction.kind}${reaction.hidden ? " hidden-item" : ""}` },
    el("strong", {}, strings.reaction_kinds[reaction.kind] || reaction.kind), ` · ${groupName(state, reaction.group_id)} · `,
    el("span", { class: "issue-text" }, reaction.text), ` — ${nameOf(state, reaction.author)}`,
    reaction.hidden ? el("span", { class: "tag" }, ` · ${strings.hidden}`)
      : el("button", { type: "button", "data-key": `hide-reaction-${reaction.id}`,
        "aria-label": fmt(strings.hide_reaction_named, { text: reaction.text }),
        onclick: () => send("reaction.hide", { reaction_id: reaction.id }) }, strings.hide));
}

// The group after the one presenting, in the order the report-back follows (the groups' order).
function nextGroup(state, report) {
  const at = state.groups.findIndex((g) => g.id === report.group_id);
  const next = state.groups[at + 1];
  return next ? next.id : null;
}

// What report.next does now: the reactions, the next group, or the end.
function nextLabel(state, report) {
  if (report.part === "present") return strings.report_next_react;
  if (report.index + 1 >= report.count) return strings.report_finish;
  return fmt(strings.report_next_group, { name: groupName(state, nextGroup(state, report)) });
}

// The header's action for a report step: start the report-back, then move it on.
export function action(state, step) {
  if (step.phase !== "report") return null;
  if (state.report) return { label: nextLabel(state, state.report), command: "report.next" };
  return state.groups.length ? { label: strings.report_start_action, command: "report.start" } : null;
}

function tick() {
  if (current) show($("report-countdown"), current.report);
}

export function render(state, currentView) {
  view = currentView;
  current = state;
  syncSnapshot(state);
  const report = state.report;
  $("report-panel").hidden = state.phase !== "report" && !report;
  if ($("report-panel").hidden) return;
  if (report) {
    const name = groupName(state, report.group_id);
    $("report-now").textContent = `${fmt(strings.report_group_n_of, { n: report.index + 1, total: report.count })} · `
      + fmt(report.part === "present" ? strings.report_present : strings.report_react, { name });
  } else {
    $("report-now").textContent = state.groups.length ? strings.report_ready : strings.report_no_groups;
  }
  $("report-start").hidden = Boolean(report);
  $("report-start").disabled = !state.groups.length;
  for (const id of ["report-next", "report-stop", "report-minus", "report-plus", "report-countdown"]) $(id).hidden = !report;
  if (report) $("report-next").textContent = nextLabel(state, report);
  const reactions = [...(state.reactions || [])].reverse();
  $("reactions-none").hidden = reactions.length > 0;
  fill($("console-reactions"), reactions.map((r) => reactionItem(state, r)));
  tick();
}

function timer(seconds) {
  return () => send("timer.add", { seconds, target: "report" });
}

$("report-start").addEventListener("click", () => send("report.start"));
$("report-next").addEventListener("click", () => send("report.next"));
$("report-stop").addEventListener("click", () => send("report.stop"));
$("report-minus").addEventListener("click", timer(-60));
$("report-plus").addEventListener("click", timer(60));
everyTick(tick);
