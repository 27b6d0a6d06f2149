// Wall, "review" phase: the buckets side by side, each note a card with its +1s, the most supported
// on top; what does not fit a column is counted under it ("+3 more"), never scrolled.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

let last = null;

function byPlusOnes(a, b) {
  return b.plus_ones - a.plus_ones || a.id - b.id;
}

function card(note) {
  return el("li", { class: "review-card" },
    el("p", { class: "review-text" }, note.text),
    note.plus_ones ? el("span", { class: "review-plus" }, `+${note.plus_ones}`) : null);
}

// Cards that would pass the column's bottom are hidden, the least supported first, and counted in its footer.
function fit(column) {
  const list = column.querySelector("ul");
  const more = column.querySelector(".review-more");
  const cards = [...list.children];
  cards.forEach((c) => { c.hidden = false; });
  more.hidden = true;
  if (list.scrollHeight <= list.clientHeight + 1) return;
  more.hidden = false;
  let hidden = 0;
  for (let n = cards.length - 1; n >= 0 && list.scrollHeight > list.clientHeight + 1; n -= 1) {
    cards[n].hidden = true;
    hidden += 1;
  }
  more.textContent = fmt(strings.review_more, { n: hidden });
}

function layout() {
  const columns = $("review-columns");
  if ($("review").hidden) return;
  // Down to the screen's bottom, or to the join address when the step's header sends it there.
  const top = columns.getBoundingClientRect().top;
  const panel = document.querySelector(".join-panel");
  const panelTop = panel ? panel.getBoundingClientRect().top : Infinity;
  const status = $("status");
  const bottom = Math.min(window.innerHeight - (status ? status.offsetHeight : 0), panelTop > top ? panelTop : Infinity) - 12;
  columns.style.height = `${Math.max(120, bottom - top)}px`;
  columns.querySelectorAll(".review-column").forEach(fit);
}

export function render(state) {
  const section = $("review");
  section.hidden = state.phase !== "review";
  document.body.classList.toggle("review-mode", !section.hidden);
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
      el("h3", {}, bucket, " ", el("span", { class: "review-count" }, String(notes.length))),
      el("ul", {}, ...notes.map(card)),
      el("p", { class: "review-more", hidden: true }));
  }));
  last = state;
  requestAnimationFrame(layout);
  return true;
}

window.addEventListener("resize", () => last && layout());
