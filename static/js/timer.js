// The programme's countdowns, computed on each screen from the server's `ends_at`.
//
// A projector's or a laptop's clock is often minutes off: every snapshot and every step, timer and
// report event carries the server's `now`, and the screen counts with the difference between that
// and its own clock. A countdown shows m:ss, never below 0:00.

let offsetMs = 0; // the server's clock minus this screen's
let snapshot = null; // the snapshot whose `now` set offsetMs (events change it in place)

export function syncClock(serverNow) {
  if (typeof serverNow === "number") offsetMs = serverNow * 1000 - Date.now();
}

// Call from a feature's render: a new snapshot brings a new `now`.
export function syncSnapshot(state) {
  if (state !== snapshot) {
    snapshot = state;
    syncClock(state.now);
  }
}

// Seconds left on a countdown ({ends_at, remaining_s}), 0 once it is over; null without one.
export function secondsLeft(countdown) {
  if (!countdown) return null;
  if (countdown.ends_at === null || countdown.ends_at === undefined) return Math.max(0, countdown.remaining_s || 0);
  return Math.max(0, countdown.ends_at - (Date.now() + offsetMs) / 1000);
}

export function mmss(seconds) {
  const whole = Math.ceil(Math.max(0, seconds || 0));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

// "paused", "done" (0:00), "last-minute" or "running": the countdown's colour on the screens.
export function phaseOf(countdown, seconds) {
  if (countdown.paused) return "paused";
  if (seconds <= 0) return "done";
  return seconds <= 60 ? "last-minute" : "running";
}

// Show a countdown in `node` (its text and data-state); "" and no state without one.
export function show(node, countdown) {
  const seconds = secondsLeft(countdown);
  const text = seconds === null ? "" : mmss(seconds);
  if (node.textContent !== text) node.textContent = text;
  const state = countdown ? phaseOf(countdown, seconds) : "";
  if (node.dataset.state !== state) node.dataset.state = state;
  return seconds;
}

// Run `tick` four times a second (text changes once a second; a quarter keeps it on time).
export function everyTick(tick) {
  tick();
  return setInterval(tick, 250);
}

// Events of the programme, the same for every screen (an activity's own countdown is its events').
export const programme = {
  events: {
    "step.changed"(state, event) {
      state.step = event.step;
      syncClock(event.now);
    },
    "timer.changed"(state, event) {
      state.step = event.step;
      syncClock(event.now);
    },
    "timer.chime"(state, event) {
      state.chime = event.chime;
    },
  },
};
