"""The box: runs commands through the one writer, remembers idempotency keys, publishes events.

`Box.execute` is the only way anything changes. It checks who may call, replays the stored answer
of a key already seen from that caller, runs the command's domain call under the store's lock,
counts the change in `seq`, waits until it is durable and only then lets its events go out.
"""

from __future__ import annotations

import logging
import time
from typing import Callable

from . import commands, payloads, snapshot, timer, workshop  # noqa: F401  (commands: registers every command)
from .auth import Actor
from .errors import N_, KioskError
from .protocol import COMMANDS, Context
from .store import Store, StoreError

log = logging.getLogger(__name__)


def refusal(code: str, message: str, **values) -> dict:
    return KioskError(code, message, **values).answer()


class Box:
    def __init__(self, store: Store, deck=None, lang: str = "fr", publish: Callable[[list], None] | None = None,
                 programme=None, clock: Callable[[], float] = time.time):
        self.store = store
        self.deck = deck
        self.programme = programme
        self.clock = clock  # the programme's timers read the time here only: tests give their own
        self.publish = publish or (lambda events: None)
        self._answers: dict[tuple[str, str], dict] = {}
        store.on_durable = lambda events: self.publish(events)
        store.on_reload = self._reloaded
        self.decks_dir = None  # where the shipped decks and programmes are, and the data directory (set by the app)
        self.programmes_dir = None
        self.data_dir = None
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
        self._answers = {(doc["actor"], doc["key"]): doc["answer"] for doc in self.store.db.table("keys").all()}

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
            key = payloads.idempotency_key(payload)
        except KioskError as error:
            return error.answer()
        if command.query:
            try:
                result, _ = self.store.read(lambda db: command.run(self._context(db, actor, payload)))
            except KioskError as error:
                return error.answer()
            return {"ok": True, **result}
        if not command.changes:
            return {"ok": True}

        def change(db):
            if key is not None and (actor.ref, key) in self._answers:
                return self._answers[(actor.ref, key)], [], False
            try:
                result, events = command.run(self._context(db, actor, payload))
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
                db.table("keys").insert({"actor": actor.ref, "key": key, "answer": answer})
                self._answers[(actor.ref, key)] = answer
            return answer, events, True

        try:
            return self.store.write(change)
        except StoreError as error:
            log.error("write failed: %s", error)
            return refusal("storage_failed", N_("The box could not save this: try again in a moment."))

    def state(self, actor: Actor) -> dict:
        return self.store.read(lambda db: snapshot.state_for(db, self.deck, actor, self.programme, self.clock()))

    def current_step(self, db):
        """The programme's step now running, or None."""
        return timer.current_step(db, self.programme)

    def current_step_index(self, db) -> int | None:
        return timer.current_index(db, self.programme)

    def _context(self, db, actor: Actor, payload: dict) -> Context:
        return Context(db, actor, payload, self.deck, self.programme, self.clock(), self)
