// Wall, "review" phase: the buckets side by side, each note a card with its +1s, the most supported
// on top. Each bucket's list fits its column (wall/fit.js): when its notes do not fit, they go on
// pages that turn by themselves ("1/3" at the end of its heading), never scrolled.
import { $, el, fill, strings } from "../../kiosk.js";
export { events } from "./events.js";

function byPlusOnes(a, b) {
  return b.plus_ones - a.plus_ones || a.id - b.id;
}

function card(note) {
  return el("li", { class: "review-card" },
    el("p", { class: "review-text", "data-fit-clip": "" }, note.text),
    note.plus_ones ? el("span", { class: "review-plus" }, `+${note.plus_ones}`) : null);
}

export function render(state) {
  const section = $("review");
  section.hidden = state.phase !== "review";
  if (section.hidden) return false;
  const review = state.review;
  $("review-prompt").textContent = review ? review.prompt : strings.review_soon;
  $("review-empty").hidden = !review || review.notes.length > 0;
  const buckets = review ? review.buckets : [];
  const columns = $("review-columns");
  columns.style.setProperty("--review-columns", String(Math.max(1, buckets.length)));
  fill(columns, buckets.map((bucket) => {
    const notes = review.notes.filter((n) => n.bucket === bucket).sort(byPlusOnes);
    return el("section", { class: "review-column", "aria-label": bucket },
      el("h3", { class: "fit-head" }, el("span", {}, bucket, " ", el("span", { class: "review-count" }, String(notes.length)))),
      el("ul", { "data-fit": "", "data-fit-cols": "1", "data-fit-max": "1.2", "data-fit-lines": "5", "data-fit-pager": "h3" },
        ...notes.map(card)));
  }));
  return true;
}
