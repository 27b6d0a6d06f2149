// Phone, "report" phase: while the report-back is on, send a quick reaction (a positive point or a
// way to improve) to the group presenting. Its own members see that it is their turn, no form.
import { $, counter, fmt, groupName, strings } from "../../kiosk.js";
export { events } from "./events.js";

let view = null;
$("react-counter").replaceWith(Object.assign(counter($("react-text")), { id: "react-counter" }));

export function render(state, current) {
  view = current;
  const section = $("react");
  section.hidden = state.phase !== "report";
  if (section.hidden) return false;
  const report = state.report;
  const own = state.me ? state.me.group_id : null;
  const presenting = report && report.group_id !== null && report.group_id !== undefined ? report.group_id : null;
  $("react-waiting").hidden = presenting !== null;
  $("react-form").hidden = presenting === null || presenting === own;
  if (presenting === null) {
    $("react-now").textContent = "";
    return true;
  }
  const name = groupName(state, presenting);
  $("react-now").textContent = presenting === own
    ? strings.react_own_group
    : fmt(report.part === "present" ? strings.report_present : strings.report_react, { name });
  return true;
}

$("react-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const payload = { group_id: view.state.report.group_id, kind: form.elements.kind.value, text: $("react-text").value };
  $("react-error").textContent = "";
  $("react-sent").textContent = "";
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  const answer = await view.send("reaction.post", payload);
  button.disabled = false;
  if (!answer.ok) {
    $("react-error").textContent = answer.error;
    return;
  }
  if ($("react-text").value === payload.text) {
    $("react-text").value = "";
    $("react-text").dispatchEvent(new Event("input"));
  }
  $("react-sent").textContent = fmt(strings.reaction_sent, { name: groupName(view.state, payload.group_id) });
});
