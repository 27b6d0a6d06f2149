// Wall, "wall" phase: the commitments as sticky notes in their group's colour, live (the closing
// phase shows them with their buddies: static/js/wall/closing.js).
// The notes fit the stage (wall/fit.js: the type shrinks as the wall fills up, down to the floor,
// then the notes go on pages; pinned notes stay on every page), or, in slideshow mode, one note at
// a time over the whole stage.
import { $, el, fill, nameOf, strings } from "../../kiosk.js";
import { fit } from "../../wall/fit.js";
export { events } from "./events.js";

const PHASES = ["wall"];
const SLIDE_SECONDS = 7;
let slideTimer = null;
let slideIndex = 0;
let current = null;


export function groupColor(state, groupId) {
  const at = state.groups.findIndex((g) => g.id === groupId);
  return at >= 0 ? `note-c${at % 8}` : "note-none";
}

function note(state, post) {
  const group = state.groups.find((g) => g.id === post.group_id);
  return el("li", { class: `note ${groupColor(state, post.group_id)}${post.pinned ? " pinned" : ""}`, "data-fit-keep": post.pinned ? "" : null },
    post.pinned ? el("span", { class: "pin", "aria-label": strings.pinned }, "📌") : null,
    el("p", { class: "note-text", "data-fit-clip": "" }, post.text),
    el("p", { class: "note-by" }, nameOf(state, post.author), group ? ` · ${group.name}` : ""));
}

function showSlide() {
  const posts = current.wall;
  if (!posts.length) {
    $("slide-text").textContent = strings.no_commitment;
    $("slide-by").textContent = "";
    return;
  }
  slideIndex %= posts.length;
  const post = posts[slideIndex];
  $("slide-text").textContent = post.text;
  const group = current.groups.find((g) => g.id === post.group_id);
  $("slide-by").textContent = nameOf(current, post.author) + (group ? ` · ${group.name}` : "");
  $("slideshow").className = `slideshow ${groupColor(current, post.group_id)}`;
  requestAnimationFrame(() => fit($("slideshow").querySelector("[data-fit]")));
}

function slideshow(on) {
  $("slideshow").hidden = !on;
  document.body.classList.toggle("sliding", on);
  if (on && !slideTimer) {
    slideIndex = 0;
    showSlide();
    slideTimer = setInterval(() => {
      slideIndex += 1;
      showSlide();
    }, SLIDE_SECONDS * 1000);
  } else if (!on && slideTimer) {
    clearInterval(slideTimer);
    slideTimer = null;
  }
}

export function render(state) {
  current = state;
  const section = $("notes");
  section.hidden = !PHASES.includes(state.phase);
  document.body.classList.toggle("notes-mode", !section.hidden);
  slideshow(!section.hidden && state.wall_mode === "slideshow");
  if (section.hidden) return false;
  $("notes-empty").hidden = state.wall.length > 0;
  fill($("note-list"), state.wall.map((post) => note(state, post)));
  return true;
}
