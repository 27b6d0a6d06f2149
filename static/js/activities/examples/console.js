// Console: open and close the pads, form the tables, mark a table remote; the typology: create and
// rename categories, sort each example into one by drag and drop or by keyboard (focus an example,
// press its category's number; 0 takes it out of any), or show one large on the wall. The header's
// action opens, then closes the pads.
import { $, announce, count, el, fill, fmt, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
export { events } from "./events.js";

let view = null;
let renaming = null; // the category being renamed

function sortInto(example, category) {
  act(view, "examples.sort", { example_id: example.id, category_id: category ? category.id : null }, () => {
    announce(category ? fmt(strings.examples_sorted_into, { title: example.title, category: category.label })
      : fmt(strings.examples_unsorted_named, { title: example.title }));
  });
}

function exampleItem(example, categories) {
  return el("li", {
    class: "examples-sortable", tabindex: "0", draggable: "true", "data-key": `examples-ex-${example.id}`,
    "aria-label": `${example.title} (${example.table})`,
    ondragstart: (event) => event.dataTransfer.setData("text/plain", String(example.id)),
    onkeydown: (event) => {
      if (!/^[0-9]$/.test(event.key)) return;
      const n = Number(event.key);
      if (n > categories.length) return;
      event.preventDefault();
      sortInto(example, n === 0 ? null : categories[n - 1]);
    },
  }, el("strong", {}, example.title), " ", el("span", { class: "by" }, `(${example.table})`),
  el("label", { class: "inline" },
    el("span", { class: "visually-hidden" }, fmt(strings.examples_sort_to, { title: example.title })),
    el("select", { "data-key": `examples-sort-${example.id}`, onchange: (event) => {
      const id = event.target.value ? Number(event.target.value) : null;
      sortInto(example, categories.find((c) => c.id === id) || null);
    } }, el("option", { value: "", selected: example.category === null }, strings.examples_unsorted),
    ...categories.map((c) => el("option", { value: String(c.id), selected: example.category === c.id }, c.label)))),
  " ", showLarge(view, "examples", example.id, example.title));
}

function renameForm(category) {
  return el("form", { class: "inline-form", onsubmit: (event) => {
    event.preventDefault();
    const label = event.target.querySelector("input").value.trim();
    act(view, "examples.rename", { category_id: category.id, label }, () => { renaming = null; render(view.state, view); });
  } },
  el("label", { for: `examples-rename-${category.id}`, class: "visually-hidden" }, fmt(strings.examples_rename_named, { label: category.label })),
  el("input", { id: `examples-rename-${category.id}`, value: category.label, maxlength: "60", "data-key": `examples-rename-input-${category.id}` }),
  el("button", { type: "submit" }, strings.examples_save));
}

function zone(title, number, category, examples, categories) {
  const examplesById = new Map(examples.map((e) => [e.id, e]));
  return el("section", {
    class: "card examples-zone", "aria-label": title, "data-key": `examples-zone-${category ? category.id : 0}`,
    ondragover: (event) => event.preventDefault(),
    ondrop: (event) => {
      event.preventDefault();
      const example = (view.state.examples.examples || []).find((e) => e.id === Number(event.dataTransfer.getData("text/plain")));
      if (example && !examplesById.has(example.id)) sortInto(example, category);
    },
  },
  el("h4", {}, `${number}. ${title} `, el("span", { class: "by" }, `(${examples.length})`)),
  category ? (renaming === category.id ? renameForm(category) : el("button", {
    type: "button", "data-key": `examples-renaming-${category.id}`, "aria-label": fmt(strings.examples_rename_named, { label: category.label }),
    onclick: () => { renaming = category.id; render(view.state, view); },
  }, strings.examples_rename)) : null,
  el("ul", { class: "plain" }, ...examples.map((e) => exampleItem(e, categories))));
}

export function render(state, current) {
  view = current;
  const pads = state.examples;
  const open = Boolean(pads && pads.status === "open");
  const examples = pads ? pads.examples : [];
  $("examples-state").textContent = !pads ? strings.examples_soon
    : `${open ? "" : `${strings.examples_closed} `}${count("examples_n", examples.length)}`
      + (pads.remote.length ? ` · ${strings.examples_remote_tag}: ${pads.remote.join(", ")}` : "");
  $("examples-close").hidden = !open;
  const categories = pads ? pads.categories : [];
  fill($("examples-typology"), pads ? [
    ...categories.map((c, n) => zone(c.label, n + 1, c, examples.filter((e) => e.category === c.id), categories)),
    zone(strings.examples_unsorted, 0, null, examples.filter((e) => e.category === null), categories),
  ] : []);
  return false;
}

export function action(state, step) {
  if (step.phase !== "examples") return null;
  if (!state.examples || state.examples.status !== "open") return { label: strings.examples_open_action, command: "examples.open" };
  return { label: strings.examples_close_action, command: "examples.close" };
}

export function nudges(state, step) {
  if (step.phase !== "typology" || !state.examples) return [];
  const unsorted = state.examples.examples.filter((e) => e.category === null).length;
  return unsorted ? [{ key: "examples-unsorted", text: count("examples_unsorted_n", unsorted), label: strings.examples_see_typology, section: "examples-typology-title" }] : [];
}

$("examples-open-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const prompt = $("examples-question").value.trim();
  act(view, "examples.open", prompt ? { prompt } : {});
});
$("examples-close").addEventListener("click", () => act(view, "examples.close"));
$("examples-tables").addEventListener("submit", (event) => {
  event.preventDefault();
  act(view, "groups.form", { from: "tables", count: Number($("examples-tables-count").value) });
});
$("examples-category-form").addEventListener("submit", (event) => {
  event.preventDefault();
  act(view, "examples.category", { label: $("examples-category-label").value.trim() }, () => { $("examples-category-label").value = ""; });
});
