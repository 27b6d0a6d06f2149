// A seed's shared card as a form, for the phones of its group and for the console.
//
// The form is built once per seed and updated in place: a teammate's save must not wipe what
// this screen is typing. Each field remembers the version it was read at and sends it with the
// save; the server refuses a save on an outdated version. Then, and as soon as a teammate's
// save reaches a field being typed in, the text saved meanwhile shows under the field, with a
// button to take it: the writer merges, saves again, and nothing is lost.
import { el, fmt, say, strings } from "../../kiosk.js";

function firstName(state, id) {
  const person = state.participants.find((p) => p.id === id);
  return person ? person.name.split(/\s+/)[0] : "";
}

// "lundi 14 décembre" in the page's language; a date the browser cannot read stays as written.
function day(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(y, m - 1, d);
  if (!iso || Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(document.documentElement.lang || undefined, { weekday: "long", day: "numeric", month: "long" });
}

export function meeting(seed) {
  return [day(seed.meeting_date), seed.meeting_place].filter(Boolean).join(" · ");
}

export function referentName(state, seed) {
  return seed.referent === null ? "" : firstName(state, seed.referent);
}

export function seedTitle(seed) {
  return seed.title || strings.seeds_untitled;
}

export function seedForm(seed, send, prefix) {
  const fields = {}; // field -> {input, theirs, theirsText, base: {version, value}}
  let current = seed;
  const node = el("form", { class: "seed-form", "data-seed": String(seed.id), onsubmit: (e) => e.preventDefault() });

  function valueOf(field) {
    const f = fields[field];
    return field === "open" ? f.input.checked : f.input.value;
  }

  function setValue(field, value) {
    const f = fields[field];
    if (field === "open") f.input.checked = value;
    else f.input.value = value;
  }

  function dirty(field) {
    return valueOf(field) !== fields[field].base.value;
  }

  function showTheirs(field) {
    const f = fields[field];
    const text = current[field];
    f.theirs.hidden = false;
    f.theirsText.textContent = field === "open" ? (text ? strings.seeds_open_newcomers : strings.seeds_closed_newcomers) : (text || "—");
  }

  async function save(field) {
    const f = fields[field];
    const value = valueOf(field);
    if (!dirty(field)) return;
    const answer = await send("seed.edit", { seed_id: current.id, field, value, version: f.base.version });
    if (answer.ok) {
      current = answer.seed || current;
      f.base = { version: current.versions[field], value: current[field] };
      if (valueOf(field) === value) setValue(field, current[field]);
      f.theirs.hidden = true;
      say(strings.seeds_saved, "ok");
    } else if (answer.code === "conflict") {
      // The text saved meanwhile is shown next to ours; our next save is made knowing it.
      f.base = { version: current.versions[field], value: current[field] };
      showTheirs(field);
      say(answer.error, "error");
    } else {
      say(answer.error, "error");
    }
  }

  for (const field of strings.seeds_fields) {
    const id = `${prefix}-${seed.id}-${field}`;
    let input;
    if (field === "open") {
      input = el("input", { id, type: "checkbox", "data-key": id, onchange: () => save(field) });
    } else if (strings.seeds_multiline.includes(field) || field === "need") {
      input = el("textarea", { id, rows: field === "need" ? "2" : "3", maxlength: String(strings.seeds_limits[field]), "data-key": id,
        onchange: () => save(field) });
    } else {
      input = el("input", { id, type: field === "meeting_date" ? "date" : "text", "data-key": id,
        maxlength: String(strings.seeds_limits[field] || 10), onchange: () => save(field) });
    }
    const theirsText = el("span", { class: "seed-theirs-text" });
    const theirs = el("p", { class: "seed-theirs", hidden: true, "aria-live": "polite" },
      el("strong", {}, strings.seeds_theirs), " ", theirsText, " ",
      el("button", { type: "button", "data-key": `${id}-take`, onclick: () => {
        setValue(field, current[field]);
        fields[field].base = { version: current.versions[field], value: current[field] };
        theirs.hidden = true;
      } }, strings.seeds_take_theirs));
    fields[field] = { input, theirs, theirsText, base: { version: seed.versions[field], value: seed[field] } };
    setValue(field, seed[field]);
    const label = el("label", { for: id }, strings.seeds_labels[field]);
    node.append(field === "open" ? el("p", { class: "check" }, input, label, theirs)
      : el("div", { class: "seed-field" }, label, input, theirs));
  }

  function update(seed) {
    current = seed;
    for (const field of strings.seeds_fields) {
      const f = fields[field];
      if (seed.versions[field] === f.base.version) continue;
      if (!dirty(field)) {
        f.base = { version: seed.versions[field], value: seed[field] };
        setValue(field, seed[field]);
        f.theirs.hidden = true;
      } else if (seed[field] !== valueOf(field)) {
        showTheirs(field); // a teammate saved while this screen types: show it now, keep ours
      }
    }
  }

  return { node, update, save };
}

export function namedTitle(text, seed) {
  return fmt(text, { title: seedTitle(seed) });
}
