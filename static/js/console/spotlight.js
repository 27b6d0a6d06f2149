// Console: the wall's spotlight (wall.spotlight). Every item list of the activities that can show an
// item large has a "Show large" button beside each item (`showLarge`); while an item is on the wall,
// the sticky header has "Take off the wall", and so has the Escape key. Nothing is destroyed either
// way: no confirmation.
import { $, el, fmt, strings } from "../kiosk.js";
import { act } from "./act.js";

let view = null;

function isShown(state, activity, id) {
  return Boolean(state.spotlight && state.spotlight.activity === activity && state.spotlight.id === id);
}

// The button beside an item (`text`: what the item says, for its accessible name). Pressed while
// that item is on the wall: pressing it again takes it off.
export function showLarge(current, activity, id, text) {
  const on = isShown(current.state, activity, id);
  return el("button", {
    type: "button", class: "show-large", "data-key": `large-${activity}-${id}`, "aria-pressed": String(on),
    "aria-label": fmt(strings.show_large_named, { text }),
    onclick: () => act(current, "wall.spotlight", on ? {} : { activity, id }),
  }, strings.show_large);
}

function takeOff() {
  if (view && view.state.spotlight) act(view, "wall.spotlight", {});
}

export function render(state, current) {
  view = current;
  const button = $("spotlight-off");
  button.hidden = !state.spotlight;
  if (state.spotlight) button.setAttribute("aria-label", fmt(strings.spotlight_off_named, { text: state.spotlight.item.text }));
}

$("spotlight-off").textContent = strings.spotlight_off;
$("spotlight-off").addEventListener("click", takeOff);

// Escape takes the item off the wall, wherever the focus is (a field keeps its own Escape).
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (!view || !view.state.spotlight || $("console").hidden) return;
  if (event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]")) return;
  event.preventDefault();
  takeOff();
});
