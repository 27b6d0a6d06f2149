"""The `state` snapshot, for each role: the wall's (public), a participant's, the console's.

The public snapshot never holds a contact or a token; a participant's adds what concerns them
under `me`; the facilitator's adds contacts and everything hidden.
"""

from __future__ import annotations

import time

from tinydb import TinyDB

from . import auth, board, buddies, families, groups, issues, participants, report, timer, votes, wall, workshop


def public_state(db: TinyDB, deck, programme=None, now: float | None = None) -> dict:
    doc = workshop.meta(db)
    return {
        "seq": doc["seq"],
        # The server's time: screens compare it with their own clock to show countdowns right.
        "now": time.time() if now is None else now,
        "workshop": doc["workshop"],
        "phase": doc["phase"],
        "proposals": doc["proposals"],
        "participants": participants.all_public(db),
        "issues": [issues.public(d) for d in issues.visible(db)],
        "vote": votes.public(db, votes.current(db)),
        "groups": groups.all_groups(db),
        "deck": deck.public() if deck is not None else None,
        "claims": families.all_claims(db, deck),
        "families_limit": families.limit(db),
        "boards": board.all_boards(db),
        "wall_board": board.shown_on_wall(db),
        "wall": [wall.public(d) for d in wall.shown(db)],
        "wall_mode": wall.settings(db)["mode"],
        "buddies": buddies.pairs(db),
        "step": timer.public(db, programme),
        "report": report.public(db),
        "reactions": report.shown_reactions(db),
        "chime": timer.chime_on(db),
    }


def state_for(db: TinyDB, deck, actor: auth.Actor, programme=None, now: float | None = None) -> dict:
    state = public_state(db, deck, programme, now)
    state["role"] = actor.role
    if actor.role == auth.PARTICIPANT:
        me = participants.get(db, actor.participant_id)
        state["me"] = participants.private(me) if me else None
        if me:
            vote = votes.current(db)
            ballot = votes.ballot_of(db, vote, me.doc_id)
            group = groups.group_of(db, me.doc_id)
            state["me"].update(ballot=ballot, dots_left=votes.dots_left(vote, ballot),
                               group_id=group.doc_id if group else None,
                               issue_ids=[d.doc_id for d in issues.visible(db) if d.get("author") == me.doc_id],
                               posts=[wall.private(d) for d in db.table("posts").all() if d["author"] == me.doc_id],
                               buddy=buddies.mine(db, me.doc_id))
    elif actor.role == auth.FACILITATOR:
        state["participants"] = [participants.private(doc) for doc in db.table("participants").all()]
        state["issues"] = [issues.private(d) for d in db.table("issues").all()]
        state["posts"] = [wall.private(d) for d in db.table("posts").all()]
        state["premoderation"] = wall.settings(db)["premoderation"]
        state["buddy_choices"] = {str(a): b for a, b in buddies.choices(db).items()}
        state["matches"] = wall.all_links(db)
        state["programme"] = programme.public() if programme is not None else None
        state["reactions"] = report.all_reactions(db)
    return state
