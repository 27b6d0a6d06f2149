// Shared by every screen: strings, safe element building, idempotency keys, the live connection.
import { io } from "../vendor/socket.io-4.8.1.esm.min.js";

export const strings = JSON.parse(document.body.dataset.strings || "{}");

// A counted text: the `_one` form of `key` for a singular, else `key` ("2 dots"), by the page's
// language's plural rules: in French 0 and 1 take the singular ("0 gommette"), in English only 1.
const plurals = new Intl.PluralRules(document.documentElement.lang || "fr");

export function count(key, n, values = {}) {
  const text = plurals.select(n) === "one" && strings[`${key}_one`] ? strings[`${key}_one`] : strings[key];
  return fmt(text, { n, ...values });
}

// Before a vowel or a mute h, French elides "de" and "que": "reçue d’Amélie", "de Bruno".
const ELIDED = /(^|[\s(«"“])(de|que|De|Que) $/;
const VOWEL = /^[aeiouhàâäéèêëîïôöùûüœæ]/i;

// Fill "{name}" slots of a translated text (in French, "de {name}" becomes "d’Amélie" as needed).
export function fmt(text, values) {
  const french = typeof document !== "undefined" && (document.documentElement.lang || "").startsWith("fr");
  let out = "";
  let last = 0;
  const source = String(text);
  for (const match of source.matchAll(/\{(\w+)\}/g)) {
    const key = match[1];
    const value = key in values ? String(values[key]) : match[0];
    out += source.slice(last, match.index);
    if (french && key in values && VOWEL.test(value)) {
      out = out.replace(ELIDED, (all, before, word) => `${before}${word.slice(0, -1)}’`);
    }
    out += value;
    last = match.index + match[0].length;
  }
  return out + source.slice(last);
}

// Build an element; children are strings (always set as text, never as markup) or elements.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    // Through the CSSOM: the Content-Security-Policy (style-src 'self') refuses style attributes.
    else if (name === "style") node.style.cssText = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A live "12 / 500" under a limited field (its maxlength), updated as the participant types; a
// script that sets the value dispatches a "counter" event on the field. Screen readers hear it
// only near the limit (aria-live on the last tenth).
export function counter(field) {
  const max = Number(field.getAttribute("maxlength"));
  const node = el("p", { class: "counter", "aria-live": "off" });
  const update = () => {
    const n = field.value.length;
    node.textContent = fmt(strings.characters_left || "{n} / {max}", { n, max });
    const near = n >= max * 0.9;
    node.dataset.near = String(near);
    node.setAttribute("aria-live", near ? "polite" : "off");
  };
  field.addEventListener("input", update);
  field.addEventListener("counter", update);
  update();
  return node;
}

// Say a sentence to a screen reader through the page's live region (#announce), even when it is
// the same sentence as the last one.
export function announce(text) {
  const region = $("announce");
  if (!region || !text) return;
  region.textContent = "";
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

export function $(id) {
  return document.getElementById(id);
}

// An idempotency key: crypto.getRandomValues works on a plain http:// LAN page (randomUUID does not).
export function newKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

let sayTimer = null;
const CONNECTED_MS = 4000; // "Connected." goes by itself; a lost connection is said until it is back

// `clearAfterMs`: the message goes by itself after that long (unless another replaced it).
export function say(message, kind = "info", clearAfterMs = 0) {
  const status = $("status");
  if (!status) return;
  status.textContent = message || "";
  status.dataset.kind = kind;
  clearTimeout(sayTimer);
  if (clearAfterMs && message) {
    sayTimer = setTimeout(() => {
      if (status.textContent === message) status.textContent = "";
    }, clearAfterMs);
  }
}

// POST JSON, resolve with the parsed answer ({ok, …}); a network failure becomes {ok: false}.
export async function postJSON(url, body) {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(body),
    });
    return await response.json();
  } catch (error) {
    return { ok: false, code: "network", error: strings.network_error };
  }
}

// The live connection. `handlers.state(snapshot)` receives every snapshot; `handlers[event]`
// receives events newer than the last snapshot (older ones are already in it).
// A snapshot's large parts come with fingerprints (`tags`); the page keeps a copy of those parts
// as received, and on reconnecting sends the fingerprints (`have`): the box leaves out the parts
// that did not change (`kept`), which are taken back from that copy.
export function connect(token, handlers) {
  let snapshotSeq = -1;
  let latest = -1; // the newest change this page has shown, from a snapshot or an event
  let held = null; // {tags, parts}: the last snapshot's large parts, as JSON text, and their fingerprints
  const auth = () => Object.assign(token ? { token } : {}, held ? { have: held.tags } : {});
  const socket = io({ auth: (send) => send(auth()), reconnectionDelayMax: 5000 });
  socket.on("connect", () => say(strings.connected, "ok", CONNECTED_MS));
  socket.on("disconnect", () => {
    say(strings.offline, "warn");
    latest = -1; // the next snapshot, after reconnecting, is the truth whatever its seq
  });
  socket.on("connect_error", () => say(strings.offline, "warn"));
  socket.on("state", (snapshot) => {
    if (snapshot.kept) {
      if (!held || !snapshot.kept.every((key) => key in held.parts)) {
        socket.emit("state.get", {}); // a part it says this page holds is not here: ask for all of it
        return;
      }
      for (const key of snapshot.kept) snapshot[key] = JSON.parse(held.parts[key]);
      delete snapshot.kept;
    }
    if (snapshot.tags) {
      const parts = {};
      for (const key of Object.keys(snapshot.tags)) parts[key] = JSON.stringify(snapshot[key]);
      held = { tags: snapshot.tags, parts };
      delete snapshot.tags;
    }
    if (snapshot.seq < latest) {
      // Built before an event this page already applied: it would undo that event. Ask again.
      socket.emit("state.get", {});
      return;
    }
    snapshotSeq = latest = snapshot.seq;
    handlers.state(snapshot);
  });
  for (const [name, handle] of Object.entries(handlers)) {
    if (name === "state") continue;
    socket.on(name, (event) => {
      if (event.seq <= snapshotSeq) return;
      latest = Math.max(latest, event.seq);
      handle(event);
    });
  }
  return socket;
}

// Ask something that changes nothing (no key, no outbox): resolves with the answer, or a
// network error when there is no connection.
const QUERIES = new Set(["state.get", "matches.mine"]);
const ACK_TIMEOUT = 10000;

function ask(socket, name, payload) {
  return new Promise((resolve) => {
    if (!socket.connected) {
      resolve(null);
      return;
    }
    socket.timeout(ACK_TIMEOUT).emit(name, payload, (err, ack) => resolve(err ? null : ack));
  });
}

// Every command goes through an outbox kept in localStorage with its idempotency key: it is
// sent again, in order, on every reconnection and after a reload until the box acknowledges it,
// and the box's key dedupe makes each count once. `onSize(n)` hears how many are waiting.
export function outbox(socket, storageKey, onSize = () => {}) {
  let items = [];
  try {
    items = JSON.parse(localStorage.getItem(storageKey) || "[]");
  } catch (error) {
    items = [];
  }
  const waiting = new Map();
  let flushing = false;
  let retry = null;

  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify(items));
    } catch (error) {
      // Storage full or refused: the commands still go out while the page stays open.
    }
    onSize(items.length);
  }

  async function flush() {
    if (flushing) return;
    flushing = true;
    clearTimeout(retry);
    let fromBefore = false;
    while (items.length && socket.connected) {
      const item = items[0];
      const answer = await ask(socket, item.name, item.payload);
      // No answer in time, or sent faster than the box takes from one phone: keep it, try again.
      if (answer === null || answer.code === "too_many_requests") break;
      items.shift();
      save();
      const resolve = waiting.get(item.payload.key);
      if (resolve) {
        waiting.delete(item.payload.key);
        resolve(answer);
      } else {
        // Sent before a reload: no screen waits for it; refresh the view once the outbox is empty.
        fromBefore = true;
        if (!answer.ok) say(answer.error, "error");
      }
    }
    flushing = false;
    if (items.length) retry = setTimeout(flush, 3000);
    else if (fromBefore) socket.emit("state.get", {});
  }

  socket.on("connect", flush);
  onSize(items.length);
  return {
    send(name, payload = {}) {
      if (QUERIES.has(name)) {
        return ask(socket, name, payload).then((answer) => answer || { ok: false, code: "network", error: strings.network_error });
      }
      const item = { name, payload: { ...payload, key: newKey() } };
      items.push(item);
      save();
      const done = new Promise((resolve) => waiting.set(item.payload.key, resolve));
      flush();
      return done;
    },
    get size() {
      return items.length;
    },
  };
}

