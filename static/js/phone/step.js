// Phone, every phase: the step of the programme the room is at, with its instruction for phones.
// The screen below follows the step's phase by itself.
import { $, announce, fmt, strings } from "../kiosk.js";

let heard = null; // the step last rendered: a screen reader hears of the next one

export function render(state) {
  const step = state.step;
  $("step-card").hidden = !step;
  if (!step) return false;
  const now = `${step.index}|${step.title}`;
  if (heard !== null && heard !== now) announce(fmt(strings.step_announce, { n: step.index + 1, title: step.title }));
  heard = now;
  $("step-count").textContent = fmt(strings.step_n_of, { n: step.index + 1, total: step.count });
  $("step-title").textContent = step.title;
  $("step-phone").textContent = step.phone || "";
  $("step-phone").hidden = !step.phone;
  return false;
}
