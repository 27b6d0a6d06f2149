// Console: every panel folds away under its heading, so that the console on a phone is a list of
// headings with the step's panel open, not a page a dozen screens long. The heading becomes a
// button (aria-expanded); each panel's state is remembered on this device (localStorage). A panel
// never opened or closed here starts open on a wide screen, and on a phone only when it is the
// programme's (`data-open`) or the current phase's (`data-phases`); whenever the workshop moves to
// another phase, that phase's panel opens.
import { $, el } from "../kiosk.js";

const KEY = "kiosk_console_panels";
const narrow = window.matchMedia("(max-width: 40rem)");
const panels = new Map(); // heading id -> {section, button, body}
let lastPhase = null;

function remembered() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || {};
  } catch {
    return {};
  }
}

function set(id, open, remember = true) {
  const panel = panels.get(id);
  panel.button.setAttribute("aria-expanded", String(open));
  panel.body.hidden = !open;
  panel.section.classList.toggle("folded", !open);
  if (remember) localStorage.setItem(KEY, JSON.stringify({ ...remembered(), [id]: open }));
}

function phasesOf(section) {
  return (section.dataset.phases || "").split(" ").filter(Boolean);
}

// Open the panel holding `node` (a nudge's button brings a part of a panel into view).
export function reveal(node) {
  const section = node && node.closest("section[data-panel]");
  if (section) set(section.dataset.panel, true);
}

for (const section of $("console").querySelectorAll(":scope > section[aria-labelledby]")) {
  const heading = $(section.getAttribute("aria-labelledby"));
  const id = heading.id;
  const body = el("div", { id: `${id}-body`, class: "panel-body" });
  while (heading.nextSibling) body.append(heading.nextSibling);
  section.append(body);
  const button = el("button", { type: "button", class: "panel-toggle", "aria-controls": body.id,
    onclick: () => set(id, button.getAttribute("aria-expanded") !== "true") });
  const label = el("span", {}); // one flex item beside the marker, whatever the heading holds (a count)
  while (heading.firstChild) label.append(heading.firstChild);
  button.append(label);
  heading.append(button);
  section.dataset.panel = id;
  panels.set(id, { section, button, body });
  const stored = remembered()[id];
  set(id, stored === undefined ? !narrow.matches || section.hasAttribute("data-open") : stored, false);
}

export function render(state) {
  if (state.phase === lastPhase) return;
  lastPhase = state.phase;
  for (const [id, panel] of panels) if (phasesOf(panel.section).includes(state.phase)) set(id, true, false);
}
