// Console: export every result onto a USB stick, or download them as a zip file.
// HTTP, not the socket: a bundle is files, and writing to a stick takes seconds.
import { $, el, fill, fmt, strings } from "../kiosk.js";

const TOKEN = "kiosk_facilitator";
let started = false;
let busy = false;

// The facilitator's token (the console keeps it in localStorage); the login cookie works too.
export function authHeaders(extra = {}) {
  const token = localStorage.getItem(TOKEN);
  return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
}

async function call(url, options = {}) {
  try {
    const response = await fetch(url, { credentials: "same-origin", ...options, headers: authHeaders(options.headers) });
    return await response.json();
  } catch (error) {
    return { ok: false, code: "network", error: strings.network_error };
  }
}

function size(bytes) {
  return bytes >= 1e9 ? fmt(strings.size_gb, { n: (bytes / 1e9).toFixed(1) })
    : fmt(strings.size_mb, { n: Math.floor(bytes / 1e6) });
}

function show(message, kind) {
  const node = $("export-result");
  node.textContent = message || "";
  node.dataset.kind = kind;
}

function setBusy(value) {
  busy = value;
  for (const button of $("export-targets").querySelectorAll("button")) button.disabled = value;
}

async function exportTo(target) {
  if (busy) return;
  setBusy(true);
  show(strings.exporting, "info");
  const answer = await call("/api/export", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ target: target.path }),
  });
  setBusy(false);
  if (answer.ok) show(fmt(strings.exported, { path: answer.path }), "ok");
  else show(answer.error, "error");
}

export async function refresh() {
  const answer = await call("/api/export/targets");
  if (!answer.ok) {
    show(answer.error, "error");
    return;
  }
  $("export-none").hidden = answer.targets.length > 0;
  fill($("export-targets"), answer.targets.map((target) => el("li", {},
    el("button", { type: "button", class: "primary", disabled: busy, "data-key": `export-${target.path}`,
      onclick: () => exportTo(target) },
    fmt(strings.export_to, { label: target.label, free: size(target.free) })))));
}

// A plain link cannot send the token header: fetch the file, then hand it to the browser.
// Answers {ok: true, name} or {ok: false, error} (the box's sentence, or the network's).
export async function downloadFile(href, fallbackName) {
  try {
    const response = await fetch(href, { credentials: "same-origin", headers: authHeaders() });
    if (!response.ok) {
      const answer = await response.json();
      return { ok: false, error: answer.error };
    }
    const found = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "");
    const name = found ? found[1] : fallbackName;
    const url = URL.createObjectURL(await response.blob());
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    return { ok: true, name };
  } catch (error) {
    return { ok: false, error: strings.network_error };
  }
}

async function download(event) {
  event.preventDefault();
  show(strings.preparing_zip, "info");
  const answer = await downloadFile(event.currentTarget.href, "kiosk.zip");
  if (answer.ok) show(fmt(strings.downloaded, { name: answer.name }), "ok");
  else show(answer.error, "error");
}

// Look for sticks once the console is open (the token is known good by then), then on demand.
export function render() {
  if (started) return;
  started = true;
  refresh();
}

$("export-refresh").addEventListener("click", refresh);
$("export-zip").addEventListener("click", download);
