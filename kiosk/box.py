"""The box: runs commands through the one writer, remembers idempotency keys, publishes events.

`Box.execute` is the only way anything changes. It checks who may call, replays the stored answer
of a key already seen from that caller, runs the command's domain call under the store's lock,
counts the change in `seq`, waits until it is durable and only then lets its events go out.
"""

from __future__ import annotations

import json
import logging
import time
from collections import deque
from typing import Callable

from . import auth, commands, participants, payloads, snapshot, spotlight, timer, workshop  # noqa: F401  (commands: registers every command)
from .auth import Actor
from .errors import N_, KioskError
from .limits import RateLimit
from .protocol import COMMANDS, Context
from .store import Store, StoreError

log = logging.getLogger(__name__)

#: Idempotency keys kept per caller: an outbox only ever sends again its last few commands.
KEYS_PER_CALLER = 100
#: A field of an answer kept for replays only when its JSON is at most this long: the created item
#: (an issue, a post) and the outcome stay, a whole group board does not.
REPLAY_FIELD_MAX = 1000
#: Commands per caller (the facilitator aside): 20 at once (an outbox sending again), then 5 a second.
COMMAND_BURST, COMMAND_RATE = 20, 5.0


def refusal(code: str, message: str, **values) -> dict:
    return KioskError(code, message, **values).answer()


_REMOVED = {"code": "removed", "message": N_("The facilitator removed you from the workshop: join again to take part.")}


def removed() -> dict:
    return refusal(**_REMOVED)


def too_many_requests() -> dict:
    return refusal("too_many_requests", N_("Too many requests at once: wait a moment, then try again."))


