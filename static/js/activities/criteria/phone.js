// Phone, "criteria" phase: one card per criterion with big 0–4 buttons and "Don't know"; the
// current rating is pressed, a tap on another one replaces it while the rating is open.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

let view = null;
const VALUES = [0, 1, 2, 3, 4, null];

async function rate(item, value) {
  if (!view) return;
  $("criteria-error").textContent = "";
  const answer = await view.send("criteria.rate", { criterion_id: item.id, value });
  if (answer.ok) {
    if (view.state.me) view.state.me.ratings = answer.ratings;
    render(view.state, view);
  } else if (answer.error) {
    $("criteria-error").textContent = answer.error;
  }
}

function card(item, mine) {
  const key = String(item.id);
  const rated = key in mine;
  return el("li", { class: "criteria-card" },
    el("h3", { class: "criteria-card-name" }, item.name),
    item.indicator ? el("p", { class: "help" }, item.indicator) : null,
    el("div", { class: "criteria-values", role: "group", "aria-label": item.name }, ...VALUES.map((value) => el("button", {
      type: "button", class: value === null ? "criteria-value dont-know" : "criteria-value",
      "aria-pressed": String(rated && mine[key] === value),
      "aria-label": fmt(strings.criteria_rate_named, { criterion: item.name, value: value === null ? strings.criteria_dont_know : value }),
      onclick: () => rate(item, value),
    }, value === null ? strings.criteria_dont_know : String(value)))));
}

export function render(state, current) {
  view = current;
  const section = $("criteria");
  section.hidden = state.phase !== "criteria";
  if (section.hidden) return false;
  const criteria = state.criteria;
  const open = Boolean(criteria && criteria.status === "rating");
  const mine = (state.me && state.me.ratings) || {};
  $("criteria-soon").hidden = Boolean(criteria && criteria.status !== "drafting");
  $("criteria-closed").hidden = !criteria || criteria.status !== "closed";
  $("criteria-scale").hidden = !open;
  $("criteria-progress").textContent = open ? fmt(strings.criteria_rated, { n: Object.keys(mine).length, total: criteria.items.length }) : "";
  fill($("criteria-cards"), open ? criteria.items.map((item) => card(item, mine)) : []);
  return true;
}
