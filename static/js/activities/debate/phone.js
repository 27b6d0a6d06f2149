// Phone, "debate" phase: three big buttons (agree, in doubt, disagree); the current side is pressed,
// and a tap on another one moves the person, at any time while the statement is open.
import { $, fmt, strings } from "../../kiosk.js";
export { events } from "./events.js";

let view = null;

export function render(state, current) {
  view = current;
  const section = $("debate");
  section.hidden = state.phase !== "debate";
  if (section.hidden) return false;
  const debate = state.debate;
  const open = Boolean(debate && debate.status === "open");
  const side = (state.me && state.me.side) || null;
  $("debate-statement").textContent = debate ? debate.text : "";
  $("debate-soon").hidden = Boolean(debate);
  $("debate-closed").hidden = !debate || open;
  $("debate-sides").hidden = !open;
  for (const button of section.querySelectorAll(".debate-side")) {
    button.setAttribute("aria-pressed", String(button.dataset.side === side));
  }
  $("debate-mine").textContent = open && side ? fmt(strings.debate_your_side, { side: strings[`debate_${side}`] }) : "";
  return true;
}

for (const button of document.querySelectorAll("#debate .debate-side")) {
  button.addEventListener("click", async () => {
    if (!view) return;
    $("debate-error").textContent = "";
    const answer = await view.send("debate.take", { side: button.dataset.side });
    if (answer.ok) {
      if (view.state.me) view.state.me.side = answer.side;
      render(view.state, view);
    } else if (answer.error) {
      $("debate-error").textContent = answer.error;
    }
  });
}