// What is waiting to be sent, said plainly ("1 envoi en attente"); nothing when all is sent.
export function showPending(n) {
  const node = $("pending");
  if (!node) return;
  node.hidden = n === 0;
  node.textContent = n === 0 ? "" : n === 1 ? strings.pending_one : fmt(strings.pending_many, { n });
}

// A workshop's date ("2026-11-30") in the page's language, long form: "30 novembre 2026".
export function longDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!match) return iso || "";
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long", timeZone: "UTC" }).format(day);
}

export function setTitle(workshop) {
  const title = (workshop && workshop.title) || strings.untitled;
  const node = $("workshop-title");
  if (node) node.textContent = title;
  return title;
}

// Replace a container's children, keeping keyboard focus on the element with the same
// data-key (a list rebuilt by a live event must not throw a keyboard user back to the top).
export function fill(container, children) {
  const focused = document.activeElement;
  const key = focused && container.contains(focused) ? focused.dataset.key : null;
  container.replaceChildren(...children);
  if (key) {
    const again = container.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again) again.focus();
  }
}

// Run a screen: keep the latest snapshot, let each feature update it from its events, render.
// A feature is a module exporting `events` ({name: (state, event) => void}) and `render(state, ctx)`.
// `cache`: a localStorage key where the last snapshot is kept, so that a page reloaded while the
// box is out of reach still shows its screen (and its outbox) until the live state arrives.
export function runScreen({ token, features, accept = () => true, render, cache = null }) {
  const view = { state: null, socket: null };
  const updaters = {};
  for (const feature of features) {
    for (const [name, update] of Object.entries(feature.events || {})) {
      (updaters[name] = updaters[name] || []).push(update);
    }
  }
  const handlers = {
    state(snapshot) {
      if (!accept(snapshot, view)) return;
      view.state = snapshot;
      if (cache) {
        try {
          localStorage.setItem(cache, JSON.stringify(snapshot));
        } catch (error) {
          // A full storage only costs the offline view after a reload.
        }
      }
      render(view);
    },
  };
  for (const [name, updates] of Object.entries(updaters)) {
    handlers[name] = (event) => {
      if (!view.state) return;
      for (const update of updates) update(view.state, event);
      render(view);
    };
  }
  view.socket = connect(token, handlers);
  const box = outbox(view.socket, `kiosk_outbox:${token ? token.slice(0, 12) : "wall"}`, showPending);
  view.send = (name, payload) => box.send(name, payload);
  if (cache && !view.socket.connected) {
    try {
      const saved = JSON.parse(localStorage.getItem(cache) || "null");
      if (saved && accept(saved, view)) {
        view.state = saved;
        render(view);
      }
    } catch (error) {
      localStorage.removeItem(cache);
    }
  }
  return view;
}

