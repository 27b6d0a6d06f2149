"""Events the server emits after a change is durable, and the list of every event type.

An event is a small dataclass naming what happened, its payload and the rooms that receive it.
Every event type is declared once, with a sentence, next to the code that emits it: the core's
here, an activity's in its own package. A test checks each one is in the README.

An event type also says how it is delivered (see `sockets.Publisher`): at once (the default);
COALESCE, a fast-changing figure of which only the newest counts (a live tally); or
`gather(field)`, a list that adds up while it is held (new issues for the phones).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import rooms

#: Every event the server emits, with what it means (the README's Protocol section lists them).
EVENT_TYPES: dict[str, str] = {}

#: How the publisher delivers an event held back: `COALESCE`, or the name of the list it gathers.
DELIVERY: dict[str, str] = {}

AT_ONCE = None
COALESCE = "coalesce"


def gather(list_field: str) -> str:
    """Held events of this type are sent as one, their `list_field` lists joined in order."""
    return f"gather:{list_field}"


def event_type(name: str, doc: str, deliver: str | None = AT_ONCE) -> str:
    """Declare an event type; declaring a name twice is a mistake and fails at import."""
    if name in EVENT_TYPES:
        raise RuntimeError(f"The event {name!r} is declared twice.")
    EVENT_TYPES[name] = doc
    if deliver is not None:
        DELIVERY[name] = deliver
    return name


def gathered_field(name: str) -> str | None:
    """The list an event type gathers while held, or None."""
    policy = DELIVERY.get(name, "")
    return policy.split(":", 1)[1] if policy.startswith("gather:") else None


STATE = event_type("state", "The full snapshot for the client's role: on connection, reconnection and `state.get`.")
PARTICIPANT_JOINED = event_type(
    "participant.joined", "Someone joined or changed their name: `{participant, count}`, to the wall and the console (the console also gets the contact).")
PARTICIPANT_REMOVED = event_type(
    "participant.removed", "The facilitator removed a participant: `{participant_id, count}` to every screen; their name "
    "leaves the lists, and their own phone forgets its token and shows the join form again.")
PHASE_CHANGED = event_type("phase.changed", "The facilitator moved the workshop to another phase: `{phase}`.")
WORKSHOP_UPDATED = event_type("workshop.updated", "Title, date, territory or language changed: `{workshop}`.")


class Later:
    """A payload value built only when its event goes out, once: a coalesced figure (the live
    tally) changes at every command but goes out a few times a second, so building it at each
    change would cost what the publisher saves. `build` must not read the store: it works on
    copies taken when the event was made."""

    __slots__ = ("_build", "_value")
    _UNSET = object()

    def __init__(self, build):
        self._build = build
        self._value = Later._UNSET

    def __call__(self):
        if self._value is Later._UNSET:
            self._value = self._build()
            self._build = None
        return self._value


@dataclass
class Event:
    """One thing that happened, for the rooms whose view it changes. `seq` is set when stored.
    A value of `data` may be `Later`: `payload` builds it."""

    name: str
    data: dict
    to: tuple[str, ...] = rooms.EVERYONE
    seq: int = field(default=0)

    def payload(self) -> dict:
        return {**{key: value() if isinstance(value, Later) else value for key, value in self.data.items()},
                "seq": self.seq}


STEP_CHANGED = event_type(
    "step.changed",
    "The facilitator moved to another step of the programme: `{step, now}` to everyone (`now`: the server's time, "
    "so a screen corrects its clock).")
TIMER_CHANGED = event_type(
    "timer.changed", "The step's countdown got more or less time, paused or resumed: `{step, now}`, to the wall and the console.")
TIMER_CHIME = event_type("timer.chime", "The soft chime at 0:00 was turned on or off: `{chime}`, to the wall and the console.")
DECK_CHANGED = event_type("deck.changed", "The facilitator chose another card deck: `{deck}` (as in the snapshot).")
PROGRAMME_CHANGED = event_type(
    "programme.changed", "The facilitator chose another programme before its first step: `{programme}`, to the console.")
