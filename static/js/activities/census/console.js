// Console: open and close the census, print paper forms, review the possible duplicates (merge or
// "not a duplicate", never merged without the facilitator), browse the entries a page at a time
// (each may be shown large on the wall), and the keyboard-only entry screen where volunteers type
// paper forms in (`#census-<CODE>`, the paper form's QR code, opens it at that code).
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
import { downloadFile } from "../../console/export.js";
import { build, clear, missing, read } from "./fields.js";
export { events } from "./events.js";

const PREFIX = "census-k";
let view = null;
let listed = { page: 1, search: "", total: null }; // the page of entries shown, and the census's total when asked
let asking = null;
let rows = []; // the entries of the page shown (drawn again when the spotlight changes)
let entryFor = null; // the form the entry screen was built for
let typed = 0; // paper forms typed in on this screen since it opened
let saving = false;

function sourceLabel(entry) {
  return entry.source === "paper" ? `${strings.census_source_paper} ${entry.code}` : strings.census_source_phone;
}

function describe(entry) {
  return `${entry.name} · ${[entry.commune, entry.theme].filter(Boolean).join(" · ")} · ${sourceLabel(entry)}`;
}

// --- The list of entries, asked for a page at a time ------------------------------------------------

// A kept entry may be shown large on the wall: its name, commune and theme, never a contact.
function drawRows() {
  fill($("census-rows"), rows.map((entry) => el("tr", { "data-key": `census-row-${entry.id}` },
    el("td", {}, entry.name, entry.status === "merged" ? el("span", { class: "tag" }, ` · ${strings.census_merged}`) : null),
    el("td", {}, entry.commune), el("td", {}, entry.theme), el("td", {}, sourceLabel(entry)),
    el("td", {}, entry.status === "merged" ? null : showLarge(view, "census", entry.id, entry.name)))));
}

async function ask() {
  if (!view || asking) return;
  asking = listed;
  const wanted = { ...listed };
  const answer = await view.send("census.list", { page: wanted.page, search: wanted.search });
  asking = null;
  if (!answer.ok) return;
  listed = { ...listed, page: answer.page, total: view.state.census ? view.state.census.counts.total : 0 };
  rows = answer.entries;
  drawRows();
  $("census-page").textContent = fmt(strings.census_page, { page: answer.page, pages: answer.pages });
  $("census-prev").disabled = answer.page <= 1;
  $("census-next").disabled = answer.page >= answer.pages;
}

// --- The review of possible duplicates ----------------------------------------------------------------

function pairItem(pair) {
  const reason = strings[`census_reason_${pair.reason.replace(" ", "_")}`] || pair.reason;
  const keep = (entry) => el("button", {
    type: "button", "data-key": `census-keep-${pair.id}-${entry.id}`,
    onclick: () => act(view, "census.merge", { pair: pair.id, keep: entry.id }),
  }, fmt(strings.census_keep_named, { name: entry.name }));
  return el("li", { class: "issue", "data-key": `census-pair-${pair.id}` },
    el("p", { class: "issue-text" }, describe(pair.a)),
    el("p", { class: "issue-text" }, describe(pair.b), el("span", { class: "tag" }, ` · ${reason}`)),
    el("div", { class: "row-actions" }, keep(pair.a), keep(pair.b),
      el("button", { type: "button", "data-key": `census-distinct-${pair.id}`,
        onclick: () => act(view, "census.distinct", { pair: pair.id }) }, strings.census_distinct)));
}

// --- The header's hooks --------------------------------------------------------------------------------

export function action(state, step) {
  if (step.phase !== "census") return null;
  if (!state.census || state.census.status !== "open") return { label: strings.census_open_action, command: "census.open" };
  return { label: strings.census_close_action, command: "census.close" };
}

export function nudges(state, step) {
  const pending = state.census_review ? state.census_review.pending : 0;
  if (step.phase !== "census" || !pending) return [];
  return [{ key: "census-review", text: count("census_review_nudge", pending), label: strings.census_review_section,
    section: "census-review-heading" }];
}

// --- The entry screen -------------------------------------------------------------------------------

function showTyped(state) {
  const paper = state.census ? state.census.counts.source.paper || 0 : 0;
  $("census-typed").textContent = `${count("census_typed", typed)} · ${fmt(strings.census_source_count,
    { source: strings.census_source_paper, n: paper })}`;
}

