// Commitments wall: the reducers of its events, for every screen's snapshot.
//
// One post reaches each screen in its own copy: the wall gets the public one, only while the post
// is shown (and `{post: {id}, hidden: true}` when it leaves); the console and the author get the
// full one, with its `status`. The wall and the console keep `wall` (the shown posts, pinned
// first, then in the order they came); the console keeps every post in `posts`, the author theirs
// in `me.posts`. A phone hears only of its own posts: it leaves its copy of `wall` alone.

function pinnedFirst(a, b) {
  return (b.pinned - a.pinned) || (a.id - b.id);
}

function upsert(list, post) {
  const at = list.findIndex((p) => p.id === post.id);
  if (at >= 0) list[at] = post;
  else list.push(post);
}

// The public copy of a full one (without status, share_contact, created).
function publicCopy(post) {
  const { status, share_contact: shareContact, created, ...shown } = post;
  return shown;
}

function onWall(state, post, hidden) {
  if (!state.wall || state.role === "participant") return;
  const full = post.status !== undefined;
  const leaves = full ? post.status !== "shown" : Boolean(hidden);
  if (leaves) {
    const at = state.wall.findIndex((p) => p.id === post.id);
    if (at >= 0) state.wall.splice(at, 1);
  } else {
    upsert(state.wall, full ? publicCopy(post) : post);
    state.wall.sort(pinnedFirst);
  }
}

function received(state, event) {
  const post = event.post;
  onWall(state, post, event.hidden);
  if (post.status === undefined) return; // the wall's copy: nothing else to keep
  if (state.posts) upsert(state.posts, post);
  if (state.me && post.author === state.me.id) upsert(state.me.posts || (state.me.posts = []), post);
}

export const events = {
  "wall.posted": received,
  "wall.updated": received,
  "wall.premoderation"(state, event) {
    state.premoderation = event.premoderation;
  },
  "wall.mode"(state, event) {
    state.wall_mode = event.mode;
  },
};
