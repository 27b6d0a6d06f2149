// Console: the programme. The agenda (every step and its duration, the current one marked), the
// step's countdown, Next and Back, a minute more or less, pause; the report-back's cycle through
// the groups with the room's reactions; at the closing, the way to the export.
import { $, el, fill, fmt, nameOf, strings } from "../kiosk.js";
import { everyTick, show, syncSnapshot } from "../timer.js";
import { act } from "./act.js";

let view = null;
let current = null; // the snapshot being shown, for the ticking countdowns

function send(name, payload = {}) {
  return act(view, name, payload);
}

function groupName(state, groupId) {
  const group = state.groups.find((g) => g.id === groupId);
  return group ? group.name : "";
}

function minutes(seconds) {
  return fmt(strings.minutes_short, { n: Math.round((seconds / 60) * 10) / 10 });
}

function agendaItem(state, step, index) {
  const now = state.step && state.step.index === index;
  return el("li", { "aria-current": now ? "step" : null },
    `${step.title} · ${minutes(step.duration_s)} · ${strings.phases[step.phase] || step.phase}`,
    now ? el("span", { class: "tag" }, ` · ${strings.current_step}`) : el("span", { class: "row-actions" },
      el("button", { type: "button", "data-key": `go-${index}`, "aria-label": fmt(strings.go_to_step_named, { title: step.title }),
        onclick: () => send("programme.go", { index }) }, strings.go_to_step)));
}

function renderStep(state) {
  const programme = state.programme;
  const step = state.step;
  $("programme-title").textContent = programme ? programme.title : strings.no_programme;
  $("console-step").textContent = step ? `${fmt(strings.step_n_of, { n: step.index + 1, total: step.count })} · ${step.title}`
    : strings.not_started;
  const last = step && programme && step.index === programme.steps.length - 1;
  $("step-next").textContent = step ? strings.step_next : strings.programme_start;
  $("step-next").disabled = !programme || Boolean(last);
  $("step-back").disabled = !step || step.index === 0;
  for (const id of ["timer-minus", "timer-plus", "timer-pause"]) $(id).disabled = !step;
  $("timer-pause").textContent = step && step.paused ? strings.resume : strings.pause;
  $("chime-toggle").setAttribute("aria-pressed", String(Boolean(state.chime)));
  fill($("agenda"), programme ? programme.steps.map((s, index) => agendaItem(state, s, index)) : []);
  $("closing-export").hidden = state.phase !== "closing";
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

function renderReport(state) {
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
  if (report) {
    const lastGroup = report.index + 1 >= report.count;
    const next = report.part === "present" ? strings.report_next_react
      : lastGroup ? strings.report_finish : fmt(strings.report_next_group, { name: groupName(state, nextGroup(state, report)) });
    $("report-next").textContent = next;
  }
  const reactions = [...(state.reactions || [])].reverse();
  $("reactions-none").hidden = reactions.length > 0;
  fill($("console-reactions"), reactions.map((r) => reactionItem(state, r)));
}

// The group after the one presenting, in the order the report-back follows (the groups' order).
function nextGroup(state, report) {
  const at = state.groups.findIndex((g) => g.id === report.group_id);
  const next = state.groups[at + 1];
  return next ? next.id : null;
}

function tick() {
  if (!current) return;
  show($("console-countdown"), current.step);
  show($("report-countdown"), current.report);
}

export function render(state, currentView) {
  view = currentView;
  current = state;
  syncSnapshot(state);
  renderStep(state);
  renderReport(state);
  tick();
}

function timer(seconds, target) {
  return () => send("timer.add", { seconds, target });
}

$("step-next").addEventListener("click", () => send("programme.next"));
$("step-back").addEventListener("click", () => send("programme.back"));
$("timer-minus").addEventListener("click", timer(-60, "step"));
$("timer-plus").addEventListener("click", timer(60, "step"));
$("timer-pause").addEventListener("click", () =>
  send(current.step && current.step.paused ? "timer.resume" : "timer.pause", { target: "step" }));
$("chime-toggle").addEventListener("click", () => send("timer.chime", { on: !current.chime }));
$("report-start").addEventListener("click", () => send("report.start"));
$("report-next").addEventListener("click", () => send("report.next"));
$("report-stop").addEventListener("click", () => send("report.stop"));
$("report-minus").addEventListener("click", timer(-60, "report"));
$("report-plus").addEventListener("click", timer(60, "report"));
everyTick(tick);
