// Wall, "board" and "report" phases: every group's top cards side by side; once the facilitator
// puts one group's board on the wall (the report-back), that group's issue and its whole board large.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
import { cardById } from "../../deck.js";
export { events } from "./events.js";

const TOP = 3;
const FIELDS = ["steps", "partners", "success", "blockers"];

function cardLabel(state, cardId) {
  const found = cardById(state, cardId);
  return {
    title: found ? found.card.title : cardId,
    family: found ? found.family.name : "",
    color: found ? found.family.color : "#37474f",
  };
}

function overviewItem(state, group) {
  const board = state.boards[String(group.id)] || [];
  return el("li", { class: "board-summary" },
    el("h3", { "data-fit-clip": "" }, group.name),
    board.length
      ? el("ol", { class: "top-cards" }, ...board.slice(0, TOP).map((entry) => {
        const card = cardLabel(state, entry.card_id);
        return el("li", { style: `--family: ${card.color}`, "data-fit-clip": "" }, card.title);
      }))
      : el("p", { class: "wall-note" }, strings.no_card_yet),
    board.length > TOP ? el("p", { class: "more" }, fmt(strings.more_cards, { n: board.length - TOP })) : null);
}

function boardRow(state, entry, index) {
  const card = cardLabel(state, entry.card_id);
  return el("tr", { style: `--family: ${card.color}` },
    el("td", { class: "board-rank" }, String(index + 1)),
    el("th", { scope: "row", class: "board-card-cell" }, el("span", { class: "board-family" }, card.family), card.title),
    ...FIELDS.map((field) => el("td", {}, el("div", { class: "board-note-text" }, entry[field]))));
}

function renderSingle(state, group) {
  const board = state.boards[String(group.id)] || [];
  $("board-single-issue").textContent = group.name;
  $("board-single-empty").hidden = board.length > 0;
  $("board-table").closest("[data-fit]").hidden = board.length === 0;
  fill($("board-rows"), board.map((entry, index) => boardRow(state, entry, index)));
}


export function render(state) {
  const section = $("board");
  section.hidden = !["board", "report"].includes(state.phase) || !state.deck;
  if (section.hidden) {
    document.body.classList.remove("board-mode");
    return false;
  }
  const chosen = state.wall_board !== null ? state.groups.find((g) => g.id === state.wall_board) : null;
  // One group's board takes the whole activity area: the phase's name and the head count step aside.
  document.body.classList.toggle("board-mode", Boolean(chosen));
  $("board-single").hidden = !chosen;
  $("board-list").hidden = Boolean(chosen);
  $("boards-waiting").hidden = Boolean(chosen) || state.groups.length > 0;
  if (chosen) renderSingle(state, chosen);
  else fill($("board-list"), state.groups.map((group) => overviewItem(state, group)));
  return true;
}
