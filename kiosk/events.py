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
