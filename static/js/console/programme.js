// Console: the programme. A sticky header with the step, its countdown, Back and Next, a minute
// more or less, pause, and the one action that remains for the step with the nudges that help
// (both asked of the step's activity: `action(state, step)` and `nudges(state, step)` in its
// console.js, see docs/activities.md); the keyboard shortcuts; the agenda, which is the console's
// one navigation (the phases' buttons only without a programme); at the closing, the way to the
// export. (The report-back's panel, inside this section, is the report activity's.)
import { $, el, fill, fmt, say, strings } from "../kiosk.js";
import { everyTick, show, syncSnapshot } from "../timer.js";
import { act, REFUSED_MS } from "./act.js";
import { reveal } from "./panels.js";

let view = null;
let current = null; // the snapshot being shown, for the ticking countdowns
let activities = []; // the activities' console modules, in the registry's order
let shownStep = null; // the step index shown last: a new step clears the messages

// The facilitator page gives the activities' console modules, whose hooks the header asks.
export function use(modules) {
  activities = modules;
}

function send(name, payload = {}) {
  return act(view, name, payload);
}

function minutes(seconds) {
  return fmt(strings.minutes_short, { n: Math.round((seconds / 60) * 10) / 10 });
}

// The step the room is at, with its options, as the activities' hooks receive it; without a
// programme (or after a phase.set away from the step), only the phase.
export function stepNow(state) {
  const programme = state.programme;
  if (state.step && programme && programme.steps[state.step.index] && state.step.phase === state.phase) {
    return { ...programme.steps[state.step.index], index: state.step.index };
  }
  return { phase: state.phase, index: null };
}

function agendaItem(state, step, index) {
  const now = state.step && state.step.index === index;
  return el("li", { "aria-current": now ? "step" : null },
    `${step.title} · ${minutes(step.duration_s)} · ${strings.phases[step.phase] || step.phase}`,
    now ? el("span", { class: "tag" }, ` · ${strings.current_step}`) : el("span", { class: "row-actions" },
      el("button", { type: "button", "data-key": `go-${index}`, "aria-label": fmt(strings.go_to_step_named, { title: step.title }),
        onclick: () => send("programme.go", { index }) }, strings.go_to_step)));
}

// Run an action an activity proposed: `{command, payload, confirm?}`, or `{section}`: the id of
// a part of the console to bring into view and focus (the review's inbox, the contact form).
async function run(action) {
  if (action.section) {
    const target = $(action.section);
    reveal(target); // its panel may be folded
    target.scrollIntoView({ block: "center" }); // not under the sticky header
    target.focus({ preventScroll: true });
    return;
  }
  if (action.confirm && !window.confirm(action.confirm)) return;
  await send(action.command, action.payload || {});
}

function renderAction(state, step) {
  const action = activities.map((a) => (a.action ? a.action(state, step) : null)).find(Boolean) || null;
  const button = $("step-action");
  button.hidden = !action;
  if (!action) return;
  button.textContent = action.label;
  button.dataset.command = action.command || "";
  button.onclick = () => run(action);
}

function renderNudges(state, step) {
  const nudges = activities.flatMap((a) => (a.nudges ? a.nudges(state, step) : []));
  fill($("nudges"), nudges.map((nudge) => el("li", { "data-key": `nudge-${nudge.key}` },
    el("span", {}, nudge.text), " ",
    nudge.command || nudge.section ? el("button", { type: "button", "data-key": `nudge-do-${nudge.key}`, onclick: () => run(nudge) }, nudge.label) : null)));
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
  $("phases-box").hidden = Boolean(programme && programme.steps.length);
  $("closing-export").hidden = state.phase !== "closing";
  const index = step ? step.index : null;
  if (shownStep !== null && index !== shownStep) say("", "ok"); // a new step: the last step's message goes
  shownStep = index;
  const now = stepNow(state);
  renderAction(state, now);
  renderNudges(state, now);
}

function tick() {
  if (!current) return;
  show($("console-countdown"), current.step);
}

export function render(state, currentView) {
  view = currentView;
  current = state;
  syncSnapshot(state);
  renderStep(state);
  tick();
}

function timer(seconds, target) {
  return () => send("timer.add", { seconds, target });
}

async function move(name) {
  const answer = await send(name);
  // The step moved but its activity could not start: say why (the action stays in the header).
  if (answer.ok && answer.not_started) say(answer.not_started, "warn", REFUSED_MS);
}

function pauseOrResume() {
  send(current.step && current.step.paused ? "timer.resume" : "timer.pause", { target: "step" });
}

$("step-next").addEventListener("click", () => move("programme.next"));
$("step-back").addEventListener("click", () => move("programme.back"));
$("timer-minus").addEventListener("click", timer(-60, "step"));
$("timer-plus").addEventListener("click", timer(60, "step"));
$("timer-pause").addEventListener("click", pauseOrResume);
$("chime-toggle").addEventListener("click", () => send("timer.chime", { on: !current.chime }));
everyTick(tick);

// Keyboard: → next, ← back, Space pause or resume. Never while typing in a field, nor Space on a
// focused control (it presses that control), nor with a modifier (the browser's own shortcuts).
const FIELDS = "input, textarea, select, [contenteditable]:not([contenteditable=false])";
const CONTROLS = "button, a[href], summary, label, [role=button]";

function shortcut(event) {
  if (!current || $("console").hidden || event.defaultPrevented || event.repeat) return;
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const target = event.target instanceof Element ? event.target : null;
  if (target && target.closest(FIELDS)) return;
  const button = { ArrowRight: "step-next", ArrowLeft: "step-back", " ": "timer-pause" }[event.key];
  if (!button || (event.key === " " && target && target.closest(CONTROLS))) return;
  event.preventDefault();
  if (!$(button).disabled) $(button).click();
}

document.addEventListener("keydown", shortcut);
