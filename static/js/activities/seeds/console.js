// Console: open the seed cards, write any field, pick each referent, present one seed on the wall.
import { $, count, el, fill, nameOf, strings } from "../../kiosk.js";
import { act } from "../../console/act.js";
import { showLarge } from "../../console/spotlight.js";
import { namedTitle, seedForm, seedTitle } from "./card.js";
export { events } from "./events.js";

let view = null;
const forms = new Map(); // seed id -> {node, update, heading, extra}

function send(name, payload) {
  return view.send(name, payload);
}

function referentPicker(state, seed) {
  const id = `seeds-referent-${seed.id}`;
  return el("p", { class: "inline" },
    el("label", { for: id }, strings.seeds_referent_label), " ",
    el("select", { id, "data-key": id,
      onchange: (event) => act(view, "seed.referent", { seed_id: seed.id,
        participant_id: event.target.value ? Number(event.target.value) : null }) },
    el("option", { value: "" }, strings.seeds_no_referent),
    ...seed.members.map((m) => el("option", { value: String(m), selected: m === seed.referent }, nameOf(state, m)))));
}

export function render(state, current) {
  view = current;
  const seeds = state.seeds || [];
  $("seeds-console-empty").hidden = seeds.length > 0;
  for (const id of [...forms.keys()]) {
    if (!seeds.some((s) => s.id === id)) {
      forms.get(id).item.remove();
      forms.delete(id);
    }
  }
  const list = $("seeds-console");
  for (const seed of seeds) {
    let entry = forms.get(seed.id);
    if (!entry) {
      const form = seedForm(seed, send, "seeds-console");
      // Each card's fields fold away: six seeds' forms one under the other are too long to scan.
      entry = { ...form, heading: el("h3", {}), summary: el("summary", {}, strings.seeds_edit), extra: el("div", {}) };
      entry.item = el("li", { class: "seed-console" }, entry.heading, entry.extra, el("details", {}, entry.summary, form.node));
      forms.set(seed.id, entry);
      list.append(entry.item);
    } else {
      entry.update(seed);
    }
    entry.heading.textContent = seedTitle(seed);
    const shown = state.seeds_shown === seed.id;
    fill(entry.extra, [
      el("p", { class: "tag" }, seed.members.map((m) => nameOf(state, m)).join(", ") || "—"),
      referentPicker(state, seed),
      el("button", { type: "button", "data-key": `seeds-show-${seed.id}`, "aria-pressed": shown ? "true" : "false",
        "aria-label": namedTitle(strings.seeds_show_named, seed),
        onclick: () => act(view, "seeds.show", { seed_id: shown ? null : seed.id }) },
      shown ? strings.seeds_show_all : strings.seeds_show),
      " ", showLarge(view, "seeds", seed.id, seedTitle(seed)),
    ]);
  }
}

$("seeds-open").addEventListener("click", () => act(view, "seeds.open", {}));

// The header's action for a seeds step: open the cards (when Next could not), then present the
// seeds one by one on the wall, and after the last one every seed again.
export function action(state, step) {
  if (step.phase !== "seeds") return null;
  const seeds = state.seeds || [];
  if (!seeds.length) return state.groups && state.groups.length ? { label: strings.seeds_open_action, command: "seeds.open" } : null;
  const at = seeds.findIndex((s) => s.id === state.seeds_shown);
  if (at === seeds.length - 1) return { label: strings.seeds_all_action, command: "seeds.show", payload: { seed_id: null } };
  return { label: at < 0 ? strings.seeds_present_first : strings.seeds_present_next, command: "seeds.show",
    payload: { seed_id: seeds[at + 1].id } };
}

export function nudges(state, step) {
  if (step.phase !== "seeds") return [];
  const orphans = (state.seeds || []).filter((s) => s.referent === null).length;
  return orphans ? [{ key: "seeds-no-referent", text: count("seeds_no_referent_n", orphans), label: strings.seeds_choose_referents,
    section: "seeds-heading" }] : [];
}
