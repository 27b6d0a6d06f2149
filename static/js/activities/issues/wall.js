// Wall, "issues" phase: the issues proposed so far, live (the box fits the stage: wall/fit.js).
import { $, el, fill } from "../../kiosk.js";
export { events } from "./events.js";

export function render(state) {
  const section = $("issues");
  section.hidden = state.phase !== "issues";
  if (section.hidden) return false;
  fill($("issue-list"), state.issues.map((issue) => el("li", { "data-fit-clip": "" }, issue.text)));
  return true;
}
