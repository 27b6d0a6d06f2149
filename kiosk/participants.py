"""Participants: joining with a first name, an optional contact and the consent to share it.

A participant is known by a secret token kept on their phone (localStorage and a cookie). Joining
again with that token changes the name or contact of the same participant: a reload never makes
a second one.
"""

from __future__ import annotations

import secrets
import time

from tinydb import TinyDB
from tinydb.table import Document

from . import derived, payloads, rooms
from .errors import N_, KioskError, bad_input
from .events import PARTICIPANT_JOINED, PARTICIPANT_REMOVED, Event
from .limits import is_local
from .store import rows

NAME_MAX = 40
CONTACT_MAX = 120


def public(doc) -> dict:
    return {"id": doc.doc_id, "name": doc["name"]}


def private(doc) -> dict:
    """What a participant sees of themself, and the console of everyone (never the token)."""
    return {**public(doc), "contact": doc.get("contact") or "", "share_contact": bool(doc.get("share_contact"))}


def joined_from(db: TinyDB, address: str) -> list[int]:
    """The participants who joined from `address` (an index: a room of phones joining from their
    own addresses does not search every participant at each join)."""
    return derived.indexed(db, "participants", "address", address)


def shared_addresses(db: TinyDB) -> list[dict]:
    """For the console only: the participants who joined from the same address, `[{address, ids}]`,
    two or more per address (a join flood shows here). The box's own address is left out."""
    by_address: dict[str, list[int]] = {}
    for doc in db.table("participants").all():
        if doc.get("address") and not is_local(doc["address"]):
            by_address.setdefault(doc["address"], []).append(doc.doc_id)
    return [{"address": address, "ids": ids} for address, ids in by_address.items() if len(ids) > 1]


#: Derived (kiosk/derived.py): token -> participant id, so that a connection finds its participant
#: without reading every participant (a room of 1,000 joining read the table 1,000 times). Only a
#: hint: each hit is checked against the document, and a miss reads the table again.
_TOKENS = "participant_tokens"


def _token_index(db: TinyDB) -> dict:
    return {doc["token"]: doc_id for doc_id, doc in rows(db.table("participants")) if doc.get("token")}


def by_token(db: TinyDB, token: str | None):
    if not token or not isinstance(token, str):
        return None
    table = db.table("participants")
    index = derived.peek(db, _TOKENS)
    if index is not None and token in index:
        doc = table.get(doc_id=index[token])
        if doc is not None and doc.get("token") == token:
            return doc
    # A token not seen yet, or a hint gone stale (a removal, the store back to its file): the table says.
    derived.drop(db, _TOKENS)
    doc_id = derived.get(db, _TOKENS, _token_index).get(token)
    return table.get(doc_id=doc_id) if doc_id is not None else None


def token_of(db: TinyDB, participant_id) -> str | None:
    doc = get(db, participant_id)
    return doc["token"] if doc is not None else None


def get(db: TinyDB, participant_id):
    if isinstance(participant_id, bool) or not isinstance(participant_id, int):
        return None
    return db.table("participants").get(doc_id=participant_id)


def named(db: TinyDB, payload: dict) -> int:
    """The id of the participant the payload names in `participant_id` (refused when unknown)."""
    return payloads.document(db, "participants", payload, "participant_id",
                             N_("This participant does not exist.")).doc_id


def all_public(db: TinyDB) -> list[dict]:
    """Everyone's `{id, name}`, in the order they joined, read from the table."""
    return [{"id": doc_id, "name": doc["name"]} for doc_id, doc in rows(db.table("participants"))]


class PublicList(derived.Watched):
    """Everyone's `{id, name}` as every public snapshot holds it (`all_public`), and its JSON, kept
    up to date at the cost of what changed: the table's storage tells which participants each
    change touched (a join, a new name, a removal), and only those are read again; new ones are
    appended to the list and to its JSON. A room of 1,000 joining so costs each join one entry,
    not a list (and its JSON) of everyone; a new name or a removal makes them again.

    `value()` is a new list whenever something changed, the same list otherwise; never change it.
    Derived (kiosk/derived.py): it lives and dies with the database it describes."""

    def __init__(self, db: TinyDB):
        super().__init__(db, "participants")
        self._db = db
        self._ids: set[int] = set()
        self._list: list[dict] = []
        self._json: tuple | None = None  # the JSON made last (see `json`)

    def _whole(self, table: dict) -> None:
        self._list = [{"id": int(key), "name": doc["name"]} for key, doc in table.items()]
        self._ids = {entry["id"] for entry in self._list}

    def value(self) -> list[dict]:
        touched = self._take_touched()
        if touched is not None and not touched:
            return self._list
        table = self._db.table("participants")._read_table()
        if touched is None:
            self._whole(table)
            return self._list
        newest = self._list[-1]["id"] if self._list else 0
        added = []
        for doc_id in sorted(touched):
            doc = table.get(str(doc_id))
            if doc_id in self._ids or doc is None or doc_id <= newest:
                # A new name, a removal (or an id out of order): everyone is read again.
                self._whole(table)
                return self._list
            added.append({"id": doc_id, "name": doc["name"]})
        if len(self._list) + len(added) != len(table):
            self._whole(table)
            return self._list
        self._list = self._list + added
        self._ids.update(entry["id"] for entry in added)
        return self._list

    def json(self, value: list[dict], dumps) -> str:
        """`dumps(value, separators=(",", ":"))` for a list `value()` gave (it may be called outside
        the store's lock: it reads only `value`): when it only adds participants to the list whose
        JSON was made last, that JSON with theirs appended."""
        kept = self._json  # (dumps, text, how many entries, the last one); lists only grow by appending
        if kept is not None and kept[0] is dumps and 0 < kept[2] <= len(value) and value[kept[2] - 1] is kept[3]:
            if kept[2] == len(value):
                return kept[1]
            more = ",".join(dumps(entry, separators=(",", ":")) for entry in value[kept[2]:])
            text = kept[1][:-1] + "," + more + "]"
        else:
            text = dumps(value, separators=(",", ":"))
        if value:
            self._json = (dumps, text, len(value), value[-1])
        return text


