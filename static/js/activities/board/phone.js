// Phone, "board" phase: the group's board. Place cards that are opportunities for the group's
// issue, order them by priority, write for each the steps, partners, success factors, blockers.
//
// The list is updated in place, one element per card, never rebuilt: a teammate's change must not
// wipe what this phone is typing. A note is saved when its box loses focus, or with "Save". Each
// save says which text it started from: a note a teammate saved meanwhile is refused, not overwritten.
import { $, counter, el, fmt, say, strings } from "../../kiosk.js";
import { cardById } from "../../deck.js";
import { picker } from "../groups/phone.js";

const FIELDS = ["steps", "partners", "success", "blockers"];

let view = null;
let stale = false; // joined a group here: its board never reached this phone
let askedFor = null; // the snapshot this screen asked a fresh one instead of
let shownGroup = null; // the group whose board the list below holds
let optionsSignature = "";
const items = new Map(); // card id -> {node, title, rank, up, down, remove, save, notes: {field: textarea}}
const drafts = new Map(); // `${cardId}:${field}` -> text typed and not saved yet
const bases = new Map(); // `${cardId}:${field}` -> the saved text a draft started from (board.note's `base`)
const shown = new Map(); // `${cardId}:${field}` -> the saved text last put in the box

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

async function act(name, payload, where = null) {
  const answer = await view.send(name, { group_id: myGroup(view.state).id, ...payload });
  if (!answer.ok) {
    say(answer.error, "error");
    if (where) where.textContent = answer.error;
    return answer;
  }
  if (where) where.textContent = "";
  // A replayed answer leaves the board out (too large to keep): board.updated brings it.
  if (answer.board) view.state.boards[String(answer.group_id)] = answer.board;
  render(view.state, view);
  return answer;
}

async function saveNote(cardId, field) {
  const key = `${cardId}:${field}`;
  if (!drafts.has(key)) return;
  const text = drafts.get(key);
  const note = items.get(cardId).refusals[field];
  const answer = await act("board.note", { card_id: cardId, field, text, base: bases.get(key) ?? "" }, note.text);
  note.merge.hidden = answer.ok || answer.code !== "conflict";
  if (answer.ok) {
    if (drafts.get(key) === text) {
      drafts.delete(key);
      bases.delete(key);
    }
    say(strings.saved, "ok");
    render(view.state, view);
  }
}

// After a conflict: the other member's text (the board as it is now), then this phone's, in the
// box, to rework and save; the next save starts from the other member's text.
function putTogether(cardId, field) {
  const key = `${cardId}:${field}`;
  const entry = boardOf(view.state, myGroup(view.state)).find((c) => c.card_id === cardId);
  const theirs = entry ? entry[field] : "";
  const mine = drafts.get(key) || "";
  const box = items.get(cardId).notes[field];
  box.value = [theirs, mine].filter(Boolean).join("\n").slice(0, 500);
  box.dispatchEvent(new Event("input"));
  drafts.set(key, box.value);
  bases.set(key, theirs);
  const note = items.get(cardId).refusals[field];
  note.merge.hidden = true;
  note.text.textContent = "";
  box.focus();
}

function noteBox(cardId, field) {
  const id = `note-${cardId}-${field}`;
  const key = `${cardId}:${field}`;
  const box = el("textarea", {
    id, rows: "3", maxlength: "500", "data-key": id,
    oninput: (event) => {
      if (!drafts.has(key)) bases.set(key, shown.get(key) ?? "");
      drafts.set(key, event.target.value);
    },
    onblur: () => saveNote(cardId, field), // also a text put together after a conflict, unchanged since
  });
  const refusal = {
    text: el("p", { class: "refusal", role: "alert", "data-key": `refusal-${id}` }),
    merge: el("button", { type: "button", hidden: "", "data-key": `merge-${id}`, onclick: () => putTogether(cardId, field) },
      strings.put_together),
  };
  const wrap = el("div", { class: "board-note" },
    el("label", { for: id, class: "board-note-label" }, strings.note_labels[field]), box, counter(box), refusal.text, refusal.merge);
  return { box, refusal, wrap };
}

function cardItem(cardId) {
  const item = { notes: {}, refusals: {} };
  item.rank = el("span", { class: "rank" });
  item.family = el("p", { class: "board-family" });
  item.title = el("h3", { class: "board-title" });
  item.up = el("button", { type: "button", class: "round", "data-key": `up-${cardId}`, onclick: () => moveBy(cardId, -1) }, "↑");
  item.down = el("button", { type: "button", class: "round", "data-key": `down-${cardId}`, onclick: () => moveBy(cardId, 1) }, "↓");
  item.remove = el("button", { type: "button", "data-key": `remove-${cardId}`, onclick: () => removeCard(cardId) }, strings.remove_card);
  const notes = FIELDS.map((field) => {
    const { box, refusal, wrap } = noteBox(cardId, field);
    item.notes[field] = box;
    item.refusals[field] = refusal;
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
    const key = `${entry.card_id}:${field}`;
    if (document.activeElement !== box && !drafts.has(key)) {
      box.value = entry[field];
      shown.set(key, entry[field]);
      box.dispatchEvent(new CustomEvent("counter"));
    }
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

export { events } from "./events.js";

export function render(state, current) {
  view = current;
  const section = $("board");
  section.hidden = state.phase !== "board" || !state.deck;
  const group = myGroup(state);
  // No group (groups formed again, or never picked): nothing of a former board may linger.
  if (!group) shownGroup = null;
  if (section.hidden) return false;
  $("board-no-group").hidden = Boolean(group);
  $("board-work").hidden = !group;
  if (!group) {
    // A late joiner, or someone who never picked: the groups, to join one here.
    picker(state, current, $("board-group-picker"), () => {
      stale = true; // the board of the group joined here never reached this phone
      render(view.state, view);
    });
    return true;
  }
  // This phone joined its group since its snapshot (here or before the board came): the board's
  // changes before that never reached it. It asks for a fresh snapshot when it shows the board,
  // once, not at every move during the groups phase.
  if (stale || (current.regrouped && askedFor !== state)) {
    stale = false;
    askedFor = state;
    view.send("state.get", {});
  }
  if (group.id !== shownGroup) {
    // Another group (or groups formed again): nothing of the former board may linger.
    shownGroup = group.id;
    items.clear();
    drafts.clear();
    bases.clear();
    shown.clear();
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
