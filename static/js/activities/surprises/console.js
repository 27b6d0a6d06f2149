// Console: open and close the surprises; each table's surprises, to hide or restore. The header's
// action opens, then closes them.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
import { byTable } from "./events.js";
export { events } from "./events.js";

let view = null;

export function render(state, current) {
  view = current;
  const surprises = state.surprises;
  const open = Boolean(surprises && surprises.status === "open");
  $("surprises-state").textContent = !surprises ? strings.surprises_soon
    : `${open ? "" : `${strings.surprises_closed} `}${count("surprises_n", surprises.items.length)}`;
  $("surprises-close").hidden = !open;
  fill($("surprises-console-tables"), byTable(surprises ? surprises.items : []).map((block) => el("div", { class: "card" },
    el("h3", {}, block.table),
    el("ul", { class: "plain" }, ...block.items.map((item) => el("li", { class: item.hidden ? "issue hidden-item" : "issue" },
      el("p", { class: "issue-text" }, item.text),
      el("div", { class: "row-actions" }, item.hidden ? null : showLarge(view, "surprises", item.id, item.text), el("button", {
        type: "button", "data-key": `surprises-hide-${item.id}`,
        "aria-label": fmt(item.hidden ? strings.surprises_restore_named : strings.surprises_hide_named, { text: item.text }),
        onclick: () => act(view, item.hidden ? "surprises.restore" : "surprises.hide", { surprise_id: item.id }),
      }, item.hidden ? strings.restore : strings.hide))))))));
  return false;
}

export function action(state, step) {
  if (step.phase !== "surprises") return null;
  if (!state.surprises || state.surprises.status !== "open") return { label: strings.surprises_open_action, command: "surprises.open" };
  return { label: strings.surprises_close_action, command: "surprises.close" };
}

$("surprises-open-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const prompt = $("surprises-question").value.trim();
  act(view, "surprises.open", prompt ? { prompt } : {});
});
$("surprises-close").addEventListener("click", () => act(view, "surprises.close"));
