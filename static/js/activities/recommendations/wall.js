// Wall, "recommendations" phase: four labelled quadrants (impact up, effort right), each
// recommendation in its quadrant by its medians, the highest impact first, cut at two lines (its
// whole text is on the phones and in the console), its medians at the end of its first line as the
// axes' arrows ("↑4 →1"): no line of their own, so more recommendations on a quadrant's page.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

const QUADRANTS = ["quick_win", "major_project", "fill_in", "thankless"];
const number = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1 });
const num = (value) => number.format(value);

export function render(state) {
  const section = $("recommendations");
  section.hidden = state.phase !== "recommendations";
  if (section.hidden) return false;
  const recs = state.recommendations;
  $("recommendations-prompt").textContent = recs.prompt || "";
  $("recommendations-prompt").hidden = !recs.prompt;
  for (const quadrant of QUADRANTS) {
    const items = recs.items.filter((item) => item.quadrant === quadrant)
      .sort((a, b) => b.impact - a.impact || a.effort - b.effort || a.id - b.id);
    fill($(`recommendations-${quadrant}`), items.map((item) => {
      const figures = fmt(strings.recommendations_figures, { impact: num(item.impact), effort: num(item.effort) });
      return el("li", { class: "recommendations-item" }, el("span", { class: "recommendations-item-text", title: item.text },
        el("span", { class: "recommendations-figures", title: figures, "aria-label": figures }, `↑${num(item.impact)} →${num(item.effort)}`),
        item.text));
    }));
  }
  const unrated = recs.items.filter((item) => item.quadrant === null).length;
  $("recommendations-note").textContent = !recs.items.length ? strings.recommendations_empty
    : unrated ? count("recommendations_not_rated", unrated) : "";
  return true;
}
