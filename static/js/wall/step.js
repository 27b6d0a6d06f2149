// Wall, every phase: the programme's current step (its title and its text for the wall) and a
// large countdown that turns red in the last minute and stays on 0:00. During the report-back the
// countdown is the group's (its presentation, then the room's reactions). Silent, unless the
// facilitator turned the chime on: then a soft tone made by the browser marks 0:00.
import { $, fmt, strings } from "../kiosk.js";
import { everyTick, secondsLeft, show, syncSnapshot } from "../timer.js";

let countdown = null; // what the big figure counts down: the step's or the report-back's
let key = ""; // which countdown that is, so that only a real arrival at 0:00 chimes
let lastLeft = null;
let chimeOn = false;
let audio = null;

function groupName(state, groupId) {
  const group = state.groups.find((g) => g.id === groupId);
  return group ? group.name : "";
}

// A soft two-note tone, made on the spot (no sound file to download).
function chime() {
  if (!audio || audio.state !== "running") return;
  const start = audio.currentTime + 0.05;
  [523.25, 783.99].forEach((frequency, n) => {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = "sine";
    tone.frequency.value = frequency;
    const at = start + n * 0.45;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.12, at + 0.04);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.6);
    tone.connect(gain).connect(audio.destination);
    tone.start(at);
    tone.stop(at + 1.7);
  });
}

// A browser plays sound only after a click on the page: a projector nobody touched asks for one.
function soundButton() {
  $("chime-enable").hidden = !chimeOn || (audio !== null && audio.state === "running");
}

$("chime-enable").addEventListener("click", () => {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  audio = audio || new Context();
  audio.resume().then(soundButton);
});

function tick() {
  const left = show($("countdown"), countdown);
  if (chimeOn && lastLeft !== null && lastLeft > 0 && left === 0 && countdown && !countdown.paused) chime();
  lastLeft = left;
}

export function render(state) {
  syncSnapshot(state);
  const step = state.step;
  const report = state.phase === "report" && state.report ? state.report : null;
  const panel = $("step");
  panel.hidden = !step && !report;
  document.body.classList.toggle("has-step", !panel.hidden);
  chimeOn = Boolean(state.chime);
  soundButton();
  if (panel.hidden) {
    countdown = null;
    tick();
    return false;
  }
  $("step-title").textContent = step ? step.title : strings.phases.report;
  let text = step ? step.wall : "";
  if (report) {
    const name = groupName(state, report.group_id);
    text = fmt(report.part === "present" ? strings.report_present : strings.report_react, { name });
  }
  $("step-text").textContent = text || "";
  $("step-text").hidden = !text;
  countdown = report || step;
  const newKey = report ? `report:${report.group_id}:${report.part}:${report.started_at}` : `step:${step.index}:${step.started_at}`;
  if (newKey !== key) {
    key = newKey;
    lastLeft = null;
  }
  tick();
  return false;
}

everyTick(tick);
