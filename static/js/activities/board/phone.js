// Phone, "board" phase: the group's board. Place cards that are opportunities for the group's
// issue, order them by priority, write for each the steps, partners, success factors, blockers.
//
// The list is updated in place, one element per card, never rebuilt: a teammate's change must not
// wipe what this phone is typing. A note is saved when its box loses focus, or with "Save".
import { $, el, fmt, say, strings } from "../../kiosk.js";
import { cardById } from "../../deck.js";
import { events as reducers } from "./events.js";

const FIELDS = ["steps", "partners", "success", "blockers"];

let view = null;
let knownGroup; // the group at the last render
let stale = false; // joined a group since the snapshot: its board never reached this phone
let shownGroup = null; // the group whose board the list below holds
let optionsSignature = "";
const items = new Map(); // card id -> {node, title, rank, up, down, remove, save, notes: {field: textarea}}
const drafts = new Map(); // `${cardId}:${field}` -> text typed and not saved yet

function myGroup(state) {
  return state.me && state.me.group_id !== null ? state.groups.find((g) => g.id === state.me.group_id) : null;
}

function boardOf(state, group) {
  return state.boards[String(group.id)] || [];
}

function titleOf(state, cardId) {
  const found = cardById(state, cardId);
  return found ? found.card.title : cardId;
}

async function act(name, payload) {
  const answer = await view.send(name, { group_id: myGroup(view.state).id, ...payload });
  if (!answer.ok) {
    say(answer.error, "error");
    return answer;
  }
  // A replayed answer leaves the board out (too large to keep): board.updated brings it.
  if (answer.board) view.state.boards[String(answer.group_id)] = answer.board;
  render(view.state, view);
  return answer;
}

async function saveNote(cardId, field) {
  const key = `${cardId}:${field}`;
  if (!drafts.has(key)) return;
  const text = drafts.get(key);
  const answer = await act("board.note", { card_id: cardId, field, text });
  if (answer.ok) {
    if (drafts.get(key) === text) drafts.delete(key);
    say(strings.saved, "ok");
    render(view.state, view);
  }
}

function noteBox(cardId, field) {
  const id = `note-${cardId}-${field}`;
  const box = el("textarea", {
    id, rows: "3", maxlength: "500", "data-key": id,
    oninput: (event) => drafts.set(`${cardId}:${field}`, event.target.value),
    onchange: () => saveNote(cardId, field),
  });
  return { box, wrap: el("div", { class: "board-note" }, el("label", { for: id, class: "board-note-label" }, strings.note_labels[field]), box) };
}

function cardItem(cardId) {
  const item = { notes: {} };
  item.rank = el("span", { class: "rank" });
  item.family = el("p", { class: "board-family" });
  item.title = el("h3", { class: "board-title" });
  item.up = el("button", { type: "button", class: "round", "data-key": `up-${cardId}`, onclick: () => moveBy(cardId, -1) }, "↑");
  item.down = el("button", { type: "button", class: "round", "data-key": `down-${cardId}`, onclick: () => moveBy(cardId, 1) }, "↓");
  item.remove = el("button", { type: "button", "data-key": `remove-${cardId}`, onclick: () => removeCard(cardId) }, strings.remove_card);
  const notes = FIELDS.map((field) => {
    const { box, wrap } = noteBox(cardId, field);
    item.notes[field] = box;
    return wrap;
  });
  item.save = el("button", {
    type: "button", "data-key": `save-${cardId}`,
    onclick: () => FIELDS.forEach((field) => saveNote(cardId, field)),
  }, strings.save);
  item.node = el("li", { class: "board-card" },
    el("div", { class: "board-card-head" }, item.rank, el("div", { class: "board-card-name" }, item.family, item.title)),
    el("div", { class: "row-actions" }, item.up, item.down, item.remove),
    ...notes,
    item.save);
  return item;
}

function moveBy(cardId, step) {
  const list = boardOf(view.state, myGroup(view.state));
  const at = list.findIndex((c) => c.card_id === cardId);
  const position = at + step;
  if (at < 0 || position < 0 || position >= list.length) return;
  act("board.move", { card_id: cardId, position });
}

function removeCard(cardId) {
  const entry = boardOf(view.state, myGroup(view.state)).find((c) => c.card_id === cardId);
  const written = entry && FIELDS.some((field) => entry[field]);
  if (written && !confirm(fmt(strings.remove_card_confirm, { title: titleOf(view.state, cardId) }))) return;
  act("board.remove", { card_id: cardId });
}

