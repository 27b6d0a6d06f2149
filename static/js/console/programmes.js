// Console: the programme in use, and the programmes the box can see (shipped, imported, on a
// stick), to choose from before the first step.
import { $, el, fill, fmt, strings } from "../kiosk.js";
import { act } from "./act.js";
import { fileRow } from "./decks.js";

let view = null;

function programmeRow(state, entry) {
  const programme = state.programme;
  return fileRow(entry, {
    label: fmt(strings.programme_entry, { title: entry.title, lang: entry.lang, steps: entry.steps, minutes: entry.minutes }),
    current: programme && programme.title === entry.title && programme.lang === entry.lang,
    key: `programme-${entry.path}`, button: strings.programme_use, disabled: Boolean(state.step),
    use: () => act(view, "programme.choose", { path: entry.path }, look),
  });
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
