// Phone, "surprises" phase: post what surprised one's table; the table's surprises, which any of
// its members may take back while they are open.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
import { myTable } from "../examples/events.js";
export { events } from "./events.js";

let view = null;

export function render(state, current) {
  view = current;
  const section = $("surprises");
  section.hidden = state.phase !== "surprises";
  if (section.hidden) return false;
  const surprises = state.surprises;
  const open = Boolean(surprises && surprises.status === "open");
  const table = myTable(state);
  $("surprises-title").textContent = table ? fmt(strings.surprises_of, { table }) : strings.phases.surprises;
  $("surprises-prompt").textContent = surprises ? surprises.prompt : "";
  $("surprises-soon").hidden = Boolean(surprises);
  $("surprises-closed").hidden = !surprises || open;
  $("surprises-no-table").hidden = !open || Boolean(table);
  $("surprises-form").hidden = !open || !table;
  const items = surprises && table ? surprises.items.filter((i) => i.table === table) : [];
  fill($("surprises-list"), items.map((item) => el("li", { class: "mine" },
    el("p", { class: "issue-text" }, item.text),
    open ? el("div", { class: "row-actions" }, el("button", {
      type: "button", "data-key": `surprises-withdraw-${item.id}`, "aria-label": fmt(strings.surprises_withdraw_named, { text: item.text }),
      onclick: () => view.send("surprises.withdraw", { surprise_id: item.id }),
    }, strings.surprises_withdraw)) : null)));
  return true;
}

$("surprises-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view) return;
  const button = $("surprises-send");
  button.disabled = true;
  const answer = await view.send("surprises.post", { text: $("surprises-text").value.trim() });
  button.disabled = false;
  if (!answer.ok) {
    $("surprises-error").textContent = answer.error || "";
    return;
  }
  $("surprises-error").textContent = "";
  $("surprises-text").value = "";
  const surprises = view.state.surprises;
  if (surprises && !surprises.items.some((i) => i.id === answer.surprise.id)) surprises.items.push(answer.surprise);
  render(view.state, view);
});
