// Send a console command and say what went wrong, if anything.
import { say, strings } from "../kiosk.js";

export async function act(view, name, payload, done) {
  const answer = await view.send(name, payload);
  if (answer.ok) {
    say(strings.saved, "ok");
    if (done) done(answer);
  } else {
    say(answer.error, "error");
  }
  return answer;
}
