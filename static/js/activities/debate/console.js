// Console: read a statement (typed, or the step's next one), close it; note the arguments heard on
// each side in a few words, remove a slip; show the statement or an argument large on the wall.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
export { events } from "./events.js";

const SIDES = ["agree", "doubt", "disagree"];
let view = null;

// The step's statements not read yet in it (the console only knows their number: those read since
// the step began are the statements whose text is the step's, in order).
function nextFromStep(state, step) {
  const texts = step.statements || [];
  if (!texts.length) return null;
  const read = [...(state.debates || []), ...(state.debate ? [state.debate] : [])].map((d) => d.text);
  return texts.find((text) => !read.includes(text)) || null;
}

// The header's action: close the open statement, then read the step's next one.
export function action(state, step) {
  if (step.phase !== "debate") return null;
  const debate = state.debate;
  if (debate && debate.status === "open") return { label: strings.debate_close_action, command: "debate.close" };
  const text = nextFromStep(state, step);
  return text ? { label: strings.debate_open_action, command: "debate.open", payload: { statement: text } } : null;
}

export function nudges(state, step) {
  const debate = state.debate;
  if (step.phase !== "debate" || !debate || debate.status !== "open") return [];
  const missing = state.participants.length - debate.people;
  return missing > 0 ? [{ key: "debate-not-placed", text: count("debate_not_placed", missing) }] : [];
}

export function render(state, current) {
  view = current;
  const debate = state.debate;
  const open = Boolean(debate && debate.status === "open");
  const step = state.step && state.step.phase === "debate" ? state.step : null;
  const input = $("debate-text");
  const next = step ? nextFromStep(state, step) : null;
  if (next && !input.value && document.activeElement !== input) input.value = next;
  fill($("debate-state"), !debate ? [] : [`${debate.text} — ${SIDES.map((side) =>
    `${strings[`debate_${side}`]} ${debate.start[side]} → ${debate.counts[side]}`).join(" · ")} · ${
    count("debate_moved", debate.movers, { moves: debate.moves })}${open ? "" : ` · ${strings.debate_closed}`} `,
  showLarge(view, "debate", `statement:${debate.id}`, debate.text)]);
  $("debate-close").hidden = !open;
  $("debate-argue").hidden = !debate;
  fill($("debate-console-arguments"), debate ? debate.arguments.map((a) => el("li", { class: "issue" },
    el("p", { class: "issue-text" }, el("span", { class: "tag" }, `${strings[`debate_${a.side}`]} · `), a.text),
    el("div", { class: "row-actions" }, showLarge(view, "debate", `argument:${a.id}`, a.text), el("button", {
      type: "button", "aria-label": fmt(strings.debate_remove_argument_named, { text: a.text }),
      onclick: () => act(view, "debate.unargue", { argument_id: a.id }),
    }, "✕")))) : []);
  const earlier = (state.debates || []).map((d) => d.text);
  $("debate-earlier").textContent = earlier.length ? fmt(strings.debate_earlier, { texts: earlier.join(" · ") }) : "";
}

$("debate-open").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!view) return;
  const statement = $("debate-text").value.trim();
  if (statement) act(view, "debate.open", { statement }).then((answer) => { if (answer && answer.ok) $("debate-text").value = ""; });
});
$("debate-close").addEventListener("click", () => view && act(view, "debate.close", {}));
$("debate-argue").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!view) return;
  const text = $("debate-argument-text").value.trim();
  if (!text) return;
  act(view, "debate.argument", { side: $("debate-argument-side").value, text }).then((answer) => {
    if (answer && answer.ok) $("debate-argument-text").value = "";
  });
  $("debate-argument-text").focus();
});
