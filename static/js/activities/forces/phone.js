// Phone, "forces" phase: post a blocker or a trigger with its strength and how far the room can act
// on it; one's own items, changeable while the board is open.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

let view = null;
let editing = null; // the own item being changed (its id), or null for a new one

function figure(id) {
  const input = $(id);
  $(`${id}-value`).textContent = input.value;
  return Number(input.value);
}

function setForm(item) {
  editing = item ? item.id : null;
  $("forces-text").value = item ? item.text : "";
  for (const kind of ["blocker", "trigger"]) $(`forces-kind-${kind}`).checked = Boolean(item && item.kind === kind);
  $("forces-strength").value = String(item ? item.strength : 3);
  $("forces-actionable").value = String(item ? item.actionable : 3);
  figure("forces-strength");
  figure("forces-actionable");
  $("forces-send").textContent = item ? strings.forces_save : strings.forces_post;
  $("forces-cancel").hidden = !item;
  $("forces-error").textContent = "";
}

function mineItem(item, open) {
  return el("li", { class: `mine forces-${item.kind}` },
    el("p", { class: "issue-text" }, item.text),
    el("p", { class: "tag" }, strings.forces_kinds[item.kind], " · ", fmt(strings.forces_figures, item)),
    open ? el("div", { class: "row-actions" }, el("button", {
      type: "button", "data-key": `forces-edit-${item.id}`, "aria-label": fmt(strings.forces_edit_named, { text: item.text }),
      onclick: () => { setForm(item); $("forces-text").focus(); },
    }, strings.forces_edit)) : null);
}

export function render(state, current) {
  view = current;
  const section = $("forces");
  section.hidden = state.phase !== "forces";
  if (section.hidden) return false;
  const forces = state.forces;
  const open = Boolean(forces && forces.status === "open");
  $("forces-prompt").textContent = forces ? forces.prompt : "";
  $("forces-soon").hidden = Boolean(forces);
  $("forces-closed").hidden = !forces || open;
  $("forces-form").hidden = !open;
  const mine = new Set((state.me && state.me.forces) || []);
  const items = forces ? forces.items.filter((i) => mine.has(i.id)) : [];
  $("forces-mine-title").hidden = !items.length;
  fill($("forces-mine"), items.map((item) => mineItem(item, open)));
  return true;
}

for (const id of ["forces-strength", "forces-actionable"]) $(id).addEventListener("input", () => figure(id));
$("forces-cancel").addEventListener("click", () => setForm(null));
$("forces-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view) return;
  const kind = new FormData($("forces-form")).get("kind");
  const payload = { kind, text: $("forces-text").value.trim(), strength: figure("forces-strength"),
    actionable: figure("forces-actionable") };
  const button = $("forces-send");
  button.disabled = true; // a double tap sends once (and the box takes the same item once anyway)
  const answer = editing === null
    ? await view.send("forces.add", payload)
    : await view.send("forces.change", { item_id: editing, ...payload });
  button.disabled = false;
  if (!answer.ok) {
    $("forces-error").textContent = answer.error || "";
    return;
  }
  const state = view.state;
  if (state && state.me && !state.me.forces.includes(answer.item.id)) state.me.forces.push(answer.item.id);
  if (state && state.forces && !state.forces.items.some((i) => i.id === answer.item.id)) {
    state.forces.items.push(answer.item);
  }
  setForm(null);
  render(state, view);
});
