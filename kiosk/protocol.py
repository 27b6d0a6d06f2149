"""The commands of the Socket.IO protocol, in one registry.

Each command is named `noun.verb`, says who may send it, and maps its payload onto one domain
call that returns `(result, events)`. The README's Protocol section lists every command; a test
checks that nothing registered here is missing from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from tinydb import TinyDB

from . import auth, groups, issues, participants, votes, workshop
from .auth import Actor


@dataclass
class Context:
    """What a command runs with: the database, the caller, its payload and the box's deck."""

    db: TinyDB
    actor: Actor
    payload: dict
    deck: Any = None


@dataclass(frozen=True)
class Command:
    name: str
    who: frozenset[str]
    run: Callable[[Context], tuple[dict, list]]
    doc: str
    changes: bool = True  # False: reads only, never stored nor counted in seq
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
