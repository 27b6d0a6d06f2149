// Console: record the criteria (name and indicator), correct or remove them, open and close the
// rating; each criterion's median, quartiles and "don't know" as the room rates.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
export { events } from "./events.js";

let view = null;

export function action(state, step) {
  if (step.phase !== "criteria") return null;
  const criteria = state.criteria;
  if (!criteria || criteria.status === "drafting") {
    return criteria && criteria.items.length >= 3 ? { label: strings.criteria_open_action, command: "criteria.open" }
      : { label: strings.criteria_need_three, section: "criteria-name" };
  }
  return criteria.status === "rating" ? { label: strings.criteria_close_action, command: "criteria.close" } : null;
}

export function nudges(state, step) {
  const criteria = state.criteria;
  if (step.phase !== "criteria" || !criteria || criteria.status !== "rating") return [];
  const missing = state.participants.length - criteria.people;
  return missing > 0 ? [{ key: "criteria-not-rated", text: count("criteria_not_rated", missing) }] : [];
}

const num = (value) => (value === null ? "—" : String(Math.round(value * 100) / 100));

function row(item, editable) {
  const name = el("input", { value: item.name, maxlength: "60", "aria-label": fmt(strings.criteria_edit_named, { name: item.name }) });
  const indicator = el("input", { value: item.indicator, maxlength: "140", "aria-label": strings.criteria_indicator });
  return el("li", { class: "issue" },
    el("p", { class: "issue-text" }, el("strong", {}, item.name), item.indicator ? ` — ${item.indicator}` : "",
      el("span", { class: "tag" }, ` · ${item.n ? `${fmt(strings.criteria_median, { median: num(item.median) })} (${
        fmt(strings.criteria_band, { q1: num(item.q1), q3: num(item.q3) })})` : strings.criteria_no_rating}${
        item.unknown ? ` · ${count("criteria_unknown", item.unknown)}` : ""}`)),
    el("div", { class: "row-actions" }, showLarge(view, "criteria", item.id, item.name), ...(editable ? [name, indicator,
      el("button", { type: "button", onclick: () => act(view, "criteria.edit", { criterion_id: item.id, name: name.value, indicator: indicator.value }) },
        strings.save),
      el("button", { type: "button", "aria-label": fmt(strings.criteria_remove_named, { name: item.name }),
        onclick: () => act(view, "criteria.remove", { criterion_id: item.id }) }, "✕")] : [])));
}

export function render(state, current) {
  view = current;
  const criteria = state.criteria;
  const status = criteria ? criteria.status : "drafting";
  $("criteria-state").textContent = criteria ? `${strings[`criteria_status_${status}`]} · ${count("criteria_people", criteria.people)}` : "";
  $("criteria-add").hidden = status === "closed";
  $("criteria-open").hidden = status !== "drafting";
  $("criteria-close").hidden = status !== "rating";
  fill($("criteria-list"), criteria ? criteria.items.map((item) => row(item, status !== "closed")) : []);
}

$("criteria-add").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!view) return;
  act(view, "criteria.add", { name: $("criteria-name").value, indicator: $("criteria-indicator").value }).then((answer) => {
    if (answer && answer.ok) {
      $("criteria-name").value = "";
      $("criteria-indicator").value = "";
      $("criteria-name").focus();
    }
  });
});
$("criteria-open").addEventListener("click", () => view && act(view, "criteria.open", {}));
$("criteria-close").addEventListener("click", () => view && act(view, "criteria.close", {}));