function updateItem(state, item, entry, index, count) {
  const found = cardById(state, entry.card_id);
  const title = found ? found.card.title : entry.card_id;
  item.node.style.setProperty("--family", found ? found.family.color : "#37474f");
  item.rank.textContent = String(index + 1);
  item.family.textContent = found ? found.family.name : "";
  item.title.textContent = title;
  item.up.setAttribute("aria-label", fmt(strings.move_up_named, { title }));
  item.down.setAttribute("aria-label", fmt(strings.move_down_named, { title }));
  item.up.setAttribute("aria-disabled", String(index === 0));
  item.down.setAttribute("aria-disabled", String(index === count - 1));
  item.remove.setAttribute("aria-label", fmt(strings.remove_card_named, { title }));
  item.save.setAttribute("aria-label", fmt(strings.save_notes_named, { title }));
  for (const field of FIELDS) {
    const box = item.notes[field];
    if (document.activeElement !== box && !drafts.has(`${entry.card_id}:${field}`)) box.value = entry[field];
  }
}

function renderList(state, board) {
  const list = $("board-list");
  for (const cardId of [...items.keys()]) {
    if (!board.some((c) => c.card_id === cardId)) items.delete(cardId);
  }
  const nodes = board.map((entry, index) => {
    if (!items.has(entry.card_id)) items.set(entry.card_id, cardItem(entry.card_id));
    const item = items.get(entry.card_id);
    updateItem(state, item, entry, index, board.length);
    return item.node;
  });
  const same = nodes.length === list.children.length && nodes.every((node, i) => list.children[i] === node);
  if (!same) {
    const focused = document.activeElement;
    list.replaceChildren(...nodes);
    if (focused && list.contains(focused) && document.activeElement !== focused) focused.focus();
  }
}

function renderPlaceSelect(state, board) {
  const placed = new Set(board.map((c) => c.card_id));
  const signature = `${state.deck.id}|${[...placed].sort().join(",")}`;
  if (signature === optionsSignature) return;
  optionsSignature = signature;
  const select = $("place-card");
  const chosen = select.value;
  select.replaceChildren(
    el("option", { value: "" }, strings.choose_card),
    ...state.deck.families.filter((family) => family.cards.some((c) => !placed.has(c.id))).map((family) =>
      el("optgroup", { label: family.name },
        ...family.cards.filter((c) => !placed.has(c.id)).map((c) => el("option", { value: c.id }, c.title)))));
  if (chosen && !placed.has(chosen)) select.value = chosen;
}

// The board's reducers, and what this phone's screen must forget or fetch when the groups change.
export const events = {
  ...reducers,
  "groups.formed"(state, event) {
    reducers["groups.formed"](state, event);
    shownGroup = null;
  },
  "group.updated"(state) {
    // This phone joined another group: it never received that group's board events. It asks for
    // a fresh snapshot when it shows the board, not at every move during the groups phase.
    if (state.me && state.me.group_id !== null && state.me.group_id !== knownGroup) stale = true;
  },
};

export function render(state, current) {
  view = current;
  const section = $("board");
  section.hidden = state.phase !== "board" || !state.deck;
  knownGroup = state.me ? state.me.group_id : null;
  if (section.hidden) return false;
  const group = myGroup(state);
  $("board-no-group").hidden = Boolean(group);
  $("board-work").hidden = !group;
  if (!group) return true;
  if (stale) {
    stale = false;
    view.send("state.get", {});
  }
  if (group.id !== shownGroup) {
    // Another group (or groups formed again): nothing of the former board may linger.
    shownGroup = group.id;
    items.clear();
    drafts.clear();
    optionsSignature = "";
  }
  const board = boardOf(state, group);
  $("board-issue").textContent = group.name;
  $("board-empty").hidden = board.length > 0;
  renderPlaceSelect(state, board);
  renderList(state, board);
  return true;
}

$("place-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const select = $("place-card");
  if (!select.value) {
    say(strings.choose_card_first, "error");
    select.focus();
    return;
  }
  const answer = await act("board.place", { card_id: select.value });
  if (answer.ok) {
    select.value = "";
    say(strings.saved, "ok");
  }
});
