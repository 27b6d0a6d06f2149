// The projector: the join codes in their corner, the step in the header, the live activity of the
// current phase on the stage (fitted by wall/fit.js: never a scrollbar). Never needs a reload.
import { $, common, el, fill, longDate, runScreen, setTitle, strings } from "./kiosk.js";
import * as step from "./wall/step.js";
import * as closing from "./wall/closing.js";
import * as spotlight from "./wall/spotlight.js";
import { fitAll, fitSoon } from "./wall/fit.js";
import { programme } from "./timer.js";
// The activities, in the workshop's order (kiosk/activities/__init__.py: ACTIVITIES). The buddies
// have no screen of their own on the wall: the closing shows them (wall/closing.js).
import * as wordcloud from "./activities/wordcloud/wall.js";
import * as addressbook from "./activities/addressbook/wall.js";
import * as roundtable from "./activities/roundtable/wall.js";
import * as review from "./activities/review/wall.js";
import * as issues from "./activities/issues/wall.js";
import * as vote from "./activities/vote/wall.js";
import * as groups from "./activities/groups/wall.js";
import * as seeds from "./activities/seeds/wall.js";
import * as families from "./activities/families/wall.js";
import * as board from "./activities/board/wall.js";
import * as report from "./activities/report/wall.js";
import * as wall from "./activities/wall/wall.js";
import * as buddies from "./activities/buddies/events.js";

const features = [common, programme, step, wordcloud, addressbook, roundtable, review, issues, vote, groups, seeds, families, board, report, wall, buddies, closing, spotlight];

function render(current) {
  const state = current.state;
  const w = state.workshop;
  $("workshop-title").title = setTitle(w);
  $("workshop-meta").textContent = [longDate(w.date), w.territory].filter(Boolean).join(" · ");
  let claimed = false;
  for (const feature of features) {
    if (feature.render) claimed = feature.render(state, current) || claimed;
  }
  // The phase's name heads the stage when no programme step names what the room does.
  $("phase-name").textContent = strings.phases[state.phase] || "";
  $("phase-name").hidden = document.body.classList.contains("has-step");
  // With no activity on screen, the stage calls the room to join: how many are in, and who.
  $("welcome").hidden = claimed;
  const n = state.participants.length;
  $("count").textContent = String(n);
  $("count-label").textContent = n === 1 ? strings.participant : strings.participants;
  fill($("names"), claimed ? [] : state.participants.map((p) => el("li", {}, p.name)));
  fitSoon("stage", () => fitAll($("stage")));
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
