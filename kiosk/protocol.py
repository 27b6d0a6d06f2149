"""The registry of the Socket.IO protocol's commands.

Each command is named `noun.verb`, says who may send it, and maps its payload onto one domain
call that returns `(result, events)`. Commands are registered next to what they call: the core's
in `commands.py`, an activity's in its package (`activities/<name>/__init__.py`). Registering a
name twice fails at import. The README's Protocol section lists every command; a test checks
that nothing registered is missing from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from tinydb import TinyDB

from . import auth
from .auth import Actor


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

    @property
    def step(self):
        """The programme's step now running (a `programmes.Step`), or None."""
        return self.box.current_step(self.db) if self.box is not None else None

    @property
    def step_index(self) -> int | None:
        """The index of the programme's step now running, or None."""
        return self.box.current_step_index(self.db) if self.box is not None else None

    @property
    def me(self) -> int | None:
        """The participant calling, or None when the facilitator calls."""
        return self.actor.participant_id if self.actor.role == auth.PARTICIPANT else None


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


PARTICIPANT_OR_FACILITATOR = PARTICIPANT | FACILITATOR


def command(name: str, who: frozenset[str], doc: str, **options):
    """Register the function below as command `name`; a name registered twice fails at import."""
    def register(run):
        if name in COMMANDS:
            raise RuntimeError(f"The command {name!r} is registered twice.")
        COMMANDS[name] = Command(name, who, run, doc, **options)
        return run

    return register
