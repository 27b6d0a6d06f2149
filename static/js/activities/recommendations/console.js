// Console: propose a recommendation, remove one, open and close the proposals; the roadmap's who
// and when for each, with the volunteers' names and the medians.
import { $, count, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
export { events } from "./events.js";

let view = null;
const num = (value) => (value === null ? "—" : String(Math.round(value * 10) / 10));
const ORDER = ["quick_win", "major_project", "fill_in", "thankless", null];

export function action(state, step) {
  if (step.phase !== "recommendations") return null;
  const recs = state.recommendations;
  return recs.status === "open" ? { label: strings.recommendations_close_action, command: "recommendations.close" }
    : { label: strings.recommendations_open_action, command: "recommendations.open" };
}

export function nudges(state, step) {
  const recs = state.recommendations;
  if (step.phase !== "recommendations" || recs.status !== "open") return [];
  const unrated = recs.items.filter((item) => item.quadrant === null).length;
  return unrated ? [{ key: "recommendations-unrated", text: count("recommendations_not_rated", unrated) }] : [];
}

function row(state, item) {
  const who = el("input", { value: item.who, maxlength: "80", "aria-label": `${strings.recommendations_who}: ${item.text}` });
  const when = el("input", { value: item.when, maxlength: "40", "aria-label": `${strings.recommendations_when}: ${item.text}` });
  const quadrant = item.quadrant ? strings[`recommendations_${item.quadrant}`] : "—";
  const helpers = item.volunteers.map((id) => nameOf(state, id)).join(", ");
  return el("li", { class: "issue" },
    el("p", { class: "issue-text" }, el("strong", {}, item.text),
      el("span", { class: "tag" }, ` · ${quadrant} · ${fmt(strings.recommendations_figures, { impact: num(item.impact), effort: num(item.effort) })} (${item.n})`),
      helpers ? el("span", { class: "by" }, ` · ${strings.recommendations_volunteer}: ${helpers}`) : null),
    el("div", { class: "row-actions" },
      showLarge(view, "recommendations", item.id, item.text),
      el("label", { class: "inline" }, strings.recommendations_who, " ", who),
      el("label", { class: "inline" }, strings.recommendations_when, " ", when),
      el("button", { type: "button", onclick: () => act(view, "recommendations.plan", { recommendation_id: item.id, who: who.value, when: when.value }) },
        strings.save),
      el("button", { type: "button", "aria-label": fmt(strings.recommendations_remove_named, { text: item.text }),
        onclick: () => window.confirm(strings.recommendations_remove_confirm) && act(view, "recommendations.remove", { recommendation_id: item.id }) }, "✕")));
}

export function render(state, current) {
  view = current;
  const recs = state.recommendations;
  const open = recs.status === "open";
  $("recommendations-state").textContent = open ? "" : strings.recommendations_closed;
  $("recommendations-open").hidden = open;
  $("recommendations-close").hidden = !open;
  const items = [...recs.items].sort((a, b) => ORDER.indexOf(a.quadrant) - ORDER.indexOf(b.quadrant) || (b.impact || 0) - (a.impact || 0));
  fill($("recommendations-roadmap"), items.map((item) => row(state, item)));
}

$("recommendations-add").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!view) return;
  act(view, "recommendations.propose", { text: $("recommendations-new").value }).then((answer) => {
    if (answer && answer.ok) $("recommendations-new").value = "";
  });
});
$("recommendations-open").addEventListener("click", () => view && act(view, "recommendations.open", {}));
$("recommendations-close").addEventListener("click", () => view && act(view, "recommendations.close", {}));
