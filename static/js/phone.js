// The participant's phone: join with a first name, then follow the workshop's activities.
import { $, common, counter, fmt, longDate, newKey, postJSON, runScreen, say, setTitle, strings } from "./kiosk.js";
import * as step from "./phone/step.js";
import { programme } from "./timer.js";
// The activities' reducers, in the workshop's order (kiosk/activities/__init__.py: ACTIVITIES). They
// come with the page, all of them: they keep every part of this phone's state true (the snapshot kept
// for the offline view, the parts one screen reads of another's: the board reads the groups, the
// groups the issues; a step gone back to), for a few kB once, where folding only the current
// activity's would cost a fresh snapshot at every step, for every phone.
import * as wordcloud from "./activities/wordcloud/events.js";
import * as addressbook from "./activities/addressbook/events.js";
import * as roundtable from "./activities/roundtable/events.js";
import * as review from "./activities/review/events.js";
import * as debate from "./activities/debate/events.js";
import * as criteria from "./activities/criteria/events.js";
import * as recommendations from "./activities/recommendations/events.js";
import * as examples from "./activities/examples/events.js";
import * as statements from "./activities/statements/events.js";
import * as issues from "./activities/issues/events.js";
import * as vote from "./activities/vote/events.js";
import * as forces from "./activities/forces/events.js";
import * as groups from "./activities/groups/events.js";
import * as grid from "./activities/grid/events.js";
import * as seeds from "./activities/seeds/events.js";
import * as census from "./activities/census/events.js";
import * as families from "./activities/families/events.js";
import * as board from "./activities/board/events.js";
import * as surprises from "./activities/surprises/events.js";
import * as report from "./activities/report/events.js";
import * as wall from "./activities/wall/events.js";
import * as buddies from "./activities/buddies/events.js";

const TOKEN = "kiosk_token";
const reducers = [wordcloud, addressbook, roundtable, review, debate, criteria, recommendations, examples, statements, issues, vote, forces, groups, grid, seeds, census, families, board, surprises, report, wall, buddies];
const features = [common, programme, step, ...reducers];
let view = null;
let me = null;

// Each activity's screen (its section, its texts and its phone.js) comes only when a phase it shows
// does, then stays for the page’s life: the first load carries the core alone. SCREENS: each
// activity's phases, in the workshop's order (from the box); a screen also shown in other phases
// names them in ALSO, and one that shows another activity's texts names it in NEEDS.
const app = $("app");
const PARTS = app.dataset.parts;
const SCREENS = JSON.parse(app.dataset.screens || "{}");
const ALSO = { wall: ["closing"], buddies: ["wall", "closing"] };
const NEEDS = { board: ["groups"], wall: ["families"] };
const parts = new Map(); // name -> its section and texts in the page (a promise)
const loading = new Map(); // name -> its screen's module, loading (a promise)
const loaded = new Map(); // name -> its screen's module, ready to render
let attempts = 0; // failed loads: the next tries ask for the scripts again (a browser keeps a failed import)
const RETRY_MS = 3000;
const RELOADED = "kiosk_reloaded";

function shownIn(phase) {
  return Object.keys(SCREENS).filter((name) => SCREENS[name].includes(phase) || (ALSO[name] || []).includes(phase));
}

function part(name) {
  if (!parts.has(name)) {
    const placed = fetch(`${PARTS}${name}.json`)
      .then((response) => {
        if (response.status === 404) throw new Outdated(name);
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
        return response.json();
      })
      .then((got) => {
        Object.assign(strings, got.strings);
        document.querySelector(`[data-part="${name}"]`).innerHTML = got.html;
      });
    placed.catch(() => parts.delete(name));
    parts.set(name, placed);
  }
  return parts.get(name);
}

// Load a screen: its part (and those whose texts it shows) in the page first, its script then (a
// script finds its section's elements as it starts); the script is fetched meanwhile (preloaded,
// not run), so a step costs one round trip over the Wi-Fi, not two.
function load(name) {
  if (loading.has(name)) return;
  const script = new URL(`./activities/${name}/phone.js${attempts ? `?again=${attempts}` : ""}`, import.meta.url).href;
  document.head.append(Object.assign(document.createElement("link"), { rel: "modulepreload", href: script }));
  const ready = Promise.all([name, ...(NEEDS[name] || [])].map(part))
    .then(() => import(script))
    .then((module) => {
      loaded.set(name, module);
      if (view && view.state) render(view);
    });
  ready.catch((error) => {
    if (error instanceof Outdated && outdated()) return;
    // Out of reach: the screens it has stay, the phase's sentence says what happens; tried again
    // in a while, or with the next state (the box sends one on every reconnection).
    attempts += 1;
    setTimeout(() => {
      loading.delete(name);
      if (view && view.state) render(view);
    }, RETRY_MS);
  });
  loading.set(name, ready);
}

// The box runs other code than this page's (it was updated): its parts and scripts are another
// version's. The page is loaded again, once a minute at most (the outbox waits in localStorage).
class Outdated extends Error {}

function outdated() {
  const last = Number(sessionStorage.getItem(RELOADED) || 0);
  if (Date.now() - last < 60_000) return false;
  sessionStorage.setItem(RELOADED, String(Date.now()));
  location.reload();
  return true;
}

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

// Whether this phone's group changed since its last snapshot (by an event, or its own join): what
// happened in that group before (its board, its grid) never reached it, and a screen that shows
// it asks for a fresh snapshot (`current.regrouped`). A new snapshot holds it all again.
let snapshot = { state: null, group: null };

function regrouped(current) {
  const state = current.state;
  const group = state.me ? state.me.group_id : null;
  if (state !== snapshot.state) {
    snapshot = { state, group };
    current.regrouped = false;
  } else if (group !== snapshot.group) {
    current.regrouped = true;
  }
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
  regrouped(current);
  let claimed = step.render(state, current);
  for (const name of Object.keys(SCREENS)) {
    const screen = loaded.get(name);
    if (screen) claimed = screen.render(state, current) || claimed;
  }
  for (const name of shownIn(state.phase)) {
    if (!loaded.has(name)) load(name);
  }
  // A phase with no screen of its own, or whose screen is still on its way, shows what is
  // happening in a sentence.
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