// The core's events, the same for every screen: the workshop's details, its phase, who joined, the
// deck. Each activity reduces its own events (static/js/activities/<name>/events.js).
export const common = {
  events: {
    "phase.changed"(state, event) {
      state.phase = event.phase;
    },
    "workshop.updated"(state, event) {
      state.workshop = event.workshop;
    },
    "participant.joined"(state, event) {
      const list = state.participants;
      const at = list.findIndex((p) => p.id === event.participant.id);
      if (at >= 0) list[at] = event.participant;
      else list.push(event.participant);
      // The console's copy names the others who joined from the same address, when there are some.
      if (event.same_address) {
        const groups = (state.shared_addresses || []).filter((g) => g.address !== event.same_address.address);
        state.shared_addresses = [...groups, event.same_address];
      }
    },
    // The facilitator removed someone: their name leaves every list (each activity's own events,
    // sent before this one, already took them out of groups, claims, buddies and the wall).
    "participant.removed"(state, event) {
      const id = event.participant_id;
      state.participants = state.participants.filter((p) => p.id !== id);
      if (state.shared_addresses) {
        state.shared_addresses = state.shared_addresses
          .map((group) => ({ ...group, ids: group.ids.filter((other) => other !== id) }))
          .filter((group) => group.ids.length > 1);
      }
      if (state.me && state.me.id === id) state.removed = true;
    },
    "deck.changed"(state, event) {
      state.deck = event.deck;
    },
    // One item shown large on the wall, or none (the wall and the console only: phones never show it).
    "spotlight.changed"(state, event) {
      state.spotlight = event.spotlight;
    },
    // The console's only: another programme chosen before its first step.
    "programme.changed"(state, event) {
      state.programme = event.programme;
    },
  },
};

// Names for the ids a snapshot holds, shared by the screens.
export function nameOf(state, participantId) {
  const person = state.participants.find((p) => p.id === participantId);
  return person ? person.name : "?";
}

export function issueText(state, issueId) {
  const issue = state.issues.find((i) => i.id === issueId);
  return issue ? issue.text : "";
}

export function groupName(state, groupId) {
  const group = state.groups.find((g) => g.id === groupId);
  return group ? group.name : "";
}
