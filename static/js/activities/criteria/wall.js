// Wall, "criteria" phase: the radar drawn in SVG (rings 0–4, one numbered axis per criterion, the
// median polygon, the first-to-third-quartile band shaded) and its legend, readable from the back.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

const SVG = "http://www.w3.org/2000/svg";
const C = 500; // the centre, in the drawing's 1000×1000 units
const R = 370; // the radius of 4 (room around it for the axes' numbers)

function svg(tag, attrs = {}, text = "") {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text) node.textContent = text;
  return node;
}

// The same geometry as kiosk/activities/criteria/domain.py's axis_points: axis 0 up, clockwise.
export function point(index, total, value) {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / total;
  const r = (R * value) / 4;
  return [C + r * Math.cos(angle), C + r * Math.sin(angle)];
}

const path = (points) => points.map(([x, y], n) => `${n ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`).join(" ") + " Z";

function draw(items) {
  const radar = $("criteria-radar");
  radar.replaceChildren();
  const total = items.length;
  if (total < 3) return;
  for (let ring = 1; ring <= 4; ring += 1) {
    radar.append(svg("path", { d: path(items.map((_, n) => point(n, total, ring))), class: "criteria-ring" }));
  }
  items.forEach((item, n) => {
    const [x, y] = point(n, total, 4);
    radar.append(svg("line", { x1: C, y1: C, x2: x, y2: y, class: "criteria-axis" }));
    const [lx, ly] = point(n, total, 4.55);
    radar.append(svg("text", { x: lx, y: ly, class: "criteria-axis-number", "text-anchor": "middle", "dominant-baseline": "central" },
      String(n + 1)));
  });
  const rated = items.every((item) => item.median !== null);
  if (!rated) return;
  // The band: the third quartile's polygon with the first's cut out (even-odd).
  radar.append(svg("path", { d: `${path(items.map((item, n) => point(n, total, item.q3)))} ${path(items.map((item, n) => point(n, total, item.q1)))}`,
    class: "criteria-band", "fill-rule": "evenodd" }));
  radar.append(svg("path", { d: path(items.map((item, n) => point(n, total, item.median))), class: "criteria-median" }));
  items.forEach((item, n) => {
    const [x, y] = point(n, total, item.median);
    radar.append(svg("circle", { cx: x, cy: y, r: 14, class: "criteria-dot" }));
  });
}

const num = (value) => (value === null ? "—" : String(Math.round(value * 100) / 100));

export function render(state) {
  const section = $("criteria");
  section.hidden = state.phase !== "criteria";
  if (section.hidden) return false;
  const criteria = state.criteria;
  const items = criteria ? criteria.items : [];
  $("criteria-people").textContent = !criteria ? strings.criteria_soon
    : `${strings[`criteria_status_${criteria.status}`]} · ${count("criteria_people", criteria.people)}`;
  draw(items);
  fill($("criteria-legend"), items.map((item, n) => el("li", { class: "criteria-item" },
    el("span", { class: "criteria-number" }, `${n + 1}`),
    el("span", { class: "criteria-item-text" },
      el("strong", {}, item.name), " ",
      el("span", { class: "criteria-figures" }, item.n ? `${fmt(strings.criteria_median, { median: num(item.median) })} (${
        fmt(strings.criteria_band, { q1: num(item.q1), q3: num(item.q3) })})` : strings.criteria_no_rating,
      item.unknown ? ` · ${count("criteria_unknown", item.unknown)}` : "")))));
  return true;
}
