// Console: validate the axes from the vote (six at most), drop one, see each grid's counts, and
// choose what the wall shows: every axis, one axis's grid (the report-back), the flagged entries;
// each axis's practices and entries, folded, to show one large on the wall.
import { $, count, el, fill, fmt, groupName, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
export { events } from "./events.js";

let view = null;
const FLAGS = ["pepite", "opportunite", "vigilance"];
const unfolded = new Set(); // the axes whose practices are open, kept open when a live update redraws them

// An axis's practices, each with its entries column by column: any of them shown large on the wall.
function practices(state, axis) {
  const key = `grid-rows-${axis.id}`;
  return el("details", {
    open: unfolded.has(key), ontoggle: (event) => (event.target.open ? unfolded.add(key) : unfolded.delete(key)),
  },
  el("summary", { "data-key": key }, count("grid_practices_n", axis.rows.length)),
  el("ul", { class: "plain grid-console-rows" }, ...axis.rows.map((row) => el("li", {},
    el("p", {}, el("strong", {}, row.practice), " ", showLarge(view, "grid", `row:${row.id}`, row.practice)),
    el("ul", { class: "plain" }, ...Object.keys(strings.grid_columns).flatMap((column) => state.grid.entries
      .filter((e) => e.row_id === row.id && e.column === column)
      .map((e) => el("li", {}, el("span", { class: "tag" }, `${strings.grid_columns[column]} · `),
        e.flag ? `${strings.grid_markers[e.flag]} ` : "", e.text, " ", showLarge(view, "grid", `entry:${e.id}`, e.text)))))))));
}

function counts(state, axis) {
  const entries = state.grid.entries.filter((e) => e.axis_id === axis.id);
  return [count("grid_practices_n", axis.rows.length), count("grid_entries_n", entries.length),
    ...FLAGS.map((f) => `${strings.grid_markers[f]} ${entries.filter((e) => e.flag === f).length}`)].join(" · ");
}

function wallButton(state, label, payload, key, name) {
  const shown = state.grid_wall;
  const on = shown.view === payload.view && (payload.view !== "axis" || shown.axis_id === payload.axis_id);
  return el("button", { type: "button", "data-key": key, "aria-pressed": on ? "true" : "false",
    "aria-label": name || null, onclick: () => act(view, "grid.show", payload) }, label);
}

export function render(state, current) {
  view = current;
  const axes = state.grid.axes;
  $("grid-console-empty").hidden = axes.length > 0;
  fill($("grid-wall-buttons"), axes.length ? [
    wallButton(state, strings.grid_show_matrix, { view: "matrix" }, "grid-show-matrix"),
    wallButton(state, strings.grid_show_flags, { view: "flags" }, "grid-show-flags"),
  ] : []);
  fill($("grid-console-axes"), axes.map((axis) => el("li", { class: "grid-console-axis" },
    el("h3", {}, axis.title),
    el("p", { class: "tag" }, axis.group_id !== null ? groupName(state, axis.group_id) : "—", " · ", counts(state, axis)),
    el("p", { class: "row-actions" },
      wallButton(state, strings.show_on_wall, { view: "axis", axis_id: axis.id }, `grid-show-${axis.id}`,
        fmt(strings.grid_show_axis_named, { title: axis.title })),
      axis.rows.length === 0 && axis.resources.length === 0
        ? el("button", { type: "button", "data-key": `grid-drop-${axis.id}`, "aria-label": fmt(strings.grid_drop_named, { title: axis.title }),
          onclick: () => act(view, "grid.drop", { axis_id: axis.id }) }, strings.grid_drop)
        : null),
    axis.rows.length ? practices(state, axis) : null)));
}

$("grid-validate-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const payload = { count: Number($("grid-count").value) };
  if (view.state.grid.axes.length && !window.confirm(strings.grid_revalidate_confirm)) return;
  act(view, "grid.validate", payload);
});

// The header's action: validate the axes on an axes step; during the report-back, show the axes'
// grids one after the other, then the flagged entries.
export function action(state, step) {
  if (step.phase === "axes") {
    return state.grid.axes.length ? null
      : { label: strings.grid_validate_action, command: "grid.validate", payload: { count: step.axes || 6 } };
  }
  if (step.phase !== "grid" || !state.grid.axes.length) return null;
  const shown = state.grid_wall;
  if (shown.view === "axis") {
    const at = state.grid.axes.findIndex((a) => a.id === shown.axis_id);
    const next = state.grid.axes[at + 1];
    return next
      ? { label: fmt(strings.grid_show_next_action, { title: next.title }), command: "grid.show", payload: { view: "axis", axis_id: next.id } }
      : { label: strings.grid_show_flags_action, command: "grid.show", payload: { view: "flags" } };
  }
  return null;
}

export function nudges(state, step) {
  if (step.phase !== "grid") return [];
  const empty = state.grid.axes.filter((a) => a.group_id !== null && a.rows.length === 0).length;
  return empty ? [{ key: "grid-empty-axes", text: count("grid_empty_axes_n", empty), label: strings.grid_see, section: "grid-heading" }] : [];
}
