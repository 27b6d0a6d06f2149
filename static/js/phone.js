// The participant's phone: join with a first name, then follow the workshop's activities.
import { $, common, counter, fmt, longDate, newKey, postJSON, runScreen, say, setTitle, strings } from "./kiosk.js";
import * as step from "./phone/step.js";
import { programme } from "./timer.js";
// The activities, in the workshop's order (kiosk/activities/__init__.py: ACTIVITIES).
import * as wordcloud from "./activities/wordcloud/phone.js";
import * as addressbook from "./activities/addressbook/phone.js";
import * as roundtable from "./activities/roundtable/phone.js";
import * as review from "./activities/review/phone.js";
import * as debate from "./activities/debate/phone.js";
import * as criteria from "./activities/criteria/phone.js";
import * as recommendations from "./activities/recommendations/phone.js";
import * as examples from "./activities/examples/phone.js";
import * as statements from "./activities/statements/phone.js";
import * as issues from "./activities/issues/phone.js";
import * as vote from "./activities/vote/phone.js";
import * as forces from "./activities/forces/phone.js";
import * as groups from "./activities/groups/phone.js";
import * as grid from "./activities/grid/phone.js";
import * as seeds from "./activities/seeds/phone.js";
import * as census from "./activities/census/phone.js";
import * as families from "./activities/families/phone.js";
import * as board from "./activities/board/phone.js";
import * as surprises from "./activities/surprises/phone.js";
import * as report from "./activities/report/phone.js";
import * as wall from "./activities/wall/phone.js";
import * as buddies from "./activities/buddies/phone.js";

const TOKEN = "kiosk_token";
const features = [common, programme, step, wordcloud, addressbook, roundtable, review, debate, criteria, recommendations, examples, statements, issues, vote, forces, groups, grid, seeds, census, families, board, surprises, report, wall, buddies];
let view = null;
let me = null;

function showApp(show) {
  $("join").hidden = show;
  $("app").hidden = !show;
}

// Removed by the facilitator: this token names nobody any more; the join form comes back.
function forget(current) {
  localStorage.removeItem(TOKEN);
  current.socket.disconnect();
  view = null;
  me = null;
  showApp(false);
  $("join-error").textContent = strings.removed_you;
}

function render(current) {
  const state = current.state;
  if (state.removed) {
    forget(current);
    return;
  }
  setTitle(state.workshop);
  if (state.me) me = state.me;
  $("hello").textContent = me ? fmt(strings.hello, { name: me.name }) : "";
  $("app-date").textContent = longDate(state.workshop.date);
  $("app-date").hidden = !state.workshop.date;
  let claimed = false;
  for (const feature of features) {
    if (feature.render) claimed = feature.render(state, current) || claimed;
  }
  // A phase with no screen of its own shows what is happening in a sentence.
  $("phase-card").hidden = claimed;
  $("phase-title").textContent = strings.phases[state.phase] || "";
  $("phase-text").textContent = strings.phase_texts[state.phase] || "";
}

function start(token) {
  if (view) view.socket.disconnect();
  view = runScreen({
    token,
    features,
    cache: `kiosk_state:${token.slice(0, 12)}`,
    accept(snapshot, current) {
      if (snapshot.role === "participant") {
        showApp(true);
        return true;
      }
      // The box no longer knows this token (a new workshop): join again.
      localStorage.removeItem(TOKEN);
      current.socket.disconnect();
      showApp(false);
      return false;
    },
    render,
  });
}

let joinKey = null;

async function join(event) {
  event.preventDefault();
  const button = event.target.querySelector("button[type=submit]");
  $("join-error").textContent = "";
  // One key per intended join: a double tap or a retry after a network error joins once.
  joinKey = joinKey || newKey();
  button.disabled = true;
  const answer = await postJSON("/api/join", {
    name: $("name").value.trim(),
    contact: $("contact").value.trim(),
    share_contact: $("share").checked,
    token: localStorage.getItem(TOKEN) || undefined,
    key: joinKey,
  });
  button.disabled = false;
  if (!answer.ok) {
    $("join-error").textContent = answer.error;
    if (answer.code !== "network") joinKey = null;
    $("name").focus();
    return;
  }
  joinKey = null;
  me = answer.participant;
  localStorage.setItem(TOKEN, answer.token);
  start(answer.token);
}

$("join-form").addEventListener("submit", join);
for (const field of ["name", "contact"]) $(field).after(counter($(field)));
$("rename").addEventListener("click", () => {
  if (me) {
    $("name").value = me.name;
    $("contact").value = me.contact || "";
    $("share").checked = Boolean(me.share_contact);
    for (const field of ["name", "contact"]) $(field).dispatchEvent(new CustomEvent("counter"));
  }
  showApp(false);
  $("name").focus();
});

// The workshop's date on the join screen, written long in the page's language ("30 novembre 2026").
if ($("join-date")) $("join-date").textContent = longDate($("join-date").dataset.date);

const saved = localStorage.getItem(TOKEN);
if (saved) {
  showApp(true);
  start(saved);
} else {
  say("");
}