function enter(code) {
  document.body.classList.add("census-typing");
  $("census-entry").hidden = false;
  if (code) $("census-code").value = code;
  const target = code ? $("census-entry-fields").querySelector("input, select, textarea") : $("census-code");
  (target || $("census-code")).focus();
}

function leave() {
  document.body.classList.remove("census-typing");
  $("census-entry").hidden = true;
  if (window.location.hash.startsWith("#census-")) history.replaceState(null, "", window.location.pathname);
  $("census-entry-start").focus();
}

function fromHash() {
  const found = /^#census-([A-Za-z0-9-]{1,12})$/.exec(window.location.hash);
  return found ? found[1].toUpperCase() : null;
}

export function render(state, current) {
  view = current;
  const census = state.census;
  const open = Boolean(census && census.status === "open");
  $("census-state").textContent = !census ? "" : `${census.form.title} — ${count("census_total", census.counts.total)}`
    + (open ? "" : ` · ${strings.census_closed}`);
  $("census-open").hidden = open;
  $("census-close").hidden = !open;
  $("census-entry-start").disabled = !open;
  const review = state.census_review || { pending: 0, pairs: [] };
  $("census-review-count").textContent = review.pending ? count("census_review_nudge", review.pending) : "";
  fill($("census-review"), review.pairs.map(pairItem));
  if (census && listed.total !== census.counts.total) ask();
  else drawRows();
  if (open && entryFor !== census.form.id) {
    fill($("census-entry-fields"), build(census.form, PREFIX, true));
    entryFor = census.form.id;
    const code = fromHash();
    if (code) enter(code);
  }
  showTyped(state);
}

$("census-open").addEventListener("click", () => view && act(view, "census.open", {}));
$("census-close").addEventListener("click", () => view && act(view, "census.close", {}));
$("census-entry-start").addEventListener("click", () => enter(null));
$("census-entry-leave").addEventListener("click", leave);
$("census-prev").addEventListener("click", () => { listed.page -= 1; listed.total = null; ask(); });
$("census-next").addEventListener("click", () => { listed.page += 1; listed.total = null; ask(); });
$("census-search-form").addEventListener("submit", (event) => event.preventDefault());
$("census-search").addEventListener("input", (event) => {
  listed = { page: 1, search: event.target.value.trim(), total: null };
  ask();
});
window.addEventListener("hashchange", () => {
  const code = fromHash();
  if (code && entryFor) enter(code);
});

$("census-print").addEventListener("submit", async (event) => {
  event.preventDefault();
  const node = $("census-print-result");
  node.textContent = strings.census_preparing;
  node.dataset.kind = "info";
  const answer = await downloadFile(`/api/census-forms.pdf?count=${encodeURIComponent(event.target.elements.count.value)}`,
    "kiosk-census-forms.pdf");
  node.textContent = answer.ok ? fmt(strings.downloaded, { name: answer.name }) : answer.error;
  node.dataset.kind = answer.ok ? "ok" : "error";
});

// Enter saves from any control but a button (a select or a checkbox too): the hands stay on the keys.
$("census-entry-form").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.isComposing && event.target.tagName !== "BUTTON") {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
});

$("census-entry-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view || saving || !view.state.census) return;
  const form = view.state.census.form;
  const error = $("census-entry-error");
  const saved = $("census-entry-saved");
  error.textContent = "";
  const code = $("census-code").value.trim();
  const values = read(form, PREFIX);
  const empty = !code ? { label: $("census-code").labels[0].textContent, id: null } : missing(form, values);
  if (empty) {
    error.textContent = fmt(strings.census_field_required, { field: empty.label });
    (empty.id ? $(`${PREFIX}-${empty.id}`) || $("census-entry-fields").querySelector(`[data-field="${empty.id}"] input`)
      : $("census-code")).focus();
    return;
  }
  saving = true;
  const answer = await view.send("census.add", { values, code });
  saving = false;
  if (!answer.ok) {
    error.textContent = answer.error;
    if (answer.code === "bad_code" || answer.code === "code_typed") $("census-code").select();
    return;
  }
  typed += 1;
  saved.textContent = fmt(strings.census_saved_code, { code: answer.entry.code, name: answer.entry.name })
    + (answer.duplicates ? ` ${strings.census_duplicate_flagged}` : "");
  clear(event.target);
  showTyped(view.state);
  $("census-code").focus();
});
