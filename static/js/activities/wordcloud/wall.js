// Wall, "wordcloud" phase: the words, sized by how many people sent them, readable from the back.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

const COLORS = 7;

// A stable number for a word: its colour and its place do not jump when counts change.
function hash(text) {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return h;
}

export function render(state) {
  const section = $("wordcloud");
  section.hidden = state.phase !== "wordcloud";
  if (section.hidden) return false;
  const cloud = state.wordcloud;
  $("wordcloud-prompt").textContent = cloud ? cloud.prompt : strings.wordcloud_soon;
  const words = cloud ? cloud.words : [];
  $("wordcloud-empty").hidden = !cloud || words.length > 0;
  const top = Math.max(1, ...words.map((w) => w.count));
  // The most sent in the middle, the others around it in a stable order: a flowing line of
  // words never overlaps, and wraps to the screen's width.
  const ordered = [...words].sort((a, b) => hash(a.key) - hash(b.key));
  ordered.sort((a, b) => b.count - a.count);
  const middle = [];
  ordered.forEach((word, n) => (n % 2 ? middle.push(word) : middle.unshift(word)));
  fill($("wordcloud-words"), middle.map((word) => el("li", {
    class: `word c${hash(word.key) % COLORS}`,
    // 1 (sent once) to 4 (the most sent): the stylesheet gives each level its size.
    "data-size": String(1 + Math.round(3 * Math.sqrt(word.count / top))),
  }, word.text)));
  const people = cloud ? cloud.people : 0;
  $("wordcloud-people").textContent = people ? fmt(people === 1 ? strings.wordcloud_people_one : strings.wordcloud_people, { n: people }) : "";
  return true;
}
