// Wall, "seeds" phase: every seed as a card, or the one the console presents, large: then each part
// of the card (its title and need, pitch, first step, who does what, who and when) is an item of
// the box, so the fit (wall/fit.js) sets them in columns and pages through a long card.
import { $, count, el, fill, strings } from "../../kiosk.js";
import { meeting, referentName, seedTitle } from "./card.js";
export { events } from "./events.js";

function people(state, seed) {
  const referent = referentName(state, seed);
  return el("p", { class: "seed-people" },
    referent ? strings.seeds_referent_is.replace("{name}", referent) : strings.seeds_no_referent,
    " · ", count("seeds_members_n", seed.members.length));
}

function card(state, seed) {
  const when = meeting(seed);
  return el("li", { class: "seed-card" },
    el("h3", { "data-fit-clip": "" }, seedTitle(seed)),
    el("p", { class: "seed-need", "data-fit-clip": "" }, seed.need),
    when ? el("p", { class: "seed-meeting", "data-fit-clip": "" }, strings.seeds_next_meeting.replace("{when}", when)) : null,
    people(state, seed),
    seed.open ? el("p", { class: "seed-open" }, strings.seeds_open_newcomers) : null);
}

// The presented seed, part by part.
function parts(state, seed) {
  const when = meeting(seed);
  const part = (field) => seed[field]
    ? el("li", { class: "seed-card large" }, el("h3", {}, strings.seeds_labels[field]), el("p", { "data-fit-clip": "" }, seed[field]))
    : null;
  return [
    el("li", { class: "seed-card large seed-head" }, el("h3", { "data-fit-clip": "" }, seedTitle(seed)),
      el("p", { class: "seed-need", "data-fit-clip": "" }, seed.need)),
    part("pitch"), part("first_step"), part("who_does_what"),
    el("li", { class: "seed-card large" },
      when ? el("p", { class: "seed-meeting" }, strings.seeds_next_meeting.replace("{when}", when)) : null,
      people(state, seed),
      seed.open ? el("p", { class: "seed-open" }, strings.seeds_open_newcomers) : null),
  ].filter(Boolean);
}

export function render(state) {
  const section = $("seeds");
  section.hidden = state.phase !== "seeds";
  if (section.hidden) return false;
  const shown = state.seeds.find((s) => s.id === state.seeds_shown);
  $("seeds-waiting").hidden = state.seeds.length > 0;
  const list = $("seeds-wall");
  list.classList.toggle("one", Boolean(shown));
  list.dataset.fitCol = shown ? "18" : "15";
  fill(list, shown ? parts(state, shown) : state.seeds.map((seed) => card(state, seed)));
  return true;
}