def _small(value, budget: int = REPLAY_FIELD_MAX) -> bool:
    """Is `value`'s JSON at most about `budget` characters? Stops counting as soon as it is not, so
    that a whole board is not serialised only to be left out."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            budget -= 2 + 4 * len(item)
            for key, inner in item.items():
                budget -= len(str(key))
                stack.append(inner)
        elif isinstance(item, list):
            budget -= 2 + len(item)
            stack.extend(item)
        else:
            budget -= len(item) + 2 if isinstance(item, str) else len(json.dumps(item))
        if budget < 0:
            return False
    return True


def replay_form(answer: dict) -> dict:
    """What a replay needs of an answer: its outcome, its `seq`, its small fields. Never a token
    (a join is answered again with the token only to its own caller) nor a large field."""
    return {name: value for name, value in answer.items()
            if name != "token" and (name in ("ok", "code", "message", "seq") or _small(value))}


class Box:
    def __init__(self, store: Store, deck=None, lang: str = "fr", publish: Callable[[list], None] | None = None,
                 programme=None, clock: Callable[[], float] = time.time):
        self.store = store
        self.deck = deck
        self.programme = programme
        self.clock = clock  # the programme's timers read the time here only: tests give their own
        self.publish = publish or (lambda events: None)
        self._answers: dict[tuple[str, str], dict] = {}
        self._keys_of: dict[str, deque] = {}  # caller -> its keys' (key, doc id), oldest first
        self.command_rate = RateLimit(COMMAND_RATE, COMMAND_BURST)  # checked by the edge: see `allowed`
        self._public: tuple = ((), {})  # what the public snapshot last built came from, and it (see `state`)
        self._builder = snapshot.PublicBuilder()  # builds it again keeping what did not change
        store.on_durable = lambda events: self.publish(events)
        store.on_reload = self._reloaded
        self.decks_dir = None  # where the shipped decks and programmes are, and the data directory (set by the app)
        self.programmes_dir = None
        self.data_dir = None
        self.join_cap = 0  # participants who may join from one address (the `join_cap` setting; 0: no cap)
        self._index_keys()
        if not store.db.table("meta").contains(doc_id=workshop.META_ID):
            store.write(lambda db: (workshop.initialise(db, lang), []))

    def _reloaded(self) -> None:
        """After a failed write the store went back to what is on disk: so does the deck."""
        self._index_keys()
        path = self.store.db.table("meta").get(doc_id=workshop.META_ID) or {}
        if path.get("deck_path"):
            from . import decks

            try:
                self.deck = decks.load_deck(path["deck_path"])
            except decks.DeckError:
                log.error("the recorded deck %s cannot be loaded any more", path["deck_path"])
        if path.get("programme_path"):
            from . import programmes

            try:
                self.programme = programmes.load_programme(path["programme_path"])
            except programmes.ProgrammeError:
                log.error("the recorded programme %s cannot be loaded any more", path["programme_path"])

    def _index_keys(self) -> None:
        self._answers = {}
        self._keys_of = {}
        for doc in self.store.db.table("keys").all():
            self._answers[(doc["actor"], doc["key"])] = doc["answer"]
            self._keys_of.setdefault(doc["actor"], deque()).append((doc["key"], doc.doc_id))

    def _remember(self, db, ref: str, key: str, answer: dict) -> None:
        """Keep `answer` under `key` for replays, in its replay form; forget the caller's oldest
        keys beyond KEYS_PER_CALLER, so that no caller can grow the data file without bound."""
        stored = replay_form(answer)
        table = db.table("keys")
        kept = self._keys_of.setdefault(ref, deque())
        kept.append((key, table.insert({"actor": ref, "key": key, "answer": stored})))
        self._answers[(ref, key)] = stored
        if len(kept) > KEYS_PER_CALLER:
            old = [kept.popleft() for _ in range(len(kept) - KEYS_PER_CALLER)]
            table.remove(doc_ids=[doc_id for _, doc_id in old])
            for old_key, _ in old:
                self._answers.pop((ref, old_key), None)

    def allowed(self, actor: Actor) -> bool:
        """May this caller send one more command now? Everyone but the facilitator gets
        COMMAND_BURST at once, then COMMAND_RATE a second (asked by the socket handlers)."""
        return actor.role == auth.FACILITATOR or self.command_rate.allow(actor.ref)

    def execute(self, actor: Actor, name: str, payload) -> dict:
        """Run command `name` for `actor`; return its answer (stored form: see KioskError.answer)."""
        command = COMMANDS.get(name)
        if command is None:
            return refusal("unknown_command", N_("Unknown command “%(name)s”."), name=str(name)[:64])
        if actor.role not in command.who:
            if "facilitator" in command.who:
                return refusal("forbidden", N_("Only the facilitator can do this: enter the PIN first."))
            return refusal("forbidden", N_("Join the workshop first."))
        if payload is None:
            payload = {}
        if not isinstance(payload, dict):
            return refusal("bad_input", N_("A command's payload is one JSON object."))
        try:
            payloads.check(payload)
            key = payloads.idempotency_key(payload)
        except KioskError as error:
            return error.answer()
        if command.query:
            def run(db):
                if actor.role == auth.PARTICIPANT and participants.get(db, actor.participant_id) is None:
                    raise KioskError(**_REMOVED)
                return command.run(self._context(db, actor, payload))

            try:
                result, _ = self.store.read(run)
            except KioskError as error:
                return error.answer()
            except Exception:  # a bug: nothing was changed, the caller is told
                log.exception("command %s failed", name)
                return refusal("internal_error", N_("The box could not do this: nothing was changed."))
            return {"ok": True, **result}
        if not command.changes:
            return {"ok": True}

        def change(db):
            if key is not None and (actor.ref, key) in self._answers:
                return self._answers[(actor.ref, key)], [], False
            if actor.role == auth.PARTICIPANT and participants.get(db, actor.participant_id) is None:
                return removed(), [], False  # removed by the facilitator: their phone can no longer act
            try:
                result, events = command.run(self._context(db, actor, payload))
                events = events + spotlight.refresh(db, self.deck)  # the item shown large, as it is now
            except KioskError as error:
                answer, events = error.answer(), []
            else:
                seq = workshop.next_seq(db)
                for event in events:
                    event.seq = seq
                answer = {"ok": True, **result, "seq": seq}
            if key is None and not answer["ok"]:
                return answer, [], False
            if key is not None:
                self._remember(db, actor.ref, key, answer)
            return answer, events, True

        try:
            return self.store.write(change)
        except StoreError as error:
            log.error("write failed: %s", error)
            return refusal("storage_failed", N_("The box could not save this: try again in a moment."))
        except Exception:  # a bug: the store went back to its last good state; the caller is told
            log.exception("command %s failed", name)
            return refusal("internal_error", N_("The box could not do this: nothing was changed."))

    def state(self, actor: Actor) -> dict:
        """`actor`'s snapshot. Its public part is built once per version of the data and shared by
        every client that connects meanwhile: a room of phones connecting at once costs one public
        snapshot, not one each (in time and in memory), and one encoding of it (`snapshot.Shared`).
        A new version builds it from the last one (`snapshot.PublicBuilder`): a join adds one
        participant to it, not a snapshot of everyone."""
        def build(db):
            source = (self.store.version, db, self.deck, self.programme)  # compared item by item, `is` first
            if self._public[0] != source:
                self._public = (source, self._builder.build(db, self.deck, self.programme))
            return snapshot.state_for(db, self.deck, actor, self.programme, self.clock(), public=self._public[1])

        return self.store.read(build)

    def current_step(self, db):
        """The programme's step now running, or None."""
        return timer.current_step(db, self.programme)

    def current_step_index(self, db) -> int | None:
        return timer.current_index(db, self.programme)

    def _context(self, db, actor: Actor, payload: dict) -> Context:
        return Context(db, actor, payload, self.deck, self.programme, self.clock(), self)
