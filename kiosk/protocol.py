"""The commands of the Socket.IO protocol, in one registry.

Each command is named `noun.verb`, says who may send it, and maps its payload onto one domain
call that returns `(result, events)`. The README's Protocol section lists every command; a test
checks that nothing registered here is missing from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from tinydb import TinyDB

from . import auth, participants, workshop
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
