// The facilitator's console: PIN, participants arriving live, workshop details, phases.
import { $, connect, el, postJSON, say, send, strings } from "./kiosk.js";

const TOKEN = "kiosk_facilitator";
const PHASES = Object.keys(strings.phases);
let socket = null;
let current = null;

function renderPeople() {
  $("count").textContent = String(current.participants.length);
  $("people").replaceChildren(
    ...current.participants.map((p) =>
      el("tr", {}, el("td", {}, p.name), el("td", {}, p.contact || ""), el("td", {}, p.share_contact ? strings.yes : strings.no)),
    ),
  );
}

function renderPhases() {
  $("phases").replaceChildren(
    ...PHASES.map((phase) =>
      el("button", {
        type: "button",
        "aria-pressed": String(phase === current.phase),
        onclick: async () => {
          const answer = await send(socket, "phase.set", { phase });
          if (!answer.ok) say(answer.error, "error");
        },
      }, strings.phases[phase]),
    ),
  );
}

function renderDetails() {
  const w = current.workshop;
  const form = $("details-form");
  for (const field of ["title", "date", "territory", "lang"]) {
    const input = form.elements[field];
    if (document.activeElement !== input) input.value = w[field] || (field === "lang" ? "fr" : "");
  }
}

function render() {
  renderPeople();
  renderPhases();
  renderDetails();
}

function start(token) {
  $("login").hidden = true;
  $("console").hidden = false;
  socket = connect(token, {
    state(snapshot) {
      if (snapshot.role !== "facilitator") {
        localStorage.removeItem(TOKEN);
        socket.disconnect();
        $("console").hidden = true;
        $("login").hidden = false;
        return;
      }
      current = snapshot;
      render();
    },
    "participant.joined"(event) {
      const list = current.participants;
      const at = list.findIndex((p) => p.id === event.participant.id);
      if (at >= 0) list[at] = event.participant;
      else list.push(event.participant);
      renderPeople();
    },
    "phase.changed"(event) {
      current.phase = event.phase;
      renderPhases();
    },
    "workshop.updated"(event) {
      current.workshop = event.workshop;
      renderDetails();
    },
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
  const form = event.target;
  $("details-error").textContent = "";
  const payload = {};
  for (const field of ["title", "date", "territory", "lang"]) payload[field] = form.elements[field].value;
  const answer = await send(socket, "workshop.update", payload);
  if (answer.ok) say(strings.saved, "ok");
  else $("details-error").textContent = answer.error;
});

const saved = localStorage.getItem(TOKEN);
if (saved) start(saved);
else $("pin").focus();
