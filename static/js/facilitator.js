// The facilitator's console: PIN, participants live, workshop details, phases, and every activity.
import { $, common, el, fill, fmt, nameOf, postJSON, runScreen, say, strings } from "./kiosk.js";
import * as decks from "./console/decks.js";
import * as programmes from "./console/programmes.js";
import * as exporting from "./console/export.js";
import "./console/tents.js";
import * as programmeConsole from "./console/programme.js";
import * as spotlight from "./console/spotlight.js";
import * as panels from "./console/panels.js";
import { REFUSED_MS, SAID_MS } from "./console/act.js";
import { programme } from "./timer.js";
// The activities, in the workshop's order (kiosk/activities/__init__.py: ACTIVITIES).
import * as wordcloud from "./activities/wordcloud/console.js";
import * as addressbook from "./activities/addressbook/console.js";
import * as roundtable from "./activities/roundtable/console.js";
import * as review from "./activities/review/console.js";
import * as debate from "./activities/debate/console.js";
import * as criteria from "./activities/criteria/console.js";
import * as recommendations from "./activities/recommendations/console.js";
import * as examples from "./activities/examples/console.js";
import * as statements from "./activities/statements/console.js";
import * as issues from "./activities/issues/console.js";
import * as vote from "./activities/vote/console.js";
import * as forces from "./activities/forces/console.js";
import * as groups from "./activities/groups/console.js";
import * as grid from "./activities/grid/console.js";
import * as seeds from "./activities/seeds/console.js";
import * as census from "./activities/census/console.js";
import * as families from "./activities/families/console.js";
import * as board from "./activities/board/console.js";
import * as surprises from "./activities/surprises/console.js";
import * as report from "./activities/report/console.js";
import * as wall from "./activities/wall/console.js";
import * as buddies from "./activities/buddies/console.js";

const TOKEN = "kiosk_facilitator";
const PHASES = strings.phase_order;
const activities = [wordcloud, addressbook, roundtable, review, debate, criteria, recommendations, examples, statements, issues, vote, forces, groups, grid, seeds, census, families, board, surprises, report, wall, buddies];
const features = [common, decks, programmes, programme, programmeConsole, spotlight, panels, ...activities, exporting];
programmeConsole.use(activities); // the header asks each for the step's action and nudges

async function remove(current, person) {
  if (!confirm(fmt(strings.remove_confirm, { name: person.name }))) return;
  const answer = await current.send("participant.remove", { participant_id: person.id });
  if (!answer.ok) say(answer.error, "error", REFUSED_MS);
}

// The console's copy of participant.joined carries contacts: keep them. Participants who joined
// from one address are listed together above (a join flood shows there), each with Remove.
// The column's name, for the phone-sized layout where each participant is a card.
const sharedLabel = document.querySelector(".people-list thead th:nth-child(3)").textContent
  + (document.documentElement.lang === "fr" ? "\u00a0: " : ": ");

function renderPeople(current) {
  const state = current.state;
  $("count").textContent = String(state.participants.length);
  const shared = state.shared_addresses || [];
  $("same-address").hidden = shared.length === 0;
  fill($("same-address"), shared.map((group) =>
    el("li", { "data-key": `address-${group.address}` },
      fmt(strings.same_address, { address: group.address, names: group.ids.map((id) => nameOf(state, id)).join(", ") }))));
  fill($("people"), state.participants.map((p) =>
    el("tr", {}, el("td", {}, p.name), el("td", {}, p.contact || ""), el("td", { "data-label": sharedLabel }, p.share_contact ? strings.yes : strings.no),
      el("td", { class: "row-actions" }, el("button", {
        type: "button", "data-key": `remove-${p.id}`,
        "aria-label": fmt(strings.remove_named, { name: p.name }),
        onclick: () => remove(current, p),
      }, strings.remove)))));
}

function renderPhases(current) {
  const state = current.state;
  fill($("phases"), PHASES.map((phase) =>
    el("button", {
      type: "button", "data-key": `phase-${phase}`,
      "aria-pressed": String(phase === state.phase),
      onclick: async () => {
        const answer = await current.send("phase.set", { phase });
        if (!answer.ok) say(answer.error, "error", REFUSED_MS);
      },
    }, strings.phases[phase])));
}

function renderDetails(state) {
  const form = $("details-form");
  for (const field of ["title", "date", "territory", "lang"]) {
    const input = form.elements[field];
    if (document.activeElement !== input) input.value = state.workshop[field] || (field === "lang" ? "fr" : "");
  }
}

let view = null;

function render(current) {
  const state = current.state;
  renderPeople(current);
  renderPhases(current);
  renderDetails(state);
  for (const feature of features) if (feature.render) feature.render(state, current);
}

function start(token) {
  $("login").hidden = true;
  $("console").hidden = false;
  // The console's messages and the changes waiting to be sent show in the sticky header, in view.
  $("console-head").append($("status"), $("pending"));
  view = runScreen({
    token,
    features,
    accept(snapshot, current) {
      if (snapshot.role === "facilitator") return true;
      localStorage.removeItem(TOKEN);
      current.socket.disconnect();
      $("console").hidden = true;
      $("login").hidden = false;
      return false;
    },
    render,
  });
}

$("pin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("pin-error").textContent = "";
  const answer = await postJSON("/api/facilitator", { pin: $("pin").value });
  if (!answer.ok) {
    $("pin-error").textContent = answer.error;
    $("pin").focus();
    return;
  }
  localStorage.setItem(TOKEN, answer.token);
  start(answer.token);
});

$("details-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("details-error").textContent = "";
  const payload = {};
  for (const field of ["title", "date", "territory", "lang"]) payload[field] = event.target.elements[field].value;
  const answer = await view.send("workshop.update", payload);
  if (answer.ok) say(strings.saved, "ok", SAID_MS);
  else $("details-error").textContent = answer.error;
});

const saved = localStorage.getItem(TOKEN);
if (saved) start(saved);
