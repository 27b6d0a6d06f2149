// Console: each group's board as it grows (read-only), and which one the wall shows.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
import { cardById } from "../../deck.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
export { events } from "./events.js";

const FIELDS = ["steps", "partners", "success", "blockers"];
let view = null;
const unfolded = new Set(); // the notes opened, kept open when a live update redraws the boards

function cardEntry(state, group, entry) {
  const found = cardById(state, entry.card_id);
  const notes = FIELDS.filter((field) => entry[field]);
  const title = found ? found.card.title : entry.card_id;
  const name = [el("strong", {}, title), found ? el("span", { class: "tag" }, ` · ${found.family.name}`) : null];
  const large = showLarge(view, "board", `${group.id}:${entry.card_id}`, title);
  if (!notes.length) return el("li", {}, ...name, " ", large);
  // The notes stay folded: the console lists every group's board on one page.
  const key = `notes-${group.id}-${entry.card_id}`;
  return el("li", {}, el("details", {
    open: unfolded.has(key),
    ontoggle: (event) => (event.target.open ? unfolded.add(key) : unfolded.delete(key)),
  },
    el("summary", { "data-key": key }, ...name),
    el("dl", { class: "board-notes" }, ...notes.flatMap((field) => [el("dt", {}, strings.note_labels[field]), el("dd", {}, entry[field])]))),
  large);
}

function groupBoard(state, group) {
  const board = state.boards[String(group.id)] || [];
  const shown = state.wall_board === group.id;
  return el("li", { class: shown ? "group on-wall" : "group" },
    el("h3", {}, group.name),
    el("button", {
      type: "button", "data-key": `show-${group.id}`, "aria-pressed": String(shown),
      "aria-label": fmt(strings.show_board_named, { name: group.name }),
      onclick: () => act(view, "wall.show_board", { group_id: shown ? null : group.id }),
    }, shown ? strings.on_the_wall : strings.show_on_wall),
    board.length
      ? el("ol", { class: "console-board" }, ...board.map((entry) => cardEntry(state, group, entry)))
      : el("p", { class: "tag" }, strings.no_card_yet));
}


export function render(state, current) {
  view = current;
  $("boards-waiting").hidden = state.groups.length > 0;
  fill($("console-boards"), state.groups.map((group) => groupBoard(state, group)));
}
