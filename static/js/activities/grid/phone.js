// Phone, "axes" and "grid" phases: the validated axes; then the group's grid, practice by practice,
// written by several members at once. Each entry is its author's: another member's entry arriving
// never touches the text this phone is typing (the add and edit forms are kept across renders).
import { $, el, fill, fmt, nameOf, say, strings } from "../../kiosk.js";
export { events } from "./events.js";

let view = null;
let seenGroup; // the group this phone last showed the grid of
const adders = new Map(); // row id -> {node, practice}: each practice's add form
const editors = new Map(); // entry id -> {node, base}: an own entry being rewritten

async function send(name, payload) {
  const answer = await view.send(name, payload);
  if (!answer.ok) say(answer.error, "error");
  return answer;
}

// Fold an entry from an answer at once (its event follows, to the same effect).
function keep(entry) {
  const entries = view.state.grid.entries;
  const at = entries.findIndex((e) => e.id === entry.id);
  if (at >= 0) entries[at] = entry;
  else entries.push(entry);
}

function myAxis(state) {
  const groupId = state.me.group_id;
  return groupId === null ? null : state.grid.axes.find((a) => a.group_id === groupId) || null;
}

function isSecretary(state) {
  const group = (state.groups || []).find((g) => g.id === state.me.group_id);
  return Boolean(group) && group.secretary === state.me.id;
}

function flagPicker(entry) {
  return el("select", { "data-key": `grid-flag-${entry.id}`, class: "grid-flag-picker",
    "aria-label": fmt(strings.grid_flag_named, { text: entry.text }),
    onchange: (event) => send("grid.flag", { entry_id: entry.id, flag: event.target.value || null }) },
  el("option", { value: "" }, strings.grid_no_flag),
  ...Object.entries(strings.grid_flags).map(([key, label]) =>
    el("option", { value: key, selected: entry.flag === key }, `${strings.grid_markers[key]} ${label}`)));
}

function editor(entry) {
  let found = editors.get(entry.id);
  if (found) return found.node;
  const box = el("textarea", { maxlength: "200", rows: "3", "aria-label": fmt(strings.grid_edit_named, { text: entry.text }) });
  box.value = entry.text;
  found = { base: entry.text, node: null };
  found.node = el("form", { class: "grid-edit",
    onsubmit: async (event) => {
      event.preventDefault();
      const answer = await send("grid.edit", { entry_id: entry.id, text: box.value, base: found.base });
      if (answer.ok) {
        editors.delete(entry.id);
        keep(answer.entry);
        render(view.state, view);
      } else if (answer.code === "conflict") {
        // Saved meanwhile: the box keeps this phone's text; the next save starts from the saved one.
        const saved = view.state.grid.entries.find((e) => e.id === entry.id);
        if (saved) found.base = saved.text;
      }
    } },
  box,
  el("p", { class: "row-actions" },
    el("button", { type: "submit", class: "primary" }, strings.grid_save),
    el("button", { type: "button", onclick: () => { editors.delete(entry.id); render(view.state, view); } },
      strings.grid_cancel)));
  editors.set(entry.id, found);
  return found.node;
}

function entryItem(state, entry, secretary) {
  const mine = entry.author === state.me.id;
  const marker = entry.flag ? strings.grid_markers[entry.flag] : "";
  return el("li", { class: entry.flag ? `grid-entry flag-${entry.flag}` : "grid-entry" },
    editors.has(entry.id) ? editor(entry) : el("p", { class: "grid-entry-text" },
      marker ? el("span", { class: "grid-marker", "aria-label": strings.grid_flags[entry.flag] }, marker, " ") : null,
      entry.text),
    el("p", { class: "tag" }, mine || entry.author === null ? "" : fmt(strings.grid_by, { name: nameOf(state, entry.author) })),
    el("p", { class: "row-actions" },
      flagPicker(entry),
      mine && !editors.has(entry.id)
        ? el("button", { type: "button", "data-key": `grid-edit-${entry.id}`, "aria-label": fmt(strings.grid_edit_named, { text: entry.text }),
          onclick: () => { editor(entry); render(view.state, view); } }, strings.grid_edit)
        : null,
      mine || secretary
        ? el("button", { type: "button", "data-key": `grid-remove-${entry.id}`, "aria-label": fmt(strings.grid_remove_named, { text: entry.text }),
          onclick: () => send("grid.remove", { entry_id: entry.id }) }, strings.grid_remove)
        : null));
}

