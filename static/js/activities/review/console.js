// Console: open a situation review (the step's question, buckets and moderation by default), close
// it; the inbox (accept, reject); every note bucket by bucket: select two to merge, move, hide or
// restore, correct.
import { $, count, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
export { events } from "./events.js";

let view = null;
let selected = []; // note ids chosen for a merge, the one to keep first
let fixing = null; // the note whose text is being corrected
let draft = ""; // its correction as typed: a live event re-rendering the list keeps it
let shownStep = null; // the step whose options fill the form: typing is never overwritten by a render

function author(state, note) {
  return note.author === null || note.author === undefined ? "" : ` · ${fmt(strings.review_by, { name: nameOf(state, note.author) })}`;
}

function inboxItem(state, note) {
  return el("li", { class: "issue" },
    el("p", { class: "issue-text" }, note.text, " ", el("span", { class: "by" }, `(${note.bucket}${author(state, note)})`)),
    el("div", { class: "row-actions" },
      el("button", { type: "button", "data-key": `review-accept-${note.id}`, "aria-label": fmt(strings.review_accept_named, { text: note.text }),
        onclick: () => act(view, "review.accept", { note_id: note.id }) }, strings.review_accept),
      el("button", { type: "button", "data-key": `review-reject-${note.id}`, "aria-label": fmt(strings.review_reject_named, { text: note.text }),
        onclick: () => act(view, "review.reject", { note_id: note.id }) }, strings.review_reject)));
}

function fixForm(note) {
  return el("form", { class: "inline-form", onsubmit: (event) => {
    event.preventDefault();
    const text = event.target.querySelector("input").value.trim();
    act(view, "review.fix", { note_id: note.id, text }, () => { fixing = null; render(view.state, view); });
  } },
  el("label", { for: `review-fix-${note.id}`, class: "visually-hidden" }, fmt(strings.review_fix_named, { text: note.text })),
  el("input", { id: `review-fix-${note.id}`, value: draft, maxlength: "200", "data-key": `review-fix-input-${note.id}`,
    oninput: (event) => { draft = event.target.value; } }),
  el("button", { type: "submit" }, strings.review_save));
}

function noteItem(state, review, note) {
  const status = { hidden: strings.hidden, rejected: strings.review_status_rejected }[note.status];
  const picked = selected.includes(note.id);
  return el("li", { class: note.status === "public" ? "issue" : "issue hidden-item" },
    el("p", { class: "issue-text" },
      el("label", { class: "inline review-select" },
        el("input", { type: "checkbox", checked: picked, "data-key": `review-select-${note.id}`,
          "aria-label": fmt(strings.review_select_named, { text: note.text }),
          onchange: (event) => {
            selected = selected.filter((id) => id !== note.id);
            if (event.target.checked) selected.push(note.id);
            render(state, view);
          } })),
      ` ${note.text} `, el("span", { class: "by" }, `(+${note.plus_ones}${author(state, note)})`),
      status ? el("span", { class: "tag" }, ` · ${status}`) : null),
    note.merged_from.length ? el("p", { class: "tag" }, fmt(strings.review_merged_from, { texts: note.merged_from.join(" · ") })) : null,
    fixing === note.id ? fixForm(note) : el("div", { class: "row-actions" },
      note.status === "public" ? showLarge(view, "review", note.id, note.text) : null,
      note.status === "public" || note.status === "hidden" ? el("button", {
        type: "button", "data-key": `review-hide-${note.id}`,
        onclick: () => act(view, note.status === "hidden" ? "review.restore" : "review.hide", { note_id: note.id }),
      }, note.status === "hidden" ? strings.restore : strings.hide) : null,
      note.status === "rejected" ? el("button", { type: "button", "data-key": `review-accept-${note.id}`,
        "aria-label": fmt(strings.review_accept_named, { text: note.text }),
        onclick: () => act(view, "review.accept", { note_id: note.id }) }, strings.review_accept) : null,
      el("button", { type: "button", "data-key": `review-fixing-${note.id}`, "aria-label": fmt(strings.review_fix_named, { text: note.text }),
        onclick: () => { fixing = note.id; draft = note.text; render(state, view); } }, strings.review_fix),
      el("label", { class: "inline" },
        el("span", { class: "visually-hidden" }, fmt(strings.review_move_named, { text: note.text })),
        el("select", { "data-key": `review-move-${note.id}`, onchange: (event) => {
          if (event.target.value) act(view, "review.move", { note_id: note.id, bucket: event.target.value });
        } }, el("option", { value: "" }, strings.review_move_to),
        ...review.buckets.filter((b) => b !== note.bucket).map((b) => el("option", { value: b }, b))))));
}

export function render(state, current) {
  view = current;
  const review = state.review;
  const open = Boolean(review && review.status === "open");
  const step = state.step && state.step.phase === "review" ? state.step : null;
  if (step && shownStep !== step.title) {
    shownStep = step.title;
    if (step.prompt) $("review-question").value = step.prompt;
    if (step.buckets) $("review-bucket-names").value = step.buckets.join("\n");
    $("review-moderation").checked = Boolean(step.moderation);
  }
  const notes = review ? review.notes : [];
  const n = notes.filter((note) => note.status !== "merged").length;
  $("review-state").textContent = !review ? "" : `${review.prompt} — ${fmt(n === 1 ? strings.review_notes_one
    : strings.review_notes_n, { n })}${open ? "" : ` · ${strings.review_closed}`}`;
  $("review-open-button").textContent = review ? strings.review_open_again : strings.review_open;
  $("review-close").hidden = !open;
  const inbox = notes.filter((n) => n.status === "pending");
  fill($("review-inbox"), inbox.length ? inbox.map((note) => inboxItem(state, note)) : [el("li", {}, strings.review_inbox_empty)]);
  const live = notes.filter((n) => n.status !== "pending" && n.status !== "merged");
  selected = selected.filter((id) => live.some((n) => n.id === id));
  $("review-merge").disabled = selected.length !== 2;
  fill($("review-console-buckets"), (review ? review.buckets : []).map((bucket) => el("section", {},
    el("h4", {}, bucket),
    el("ul", { class: "plain" }, ...live.filter((n) => n.bucket === bucket)
      .sort((a, b) => b.plus_ones - a.plus_ones || a.id - b.id).map((note) => noteItem(state, review, note))))));
  const earlier = (state.reviews || []).map((r) => r.prompt || "…");
  $("review-earlier").textContent = earlier.length ? fmt(strings.review_earlier, { prompts: earlier.join(" · ") }) : "";
}

$("review-open").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!view) return;
  const payload = { moderation: $("review-moderation").checked };
  const prompt = $("review-question").value.trim();
  const buckets = $("review-bucket-names").value.split("\n").map((b) => b.trim()).filter(Boolean);
  if (prompt) payload.prompt = prompt;
  if (buckets.length) payload.buckets = buckets;
  act(view, "review.open", payload);
});
$("review-close").addEventListener("click", () => view && act(view, "review.close", {}));
$("review-merge").addEventListener("click", () => {
  if (!view || selected.length !== 2) return;
  const [into, note] = selected;
  act(view, "review.merge", { note_id: note, into }, () => { selected = []; render(view.state, view); });
});

// The header's action for a review step: open the step's review (when Next could not), then close
// it. Notes waiting in the inbox are a nudge that leads there, not the action: a button that
// turned into another each time a note arrives would change under the facilitator's finger.
export function action(state, step) {
  if (step.phase !== "review") return null;
  const review = state.review;
  if (!review) return { label: strings.review_open_action, command: "review.open" };
  return review.status === "open" ? { label: strings.review_close_action, command: "review.close" } : null;
}

export function nudges(state, step) {
  const review = state.review;
  if (step.phase !== "review" || !review) return [];
  const waiting = review.notes.filter((note) => note.status === "pending").length;
  return waiting ? [{ key: "review-pending", text: count("review_pending_n", waiting), label: strings.review_see_inbox,
    section: "review-inbox-title" }] : [];
}
