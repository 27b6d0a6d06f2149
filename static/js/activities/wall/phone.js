// Phone, "wall" and "closing" phases: post a commitment, see my posts and similar commitments.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

const PHASES = ["wall", "closing"];
let view = null;


function familyOptions(state) {
  const families = (state.deck && state.deck.families) || [];
  const claimed = new Set(Object.entries(state.claims || {}).filter(([, ids]) => ids.includes(state.me.id)).map(([id]) => id));
  const ordered = [...families.filter((f) => claimed.has(f.id)), ...families.filter((f) => !claimed.has(f.id))];
  return [el("option", { value: "" }, strings.no_family), ...ordered.map((f) => el("option", { value: f.id }, f.name))];
}

function postItem(post) {
  const status = { shown: strings.post_shown, pending: strings.post_pending, hidden: strings.post_hidden }[post.status] || "";
  return el("li", {}, post.text, el("span", { class: "tag" }, ` · ${status}`));
}

function matchItem(match) {
  return el("li", {}, el("strong", {}, match.name), " — ", match.post.text,
    match.contact ? el("p", { class: "contact" }, fmt(strings.contact_is, { contact: match.contact })) : null);
}

export function render(state, current) {
  view = current;
  const section = $("commit");
  section.hidden = !PHASES.includes(state.phase);
  if (section.hidden) return false;
  const me = state.me;
  const group = state.groups.find((g) => g.id === me.group_id);
  $("post-group-row").hidden = !group;
  if (group) $("post-group-label").textContent = fmt(strings.tie_group, { name: group.name });
  const select = $("post-family");
  if (select.options.length !== ((state.deck && state.deck.families.length) || 0) + 1) {
    const chosen = select.value;
    select.replaceChildren(...familyOptions(state));
    select.value = chosen;
  }
  $("post-share-row").hidden = !me.contact;
  fill($("my-posts"), (me.posts || []).map(postItem));
  const left = 280 - $("post-text").value.length;
  $("post-count").textContent = count("chars_left", left);
  return true;
}

$("post-text").addEventListener("input", () => {
  $("post-count").textContent = count("chars_left", 280 - $("post-text").value.length);
});

$("post-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const me = view.state.me;
  const payload = { text: $("post-text").value, share_contact: $("post-share").checked && Boolean(me.contact) };
  if (me.group_id && $("post-group").checked) payload.group_id = me.group_id;
  if ($("post-family").value) payload.family_id = $("post-family").value;
  $("post-error").textContent = "";
  const button = event.target.querySelector("button");
  button.disabled = true;
  const answer = await view.send("wall.post", payload);
  button.disabled = false;
  if (!answer.ok) {
    $("post-error").textContent = answer.error;
    return;
  }
  // Clear the box only if it still holds what was sent (not what was typed since).
  if ($("post-text").value === payload.text) $("post-text").value = "";
  const mine = me.posts || (me.posts = []);
  if (!mine.some((p) => p.id === answer.post.id)) mine.push({ ...answer.post, status: answer.status });
  render(view.state, view);
  findMatches();
});

async function findMatches() {
  const answer = await view.send("matches.mine", {});
  if (answer.ok) {
    fill($("matches"), answer.matches.length ? answer.matches.map(matchItem) : [el("li", {}, strings.no_match)]);
  }
}

$("matches-refresh").addEventListener("click", findMatches);
