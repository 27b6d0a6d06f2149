// Wall, "debate" phase: the statement, the room's line (one dot per person on each side, the count
// now and at the start), how many moved, and the arguments heard, the latest first.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
import { fitSoon, overflows } from "../../wall/fit.js";
export { events } from "./events.js";

const SIDES = ["agree", "doubt", "disagree"];
const DOTS_MAX = 60; // beyond, "+n": a dot per person stays readable up to a big room

// As many dots as the side's zone holds (DOTS_MAX at most), then "+n": never a dot cut off.
function fitDots() {
  for (const side of SIDES) {
    const box = $(`debate-dots-${side}`);
    const n = Number(box.dataset.people || 0);
    const text = (k) => "●".repeat(k) + (n > k ? ` +${n - k}` : "");
    let shown = Math.min(n, DOTS_MAX);
    box.textContent = text(shown);
    while (shown > 0 && box.clientHeight && overflows(box)) {
      shown = Math.max(0, shown - Math.max(1, Math.ceil(shown / 10)));
      box.textContent = text(shown);
    }
  }
}

export function render(state) {
  const section = $("debate");
  section.hidden = state.phase !== "debate";
  if (section.hidden) return false;
  const debate = state.debate;
  $("debate-statement").textContent = debate ? debate.text : strings.debate_soon;
  $("debate-line").hidden = !debate;
  for (const side of SIDES) {
    const n = debate ? debate.counts[side] : 0;
    $(`debate-count-${side}`).textContent = String(n);
    $(`debate-start-${side}`).textContent = debate ? fmt(strings.debate_at_start, { n: debate.start[side] }) : "";
    $(`debate-dots-${side}`).dataset.people = String(n);
  }
  fitSoon("debate-dots", fitDots);
  $("debate-moved").textContent = !debate ? "" : [
    count("debate_people", debate.people),
    count("debate_moved", debate.movers, { moves: debate.moves }),
  ].join(" · ");
  const said = debate ? [...debate.arguments].reverse() : [];
  fill($("debate-arguments"), said.map((a) => el("li", { class: `debate-argument ${a.side}` },
    el("span", { class: "debate-argument-side" }, strings[`debate_${a.side}`]), " ", a.text)));
  return true;
}
