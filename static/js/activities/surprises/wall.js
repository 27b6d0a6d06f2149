// Wall: in the "surprises" phase each table's surprises side by side; during the report-back, the
// surprises of the table presenting, in the place of its board when it holds no card
// (templates/activities/surprises/wall_board.html).
import { $, el, fill, groupName, strings } from "../../kiosk.js";
import { byTable } from "./events.js";
import { spread } from "../examples/wall.js";
export { events } from "./events.js";

function card(item) {
  return el("li", { class: "review-card" }, el("p", { class: "review-text", "data-fit-clip": "" }, item.text));
}

function underBoard(state) {
  const box = $("board-surprises");
  const groupId = state.wall_board;
  // A table that filled a board presents its board; one without (the surprises' day) presents its surprises.
  const board = state.boards && groupId !== null && groupId !== undefined ? state.boards[String(groupId)] || [] : [];
  const items = state.phase === "report" && groupId !== null && groupId !== undefined && state.surprises && !board.length
    ? state.surprises.items.filter((i) => i.table === groupName(state, groupId)) : [];
  box.hidden = !items.length;
  fill($("board-surprises-list"), items.map((i) => el("li", { "data-fit-clip": "" }, i.text)));
}

export function render(state) {
  underBoard(state);
  const section = $("surprises");
  section.hidden = state.phase !== "surprises";
  if (section.hidden) return false;
  const surprises = state.surprises;
  const items = surprises ? surprises.items : [];
  $("surprises-prompt").textContent = surprises ? surprises.prompt : strings.surprises_soon;
  $("surprises-empty").hidden = !surprises || items.length > 0;
  const tables = byTable(items);
  const box = $("surprises-columns");
  spread(box, tables.length);
  fill(box, tables.map((block) => el("section", { class: "review-column", "aria-label": block.table },
    el("h3", { class: "fit-head" }, el("span", {}, el("span", { class: "review-count" }, String(block.items.length)), " ", block.table)),
    el("ul", { "data-fit": "", "data-fit-cols": "1", "data-fit-max": "1.2", "data-fit-lines": "4", "data-fit-pager": "h3" }, ...block.items.map(card)))));
  return true;
}
