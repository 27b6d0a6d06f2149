// Wall, "axes" and "grid" phases: the validated axes; then, as the console chooses, the axes as a
// matrix with their counts of practices, entries and flags (the work), one axis's grid large (the
// report-back), or the flagged entries of every axis, one column per flag (the end). Each box fits
// the stage (wall/fit.js): rows or entries go on pages rather than below the floor.
import { $, el, fill, strings } from "../../kiosk.js";
export { events } from "./events.js";

const FLAGS = ["pepite", "opportunite", "vigilance"];

function entriesOf(state, axis) {
  const rows = new Set(axis.rows.map((r) => r.id));
  return state.grid.entries.filter((e) => e.axis_id === axis.id && rows.has(e.row_id));
}

function matrixRow(state, axis) {
  const entries = entriesOf(state, axis);
  return el("tr", {},
    el("th", { scope: "row" }, el("span", { "data-fit-clip": "" }, axis.title)),
    el("td", { class: "grid-count" }, String(axis.rows.length)),
    el("td", { class: "grid-count" }, String(entries.length)),
    ...FLAGS.map((flag) => el("td", { class: `grid-count flag-${flag}` }, String(entries.filter((e) => e.flag === flag).length))));
}

function cell(entries) {
  return el("td", {}, el("ul", { class: "grid-cell-list" }, ...entries.map((e) =>
    el("li", { class: e.flag ? `flag-${e.flag}` : null },
      e.flag ? el("span", { class: "grid-marker", "aria-label": strings.grid_flags[e.flag] }, strings.grid_markers[e.flag], " ") : null,
      e.text))));
}

function axisRow(state, row) {
  const entries = state.grid.entries.filter((e) => e.row_id === row.id);
  return el("tr", {},
    el("th", { scope: "row", class: "grid-practice" }, el("span", {}, row.practice)),
    ...Object.keys(strings.grid_columns).map((column) => cell(entries.filter((e) => e.column === column))));
}

function flagColumn(state, flag) {
  const practices = new Map(state.grid.axes.flatMap((a) => a.rows.map((r) => [r.id, { axis: a.title, practice: r.practice }])));
  const found = state.grid.entries.filter((e) => e.flag === flag && practices.has(e.row_id));
  return el("section", { class: `grid-flag-column flag-${flag}`, "aria-label": strings.grid_flags[flag] },
    el("h3", {}, `${strings.grid_markers[flag]} ${strings.grid_flags_many[flag]} `, el("span", { class: "grid-total" }, String(found.length))),
    el("ul", { "data-fit": "", "data-fit-cols": "1", "data-fit-max": "1.2", "data-fit-lines": "3" }, ...found.map((e) => {
      const where = practices.get(e.row_id);
      return el("li", { class: "grid-flagged" }, el("p", { "data-fit-clip": "" }, e.text),
        el("p", { class: "grid-where" }, `${where.axis} · ${where.practice} · ${strings.grid_columns[e.column]}`));
    })));
}

function renderAxes(state) {
  const section = $("grid-axes");
  section.hidden = state.phase !== "axes";
  if (section.hidden) return false;
  $("grid-axes-waiting").hidden = state.grid.axes.length > 0;
  fill($("grid-axes-wall"), state.grid.axes.map((axis) => el("li", { class: "grid-axis-card" }, el("span", { "data-fit-clip": "" }, axis.title))));
  return true;
}

export function render(state) {
  const claimed = renderAxes(state);
  const section = $("grid");
  section.hidden = state.phase !== "grid";
  if (section.hidden) return claimed;
  const shown = state.grid_wall;
  const axis = shown.view === "axis" ? state.grid.axes.find((a) => a.id === shown.axis_id) : null;
  const view = axis ? "axis" : shown.view === "flags" ? "flags" : "matrix";
  $("grid-matrix").hidden = view !== "matrix";
  $("grid-legend").hidden = view !== "matrix";
  $("grid-single").hidden = view !== "axis";
  $("grid-flags").hidden = view !== "flags";
  if (view === "matrix") fill($("grid-matrix-rows"), state.grid.axes.map((a) => matrixRow(state, a)));
  if (view === "axis") {
    $("grid-single-title").textContent = axis.title;
    $("grid-single-empty").hidden = axis.rows.length > 0;
    $("grid-single-box").hidden = axis.rows.length === 0;
    fill($("grid-single-rows"), axis.rows.map((row) => axisRow(state, row)));
  }
  if (view === "flags") fill($("grid-flags"), FLAGS.map((flag) => flagColumn(state, flag)));
  return true;
}
