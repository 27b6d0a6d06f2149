// The participant's phone: join with a first name, then follow the workshop.
import { $, connect, fmt, newKey, postJSON, say, setTitle, strings } from "./kiosk.js";

const TOKEN = "kiosk_token";
let socket = null;
let me = null;

function showApp(show) {
  $("join").hidden = show;
  $("app").hidden = !show;
}

function render(state) {
  setTitle(state.workshop);
  if (state.me) me = state.me;
  $("hello").textContent = me ? fmt(strings.hello, { name: me.name }) : "";
  $("phase-title").textContent = strings.phases[state.phase] || "";
  $("phase-text").textContent = strings.phase_texts[state.phase] || "";
}

let current = null;

function start(token) {
  if (socket) socket.disconnect();
  socket = connect(token, {
    state(snapshot) {
      if (snapshot.role !== "participant") {
        // The box no longer knows this token (a new workshop): join again.
        localStorage.removeItem(TOKEN);
        socket.disconnect();
        showApp(false);
        return;
      }
      current = snapshot;
      showApp(true);
      render(current);
    },
    "phase.changed"(event) {
      current.phase = event.phase;
      render(current);
    },
    "workshop.updated"(event) {
      current.workshop = event.workshop;
      render(current);
    },
  });
}

let joinKey = null;

async function join(event) {
  event.preventDefault();
  const form = event.target;
  const button = form.querySelector("button[type=submit]");
  const name = $("name").value.trim();
  $("join-error").textContent = "";
  // One key per intended join: a double tap or a retry after a network error joins once.
  joinKey = joinKey || newKey();
  button.disabled = true;
  const answer = await postJSON("/api/join", {
    name,
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
$("rename").addEventListener("click", () => {
  if (me) $("name").value = me.name;
  showApp(false);
  $("name").focus();
});

const saved = localStorage.getItem(TOKEN);
if (saved) {
  showApp(true);
  start(saved);
} else {
  say("");
  $("name").focus();
}
