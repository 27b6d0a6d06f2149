// The projector: join codes, live participant count, the current phase. Never needs a reload.
import { $, connect, el, setTitle, strings } from "./kiosk.js";

let current = null;

function render() {
  setTitle(current.workshop);
  const w = current.workshop;
  $("workshop-meta").textContent = [w.territory, w.date].filter(Boolean).join(" · ");
  $("phase-name").textContent = strings.phases[current.phase] || "";
  const n = current.participants.length;
  $("count").textContent = String(n);
  $("count-label").textContent = n === 1 ? strings.participant : strings.participants;
  $("names").replaceChildren(...current.participants.map((p) => el("li", {}, p.name)));
}

connect(null, {
  state(snapshot) {
    current = snapshot;
    render();
  },
  "participant.joined"(event) {
    const list = current.participants;
    const at = list.findIndex((p) => p.id === event.participant.id);
    if (at >= 0) list[at] = event.participant;
    else list.push(event.participant);
    render();
  },
  "phase.changed"(event) {
    current.phase = event.phase;
    render();
  },
  "workshop.updated"(event) {
    const langChanged = event.workshop.lang !== current.workshop.lang;
    current.workshop = event.workshop;
    if (langChanged && !new URLSearchParams(location.search).has("lang")) location.reload();
    else render();
  },
});