def public_list(db: TinyDB) -> PublicList:
    """The database's `PublicList`, made at its first use."""
    return derived.get(db, "participants_public", PublicList)


def count(db: TinyDB) -> int:
    return len(db.table("participants"))


def join(db: TinyDB, payload: dict, token: str | None = None, address: str | None = None,
         cap: int = 0) -> tuple[dict, list[Event]]:
    """Join the workshop, or update the participant that `token` already names.

    A new participant's `address` is recorded (for the console only); at most `cap` participants
    may join from one address (0: no cap; the box's own address has none), those removed since
    included, so that removing a flood does not give its sender new places.
    """
    name = payloads.text(payload, "name", max_len=NAME_MAX, label=N_("first name"))
    contact = payloads.text(payload, "contact", max_len=CONTACT_MAX, required=False, label="contact")
    share = payloads.boolean(payload, "share_contact")
    if share and not contact:
        raise bad_input(N_("To share a contact, write one first."))
    table = db.table("participants")
    existing = by_token(db, token)
    same: list[int] = []  # the others who joined from this new phone's address
    fields = {"name": name, "contact": contact or "", "share_contact": share}
    if existing is not None:
        table.update(fields, doc_ids=[existing.doc_id])
        doc = table.get(doc_id=existing.doc_id)
    else:
        address = address or ""
        # The box's own address is spared the cap and the console's list (its screen, tests, the benchmark).
        spared = not address or is_local(address)
        if not spared:
            same = joined_from(db, address)
        if not spared and cap > 0 and len(same) + len(derived.indexed(db, REMOVED, "address", address)) >= cap:
            raise KioskError("join_cap", N_("%(max)d people have already joined from this device or network: "
                                            "ask the facilitator for help."), max=cap)
        token = secrets.token_urlsafe(24)
        doc = {**fields, "token": token, "joined_at": time.time(), "address": address}
        doc_id = table.insert(Document(doc, doc_id=_next_id(db)) if len(db.table(REMOVED)) else doc)
        doc = table.get(doc_id=doc_id)
        derived.get(db, _TOKENS, lambda db: {})[token] = doc_id  # a hint: a miss reads the table
    n = len(table)
    console = {"participant": private(doc), "count": n}
    if existing is None and same:  # only then: the console's event is otherwise what it always was
        console["same_address"] = {"address": address, "ids": [*same, doc.doc_id]}
    events = [
        Event(PARTICIPANT_JOINED, {"participant": public(doc), "count": n}, to=(rooms.WALL,)),
        Event(PARTICIPANT_JOINED, console, to=(rooms.FACILITATOR,)),
    ]
    return {"participant": public(doc), "token": token}, events


# --- Removal -----------------------------------------------------------------------------------------

#: The trace of the participants the facilitator removed: `{name, address, joined_at, removed_at}`
#: under their former id. Their row leaves `participants` (with their token and contact).
REMOVED = "removed_participants"


def _next_id(db: TinyDB) -> int:
    """A new participant's id, never one a removed participant had (their traces name it): one
    more than the last given, kept (derived), or, should that one be taken, than every id there is."""
    kept = derived.get(db, "participants_next_id", lambda db: [0])
    if kept[0] < 1 or db.table("participants").contains(doc_id=kept[0]) or db.table(REMOVED).contains(doc_id=kept[0]):
        ids = [doc_id for name in ("participants", REMOVED) for doc_id, _ in rows(db.table(name))]
        kept[0] = max(ids, default=0) + 1
    kept[0] += 1
    return kept[0] - 1


def removed(db: TinyDB) -> list[dict]:
    """The removed participants, for the export: `{id, name, removed_at}` (no contact, no address)."""
    return [{"id": doc.doc_id, "name": doc["name"], "removed_at": doc.get("removed_at")}
            for doc in db.table(REMOVED).all()]


def remove(db: TinyDB, payload: dict, forget, now: float) -> tuple[dict, list[Event]]:
    """`participant.remove {participant_id}`: the participant leaves the workshop. Each activity
    forgets them its own way (`forget(db, id) -> [Event]`: their ballots go back, their posts leave
    the wall…); their token stops working; a trace (name, time) stays for the export."""
    doc = get(db, payload.get("participant_id"))
    if doc is None:
        raise KioskError("not_found", N_("This participant does not exist."))
    events = forget(db, doc.doc_id)
    db.table("participants").remove(doc_ids=[doc.doc_id])
    db.table(REMOVED).insert(Document({"name": doc["name"], "address": doc.get("address") or "",
                                       "joined_at": doc.get("joined_at"), "removed_at": now}, doc_id=doc.doc_id))
    data = {"participant_id": doc.doc_id, "count": len(db.table("participants"))}
    events.append(Event(PARTICIPANT_REMOVED, data, to=rooms.EVERYONE))  # their own phone is among the phones
    return {"participant": public(doc)}, events
