// Phone, "recommendations" phase: propose a recommendation; rate each one's impact and effort with
// big 1–4 buttons (sent once both are chosen); put your name to one for the roadmap.
import { $, counter, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

let view = null;
let countered = false;
const drafts = {}; // recommendation id -> [impact, effort] chosen on this phone, not sent until both are

async function send(name, payload) {
  $("recommendations-error").textContent = "";
  const answer = await view.send(name, payload);
  if (!answer.ok && answer.error) $("recommendations-error").textContent = answer.error;
  return answer;
}

async function choose(item, axis, value) {
  if (!view) return;
  const key = String(item.id);
  const mine = (view.state.me && view.state.me.recommendation_ratings) || {};
  const draft = drafts[key] || [...(mine[key] || [null, null])];
  draft[axis] = value;
  drafts[key] = draft;
  if (draft[0] !== null && draft[1] !== null) {
    const answer = await send("recommendations.rate", { recommendation_id: item.id, impact: draft[0], effort: draft[1] });
    if (answer.ok) {
      delete drafts[key];
      if (view.state.me) view.state.me.recommendation_ratings = answer.ratings;
    }
  }
  render(view.state, view);
}

function scale(item, axis, chosen) {
  const label = axis === 0 ? strings.recommendations_impact : strings.recommendations_effort;
  const named = axis === 0 ? strings.recommendations_impact_named : strings.recommendations_effort_named;
  return el("div", { class: "recommendations-scale", role: "group", "aria-label": `${label}: ${item.text}` },
    el("span", { class: "recommendations-scale-name" }, label),
    ...[1, 2, 3, 4].map((value) => el("button", {
      type: "button", class: "recommendations-value", "aria-pressed": String(chosen === value),
      "aria-label": fmt(named, { text: item.text, value }), onclick: () => choose(item, axis, value),
    }, String(value))));
}

function card(state, item, open) {
  const key = String(item.id);
  const mine = (state.me && state.me.recommendation_ratings) || {};
  const chosen = drafts[key] || mine[key] || [null, null];
  const me = state.me ? state.me.id : null;
  const helping = item.volunteers.includes(me);
  return el("li", { class: "recommendations-card" },
    el("p", { class: "recommendations-card-text" }, item.text),
    open ? scale(item, 0, chosen[0]) : null,
    open ? scale(item, 1, chosen[1]) : null,
    el("button", {
      type: "button", class: "recommendations-help", "aria-pressed": String(helping),
      "aria-label": fmt(strings.recommendations_volunteer_named, { text: item.text }),
      onclick: () => send("recommendations.volunteer", { recommendation_id: item.id, on: !helping }),
    }, strings.recommendations_volunteer));
}

export function render(state, current) {
  view = current;
  const section = $("recommendations");
  section.hidden = state.phase !== "recommendations";
  if (section.hidden) return false;
  if (!countered) {
    $("recommendations-text").after(counter($("recommendations-text")));
    countered = true;
  }
  const recs = state.recommendations;
  const open = recs.status === "open";
  $("recommendations-prompt").textContent = recs.prompt || "";
  $("recommendations-closed").hidden = open;
  $("recommendations-form").hidden = !open;
  $("recommendations-scale").hidden = !open || !recs.items.length;
  fill($("recommendations-cards"), recs.items.map((item) => card(state, item, open)));
  return true;
}

$("recommendations-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view) return;
  const text = $("recommendations-text").value.trim();
  if (!text) return;
  const answer = await send("recommendations.propose", { text });
  if (answer.ok) $("recommendations-text").value = "";
});
