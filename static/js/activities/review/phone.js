// Phone, "review" phase: choose a bucket, write a note; see the room's notes bucket by bucket with
// +1 buttons; one's own notes with their state ("awaiting approval"), editable while the review is open.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

let view = null;
let bucket = null; // the bucket being written in
let editing = null; // the own note being rewritten (its id), or null for a new note

const STATES = { pending: "review_pending", rejected: "review_rejected", hidden: "review_hidden", merged: "review_merged" };

function choose(name, note = null) {
  bucket = name;
  editing = note ? note.id : null;
  const text = $("review-text");
  text.value = note ? note.text : "";
  $("review-error").textContent = "";
  $("review-text-label").textContent = fmt(note ? strings.review_edit_named : strings.review_your_note,
    { bucket: name, text: note ? note.text : "" });
  $("review-send").textContent = note ? strings.review_save : strings.review_post;
  $("review-form").hidden = false;
  $("review-buckets").hidden = true;
  text.focus();
}

function reset() {
  bucket = null;
  editing = null;
  $("review-form").hidden = true;
  $("review-buckets").hidden = false;
}

function mineItem(note, open) {
  const changeable = open && (note.status === "pending" || note.status === "public");
  return el("li", { class: "mine" },
    el("p", { class: "issue-text" }, note.text),
    el("p", { class: "tag" }, note.bucket, STATES[note.status] ? ` · ${strings[STATES[note.status]]}` : ""),
    changeable ? el("div", { class: "row-actions" },
      el("button", { type: "button", "data-key": `review-edit-${note.id}`,
        "aria-label": fmt(strings.review_edit_named, { text: note.text }),
        onclick: () => choose(note.bucket, note) }, strings.review_edit),
      el("button", { type: "button", "data-key": `review-withdraw-${note.id}`,
        "aria-label": fmt(strings.review_withdraw_named, { text: note.text }),
        onclick: () => view.send("review.withdraw", { note_id: note.id }) }, strings.review_withdraw)) : null);
}

function roomItem(note, mine, plussed, open) {
  const on = plussed.has(note.id);
  return el("li", { class: mine.has(note.id) ? "review-note mine" : "review-note" },
    el("span", { class: "review-note-text" }, note.text),
    mine.has(note.id) || !open
      ? el("span", { class: "review-plus" }, `+${note.plus_ones}`)
      : el("button", {
        type: "button", class: on ? "review-plus-button on" : "review-plus-button", "aria-pressed": on ? "true" : "false",
        "data-key": `review-plus-${note.id}`,
        "aria-label": fmt(on ? strings.review_unplus_named : strings.review_plus_named, { text: note.text }),
        onclick: () => view.send("review.plus", { note_id: note.id, on: !on }),
      }, `+1 · ${note.plus_ones}`));
}

export function render(state, current) {
  view = current;
  const section = $("review");
  section.hidden = state.phase !== "review";
  if (section.hidden) return false;
  const review = state.review;
  const open = Boolean(review && review.status === "open");
  const me = (state.me && state.me.review) || { notes: [], plus: [] };
  $("review-prompt").textContent = review ? review.prompt : "";
  $("review-soon").hidden = Boolean(review);
  $("review-closed").hidden = !review || open;
  $("review-write").hidden = !open;
  if (!open) reset();
  fill($("review-buckets"), (review ? review.buckets : []).map((name) => el("button", {
    type: "button", class: "primary review-bucket", "data-key": `review-bucket-${name}`, onclick: () => choose(name),
  }, name)));
  $("review-mine-title").hidden = !me.notes.length;
  fill($("review-mine"), me.notes.map((note) => mineItem(note, open)));
  const mine = new Set(me.notes.map((n) => n.id));
  const plussed = new Set(me.plus);
  const notes = review ? review.notes : [];
  $("review-room-title").hidden = !notes.length;
  fill($("review-room"), (review ? review.buckets : []).map((name) => {
    const inBucket = notes.filter((n) => n.bucket === name).sort((a, b) => b.plus_ones - a.plus_ones || a.id - b.id);
    return inBucket.length ? el("section", { class: "review-room-bucket" }, el("h4", {}, name),
      el("ul", { class: "plain" }, ...inBucket.map((note) => roomItem(note, mine, plussed, open)))) : null;
  }).filter(Boolean));
  return true;
}

$("review-other").addEventListener("click", reset);
$("review-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view || !bucket) return;
  const button = $("review-send");
  const text = $("review-text").value.trim();
  button.disabled = true; // a double tap sends once (and the box takes the same note once anyway)
  const answer = editing === null
    ? await view.send("review.post", { bucket, text })
    : await view.send("review.edit", { note_id: editing, text });
  button.disabled = false;
  if (answer.ok) {
    reset();
    if (view.state && view.state.me) {
      const notes = view.state.me.review.notes;
      if (!notes.some((n) => n.id === answer.note.id)) notes.push(answer.note);
    }
    render(view.state, view);
  } else if (answer.error) {
    $("review-error").textContent = answer.error;
  }
});
