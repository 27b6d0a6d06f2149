// Phone, "seeds" phase: the group's seed card, written by several members at once; every seed of
// the room with its action group to join or leave.
import { $, count, el, fill, say, strings } from "../../kiosk.js";
import { meeting, namedTitle, referentName, seedForm, seedTitle } from "./card.js";
export { events } from "./events.js";

let view = null;
let form = null; // {seedId, node, update} of this phone's group's seed

async function act(name, payload) {
  const answer = await view.send(name, payload);
  if (!answer.ok) say(answer.error, "error");
  else if (answer.seed) {
    const at = view.state.seeds.findIndex((s) => s.id === answer.seed.id);
    if (at >= 0) view.state.seeds[at] = answer.seed;
    render(view.state, view);
  }
  return answer;
}

function send(name, payload) {
  return view.send(name, payload);
}

function memberButtons(state, seed) {
  const me = state.me.id;
  const member = seed.members.includes(me);
  return el("p", { class: "row-actions" },
    member
      ? el("button", { type: "button", "data-key": `seed-leave-${seed.id}`, "aria-label": namedTitle(strings.seeds_leave_named, seed),
        onclick: () => act("seed.leave", { seed_id: seed.id }) }, strings.seeds_leave)
      : el("button", { type: "button", class: "primary", "data-key": `seed-join-${seed.id}`,
        "aria-label": namedTitle(strings.seeds_join_named, seed),
        onclick: () => act("seed.join", { seed_id: seed.id }) }, strings.seeds_join),
    member && seed.referent === null
      ? el("button", { type: "button", "data-key": `seed-referent-${seed.id}`,
        onclick: () => act("seed.referent", { seed_id: seed.id, participant_id: me }) }, strings.seeds_be_referent)
      : null);
}

function summary(state, seed) {
  const referent = referentName(state, seed);
  const when = meeting(seed);
  return [
    el("p", { class: "seed-need" }, seed.need),
    when ? el("p", {}, strings.seeds_next_meeting.replace("{when}", when)) : null,
    el("p", { class: "tag" }, referent ? strings.seeds_referent_is.replace("{name}", referent) : strings.seeds_no_referent,
      " · ", count("seeds_members_n", seed.members.length),
      " · ", seed.open ? strings.seeds_open_newcomers : strings.seeds_closed_newcomers),
  ];
}

export function render(state, current) {
  view = current;
  const section = $("seeds");
  section.hidden = state.phase !== "seeds";
  if (section.hidden) return false;
  $("seeds-waiting").hidden = state.seeds.length > 0;
  const groupId = state.me.group_id;
  const mine = groupId === null ? null : state.seeds.find((s) => s.group_id === groupId) || null;
  $("seeds-mine").hidden = !mine;
  if (!mine) {
    form = null;
    $("seeds-form").replaceChildren();
  } else {
    if (!form || form.seedId !== mine.id) {
      form = { seedId: mine.id, ...seedForm(mine, send, "seed") };
      $("seeds-form").replaceChildren(form.node);
    } else {
      form.update(mine);
    }
    fill($("seeds-mine-actions"), [memberButtons(state, mine)]);
  }
  const others = state.seeds.filter((s) => !mine || s.id !== mine.id);
  $("seeds-others-title").hidden = others.length === 0;
  fill($("seeds-list"), others.map((seed) => el("li", { class: seed.members.includes(state.me.id) ? "seed mine" : "seed" },
    el("h3", {}, seedTitle(seed)), ...summary(state, seed), memberButtons(state, seed))));
  return true;
}
