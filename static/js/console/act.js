// Send a console command and say what went wrong, if anything. The message goes by itself after
// a few seconds (a refusal stays longer), and at the next step.
import { say, strings } from "../kiosk.js";

export const SAID_MS = 4000;
export const REFUSED_MS = 12000;

export async function act(view, name, payload, done) {
  const answer = await view.send(name, payload);
  if (answer.ok) {
    say(strings.saved, "ok", SAID_MS);
    if (done) done(answer);
  } else {
    say(answer.error, "error", REFUSED_MS);
  }
  return answer;
}

// A nudge's button giving the step a minute more (only a programme step has a countdown to extend).
export function moreTime(step) {
  return step.index === null ? {} : { label: strings.one_more_minute, command: "timer.add", payload: { seconds: 60, target: "step" } };
}
