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


def state_for(db: TinyDB, deck, actor: auth.Actor, programme=None, now: float | None = None) -> dict:
    state = public_state(db, deck, programme, now)
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
    return state
