// The spotlight: one item shown alone and large over the stage (`wall.spotlight` from the console),
// its full text, never cut: the fit (wall/fit.js) shrinks its type down to the floor, and only a
// card with long notes goes on pages. The header and the join corner stay; the item fades in.
// The server gives the item ready to show (kiosk/spotlight.py): `{text, author?, context?,
// figures?, parts?}`, its labels and figures in the workshop's language.
import { $, el, fill } from "../kiosk.js";

let shownKey = null;

function parts(item) {
  return [
    item.context ? el("p", { class: "spotlight-context", "data-fit-keep": "" }, item.context) : null,
    el("blockquote", { class: "spotlight-text", "data-fit-keep": "" }, item.text),
    item.author ? el("p", { class: "spotlight-by" }, item.author) : null,
    item.figures ? el("p", { class: "spotlight-figures" }, item.figures.join(" · ")) : null,
    ...(item.parts || []).map((part) => el("div", { class: "spotlight-part" },
      el("h3", {}, part.label), el("p", {}, part.text))),
  ].filter(Boolean);
}

export function render(state) {
  const layer = $("spotlight");
  const shown = state.spotlight;
  layer.hidden = !shown;
  document.body.classList.toggle("spotlit", Boolean(shown));
  if (!shown) {
    shownKey = null;
    return false;
  }
  const key = `${shown.activity}:${shown.id}`;
  if (key !== shownKey) {
    // Another item: it fades in (a figure changing on the same item does not).
    layer.classList.remove("spotlight-in");
    void layer.offsetWidth;
    layer.classList.add("spotlight-in");
    shownKey = key;
  }
  fill($("spotlight-item"), parts(shown.item));
  return false;
}
