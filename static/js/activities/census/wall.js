// Wall, "census" phase: the census's live counts, readable from the back of the room: the total,
// by source, and a bar per theme and per commune (each list fits its column, wall/fit.js).
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

function bars(counts) {
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = Math.max(1, ...ranked.map(([, n]) => n));
  return ranked.map(([name, n]) => el("li", { class: "bar-row" },
    el("span", { class: "bar-label" }, name),
    el("span", { class: "bar-track", "aria-hidden": "true" }, el("span", { class: "bar-fill", style: `width:${(100 * n) / top}%` })),
    el("span", { class: "bar-value" }, String(n))));
}

export function render(state) {
  const section = $("census");
  section.hidden = state.phase !== "census";
  if (section.hidden) return false;
  const census = state.census;
  const counts = census ? census.counts : { total: 0, theme: {}, commune: {}, source: {} };
  $("census-total").textContent = !census ? strings.census_soon
    : count("census_total", counts.total)
      + (census.status === "open" ? "" : ` · ${strings.census_closed}`);
  $("census-sources").textContent = census ? [["phone", strings.census_source_phone], ["paper", strings.census_source_paper]]
    .map(([source, label]) => fmt(strings.census_source_count, { source: label, n: counts.source[source] || 0 })).join(" · ") : "";
  fill($("census-themes"), bars(counts.theme));
  fill($("census-communes"), bars(counts.commune));
  return true;
}
