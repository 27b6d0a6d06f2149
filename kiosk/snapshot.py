"""The `state` snapshot, for each role: the wall's (public), a participant's, the console's.

The core's keys come first (the workshop, its phase, who is in, the deck, the programme's step),
then each activity's part, in the registry's order (`Activity.public`, `.personal` under `me`,
`.console`). The public snapshot never holds a contact or a token; a participant's adds what
concerns them under `me`; the facilitator's adds contacts and everything hidden.
"""

from __future__ import annotations

import time

from tinydb import TinyDB

from . import auth, participants, spotlight, timer, workshop
from .activities import ACTIVITIES


class Public(dict):
    """The public snapshot of one version of the data, shared by every client that connects
    meanwhile (`Box.state`); never changed once built. Its JSON is made once, the first time one
    of those clients is sent its snapshot (see `Shared`)."""

    __slots__ = ("_head",)

    def json_head(self, dumps) -> str:
        """Its JSON without `now` (each client's own) and without the closing brace."""
        try:
            return self._head
        except AttributeError:
            self._head = dumps({key: value for key, value in self.items() if key != "now"}, separators=(",", ":"))[:-1]
            return self._head


class Shared(dict):
    """A wall's or a participant's snapshot: the shared `Public` part, as it is, and the client's
    own keys (`now`, `role`, `me`). Sent over Socket.IO (`sockets.TextPacket`), its text is the
    public part's JSON, made once for all, followed by the client's own keys: a room reconnecting
    at once costs one encoding of the participants and issues, not one per phone."""

    __slots__ = ("public",)

    def __init__(self, state: dict, public: Public):
        super().__init__(state)
        self.public = public

    def json(self, dumps) -> str | None:
        """Its JSON (keys in another order than `dumps(self)`, the same object), or None when a
        key of the public part no longer holds the shared value."""
        public = self.public
        own = []
        for key, value in self.items():
            if key == "now" or key not in public:
                own.append(f"{dumps(key)}:{dumps(value, separators=(',', ':'))}")
            elif value is not public[key]:
                return None
        if any(key not in self for key in public):
            return None
        head = public.json_head(dumps)
        return head + ("," if len(head) > 1 and own else "") + ",".join(own) + "}"


def public_state(db: TinyDB, deck, programme=None, now: float | None = None) -> dict:
    doc = workshop.meta(db)
    state = {
        "seq": doc["seq"],
        # The server's time: screens compare it with their own clock to show countdowns right.
        "now": time.time() if now is None else now,
        "workshop": doc["workshop"],
        "phase": doc["phase"],
        "participants": participants.all_public(db),
        "deck": deck.public() if deck is not None else None,
        "step": timer.public(db, programme),
        "chime": timer.chime_on(db),
        "spotlight": spotlight.current(db),
    }
    for activity in ACTIVITIES:
        if activity.public is not None:
            state.update(activity.public(db, deck))
    return state


def state_for(db: TinyDB, deck, actor: auth.Actor, programme=None, now: float | None = None,
              public: dict | None = None) -> dict:
    """The snapshot for `actor`'s role. `public`: the public part, when already built for this
    version of the data (shared, never changed: this adds to a shallow copy of it)."""
    if public is None:
        state = public_state(db, deck, programme, now)
    else:
        state = {**public, "now": time.time() if now is None else now}
    state["role"] = actor.role
    if actor.role == auth.PARTICIPANT:
        me = participants.get(db, actor.participant_id)
        state["me"] = participants.private(me) if me else None
        if me:
            for activity in ACTIVITIES:
                if activity.personal is not None:
                    state["me"].update(activity.personal(db, me.doc_id))
    elif actor.role == auth.FACILITATOR:
        state["participants"] = [participants.private(doc) for doc in db.table("participants").all()]
        shared = participants.shared_addresses(db)
        if shared:  # only when some participants share an address: a join flood to look at
            state["shared_addresses"] = shared
        state["programme"] = programme.public() if programme is not None else None
        for activity in ACTIVITIES:
            if activity.console is not None:
                state.update(activity.console(db))
    elif isinstance(public, Public):  # a wall's or a participant's: the public part as it is, and its own keys
        return Shared(state, public)
    return state
