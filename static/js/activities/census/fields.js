// Census: a form's questions as real form controls, and their answers read back, for the phone
// (big touch targets: radio buttons, a list of communes) and for the console's entry screen
// (keyboard first: a select typed into, a commune field that completes itself, one line per text).
import { el, strings } from "../../kiosk.js";

function id(prefix, field, n) {
  return n === undefined ? `${prefix}-${field.id}` : `${prefix}-${field.id}-${n}`;
}

function legend(field) {
  return [field.label, field.required ? el("span", { class: "muted" }, ` (${strings.census_required})`) : null,
    field.help ? el("span", { class: "help" }, ` ${field.help}`) : null];
}

function ticks(prefix, field, type) {
  return el("fieldset", { class: "census-ticks", "data-field": field.id },
    el("legend", {}, ...legend(field)),
    ...field.choices.map((choice, n) => el("label", { class: "census-tick", for: id(prefix, field, n) },
      el("input", { type, id: id(prefix, field, n), name: id(prefix, field), value: choice }), ` ${choice}`)));
}

function labelled(prefix, field, control) {
  return el("p", { "data-field": field.id }, el("label", { for: id(prefix, field) }, ...legend(field)), control);
}

// `keyboard`: the entry screen's controls (fast to type into); else the phone's (big to touch).
export function build(form, prefix, keyboard) {
  const nodes = [];
  if (keyboard && form.commune_field) {
    const communes = form.fields.find((f) => f.id === form.commune_field).communes;
    nodes.push(el("datalist", { id: `${prefix}-communes` }, ...communes.map((c) => el("option", { value: c }))));
  }
  for (const field of form.fields) {
    const common = { id: id(prefix, field), name: field.id, required: field.required };
    if (field.type === "text" || (keyboard && field.type === "long_text")) {
      nodes.push(labelled(prefix, field, el("input", { ...common, maxlength: String(field.max), autocomplete: "off" })));
    } else if (field.type === "long_text") {
      nodes.push(labelled(prefix, field, el("textarea", { ...common, maxlength: String(field.max), rows: "4" })));
    } else if (field.type === "number") {
      nodes.push(labelled(prefix, field, el("input", { ...common, inputmode: "numeric", autocomplete: "off", maxlength: "9",
        pattern: "[0-9 ]*" })));
    } else if (field.type === "date") {
      nodes.push(labelled(prefix, field, el("input", { ...common, inputmode: "numeric", autocomplete: "off", maxlength: "10",
        placeholder: "2019" })));
    } else if (field.type === "commune" && keyboard) {
      nodes.push(labelled(prefix, field, el("input", { ...common, list: `${prefix}-communes`, autocomplete: "off",
        maxlength: "80" })));
    } else if (field.type === "commune" || (keyboard && field.type === "one_choice")) {
      const options = field.type === "commune" ? field.communes : field.choices;
      nodes.push(labelled(prefix, field, el("select", common, el("option", { value: "" }, strings.census_choose),
        ...options.map((o) => el("option", { value: o }, o)))));
    } else if (field.type === "one_choice") {
      nodes.push(ticks(prefix, field, "radio"));
    } else if (field.type === "choices") {
      nodes.push(ticks(prefix, field, "checkbox"));
    } else if (field.type === "contact") {
      nodes.push(el("fieldset", { class: "census-contact", "data-field": field.id },
        el("legend", {}, ...legend(field)),
        el("p", {}, el("label", { for: id(prefix, field), class: "visually-hidden" }, field.label),
          el("input", { id: id(prefix, field), name: field.id, maxlength: "120", autocomplete: "off",
            inputmode: "email" })),
        el("label", { class: "census-tick", for: id(prefix, field, "consent") },
          el("input", { type: "checkbox", id: id(prefix, field, "consent") }), ` ${field.consent}`)));
    }
  }
  return nodes;
}

// The answers as `census.add` takes them: `{field id: answer}`, empty ones left out.
export function read(form, prefix) {
  const values = {};
  for (const field of form.fields) {
    const node = document.getElementById(id(prefix, field));
    let value;
    if (field.type === "choices" || (field.type === "one_choice" && !node)) {
      const picked = [...document.querySelectorAll(`input[name="${id(prefix, field)}"]:checked`)].map((i) => i.value);
      value = field.type === "choices" ? (picked.length ? picked : undefined) : picked[0];
    } else if (field.type === "contact") {
      const address = node.value.trim();
      value = address ? { address, consent: document.getElementById(id(prefix, field, "consent")).checked } : undefined;
    } else {
      value = node.value.trim() || undefined;
    }
    if (value !== undefined) values[field.id] = value;
  }
  return values;
}

// Every answer emptied, for the next form.
export function clear(container) {
  for (const node of container.querySelectorAll("input, textarea, select")) {
    if (node.type === "checkbox" || node.type === "radio") node.checked = false;
    else node.value = "";
  }
}

// A required question left empty, before anything is sent: its label, or null.
export function missing(form, values) {
  const field = form.fields.find((f) => f.required && values[f.id] === undefined);
  return field || null;
}
