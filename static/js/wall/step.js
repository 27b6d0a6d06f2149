// Wall, every phase: the programme's current step (its title and its text for the wall) and a
// large countdown that turns red in the last minute and stays on 0:00. An activity with a countdown
// of its own (the report-back: each group's presentation, then the room's reactions) registers in
// `countdowns` and takes the figure while it runs. Silent, unless the facilitator turned the chime
// on: then a soft tone made by the browser marks 0:00.
import { $ } from "../kiosk.js";
import { everyTick, secondsLeft, show, syncSnapshot } from "../timer.js";

let countdown = null; // what the big figure counts down: the step's or an activity's
let key = ""; // which countdown that is, so that only a real arrival at 0:00 chimes
let lastLeft = null;
let chimeOn = false;
let audio = null;

// `(state) => null | {title, text, countdown, key}`: an activity's countdown, when it runs (`title`
// shows without a step; `key` names that countdown, so that only a real arrival at 0:00 chimes).
export const countdowns = [];

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
  const own = countdowns.map((running) => running(state)).find(Boolean) || null;
  const panel = $("step");
  panel.hidden = !step && !own;
  $("countdown").hidden = panel.hidden;
  document.body.classList.toggle("has-step", !panel.hidden);
  chimeOn = Boolean(state.chime);
  soundButton();
  if (panel.hidden) {
    countdown = null;
    tick();
    return false;
  }
  $("step-title").textContent = step ? step.title : own.title;
  $("step-title").title = $("step-title").textContent;
  const text = own ? own.text : step.wall;
  $("step-text").textContent = text || "";
  $("step-text").title = text || "";
  $("step-text").hidden = !text;
  countdown = own ? own.countdown : step;
  const newKey = own ? own.key : `step:${step.index}:${step.started_at}`;
  if (newKey !== key) {
    key = newKey;
    lastLeft = null;
  }
  tick();
  return false;
}

everyTick(tick);
