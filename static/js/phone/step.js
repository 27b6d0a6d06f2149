// Phone, every phase: the step of the programme the room is at, with its instruction for phones.
// The screen below follows the step's phase by itself.
import { $, fmt, strings } from "../kiosk.js";

export function render(state) {
  const step = state.step;
  $("step-card").hidden = !step;
  if (!step) return false;
  $("step-count").textContent = fmt(strings.step_n_of, { n: step.index + 1, total: step.count });
  $("step-title").textContent = step.title;
  $("step-phone").textContent = step.phone || "";
  $("step-phone").hidden = !step.phone;
  return false;
}
