// Wall, "report" phase: under the board of the group presenting, the room's reactions, live and
// without names: positive points on one side, ways to improve on the other. The big countdown
// counts the group's time (its presentation, then the room's reactions) while the report-back runs.
import { $, el, fill, fmt, groupName, strings } from "../../kiosk.js";
import { countdowns } from "../../wall/step.js";
export { events } from "./events.js";

const SHOWN = 6; // per column: the newest ones, so the board stays readable

export function render(state) {
  const box = $("board-reactions");
  const groupId = state.wall_board;
  const mine = (state.reactions || []).filter((r) => r.group_id === groupId);
  box.hidden = state.phase !== "report" || groupId === null || (!state.report && !mine.length);
  if (box.hidden) return false;
  for (const kind of strings.reaction_kind_order) {
    const items = mine.filter((r) => r.kind === kind).slice(-SHOWN);
    fill($(`reactions-${kind}`), items.length
      ? items.map((r) => el("li", { "data-fit-clip": "" }, r.text))
      : [el("li", { class: "empty" }, strings.no_reaction_yet)]);
  }
  return false;
}

countdowns.push((state) => {
  const report = state.phase === "report" && state.report ? state.report : null;
  if (!report) return null;
  const name = groupName(state, report.group_id);
  return {
    title: strings.phases.report,
    text: fmt(report.part === "present" ? strings.report_present : strings.report_react, { name }),
    countdown: report,
    key: `report:${report.group_id}:${report.part}:${report.started_at}`,
  };
});
