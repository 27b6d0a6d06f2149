"""The commands of the Socket.IO protocol, in one registry.

Each command is named `noun.verb`, says who may send it, and maps its payload onto one domain
call that returns `(result, events)`. The README's Protocol section lists every command; a test
checks that nothing registered here is missing from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from tinydb import TinyDB

from . import (auth, board, buddies, families, groups, issues, library, participants, report, timer, usb, votes,
               wall, workshop)
from .auth import Actor
from .errors import N_, KioskError


@dataclass
class Context:
    """What a command runs with: the database, the caller, its payload, the box's deck and programme.

    `now` is the box's clock when the command runs (tests give the box a clock of their own).
    """

    db: TinyDB
    actor: Actor
    payload: dict
    deck: Any = None
    programme: Any = None
    now: float = 0.0
    box: Any = None  # for the few commands that change the box itself (its deck)


@dataclass(frozen=True)
class Command:
    name: str
    who: frozenset[str]
    run: Callable[[Context], tuple[dict, list]]
    doc: str
    changes: bool = True  # False: reads only, never stored nor counted in seq
    query: bool = False  # reads only and answers with what it read
    http_only: bool = False  # reached through an HTTP route, not as a socket event


COMMANDS: dict[str, Command] = {}

EVERYONE = frozenset({auth.PARTICIPANT, auth.FACILITATOR, auth.WALL})
PARTICIPANT = frozenset({auth.PARTICIPANT})
FACILITATOR = frozenset({auth.FACILITATOR})


def command(name: str, who: frozenset[str], doc: str, **options):
    def register(run):
        COMMANDS[name] = Command(name, who, run, doc, **options)
        return run

    return register


@command("state.get", EVERYONE, "Ask for the full snapshot again: the server emits `state` to the caller.",
         changes=False)
def _state_get(ctx: Context):
    return {}, []


@command("participant.join", frozenset({auth.WALL, auth.PARTICIPANT}),
         "Join with `{name, contact?, share_contact?}` (through `POST /api/join`).", http_only=True)
def _participant_join(ctx: Context):
    return participants.join(ctx.db, ctx.payload, ctx.payload.get("_token"))


@command("phase.set", FACILITATOR, "Move the workshop to a phase: `{phase}`.")
def _phase_set(ctx: Context):
    return workshop.set_phase(ctx.db, ctx.payload)


@command("workshop.update", FACILITATOR, "Change any of `{title, date, territory, lang}`.")
def _workshop_update(ctx: Context):
    return workshop.update_details(ctx.db, ctx.payload)


def _me(ctx: Context) -> int | None:
    """The participant calling, or None when the facilitator calls."""
    return ctx.actor.participant_id if ctx.actor.role == auth.PARTICIPANT else None


PARTICIPANT_OR_FACILITATOR = PARTICIPANT | FACILITATOR


@command("issue.propose", PARTICIPANT_OR_FACILITATOR,
         "Propose an issue `{text}` (at most 140 characters); the facilitator's is added even when proposals are closed.")
def _issue_propose(ctx: Context):
    return issues.propose(ctx.db, ctx.payload, _me(ctx))


@command("issue.edit", FACILITATOR, "Reword an issue: `{issue_id, text}`.")
def _issue_edit(ctx: Context):
    return issues.edit(ctx.db, ctx.payload)


@command("issue.hide", FACILITATOR, "Hide an issue `{issue_id}`; during a vote it leaves the vote and its dots go back.")
def _issue_hide(ctx: Context):
    return issues.set_hidden(ctx.db, ctx.payload, True)


@command("issue.restore", FACILITATOR, "Show a hidden issue again: `{issue_id}`.")
def _issue_restore(ctx: Context):
    return issues.set_hidden(ctx.db, ctx.payload, False)


@command("issue.merge", FACILITATOR, "Merge a duplicate `{issue_id}` into another issue `{into}`.")
def _issue_merge(ctx: Context):
    return issues.merge(ctx.db, ctx.payload)


@command("issues.proposals", FACILITATOR, "Open or close proposals: `{open: true|false}`.")
def _issues_proposals(ctx: Context):
    return issues.set_proposals(ctx.db, ctx.payload)


@command("vote.open", FACILITATOR,
         "Open a vote on the shown issues: `{method: \"dots\", dots: 3, max_per_issue: 2}` or `{method: \"majority\"}`.")
def _vote_open(ctx: Context):
    return votes.open_vote(ctx.db, ctx.payload)


@command("vote.cast", PARTICIPANT,
         "Dots: `{issue_id, dots}` sets your dots on that issue; majority: `{issue_id, grade}` (null clears).")
def _vote_cast(ctx: Context):
    return votes.cast(ctx.db, ctx.payload, ctx.actor.participant_id)


@command("vote.close", FACILITATOR, "Close the vote: its results are final, late ballots are refused.")
def _vote_close(ctx: Context):
    return votes.close_vote(ctx.db, ctx.payload)


@command("groups.form", FACILITATOR, "`{count}`: one group per top issue of the last closed vote (forming again starts afresh).")
def _groups_form(ctx: Context):
    return groups.form(ctx.db, ctx.payload)


@command("groups.balance", FACILITATOR, "Put everyone in a group and even out the sizes (secretaries stay).")
def _groups_balance(ctx: Context):
    return groups.balance(ctx.db, ctx.payload)


@command("group.join", PARTICIPANT_OR_FACILITATOR,
         "Join a group `{group_id}` (leaving your former one); the facilitator adds `participant_id` to move someone.")
def _group_join(ctx: Context):
    return groups.join(ctx.db, ctx.payload, _me(ctx))


@command("group.leave", PARTICIPANT_OR_FACILITATOR, "Leave your group; the facilitator gives `participant_id`.")
def _group_leave(ctx: Context):
    return groups.leave(ctx.db, ctx.payload, _me(ctx))


@command("group.secretary", PARTICIPANT_OR_FACILITATOR,
         "`{group_id, participant_id}`: the facilitator names (null clears) a secretary; a member volunteers themself.")
def _group_secretary(ctx: Context):
    return groups.set_secretary(ctx.db, ctx.payload, _me(ctx))


@command("wall.post", PARTICIPANT,
         "Post a commitment `{text, share_contact?, group_id?, family_id?}` (at most 280 characters).")
def _wall_post(ctx: Context):
    return wall.post(ctx.db, ctx.payload, ctx.actor.participant_id, ctx.deck)


@command("wall.hide", FACILITATOR, "Hide a post `{post_id}`: it leaves the wall at once.")
def _wall_hide(ctx: Context):
    return wall.hide(ctx.db, ctx.payload)


@command("wall.restore", FACILITATOR, "Show a post `{post_id}`: approves a held post or restores a hidden one.")
def _wall_restore(ctx: Context):
    return wall.restore(ctx.db, ctx.payload)


@command("wall.pin", FACILITATOR, "Pin (or unpin with `pinned: false`) a post `{post_id, pinned?}`: pinned posts come first.")
def _wall_pin(ctx: Context):
    return wall.pin(ctx.db, ctx.payload)


@command("wall.premoderation", FACILITATOR, "`{on}`: hold new posts until the facilitator shows them.")
def _wall_premoderation(ctx: Context):
    return wall.set_premoderation(ctx.db, ctx.payload)


@command("wall.mode", FACILITATOR, "`{mode: \"grid\" | \"slideshow\"}`: how the wall shows the commitments.")
def _wall_mode(ctx: Context):
    return wall.set_mode(ctx.db, ctx.payload)


@command("matches.mine", PARTICIPANT, "Commitments of others that match yours: answers `{matches}`.",
         changes=False, query=True)
def _matches_mine(ctx: Context):
    return {"matches": wall.similar_for(ctx.db, ctx.actor.participant_id)}, []


@command("buddy.choose", PARTICIPANT, "Choose your motivation buddy `{participant_id}` (null clears).")
def _buddy_choose(ctx: Context):
    return buddies.choose(ctx.db, ctx.payload, ctx.actor.participant_id)


@command("buddies.pair_rest", FACILITATOR, "Pair everyone who has no buddy yet, in one click.")
def _buddies_pair_rest(ctx: Context):
    return buddies.pair_rest(ctx.db, ctx.payload)


# --- Expert families and group boards ----------------------------------------------------------

@command("family.claim", PARTICIPANT,
         "Become an expert of a family `{family_id}`, within the limit (claiming one you hold changes nothing).")
def _family_claim(ctx: Context):
    return families.claim(ctx.db, ctx.deck, ctx.payload, ctx.actor.participant_id)


@command("family.release", PARTICIPANT_OR_FACILITATOR,
         "Give a family back: `{family_id}`; the facilitator adds `participant_id` to release it for someone.")
def _family_release(ctx: Context):
    return families.release(ctx.db, ctx.deck, ctx.payload, _me(ctx))


@command("family.assign", FACILITATOR, "`{family_id, participant_id}`: make someone an expert of a family, beyond the limit.")
def _family_assign(ctx: Context):
    return families.assign(ctx.db, ctx.deck, ctx.payload)


@command("families.limit", FACILITATOR, "`{max}` (1 to 10): how many families a participant may claim.")
def _families_limit(ctx: Context):
    return families.set_limit(ctx.db, ctx.payload)


@command("board.place", PARTICIPANT_OR_FACILITATOR, "Put a card on a group's board, last: `{group_id, card_id}`.")
def _board_place(ctx: Context):
    return board.place(ctx.db, ctx.deck, ctx.payload, _me(ctx))


@command("board.remove", PARTICIPANT_OR_FACILITATOR, "Take a card off a group's board: `{group_id, card_id}`.")
def _board_remove(ctx: Context):
    return board.remove(ctx.db, ctx.deck, ctx.payload, _me(ctx))


@command("board.move", PARTICIPANT_OR_FACILITATOR,
         "Give a placed card its priority: `{group_id, card_id, position}` (0 is the top).")
def _board_move(ctx: Context):
    return board.move(ctx.db, ctx.deck, ctx.payload, _me(ctx))


@command("board.note", PARTICIPANT_OR_FACILITATOR,
         "Write a placed card's note: `{group_id, card_id, field: steps|partners|success|blockers, text}`.")
def _board_note(ctx: Context):
    return board.note(ctx.db, ctx.deck, ctx.payload, _me(ctx))


@command("wall.show_board", FACILITATOR, "`{group_id}`: the wall shows that group's board large (null stops).")
def _wall_show_board(ctx: Context):
    return board.show_on_wall(ctx.db, ctx.payload)


# --- The programme, its timers and the report-back ---------------------------------------------

@command("programme.next", FACILITATOR,
         "Move to the next step of the programme (the first one when it has not started): sets its phase, starts its countdown.")
def _programme_next(ctx: Context):
    return timer.next_step(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("programme.back", FACILITATOR, "Move back to the previous step: sets its phase, starts its countdown again.")
def _programme_back(ctx: Context):
    return timer.previous_step(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("programme.go", FACILITATOR, "`{index}`: jump to any step of the programme (0 is the first).")
def _programme_go(ctx: Context):
    return timer.go_to(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("timer.add", FACILITATOR,
         "`{seconds, target?}`: more time on the countdown (negative takes some off, never below 0:00).")
def _timer_add(ctx: Context):
    return timer.add_time(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("timer.pause", FACILITATOR, "`{target?}`: stop the countdown where it is.")
def _timer_pause(ctx: Context):
    return timer.pause_timer(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("timer.resume", FACILITATOR, "`{target?}`: the countdown goes on from where it stopped.")
def _timer_resume(ctx: Context):
    return timer.resume_timer(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("timer.chime", FACILITATOR, "`{on}`: the wall plays a soft chime when a countdown reaches 0:00.")
def _timer_chime(ctx: Context):
    return timer.set_chime(ctx.db, ctx.payload)


@command("report.start", FACILITATOR, "`{group_id?}`: the report-back begins with the first group (or that one).")
def _report_start(ctx: Context):
    return report.start(ctx.db, ctx.payload, timer.current_step(ctx.db, ctx.programme), ctx.now)


@command("report.next", FACILITATOR, "The group's reactions, then the next group, then the end of the report-back.")
def _report_next(ctx: Context):
    return report.next_part(ctx.db, ctx.payload, ctx.now)


@command("report.stop", FACILITATOR, "End the report-back now.")
def _report_stop(ctx: Context):
    return report.stop(ctx.db, ctx.payload, ctx.now)


@command("reaction.post", PARTICIPANT,
         "`{group_id, kind: positive|improve, text}`: a quick reaction to another group's report-back.")
def _reaction_post(ctx: Context):
    return report.post(ctx.db, ctx.payload, ctx.actor.participant_id, ctx.now)


@command("reaction.hide", FACILITATOR, "`{reaction_id}`: the reaction leaves the wall.")
def _reaction_hide(ctx: Context):
    return report.hide(ctx.db, ctx.payload)


@command("decks.list", FACILITATOR,
         "The decks the box can see (shipped, imported, on a USB stick): answers `{decks}`, each with `ok` "
         "or its `problems`.", changes=False, query=True)
def _decks_list(ctx: Context):
    return {"decks": library.available(ctx.box.decks_dir, ctx.box.data_dir, usb.find_drives())}, []


@command("deck.choose", FACILITATOR,
         "`{path}` of a listed deck: it becomes the workshop's deck (one on a stick is copied into the box "
         "first); refused once experts or boards use the current one.")
def _deck_choose(ctx: Context):
    library.check_free(ctx.db)  # before anything is copied from a stick
    path = ctx.payload.get("path")
    if not isinstance(path, str):
        raise KioskError("bad_input", N_("The field “%(field)s” is required."), field="path")
    deck, stored = library.take(path, ctx.box.decks_dir, ctx.box.data_dir, usb.find_drives())
    result, events = library.record(ctx.db, deck, stored)
    ctx.box.deck = deck
    return result, events
