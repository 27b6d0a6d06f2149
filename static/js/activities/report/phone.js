// Phone, "report" phase: while the report-back is on, send a quick reaction to a group (a positive
// point or a way to improve). The group presenting is chosen by itself; never one's own group.
import { $, el, fmt, groupName, strings } from "../../kiosk.js";
export { events } from "./events.js";

let view = null;
let following = null; // the group presenting when the choice was last set for the participant

export function render(state, current) {
  view = current;
  const section = $("react");
  section.hidden = state.phase !== "report";
  if (section.hidden) return false;
  const report = state.report;
  const own = state.me ? state.me.group_id : null;
  const others = state.groups.filter((g) => g.id !== own);
  $("react-waiting").hidden = Boolean(report);
  $("react-form").hidden = !report || !others.length;
  if (!report) {
    $("react-now").textContent = "";
    return true;
  }
  const name = groupName(state, report.group_id);
  $("react-now").textContent = report.group_id === own
    ? strings.react_own_group
    : fmt(report.part === "present" ? strings.report_present : strings.report_react, { name });
  const select = $("react-group");
  const ids = others.map((g) => String(g.id)).join(",");
  if (select.dataset.ids !== ids) {
    const chosen = select.value;
    select.replaceChildren(...others.map((g) => el("option", { value: String(g.id) }, g.name)));
    select.dataset.ids = ids;
    if (chosen) select.value = chosen;
  }
  // A new group presents: the form follows it (a participant's own choice stands until then).
  if (following !== report.group_id) {
    following = report.group_id;
    if (report.group_id !== own) select.value = String(report.group_id);
  }
  return true;
}

$("react-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const payload = { group_id: Number($("react-group").value), kind: form.elements.kind.value, text: $("react-text").value };
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
  if ($("react-text").value === payload.text) $("react-text").value = "";
  $("react-sent").textContent = fmt(strings.reaction_sent, { name: groupName(view.state, payload.group_id) });
});
