// Console: the table tents to print (a PDF from the box: Wi-Fi and join QR codes, address, title).
// HTTP, not the socket: it is a file, downloaded with the facilitator's token like the zip export.
import { $, fmt, strings } from "../kiosk.js";
import { downloadFile } from "./export.js";

function show(message, kind) {
  const node = $("tents-result");
  node.textContent = message || "";
  node.dataset.kind = kind;
}

$("tents-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const perPage = event.target.elements.per_page.value;
  show(strings.preparing_tents, "info");
  const answer = await downloadFile(`/api/tents.pdf?per_page=${encodeURIComponent(perPage)}`, "kiosk-tents.pdf");
  if (answer.ok) show(fmt(strings.downloaded, { name: answer.name }), "ok");
  else show(answer.error, "error");
});
