// Shared by every screen: strings, safe element building, idempotency keys, the live connection.
import { io } from "../vendor/socket.io-4.8.1.esm.min.js";

export const strings = JSON.parse(document.body.dataset.strings || "{}");

// Fill "{name}" slots of a translated text.
export function fmt(text, values) {
  return String(text).replace(/\{(\w+)\}/g, (slot, key) => (key in values ? values[key] : slot));
}

// Build an element; children are strings (always set as text, never as markup) or elements.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
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

export function say(message, kind = "info") {
  const status = $("status");
  if (!status) return;
  status.textContent = message || "";
  status.dataset.kind = kind;
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
export function connect(token, handlers) {
  let snapshotSeq = -1;
  const socket = io({ auth: (send) => send(token ? { token } : {}), reconnectionDelayMax: 5000 });
  socket.on("connect", () => say(strings.connected, "ok"));
  socket.on("disconnect", () => say(strings.offline, "warn"));
  socket.on("connect_error", () => say(strings.offline, "warn"));
  socket.on("state", (snapshot) => {
    snapshotSeq = snapshot.seq;
    handlers.state(snapshot);
  });
  for (const [name, handle] of Object.entries(handlers)) {
    if (name === "state") continue;
    socket.on(name, (event) => {
      if (event.seq <= snapshotSeq) return;
      handle(event);
    });
  }
  return socket;
}

// Send a command with an idempotency key; resolve with its acknowledgement.
export function send(socket, name, payload = {}) {
  return new Promise((resolve) => {
    socket.timeout(10000).emit(name, { ...payload, key: newKey() }, (err, ack) => {
      resolve(err ? { ok: false, code: "timeout", error: strings.network_error } : ack);
    });
  });
}

export function setTitle(workshop) {
  const title = (workshop && workshop.title) || strings.untitled;
  const node = $("workshop-title");
  if (node) node.textContent = title;
  return title;
}
