// Console: the programme. The agenda (every step and its duration, the current one marked), the
// step's countdown, Next and Back, a minute more or less, pause; at the closing, the way to the
// export. (The report-back's panel, inside this section, is the report activity's.)
import { $, el, fill, fmt, strings } from "../kiosk.js";
import { everyTick, show, syncSnapshot } from "../timer.js";
import { act } from "./act.js";

let view = null;
let current = null; // the snapshot being shown, for the ticking countdowns

function send(name, payload = {}) {
  return act(view, name, payload);
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

$("step-next").addEventListener("click", () => send("programme.next"));
$("step-back").addEventListener("click", () => send("programme.back"));
$("timer-minus").addEventListener("click", timer(-60, "step"));
$("timer-plus").addEventListener("click", timer(60, "step"));
$("timer-pause").addEventListener("click", () =>
  send(current.step && current.step.paused ? "timer.resume" : "timer.pause", { target: "step" }));
$("chime-toggle").addEventListener("click", () => send("timer.chime", { on: !current.chime }));
everyTick(tick);
