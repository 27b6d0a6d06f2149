"""The `state` snapshot, for each role: the wall's (public), a participant's, the console's.

The public snapshot never holds a contact or a token; a participant's adds what concerns them
under `me`; the facilitator's adds contacts and everything hidden.
"""

from __future__ import annotations

from tinydb import TinyDB

from . import auth, participants, workshop


def public_state(db: TinyDB, deck) -> dict:
    doc = workshop.meta(db)
    return {
        "seq": doc["seq"],
        "workshop": doc["workshop"],
        "phase": doc["phase"],
        "participants": participants.all_public(db),
        "issues": [],
        "vote": None,
        "groups": [],
        "deck": deck.public() if deck is not None else None,
        "claims": {},
        "wall": [],
        "buddies": [],
        "step": None,
    }


def state_for(db: TinyDB, deck, actor: auth.Actor) -> dict:
    state = public_state(db, deck)
    state["role"] = actor.role
    if actor.role == auth.PARTICIPANT:
        me = participants.get(db, actor.participant_id)
        state["me"] = participants.private(me) if me else None
    elif actor.role == auth.FACILITATOR:
        state["participants"] = [participants.private(doc) for doc in db.table("participants").all()]
    return state
