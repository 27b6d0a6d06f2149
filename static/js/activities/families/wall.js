// Wall, "families" phase: every family in its colour with its experts' first names. A family
// nobody holds stands out, hollow with a dashed border, so the room sees what is left to take.
import { $, el, fill, fmt, nameOf, strings } from "../../kiosk.js";
import { fitSoon, screenBottom, shrinkToFit } from "../../wall/fit.js";
export { events } from "./events.js";

const PER_ROW = 5;

function tile(state, family) {
  const experts = state.claims[family.id] || [];
  return el("li", { class: experts.length ? "family-tile" : "family-tile nobody", style: `--family: ${family.color}` },
    el("h3", {}, family.name),
    experts.length
      ? el("ul", { class: "experts" }, ...experts.map((id) => el("li", {}, nameOf(state, id))))
      : el("p", { class: "experts-none" }, strings.nobody_yet));
}

// The rows share the screen's height; in a tile with many experts the names shrink until they fit.
function fit(tiles, rows) {
  if (tiles.closest("[hidden]")) return;
  const gaps = (rows - 1) * parseFloat(getComputedStyle(tiles).rowGap || "0");
  const row = (screenBottom(tiles) - tiles.getBoundingClientRect().top - gaps) / rows;
  tiles.style.setProperty("--row", `${Math.max(row, 112)}px`);
  for (const tile of tiles.children) shrinkToFit(tile, () => tile.scrollHeight > tile.clientHeight + 1);
}

export function render(state) {
  const section = $("families");
  section.hidden = state.phase !== "families" || !state.deck;
  if (section.hidden) return false;
  const families = state.deck.families;
  const covered = families.filter((f) => (state.claims[f.id] || []).length > 0).length;
  $("families-status").textContent = fmt(strings.families_covered, { n: covered, total: families.length });
  const tiles = $("family-tiles");
  fill(tiles, families.map((family) => tile(state, family)));
  fitSoon("families", () => fit(tiles, Math.ceil(families.length / PER_ROW)));
  return true;
}
