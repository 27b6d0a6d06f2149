// Phone, "census" phase: one form per initiative, as many as the participant knows; big controls,
// the box's refusals said in the participant's language, and a button that cannot send twice.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
import { build, clear, missing, read } from "./fields.js";
export { events } from "./events.js";

const PREFIX = "census-f";
let view = null;
let shownFor = null; // the form on screen: a render never rebuilds it while someone types
let sending = false;

export function render(state, current) {
  view = current;
  const section = $("census");
  section.hidden = state.phase !== "census";
  if (section.hidden) return false;
  const census = state.census;
  const open = Boolean(census && census.status === "open");
  $("census-title").textContent = census ? census.form.title : strings.phases.census;
  $("census-intro").textContent = census ? census.form.intro : "";
  $("census-soon").hidden = Boolean(census);
  $("census-form").hidden = !open;
  $("census-count").textContent = census ? count("census_total", census.counts.total) + (open ? "" : ` · ${strings.census_closed}`) : "";
  if (open && shownFor !== census.form.id) {
    fill($("census-fields"), build(census.form, PREFIX, false));
    shownFor = census.form.id;
  }
  const mine = (state.me && state.me.census) || [];
  $("census-mine-box").hidden = !mine.length;
  fill($("census-mine"), mine.map((entry) => el("li", { "data-key": `census-mine-${entry.id}` },
    entry.name, el("span", { class: "muted" }, ` · ${[entry.commune, entry.theme].filter(Boolean).join(" · ")}`))));
  return true;
}

$("census-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!view || sending) return;
  const form = view.state.census.form;
  const values = read(form, PREFIX);
  const error = $("census-error");
  const done = $("census-done");
  error.textContent = "";
  done.textContent = "";
  const empty = missing(form, values);
  if (empty) {
    error.textContent = fmt(strings.census_field_required, { field: empty.label });
    const target = document.querySelector(`#census-fields [data-field="${empty.id}"] input, #census-fields [data-field="${empty.id}"] select, #census-fields [data-field="${empty.id}"] textarea`);
    if (target) target.focus();
    return;
  }
  const button = event.target.querySelector("button[type=submit]");
  sending = true;
  button.disabled = true;
  const answer = await view.send("census.add", { values });
  sending = false;
  button.disabled = false;
  if (answer.ok) {
    clear($("census-fields"));
    done.textContent = fmt(strings.census_added, { name: answer.entry.name })
      + (answer.duplicates ? ` ${strings.census_duplicate_flagged}` : "");
    $("census-title").scrollIntoView({ block: "start" });
  } else if (answer.error) {
    error.textContent = answer.error;
  }
});
