// Wall, "closing" phase: every participant's commitments with their motivation buddy, buddies
// side by side, so the room sees who carries on with whom.
import { $, el, fill, fmt, nameOf, strings } from "../kiosk.js";

// Participants with a commitment or a buddy, each pair of buddies together.
function people(state) {
  const posts = new Map();
  for (const post of state.wall) {
    if (!posts.has(post.author)) posts.set(post.author, []);
    posts.get(post.author).push(post.text);
  }
  const buddies = new Map();
  for (const pair of state.buddies) {
    for (const id of pair) {
      const others = pair.filter((other) => other !== id);
      buddies.set(id, [...(buddies.get(id) || []), ...others]);
    }
  }
  const order = [];
  for (const id of [...state.buddies.flat(), ...state.participants.map((p) => p.id)]) {
    if (!order.includes(id) && (posts.has(id) || buddies.has(id))) order.push(id);
  }
  return order.map((id) => ({ id, posts: posts.get(id) || [], buddies: [...new Set(buddies.get(id) || [])] }));
}

function card(state, person) {
  return el("li", { class: "pledge" },
    el("p", { class: "pledge-name" }, nameOf(state, person.id)),
    ...person.posts.map((text) => el("p", { class: "pledge-text", "data-fit-clip": "" }, text)),
    person.buddies.length
      ? el("p", { class: "pledge-buddy" }, fmt(strings.buddy_of, { names: person.buddies.map((id) => nameOf(state, id)).join(", ") }))
      : null);
}

export function render(state) {
  const section = $("closing");
  section.hidden = state.phase !== "closing";
  document.body.classList.toggle("closing-mode", !section.hidden);
  if (section.hidden) return false;
  const list = people(state);
  $("closing-empty").hidden = list.length > 0;
  fill($("pledges"), list.map((person) => card(state, person)));
  return true;
}
