// Wall, "seeds" phase: every seed as a card, or the one the console presents, large.
import { $, count, el, fill, strings } from "../../kiosk.js";
import { meeting, referentName, seedTitle } from "./card.js";
export { events } from "./events.js";

function card(state, seed, large) {
  const referent = referentName(state, seed);
  const when = meeting(seed);
  return el("li", { class: large ? "seed-card large" : "seed-card" },
    el("h3", {}, seedTitle(seed)),
    el("p", { class: "seed-need" }, seed.need),
    large && seed.pitch ? el("p", { class: "seed-pitch" }, seed.pitch) : null,
    large && seed.first_step ? el("p", {}, el("strong", {}, `${strings.seeds_labels.first_step} · `), seed.first_step) : null,
    large && seed.who_does_what ? el("p", {}, el("strong", {}, `${strings.seeds_labels.who_does_what} · `), seed.who_does_what) : null,
    when ? el("p", { class: "seed-meeting" }, strings.seeds_next_meeting.replace("{when}", when)) : null,
    el("p", { class: "seed-people" },
      referent ? strings.seeds_referent_is.replace("{name}", referent) : strings.seeds_no_referent,
      " · ", count("seeds_members_n", seed.members.length)),
    seed.open ? el("p", { class: "seed-open" }, strings.seeds_open_newcomers) : null);
}

export function render(state) {
  const section = $("seeds");
  section.hidden = state.phase !== "seeds";
  if (section.hidden) return false;
  const shown = state.seeds.find((s) => s.id === state.seeds_shown);
  $("seeds-waiting").hidden = state.seeds.length > 0;
  const list = $("seeds-wall");
  list.classList.toggle("one", Boolean(shown));
  fill(list, shown ? [card(state, shown, true)] : state.seeds.map((seed) => card(state, seed, false)));
  return true;
}
