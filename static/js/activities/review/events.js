// Situation review: the reducers of its events, for every screen. Notes are kept in id order (as in
// the snapshot); each screen sorts what it shows.

function upsert(list, note) {
  const at = list.findIndex((n) => n.id === note.id);
  if (note.status === "withdrawn") {
    if (at >= 0) list.splice(at, 1);
  } else if (at >= 0) {
    list[at] = note;
  } else {
    list.push(note);
    list.sort((a, b) => a.id - b.id);
  }
}

function current(state, reviewId) {
  return state.review && state.review.id === reviewId ? state.review : null;
}

export const events = {
  "review.opened"(state, event) {
    const previous = state.review;
    if (previous && previous.id !== event.review.id && !state.reviews.some((r) => r.id === previous.id)) {
      state.reviews.push({ id: previous.id, prompt: previous.prompt });
    }
    state.review = event.review;
    if (state.me) state.me.review = { notes: [], plus: [] };
  },
  "review.closed"(state, event) {
    const review = current(state, event.review_id);
    if (review) review.status = "closed";
  },
  // Notes the room sees (wall, phones), or any note with its status (the console), in the order they changed.
  "review.note"(state, event) {
    const review = current(state, event.review_id);
    if (review) for (const note of event.notes) upsert(review.notes, note);
  },
  "review.removed"(state, event) {
    const review = current(state, event.review_id);
    if (review) review.notes = review.notes.filter((n) => n.id !== event.note_id);
  },
  // Every screen: the running +1 counts, a few times a second at most.
  "review.counts"(state, event) {
    const review = current(state, event.review_id);
    if (!review) return;
    for (const note of review.notes) note.plus_ones = event.counts[String(note.id)] || 0;
  },
  // A participant's own notes and +1s.
  "review.mine"(state, event) {
    if (state.me && current(state, event.review_id)) upsert(state.me.review.notes, event.note);
  },
  "review.plussed"(state, event) {
    if (!state.me || !current(state, event.review_id)) return;
    const plus = state.me.review.plus.filter((id) => id !== event.note_id);
    if (event.on) plus.push(event.note_id);
    state.me.review.plus = plus.sort((a, b) => a - b);
  },
};
