"""The `state` snapshot, for each role: the wall's (public), a participant's, the console's.

The core's keys come first (the workshop, its phase, who is in, the deck, the programme's step),
then each activity's part, in the registry's order (`Activity.public`, `.personal` under `me`,
`.console`). The public snapshot never holds a contact or a token; a participant's adds what
concerns them under `me`; the facilitator's adds contacts and everything hidden.
"""

from __future__ import annotations

import hashlib
import json
import time

from tinydb import TinyDB

from . import auth, participants, spotlight, timer, workshop
from .activities import ACTIVITIES
from .store import UNTRACKED, tables_read


#: A public key whose JSON is at least this long (bytes) has a fingerprint in the snapshot's `tags`:
#: a client that reconnects holding that very value is not sent it again (`delta`).
TAGGED_MIN = 1024
#: Fingerprints read from a reconnecting client, at most (a snapshot has about twenty keys).
HAVE_MAX = 64


def tag_of(text: str) -> str:
    """A value's fingerprint, from its JSON text: 16 hex digits (BLAKE2b, 8 bytes)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def tags_of(state: dict, text) -> dict[str, str]:
    """The fingerprints of the large public keys of `state` (`text(key)`: that key's JSON)."""
    tags = {}
    for key in state:
        if key != "now":
            value = text(key)
            if len(value) >= TAGGED_MIN:
                tags[key] = tag_of(value)
    return tags


def _text(value) -> str:
    return json.dumps(value, separators=(",", ":"))


class Public(dict):
    """The public snapshot of one version of the data, shared by every client that connects
    meanwhile (`Box.state`); never changed once built. Its JSON is made once, the first time one
    of those clients is sent its snapshot (see `Shared`), from the JSON of the keys that did not
    change since an earlier version, kept (`PublicBuilder`)."""

    __slots__ = ("_head", "_texts", "_tags")

    def __init__(self, state: dict, texts: dict | None = None):
        super().__init__(state)
        self._texts = texts or {}  # key -> text(dumps): its value's JSON, known without encoding it again

    def key_text(self, key: str, dumps) -> str:
        """One key's value as JSON (`dumps`, compact), from what is kept when it is."""
        texts = self._texts
        return texts[key](dumps) if key in texts else dumps(self[key], separators=(",", ":"))

    def json_head(self, dumps) -> str:
        """Its JSON without `now` (each client's own) and without the closing brace."""
        try:
            return self._head
        except AttributeError:
            parts = [f"{dumps(key)}:{self.key_text(key, dumps)}" for key in self if key != "now"]
            self._head = "{" + ",".join(parts)
            return self._head

    def tags(self) -> dict[str, str]:
        """The fingerprints of its large keys (see `tags_of`), made once."""
        try:
            return self._tags
        except AttributeError:
            self._tags = tags_of(self, lambda key: self.key_text(key, json.dumps))
            return self._tags


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


class Delta(Shared):
    """A reconnecting client's snapshot without the large public keys it holds already (their
    fingerprints, sent back by the client, are those of the snapshot now: see `delta`); `kept`
    names them, and the client takes them from the last snapshot it received. A room of phones
    that all reconnect after the Wi-Fi dropped receives its issues and participants once, not
    twice, over one radio channel."""

    __slots__ = ()

    def __init__(self, shared: Shared, kept: list[str]):
        super().__init__({key: value for key, value in shared.items() if key not in kept}, shared.public)
        self["kept"] = kept

    def json(self, dumps) -> str:
        public = self.public
        parts = []
        for key, value in self.items():
            if key != "now" and key in public and value is public[key]:
                parts.append(f"{dumps(key)}:{public.key_text(key, dumps)}")
            else:
                parts.append(f"{dumps(key)}:{dumps(value, separators=(',', ':'))}")
        return "{" + ",".join(parts) + "}"


def delta(state: dict, have) -> dict:
    """`state` without the large public keys a reconnecting client holds already: `have`, sent by
    the client, maps keys to the fingerprints of the values it holds (the `tags` of the last
    snapshot it received); the keys whose fingerprint is still the same are left out (`Delta`).
    `state` itself when it is no shared snapshot (the console's), when none is left out, or when
    `have` is not such a mapping."""
    if not isinstance(state, Shared) or not isinstance(have, dict) or len(have) > HAVE_MAX:
        return state
    kept = [key for key, tag in state.get("tags", {}).items() if have.get(key) == tag]
    return Delta(state, kept) if kept else state


def _core(db: TinyDB, deck_public: dict | None, programme, now: float | None, people: list) -> dict:
    doc = workshop.meta(db)
    return {
        "seq": doc["seq"],
        # The server's time: screens compare it with their own clock to show countdowns right.
        "now": time.time() if now is None else now,
        "workshop": doc["workshop"],
        "phase": doc["phase"],
        "participants": people,
        "deck": deck_public,
        "step": timer.public(db, programme),
        "chime": timer.chime_on(db),
        "spotlight": spotlight.current(db),
    }


def public_state(db: TinyDB, deck, programme=None, now: float | None = None) -> dict:
    """The public snapshot, built from the tables (`PublicBuilder` builds the same, keeping what
    did not change)."""
    state = _core(db, deck.public() if deck is not None else None, programme, now, participants.all_public(db))
    for activity in ACTIVITIES:
        if activity.public is not None:
            state.update(activity.public(db, deck))
    return state


class _Part:
    """An activity's public part as built at some versions of the tables it read, and its keys' JSON."""

    __slots__ = ("source", "value", "texts")

    def __init__(self, source: tuple | None, value: dict):
        self.source = source
        self.value = value
        self.texts: dict = {}

    def text(self, key: str, dumps) -> str:
        known = self.texts.get(key)
        if known is None or known[0] is not dumps:
            known = self.texts[key] = (dumps, dumps(self.value[key], separators=(",", ":")))
        return known[1]


class PublicBuilder:
    """Builds `public_state` again at each version of the data keeping what did not change, so
    that a join costs the same in a room of 10 and of 1,000: the participants' list grows by the
    new ones (`participants.PublicList`), and an activity's part, with its JSON, is kept while no
    table it read changed (`store.tables_read`; a part that read anything else is built again).
    The deck's part is made once per deck (it never changes once loaded); the small core keys
    (the workshop, the step…) are read again each time."""

    def __init__(self):
        self._db = None
        self._parts: dict[str, _Part] = {}
        self._deck: _Part | None = None  # the deck's public part, made once per deck

    def _part(self, db: TinyDB, activity, deck) -> _Part:
        storage = db.storage
        kept = self._parts.get(activity.name)
        if kept is not None and kept.source is not None and kept.source[0] is deck \
                and all(storage.table_version(name) == version for name, version in kept.source[1]):
            return kept
        value, reads = tables_read(db, lambda: activity.public(db, deck))
        source = None if UNTRACKED in reads else (deck, tuple((name, storage.table_version(name)) for name in reads))
        part = self._parts[activity.name] = _Part(source, value)
        return part

    def build(self, db: TinyDB, deck, programme=None, now: float | None = None) -> Public:
        if db is not self._db:  # another database (the store went back to its file): nothing kept holds
            self._db, self._parts = db, {}
        people = participants.public_list(db)
        everyone = people.value()
        if self._deck is None or self._deck.source is not deck:  # a deck never changes once loaded
            self._deck = _Part(deck, {"deck": deck.public() if deck is not None else None})
        state = _core(db, self._deck.value["deck"], programme, now, everyone)
        texts = {"participants": lambda dumps: people.json(everyone, dumps),
                 "deck": lambda dumps, part=self._deck: part.text("deck", dumps)}
        for activity in ACTIVITIES:
            if activity.public is not None:
                part = self._part(db, activity, deck)
                state.update(part.value)
                for key in part.value:
                    texts[key] = lambda dumps, part=part, key=key: part.text(key, dumps)
        return Public(state, texts)


def state_for(db: TinyDB, deck, actor: auth.Actor, programme=None, now: float | None = None,
              public: dict | None = None) -> dict:
    """The snapshot for `actor`'s role. `public`: the public part, when already built for this
    version of the data (shared, never changed: this adds to a shallow copy of it)."""
    if public is None:
        state = public_state(db, deck, programme, now)
    else:
        state = {**public, "now": time.time() if now is None else now}
    if actor.role != auth.FACILITATOR:  # what a client that reconnects says it holds (see `delta`)
        state["tags"] = public.tags() if isinstance(public, Public) else tags_of(state, lambda key: _text(state[key]))
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
    if actor.role != auth.FACILITATOR and isinstance(public, Public):
        return Shared(state, public)  # a wall's or a participant's: the public part as it is, and its own keys
    return state
