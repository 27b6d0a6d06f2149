// Console: the programme in use, and the programmes the box can see (shipped, imported, on a
// stick), to choose from before the first step.
import { $, el, fill, fmt, strings } from "../kiosk.js";
import { act } from "./act.js";

let view = null;

function programmeRow(state, entry) {
  const source = strings[`deck_source_${entry.source}`] || entry.source;
  if (!entry.ok) {
    return el("li", { class: "issue" }, el("p", { class: "issue-text" }, entry.file, el("span", { class: "by" }, ` — ${source}`)),
      el("p", { class: "error" }, entry.problems.join(" · ")));
  }
  const programme = state.programme;
  const current = programme && programme.title === entry.title && programme.lang === entry.lang && entry.source !== "usb";
  return el("li", { class: "issue" },
    el("p", { class: "issue-text" }, fmt(strings.programme_entry, { title: entry.title, lang: entry.lang, steps: entry.steps,
      minutes: entry.minutes }), el("span", { class: "by" }, ` — ${entry.file} · ${source}`)),
    current ? el("p", { class: "tag" }, strings.deck_in_use_now)
      : el("button", { type: "button", "data-key": `programme-${entry.path}`, disabled: Boolean(state.step),
        onclick: () => act(view, "programme.choose", { path: entry.path }, look) }, strings.programme_use));
}

async function look() {
  const answer = await view.send("programmes.list", {});
  if (answer.ok) {
    fill($("programme-list"), answer.programmes.length ? answer.programmes.map((entry) => programmeRow(view.state, entry))
      : [el("li", {}, strings.programme_none_found)]);
  }
}

export function render(state, current) {
  view = current;
  const programme = state.programme;
  $("programme-current").textContent = programme
    ? fmt(strings.programme_current, { title: programme.title, steps: programme.steps.length })
    : strings.no_programme;
  $("programme-started").hidden = !state.step;
}

$("programmes-look").addEventListener("click", () => look());
