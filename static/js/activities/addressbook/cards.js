// What the screens show of a card of the address book, and the accent-blind search over them.
import { el, fmt, strings } from "../../kiosk.js";

// "Élodie" finds "elodie": case and accents aside.
export function fold(text) {
  return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

export function matches(card, query) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const haystack = fold([card.name, card.structure, card.role, card.bring, card.seek].join(" "));
  return words.every((word) => haystack.includes(word));
}

// The title of a card: the person's name, or the organisation of a useful contact.
export function title(card) {
  return card.kind === "participant" ? card.name : card.structure;
}

export function subtitle(card) {
  if (card.kind === "participant") return [card.structure, card.role].filter(Boolean).join(" · ");
  const kind = (strings.addressbook_kinds || {})[card.kind] || "";
  return [`${strings.addressbook_useful} · ${kind}`, card.role].filter(Boolean).join(" · ");
}

export function cardItem(card) {
  const reach = [];
  if (card.email) reach.push(el("a", { href: `mailto:${card.email}` }, card.email));
  if (card.phone) reach.push(el("a", { href: `tel:${card.phone.replace(/[^0-9+]/g, "")}` }, card.phone));
  if (card.website) {
    const url = /^https?:\/\//i.test(card.website) ? card.website : `https://${card.website}`;
    reach.push(el("span", {}, card.website, el("span", { class: "visually-hidden" }, ` (${url})`)));
  }
  return el("li", { class: card.kind === "participant" ? "abook-card" : "abook-card useful", "data-key": card.key },
    el("p", { class: "abook-name" }, title(card)),
    subtitle(card) ? el("p", { class: "abook-sub" }, subtitle(card)) : null,
    card.bring ? el("p", {}, fmt(strings.addressbook_brings, { text: card.bring })) : null,
    card.seek ? el("p", {}, fmt(strings.addressbook_seeks, { text: card.seek })) : null,
    reach.length ? el("p", { class: "abook-reach" }, ...reach.flatMap((node, n) => (n ? [" · ", node] : [node]))) : null);
}
