"""Events the server emits after a change is durable, and the list of every event type.

An event is a small dataclass naming what happened, its payload and the rooms that receive it.
Every event type is declared here with a sentence; a test checks each one is in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import rooms

#: Every event the server emits, with what it means (the README's Protocol section lists them).
EVENT_TYPES: dict[str, str] = {}


def event_type(name: str, doc: str) -> str:
    EVENT_TYPES[name] = doc
    return name


STATE = event_type("state", "The full snapshot for the client's role: on connection, reconnection and `state.get`.")
PARTICIPANT_JOINED = event_type(
    "participant.joined", "Someone joined or changed their name: `{participant, count}`, to the wall and the console (the console also gets the contact).")
PHASE_CHANGED = event_type("phase.changed", "The facilitator moved the workshop to another phase: `{phase}`.")
WORKSHOP_UPDATED = event_type("workshop.updated", "Title, date, territory or language changed: `{workshop}`.")


@dataclass
class Event:
    """One thing that happened, for the rooms whose view it changes. `seq` is set when stored."""

    name: str
    data: dict
    to: tuple[str, ...] = rooms.EVERYONE
    seq: int = field(default=0)

    def payload(self) -> dict:
        return {**self.data, "seq": self.seq}
ISSUE_PROPOSED = event_type(
    "issue.proposed", "A new issue, to the wall and the console: `{issue: {id, text}}` (the console's copy adds `author`, "
    "`hidden`, `merged_into`).")
ISSUES_PROPOSED = event_type(
    "issues.proposed", "New issues, to the phones, gathered a few times a second at most: `{issues: [{id, text}]}`. "
    "500 phones proposing within seconds would otherwise cost the box 250,000 messages.")
ISSUE_UPDATED = event_type(
    "issue.updated", "An issue was edited, hidden, restored or merged: `{issue, hidden?}`; a hidden one leaves the wall and the phones.")
ISSUES_PROPOSALS = event_type("issues.proposals", "Proposals opened or closed: `{open}`.")
VOTE_OPENED = event_type("vote.opened", "A vote opened: `{vote}` (method, dots, max_per_issue, issue_ids, status).")
VOTE_CLOSED = event_type("vote.closed", "The vote closed: `{vote}` with its final `results`.")
TALLY_UPDATED = event_type(
    "tally.updated", "Live figures of the open vote, to the wall and the console, a few times a second at most: `{vote}`.")
BALLOT_UPDATED = event_type(
    "ballot.updated", "A participant's own ballot changed (to their phones only): `{ballot: {issue_id: value}, dots_left}`.")
GROUPS_FORMED = event_type("groups.formed", "Groups were formed from the vote's top issues: `{groups}`.")
GROUP_UPDATED = event_type(
    "group.updated", "A group's members or secretary changed: `{group}`, to the screens and the phones concerned.")
WALL_POSTED = event_type(
    "wall.posted", "A new commitment: `{post}` to the wall when shown; the console and the author get it with `status`.")
WALL_UPDATED = event_type(
    "wall.updated", "A post was hidden, shown (approved or restored) or pinned: `{post, hidden?}`; a hidden one leaves the wall.")
WALL_PREMODERATION = event_type("wall.premoderation", "Pre-moderation turned on or off: `{premoderation}` (console).")
WALL_MODE = event_type("wall.mode", "The wall switched between the notes grid and the slideshow: `{mode}`.")
BUDDY_CHOSEN = event_type(
    "buddy.chosen", "To the phones of whoever a choice concerns: `{buddy: {chosen, chosen_by, buddies, suggestion}}`.")
BUDDIES_UPDATED = event_type("buddies.updated", "The pairs of buddies changed: `{buddies: [[id, id]]}` (wall and console).")
FAMILY_CLAIMED = event_type(
    "family.claimed",
    "Someone became an expert of a family: `{family_id, participant_id, claims}` (`claims`: who holds that family), "
    "to the wall, the console and that participant's phones.")
FAMILY_RELEASED = event_type(
    "family.released", "Someone gave a family back: `{family_id, participant_id, claims}`, to the same rooms as `family.claimed`.")
FAMILIES_LIMIT = event_type("families.limit", "How many families a participant may claim changed: `{max}`.")
BOARD_UPDATED = event_type(
    "board.updated",
    "A group's board changed: `{group_id, board}` (cards in priority order with their notes), "
    "to the wall, the console and the group's members' phones.")
WALL_BOARD = event_type("wall.board", "The wall shows one group's board (or stops, with null): `{group_id}`, to the wall and the console.")
STEP_CHANGED = event_type(
    "step.changed",
    "The facilitator moved to another step of the programme: `{step, now}` to everyone (`now`: the server's time, "
    "so a screen corrects its clock).")
TIMER_CHANGED = event_type(
    "timer.changed", "The step's countdown got more or less time, paused or resumed: `{step, now}`, to the wall and the console.")
TIMER_CHIME = event_type("timer.chime", "The soft chime at 0:00 was turned on or off: `{chime}`, to the wall and the console.")
REPORT_CHANGED = event_type(
    "report.changed",
    "The report-back moved on (a group presents, the room reacts, it ended: `report` null) or its countdown changed: "
    "`{report, now}`; moves go to everyone, countdown changes to the wall and the console.")
REACTION_POSTED = event_type(
    "reaction.posted", "A reaction to a group's report-back: `{reaction: {id, group_id, kind, text}}` to the wall; the console's copy adds `author`.")
REACTION_HIDDEN = event_type("reaction.hidden", "The facilitator hid a reaction: `{reaction: {id, group_id}}`, to the wall and the console.")
DECK_CHANGED = event_type("deck.changed", "The facilitator chose another card deck: `{deck}` (as in the snapshot).")
