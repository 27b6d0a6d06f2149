// Phone, "wall" and "closing" phases: choose a motivation buddy, or take the one offered.
import { $, el, fmt, nameOf, say, strings } from "../../kiosk.js";
export { events } from "./events.js";

const PHASES = ["wall", "closing"];
let view = null;
let asked = false;


async function choose(participantId) {
  const answer = await view.send("buddy.choose", { participant_id: participantId });
  $("buddy-refusal").textContent = answer.ok ? "" : answer.error;
  if (!answer.ok) say(answer.error, "error");
  else {
    view.state.me.buddy = answer.buddy;
    render(view.state, view);
  }
}

export function render(state, current) {
  view = current;
  const section = $("buddy");
  section.hidden = !PHASES.includes(state.phase);
  if (section.hidden) return false;
  if (!asked) {
    // The list of participants in this phone's snapshot may be old: ask for a fresh one once.
    asked = true;
    view.send("state.get", {});
  }
  const me = state.me;
  const buddy = me.buddy || { buddies: [], chosen_by: [] };
  let text = strings.buddy_none;
  if (buddy.buddies.length) text = fmt(strings.buddy_pair, { names: buddy.buddies.map((id) => nameOf(state, id)).join(", ") });
  else if (buddy.chosen) text = fmt(strings.buddy_waiting, { name: nameOf(state, buddy.chosen) });
  if (!buddy.buddies.length && buddy.chosen_by.length) {
    text += " " + fmt(strings.buddy_chosen_by, { names: buddy.chosen_by.map((id) => nameOf(state, id)).join(", ") });
  }
  $("buddy-state").textContent = text;
  const offer = !buddy.buddies.length && buddy.suggestion && buddy.suggestion !== buddy.chosen ? buddy.suggestion : null;
  $("buddy-offer").hidden = !offer;
  if (offer) {
    const button = $("buddy-accept");
    button.textContent = fmt(strings.buddy_take, { name: nameOf(state, offer) });
    button.onclick = () => choose(offer);
  }
  const select = $("buddy-select");
  const others = state.participants.filter((p) => p.id !== me.id);
  if (select.options.length !== others.length || select.dataset.for !== String(buddy.chosen)) {
    select.replaceChildren(...others.map((p) => el("option", { value: String(p.id), selected: p.id === buddy.chosen }, p.name)));
    select.dataset.for = String(buddy.chosen);
  }
  return true;
}

$("buddy-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = Number($("buddy-select").value);
  if (value) choose(value);
});
