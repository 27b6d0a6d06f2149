// Phone, "examples" phase: the pad of one's table. Each example's fields are inputs that save one
// by one when left (a change event), naming the text they started from: when another member of
// the table saved the same field meanwhile, the box refuses, the phone shows their text above the
// draft it keeps, and the next save puts both together. The pad is updated in place (never
// redrawn), so a member's typing survives what the others send.
import { $, el, fill, fmt, strings } from "../../kiosk.js";
import { myTable } from "./events.js";
export { events } from "./events.js";

const FIELDS = ["title", "what", "where", "who", "link"];
const LIMITS = { title: 80, what: 280, where: 80, who: 80, link: 200 };
let view = null;
const drafts = new Map(); // "id:field" -> {base, text}: a field being typed, not saved yet

async function save(example, field, input) {
  const key = `${example.id}:${field}`;
  const draft = drafts.get(key);
  if (!draft) return;
  const answer = await view.send("examples.edit", { example_id: example.id, field, text: input.value.trim(), base: draft.base });
  const note = input.parentElement.querySelector(".examples-theirs");
  if (answer.ok) {
    drafts.delete(key);
    note.hidden = true;
  } else {
    const current = (view.state.examples.examples.find((e) => e.id === example.id) || {})[field] || "";
    draft.base = current; // the next save, both texts put together, goes through
    note.textContent = answer.code === "conflict" ? fmt(strings.examples_theirs, { text: current }) : answer.error;
    note.hidden = false;
  }
}

function fieldBox(example, field) {
  const id = `examples-${example.id}-${field}`;
  const attrs = { id, maxlength: String(LIMITS[field]), "data-key": id, "data-field": field,
    oninput: (event) => {
      const key = `${example.id}:${field}`;
      if (!drafts.has(key)) drafts.set(key, { base: event.target.dataset.saved || "", text: "" });
      drafts.get(key).text = event.target.value;
    },
    onchange: (event) => save(example, field, event.target) };
  return el("div", { class: "examples-field" },
    el("label", { for: id }, strings.examples_fields[field]),
    field === "what" ? el("textarea", { ...attrs, rows: "2" }) : el("input", attrs),
    el("p", { class: "examples-theirs tag", role: "status", hidden: true }));
}

function item(example) {
  return el("li", { class: "mine examples-item", id: `examples-item-${example.id}` },
    ...FIELDS.map((f) => fieldBox(example, f)),
    el("div", { class: "row-actions" }, el("button", {
      type: "button", "data-key": `examples-remove-${example.id}`,
      "aria-label": fmt(strings.examples_remove_named, { title: example.title }),
      onclick: () => view.send("examples.remove", { example_id: example.id }),
    }, strings.examples_remove)));
}

// Update the pad in place: new examples get their inputs, gone ones leave, and a field takes the
// saved text unless its owner is typing in it (then the saved text waits as the draft's "theirs").
function sync(examples) {
  const pad = $("examples-pad");
  const ids = new Set(examples.map((e) => e.id));
  for (const li of [...pad.children]) if (!ids.has(Number(li.id.split("-").pop()))) li.remove();
  for (const example of examples) {
    let li = $(`examples-item-${example.id}`);
    if (!li) {
      li = item(example);
      pad.append(li);
    }
    for (const field of FIELDS) {
      const input = $(`examples-${example.id}-${field}`);
      const saved = example[field] || "";
      input.dataset.saved = saved;
      const draft = drafts.get(`${example.id}:${field}`);
      if (!draft) {
        input.value = saved;
      } else if (draft.base !== saved) {
        const note = input.parentElement.querySelector(".examples-theirs");
        note.textContent = fmt(strings.examples_theirs, { text: saved });
        note.hidden = false;
      }
    }
  }
}

// The "typology" phase: the categories with their examples' titles, read-only, as they form.
function typology(pads) {
  const examples = pads ? pads.examples : [];
  const categories = pads ? pads.categories : [];
  const block = (title, inside) => el("section", { class: "review-room-bucket" }, el("h3", {}, title),
    el("ul", { class: "plain" }, ...inside.map((e) => el("li", {}, e.title, " ", el("span", { class: "by" }, `(${e.table})`)))));
  const unsorted = examples.filter((e) => e.category === null);
  fill($("examples-typology"), [
    categories.length ? null : el("p", {}, strings.examples_no_category),
    ...categories.map((c) => block(c.label, examples.filter((e) => e.category === c.id))),
    unsorted.length ? block(strings.examples_unsorted, unsorted) : null,
  ].filter(Boolean));
}

export function render(state, current) {
  view = current;
  const section = $("examples");
  section.hidden = state.phase !== "examples" && state.phase !== "typology";
  if (section.hidden) return false;
  const pads = state.examples;
  const sorting = state.phase === "typology";
  $("examples-typology").hidden = !sorting;
  if (sorting) {
    $("examples-title").textContent = strings.phases.typology;
    for (const id of ["examples-prompt", "examples-soon", "examples-closed", "examples-no-table", "examples-pad-box"]) $(id).hidden = true;
    typology(pads);
    return true;
  }
  $("examples-prompt").hidden = false;
  const open = Boolean(pads && pads.status === "open");
  const table = myTable(state);
  $("examples-title").textContent = table ? fmt(strings.examples_pad_of, { table }) : strings.phases.examples;
  $("examples-prompt").textContent = pads ? pads.prompt : "";
  $("examples-soon").hidden = Boolean(pads);
  $("examples-closed").hidden = !pads || open;
  $("examples-no-table").hidden = !open || Boolean(table);
  $("examples-pad-box").hidden = !open || !table;
  if (open && table) {
    $("examples-remote").checked = pads.remote.includes(table);
    sync(pads.examples.filter((e) => e.table === table));
  }
  return true;
}

$("examples-remote").addEventListener("change", (event) => view.send("examples.remote", { on: event.target.checked }));
$("examples-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view) return;
  const form = new FormData($("examples-form"));
  const payload = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) || "").trim()]));
  const button = $("examples-send");
  button.disabled = true;
  const answer = await view.send("examples.add", payload);
  button.disabled = false;
  if (!answer.ok) {
    $("examples-error").textContent = answer.error || "";
    return;
  }
  $("examples-error").textContent = "";
  $("examples-form").reset();
  const pads = view.state.examples;
  if (pads && !pads.examples.some((e) => e.id === answer.example.id)) pads.examples.push(answer.example);
  render(view.state, view);
});
