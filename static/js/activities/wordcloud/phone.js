// Phone, "wordcloud" phase: send up to the cloud's number of words; change them until it closes.
import { $, counter, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

let view = null;
let shownFor = null; // the cloud whose fields are on screen: typing is never overwritten by a render

function fields(cloud, mine) {
  fill($("wordcloud-fields"), Array.from({ length: cloud.max_words }, (_, n) => {
    const input = el("input", { id: `wordcloud-word-${n}`, name: "word", maxlength: "30", autocomplete: "off",
      value: mine[n] || "", required: n === 0 });
    return el("p", {}, el("label", { for: `wordcloud-word-${n}` }, fmt(strings.wordcloud_word_n, { n: n + 1 })),
      input, counter(input));
  }));
}

export function render(state, current) {
  view = current;
  const section = $("wordcloud");
  section.hidden = state.phase !== "wordcloud";
  if (section.hidden) return false;
  const cloud = state.wordcloud;
  const open = Boolean(cloud && cloud.status === "open");
  $("wordcloud-prompt").textContent = cloud ? cloud.prompt : "";
  $("wordcloud-soon").hidden = Boolean(cloud);
  $("wordcloud-form").hidden = !open;
  const mine = (state.me && state.me.words) || [];
  if (open && shownFor !== cloud.id) {
    fields(cloud, mine);
    shownFor = cloud.id;
  }
  const done = $("wordcloud-done");
  done.hidden = !cloud || (open && !mine.length);
  done.textContent = !cloud ? "" : open ? strings.wordcloud_sent : strings.wordcloud_closed;
  return true;
}

$("wordcloud-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view) return;
  const words = [...event.target.querySelectorAll("input[name=word]")].map((i) => i.value.trim()).filter(Boolean);
  const error = $("wordcloud-error");
  error.textContent = "";
  const button = event.target.querySelector("button");
  button.disabled = true;
  const answer = await view.send("wordcloud.send", { words });
  button.disabled = false;
  if (answer.ok) {
    if (view.state.me) view.state.me.words = answer.words;
    render(view.state, view);
  } else if (answer.error) {
    error.textContent = answer.error;
  }
});
