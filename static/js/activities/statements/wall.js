// Wall, "statements" phase: the number of statements while the room answers, then what the room
// agrees on and what splits it, live, readable from the back.
import { $, count, el, fill, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

function card(s, kind) {
  const label = kind === "divisive" ? strings.statements_divisive
    : s.direction === "agree" ? strings.statements_consensus_agree : strings.statements_consensus_disagree;
  return el("li", { class: `wall-card statements-${kind}${kind === "consensus" ? ` ${s.direction}` : ""}` },
    el("p", { class: "statements-kind" }, label),
    el("p", { class: "statements-said", "data-fit-clip": "" }, s.text),
    el("p", { class: "statements-figures" }, fmt(strings.statements_fared, { agree: s.agree, disagree: s.disagree, pass: s.pass })));
}

export function render(state) {
  const section = $("statements");
  section.hidden = state.phase !== "statements";
  if (section.hidden) return false;
  const room = state.statements;
  $("statements-prompt").textContent = room.prompt;
  const figures = count("statements_count", room.count, { voters: room.voters });
  const results = [...room.consensus.map((s) => card(s, "consensus")), ...room.divisive.map((s) => card(s, "divisive"))];
  $("statements-count").hidden = room.shown;
  $("statements-results").hidden = !room.shown;
  $("statements-status").textContent = room.shown ? (results.length ? figures : strings.statements_no_result) : "";
  fill($("statements-count"), room.shown ? [] : [
    el("li", { class: "statements-figure" }, count("statements_total", room.count)),
    el("li", { class: "statements-figure voters" }, count("statements_voters", room.voters))]);
  fill($("statements-results"), room.shown ? results : []);
  return true;
}
