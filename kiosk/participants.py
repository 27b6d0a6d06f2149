"""Participants: joining with a first name, an optional contact and the consent to share it.

A participant is known by a secret token kept on their phone (localStorage and a cookie). Joining
again with that token changes the name or contact of the same participant: a reload never makes
a second one.
"""

from __future__ import annotations

import secrets
import time

from tinydb import Query, TinyDB

from . import payloads, rooms
from .errors import N_, bad_input
from .events import PARTICIPANT_JOINED, Event

NAME_MAX = 40
CONTACT_MAX = 120


def public(doc) -> dict:
    return {"id": doc.doc_id, "name": doc["name"]}


def private(doc) -> dict:
    """What the console sees of a participant (never the token)."""
    return {**public(doc), "contact": doc.get("contact") or "", "share_contact": bool(doc.get("share_contact"))}


def by_token(db: TinyDB, token: str | None):
    if not token or not isinstance(token, str):
        return None
    return db.table("participants").get(Query().token == token)


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
    return [public(doc) for doc in db.table("participants").all()]


def count(db: TinyDB) -> int:
    return len(db.table("participants"))


def join(db: TinyDB, payload: dict, token: str | None = None) -> tuple[dict, list[Event]]:
    """Join the workshop, or update the participant that `token` already names."""
    name = payloads.text(payload, "name", max_len=NAME_MAX, label=N_("first name"))
    contact = payloads.text(payload, "contact", max_len=CONTACT_MAX, required=False, label="contact")
    share = payloads.boolean(payload, "share_contact")
    if share and not contact:
        raise bad_input(N_("To share a contact, write one first."))
    table = db.table("participants")
    existing = by_token(db, token)
    fields = {"name": name, "contact": contact or "", "share_contact": share}
    if existing is not None:
        table.update(fields, doc_ids=[existing.doc_id])
        doc = table.get(doc_id=existing.doc_id)
    else:
        token = secrets.token_urlsafe(24)
        doc_id = table.insert({**fields, "token": token, "joined_at": time.time()})
        doc = table.get(doc_id=doc_id)
    n = len(table)
    events = [
        Event(PARTICIPANT_JOINED, {"participant": public(doc), "count": n}, to=(rooms.WALL,)),
        Event(PARTICIPANT_JOINED, {"participant": private(doc), "count": n}, to=(rooms.FACILITATOR,)),
    ]
    return {"participant": public(doc), "token": token}, events
