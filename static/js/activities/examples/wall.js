// Wall: in the "examples" phase the tables' pads side by side (a remote table says so), each
// example a card; in the "typology" phase the categories side by side with their examples, and
// what is not sorted yet, as the facilitator sorts. Each column fits and pages (wall/fit.js).
import { $, el, fill, strings } from "../../kiosk.js";
export { events } from "./events.js";

// More than four columns go on two rows: eight tables' pads stay wide enough to read a card.
export function spread(box, n) {
  const rows = n > 4 ? 2 : 1;
  box.style.setProperty("--review-columns", String(Math.max(1, Math.ceil(n / rows))));
  box.style.setProperty("--review-rows", String(rows));
}

// The title on two lines at most, then the rest as one paragraph the fit cuts with an ellipsis
// when the card is taller than its page, and at one line when the pad pages (data-fit-lines): the
// title is what the room reads, and two cards of eight tables' pads then share a page.
function card(example, tag) {
  const place = [example.where, example.who, tag].filter(Boolean).join(" · ");
  const rest = [example.what, place ? `(${place})` : ""].filter(Boolean).join(" ");
  return el("li", { class: "review-card examples-card" },
    el("div", { class: "review-text" },
      el("p", { class: "examples-card-title" }, example.title),
      rest ? el("p", { class: "examples-card-rest", "data-fit-clip": "" }, rest) : null));
}

function column(title, examples, remote, tag) {
  return el("section", { class: remote ? "review-column examples-remote" : "review-column", "aria-label": title },
    el("h3", { class: "fit-head" }, el("span", {},
      el("span", { class: "review-count" }, remote ? `${examples.length} · ${strings.examples_remote_tag}` : String(examples.length)), " ", title)),
    el("ul", { "data-fit": "", "data-fit-cols": "1", "data-fit-max": "1.2", "data-fit-lines": "1", "data-fit-pager": "h3" },
      ...examples.map((e) => card(e, tag ? e.table : ""))));
}

export function render(state) {
  const section = $("examples");
  section.hidden = state.phase !== "examples" && state.phase !== "typology";
  if (section.hidden) return false;
  const pads = state.examples;
  const examples = pads ? pads.examples : [];
  const typology = state.phase === "typology";
  $("examples-prompt").textContent = pads && pads.prompt && !typology ? pads.prompt : (pads ? "" : strings.examples_soon);
  $("examples-prompt").hidden = !$("examples-prompt").textContent;
  let columns;
  if (typology) {
    const categories = pads ? pads.categories : [];
    const unsorted = examples.filter((e) => e.category === null);
    columns = categories.map((c) => column(c.label, examples.filter((e) => e.category === c.id), false, true));
    if (unsorted.length) columns.push(column(strings.examples_unsorted, unsorted, false, true));
    $("examples-empty").textContent = categories.length ? "" : strings.examples_no_category;
  } else {
    const tables = [...new Set([...(state.groups || []).map((g) => g.name), ...examples.map((e) => e.table)])];
    const remote = new Set(pads ? pads.remote : []);
    columns = tables.map((t) => column(t, examples.filter((e) => e.table === t), remote.has(t), false));
    $("examples-empty").textContent = examples.length ? "" : strings.examples_empty;
  }
  $("examples-empty").hidden = !$("examples-empty").textContent;
  const box = $("examples-columns");
  spread(box, columns.length);
  fill(box, columns);
  return true;
}