function adder(row) {
  let found = adders.get(row.id);
  if (found && found.practice === row.practice) return found.node;
  const column = el("select", { name: "column", id: `grid-column-${row.id}` },
    ...Object.entries(strings.grid_columns).map(([key, label]) => el("option", { value: key }, label)));
  const text = el("textarea", { name: "text", id: `grid-text-${row.id}`, maxlength: "200", rows: "2", required: true });
  const flag = el("select", { name: "flag", id: `grid-newflag-${row.id}` }, el("option", { value: "" }, strings.grid_no_flag),
    ...Object.entries(strings.grid_flags).map(([key, label]) => el("option", { value: key }, `${strings.grid_markers[key]} ${label}`)));
  if (found) { // renamed: the same fields, a new button's name
    found.node.remove();
  }
  const node = el("form", { class: "grid-add", "aria-label": fmt(strings.grid_add_entry, { practice: row.practice }),
    onsubmit: async (event) => {
      event.preventDefault();
      const answer = await send("grid.add", { row_id: row.id, column: column.value, text: text.value, flag: flag.value || null });
      if (answer.ok) {
        text.value = "";
        flag.value = "";
        keep(answer.entry);
        render(view.state, view);
      }
    } },
  el("label", { for: column.id }, strings.grid_column), column,
  el("label", { for: text.id }, strings.grid_entry), text,
  el("label", { for: flag.id }, strings.grid_flag), flag,
  el("button", { type: "submit", class: "primary" }, fmt(strings.grid_add_entry, { practice: row.practice })));
  adders.set(row.id, { node, practice: row.practice });
  return node;
}

function move(axis, index, by) {
  const ids = axis.rows.map((r) => r.id);
  const [moved] = ids.splice(index, 1);
  ids.splice(index + by, 0, moved);
  send("grid.order", { axis_id: axis.id, row_ids: ids });
}

function rowItem(state, axis, row, index, secretary) {
  const entries = state.grid.entries.filter((e) => e.row_id === row.id);
  return el("li", { class: "grid-row", "data-row": String(row.id) },
    el("h3", {}, row.practice),
    secretary ? el("p", { class: "row-actions" },
      el("button", { type: "button", "data-key": `grid-up-${row.id}`, disabled: index === 0,
        "aria-label": fmt(strings.grid_up_named, { practice: row.practice }), onclick: () => move(axis, index, -1) }, "↑"),
      el("button", { type: "button", "data-key": `grid-down-${row.id}`, disabled: index === axis.rows.length - 1,
        "aria-label": fmt(strings.grid_down_named, { practice: row.practice }), onclick: () => move(axis, index, 1) }, "↓"),
      el("button", { type: "button", "data-key": `grid-row-remove-${row.id}`,
        "aria-label": fmt(strings.grid_remove_practice_named, { practice: row.practice }),
        onclick: () => {
          if (window.confirm(fmt(strings.grid_remove_practice_confirm, { practice: row.practice }))) {
            send("grid.row_remove", { row_id: row.id });
          }
        } }, strings.grid_remove)) : null,
    ...Object.entries(strings.grid_columns).map(([column, label]) => {
      const inCell = entries.filter((e) => e.column === column);
      return inCell.length ? el("div", { class: "grid-cell" }, el("h4", {}, label),
        el("ul", { class: "plain" }, ...inCell.map((e) => entryItem(state, e, secretary)))) : null;
    }),
    adder(row));
}

function renderAxes(state) {
  const section = $("grid-axes");
  section.hidden = state.phase !== "axes";
  if (section.hidden) return false;
  $("grid-axes-waiting").hidden = state.grid.axes.length > 0;
  fill($("grid-axes-list"), state.grid.axes.map((axis) => el("li", {}, axis.title)));
  return true;
}

export function render(state, current) {
  view = current;
  const claimed = renderAxes(state);
  const section = $("grid");
  section.hidden = state.phase !== "grid";
  if (section.hidden) return claimed;
  const axis = myAxis(state);
  if (seenGroup !== undefined && state.me.group_id !== seenGroup && axis) {
    // Joined another group: its grid's changes never reached this phone.
    view.send("state.get", {});
  }
  if (state.me.group_id !== seenGroup) {
    adders.clear();
    editors.clear();
  }
  seenGroup = state.me.group_id;
  $("grid-no-group").hidden = Boolean(axis);
  $("grid-mine").hidden = !axis;
  $("grid-title").textContent = axis ? fmt(strings.grid_your_axis, { title: axis.title }) : strings.phases.grid;
  if (!axis) return true;
  for (const id of [...adders.keys()]) if (!axis.rows.some((r) => r.id === id)) adders.delete(id);
  const secretary = isSecretary(state);
  fill($("grid-rows"), axis.rows.length
    ? axis.rows.map((row, index) => rowItem(state, axis, row, index, secretary))
    : [el("li", { class: "help" }, strings.grid_no_practice)]);
  fill($("grid-resources"), axis.resources.length
    ? axis.resources.map((r) => el("li", {}, r.text, " ",
      r.author === state.me.id || secretary
        ? el("button", { type: "button", "data-key": `grid-resource-remove-${r.id}`,
          "aria-label": fmt(strings.grid_remove_named, { text: r.text }),
          onclick: () => send("grid.resource_remove", { resource_id: r.id }) }, strings.grid_remove)
        : null))
    : [el("li", { class: "help" }, strings.grid_no_resource)]);
  return true;
}

$("grid-practice-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const axis = myAxis(view.state);
  const field = $("grid-practice");
  if (!axis) return;
  const answer = await send("grid.row", { axis_id: axis.id, practice: field.value });
  if (answer.ok) field.value = "";
});

$("grid-resource-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const axis = myAxis(view.state);
  const field = $("grid-resource");
  if (!axis) return;
  const answer = await send("grid.resource", { axis_id: axis.id, text: field.value });
  if (answer.ok) field.value = "";
});
