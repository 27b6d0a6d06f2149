// The projector: join codes, the live activity of the current phase. Never needs a reload.
import { $, activity, common, el, fill, runScreen, setTitle, strings } from "./kiosk.js";
import * as groups from "./wall/groups.js";
import * as issues from "./wall/issues.js";
import * as notes from "./wall/notes.js";
import * as vote from "./wall/vote.js";
import * as families from "./wall/families.js";
import * as board from "./wall/board.js";
import * as closing from "./wall/closing.js";
import * as report from "./wall/report.js";
import * as step from "./wall/step.js";
import { programme } from "./timer.js";

const features = [common, activity, programme, step, issues, vote, groups, notes, families, board, report, closing];

function render(current) {
  const state = current.state;
  setTitle(state.workshop);
  const w = state.workshop;
  $("workshop-meta").textContent = [w.territory, w.date].filter(Boolean).join(" · ");
  $("phase-name").textContent = strings.phases[state.phase] || "";
  const n = state.participants.length;
  $("count").textContent = String(n);
  $("count-label").textContent = n === 1 ? strings.participant : strings.participants;
  let claimed = false;
  for (const feature of features) {
    if (feature.render) claimed = feature.render(state, current) || claimed;
  }
  // With no activity on screen, the join codes take the room and the names of who is in.
  document.body.classList.toggle("activity", claimed);
  $("people").hidden = claimed;
  fill($("names"), claimed ? [] : state.participants.map((p) => el("li", {}, p.name)));
}

runScreen({
  token: null,
  features: [
    ...features,
    {
      events: {
        "workshop.updated"(state, event) {
          if (!new URLSearchParams(location.search).has("lang") && event.workshop.lang !== document.documentElement.lang) {
            location.reload();
          }
        },
      },
    },
  ],
  render,
});
