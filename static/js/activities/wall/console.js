// Console: moderate the commitments wall live, see the matches (the buddies are theirs: buddies/console.js).
import { $, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
export { events } from "./events.js";

let view = null;


function postRow(state, post) {
  const status = { shown: strings.post_shown, pending: strings.post_pending, hidden: strings.post_hidden }[post.status];
  const buttons = post.status === "shown" ? [showLarge(view, "wall", post.id, post.text)] : [];
  if (post.status !== "shown") {
    buttons.push(el("button", { type: "button", "data-key": `show-${post.id}`,
      "aria-label": fmt(post.status === "pending" ? strings.approve_named : strings.restore_named, { text: post.text }),
      onclick: () => act(view, "wall.restore", { post_id: post.id }) },
    post.status === "pending" ? strings.approve : strings.restore));
  }
  if (post.status !== "hidden") {
    buttons.push(el("button", { type: "button", "data-key": `hide-${post.id}`,
      "aria-label": fmt(strings.hide_named, { text: post.text }),
      onclick: () => act(view, "wall.hide", { post_id: post.id }) }, strings.hide));
  }
  buttons.push(el("button", { type: "button", "data-key": `pin-${post.id}`, "aria-pressed": String(post.pinned),
    "aria-label": fmt(strings.pin_named, { text: post.text }),
    onclick: () => act(view, "wall.pin", { post_id: post.id, pinned: !post.pinned }) }, strings.pin));
  return el("li", { class: `issue post-${post.status}` },
    el("p", { class: "issue-text" }, post.text, el("span", { class: "by" }, ` — ${nameOf(state, post.author)} · ${status}`)),
    el("div", { class: "row-actions" }, ...buttons));
}

function matchRow(state, link) {
  const [a, b] = link.posts.map((id) => state.posts.find((p) => p.id === id));
  const why = [link.family_id ? strings.same_family : null, link.group_id ? strings.same_group : null,
    link.words ? fmt(strings.shared_words, { words: link.words.join(", ") }) : null].filter(Boolean).join(" · ");
  return el("li", { class: "issue" },
    el("p", { class: "issue-text" }, `${nameOf(state, link.authors[0])} ↔ ${nameOf(state, link.authors[1])}`,
      el("span", { class: "by" }, ` — ${why}`)),
    el("p", { class: "help" }, `« ${a ? a.text : ""} » · « ${b ? b.text : ""} »`));
}

export function render(state, current) {
  view = current;
  const posts = [...state.posts].sort((x, y) => (x.status === "pending" ? -1 : 0) - (y.status === "pending" ? -1 : 0) || y.id - x.id);
  $("posts-count").textContent = String(state.posts.length);
  fill($("console-posts"), posts.map((post) => postRow(state, post)));
  const pre = $("premoderation-toggle");
  pre.textContent = state.premoderation ? strings.premoderation_off : strings.premoderation_on;
  pre.setAttribute("aria-pressed", String(Boolean(state.premoderation)));
  pre.onclick = () => act(view, "wall.premoderation", { on: !state.premoderation });
  const mode = $("wall-mode-toggle");
  mode.textContent = state.wall_mode === "slideshow" ? strings.show_grid : strings.show_slideshow;
  mode.onclick = () => act(view, "wall.mode", { mode: state.wall_mode === "slideshow" ? "grid" : "slideshow" });
  fill($("console-matches"), (state.matches || []).map((link) => matchRow(state, link)));
}

$("matches-refresh").addEventListener("click", () => view.send("state.get", {}));
