// Console: open a word cloud (the step's question by default), close it; merge, split, hide words.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
export { events } from "./events.js";

let view = null;

function row(cloud, word) {
  const others = cloud.words.filter((w) => w.key !== word.key && !w.hidden);
  const merged = Object.keys(cloud.merges || {}).some((from) => from === word.key || cloud.merges[from] === word.key);
  return el("li", { class: word.hidden ? "issue hidden-item" : "issue" },
    el("p", { class: "issue-text" }, `${word.text} `, el("span", { class: "by" }, `(${word.count})`),
      word.hidden ? el("span", { class: "tag" }, ` · ${strings.hidden}`) : null),
    el("div", { class: "row-actions" },
      el("button", {
        type: "button", "data-key": `wc-hide-${word.key}`,
        "aria-label": fmt(word.hidden ? strings.wordcloud_restore_named : strings.wordcloud_hide_named, { text: word.text }),
        onclick: () => act(view, word.hidden ? "wordcloud.restore" : "wordcloud.hide", { word: word.key }),
      }, word.hidden ? strings.restore : strings.hide),
      merged ? el("button", {
        type: "button", "data-key": `wc-split-${word.key}`, "aria-label": fmt(strings.wordcloud_split_named, { text: word.text }),
        onclick: () => act(view, "wordcloud.split", { word: word.key }),
      }, strings.wordcloud_split) : null,
      word.hidden || !others.length ? null : el("label", { class: "inline" },
        el("span", { class: "visually-hidden" }, fmt(strings.wordcloud_merge_named, { text: word.text })),
        el("select", {
          "data-key": `wc-merge-${word.key}`,
          onchange: (event) => {
            if (event.target.value) act(view, "wordcloud.merge", { word: word.key, into: event.target.value });
          },
        }, el("option", { value: "" }, strings.merge_into), ...others.map((o) => el("option", { value: o.key }, o.text))))));
}

// The header's action for a word-cloud step: open a cloud (the step's question), then close it;
// another cloud after a closed one is opened from the section below.
export function action(state, step) {
  if (step.phase !== "wordcloud") return null;
  const cloud = state.wordcloud;
  if (!cloud) return { label: strings.wordcloud_open_action, command: "wordcloud.open" };
  return cloud.status === "open" ? { label: strings.wordcloud_close_action, command: "wordcloud.close" } : null;
}

export function render(state, current) {
  view = current;
  const cloud = state.wordcloud;
  const open = Boolean(cloud && cloud.status === "open");
  const step = state.step && state.step.phase === "wordcloud" ? state.step : null;
  const question = $("wordcloud-question");
  if (step && step.prompt && !question.value && document.activeElement !== question) question.value = step.prompt;
  $("wordcloud-state").textContent = !cloud ? "" : `${cloud.prompt} — ${fmt(cloud.people === 1
    ? strings.wordcloud_people_one : strings.wordcloud_people, { n: cloud.people })}${open ? "" : ` · ${strings.wordcloud_closed}`}`;
  $("wordcloud-open-button").textContent = cloud ? strings.wordcloud_open_again : strings.wordcloud_open;
  $("wordcloud-close").hidden = !open;
  fill($("console-words"), cloud ? cloud.words.map((word) => row(cloud, word)) : []);
  const earlier = (state.wordclouds || []).map((c) => c.prompt || "…");
  $("wordcloud-earlier").textContent = earlier.length ? fmt(strings.wordcloud_earlier, { prompts: earlier.join(" · ") }) : "";
}

$("wordcloud-open").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!view) return;
  const prompt = $("wordcloud-question").value.trim();
  act(view, "wordcloud.open", prompt ? { prompt } : {});
});
$("wordcloud-close").addEventListener("click", () => view && act(view, "wordcloud.close", {}));
