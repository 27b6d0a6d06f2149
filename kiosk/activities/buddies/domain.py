"""Motivation buddies ("camarades de motivation").

Each participant picks one buddy among the participants (or takes the one offered). Two who chose
each other form a pair. At the end the facilitator pairs everyone left in one click: a one-sided
choice is honoured when its target is free, then the rest are paired in order, members of the
same group first; an odd one out joins the last pair (shown as a second pair with one of them).
"""

from __future__ import annotations

from tinydb import Query, TinyDB

from ... import participants, rooms
from ..groups import domain as groups
from ...errors import N_, KioskError
from ...events import Event, event_type

BUDDY_CHOSEN = event_type(
    "buddy.chosen", "To the phones of whoever a choice concerns: `{buddy: {chosen, chosen_by, buddies, suggestion}}`.")
BUDDIES_UPDATED = event_type("buddies.updated", "The pairs of buddies changed: `{buddies: [[id, id]]}` (wall and console).")


def choices(db: TinyDB) -> dict[int, int]:
    return {doc["chooser"]: doc["chosen"] for doc in db.table("buddy_choices").all()}


def pairs(db: TinyDB) -> list[list[int]]:
    """Mutual choices, then the pairs the facilitator made."""
    chosen = choices(db)
    found = [[a, b] for a, b in chosen.items() if a < b and chosen.get(b) == a]
    found += [list(doc["pair"]) for doc in db.table("buddy_pairs").all()]
    return sorted(found)


def paired(db: TinyDB) -> set[int]:
    return {p for pair in pairs(db) for p in pair}


def mine(db: TinyDB, participant_id: int) -> dict:
    """What a phone shows: whom I chose, who chose me, my pair(s), a suggestion."""
    chosen = choices(db)
    my_pairs = [pair for pair in pairs(db) if participant_id in pair]
    buddies = sorted({p for pair in my_pairs for p in pair if p != participant_id})
    chosen_by = sorted(a for a, b in chosen.items() if b == participant_id)
    return {"chosen": chosen.get(participant_id), "chosen_by": chosen_by, "buddies": buddies,
            "suggestion": None if buddies else _suggest(db, participant_id, chosen, chosen_by)}


def _suggest(db: TinyDB, participant_id: int, chosen: dict, chosen_by: list[int]) -> int | None:
    """Someone who chose me; else someone free in my group; else anyone free."""
    if chosen_by:
        return chosen_by[0]
    taken = paired(db) | set(chosen.values())
    free = [doc.doc_id for doc in db.table("participants").all()
            if doc.doc_id != participant_id and doc.doc_id not in taken]
    group = groups.group_of(db, participant_id)
    same = [p for p in free if group is not None and p in group["members"]]
    return (same or free or [None])[0]


def _updated(db: TinyDB, concerned) -> list[Event]:
    events = [Event(BUDDIES_UPDATED, {"buddies": pairs(db)}, to=rooms.SCREENS)]
    for person in sorted(set(concerned)):
        events.append(Event(BUDDY_CHOSEN, {"buddy": mine(db, person)}, to=(rooms.participant(person),)))
    return events


def choose(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    target = payload.get("participant_id")
    table = db.table("buddy_choices")
    previous = choices(db).get(participant_id)
    if target is None:
        table.remove(Query().chooser == participant_id)
    else:
        if participants.get(db, target) is None:
            raise KioskError("not_found", N_("This participant does not exist."))
        if target == participant_id:
            raise KioskError("self", N_("Choose someone else as your buddy."))
        table.upsert({"chooser": participant_id, "chosen": target}, Query().chooser == participant_id)
    concerned = {participant_id} | {p for p in (previous, target) if p is not None}
    return {"buddy": mine(db, participant_id)}, _updated(db, concerned)


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A removed participant's choices, and the choices of them, go; so do the pairs they were in."""
    table = db.table("buddy_choices")
    touched = [doc for doc in table.all() if participant_id in (doc["chooser"], doc["chosen"])]
    made = [doc for doc in db.table("buddy_pairs").all() if participant_id in doc["pair"]]
    if not touched and not made:
        return []
    table.remove(doc_ids=[doc.doc_id for doc in touched])
    db.table("buddy_pairs").remove(doc_ids=[doc.doc_id for doc in made])
    concerned = {p for doc in touched for p in (doc["chooser"], doc["chosen"])} | {p for doc in made for p in doc["pair"]}
    return _updated(db, concerned - {participant_id})


def pair_rest(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """The facilitator's one click: everyone without a buddy gets one."""
    everyone = [doc.doc_id for doc in db.table("participants").all()]
    done = paired(db)
    left = [p for p in everyone if p not in done]
    if not left:
        raise KioskError("all_paired", N_("Everyone already has a buddy."))
    chosen = choices(db)
    made: list[list[int]] = []
    for person in list(left):
        target = chosen.get(person)
        if person in left and target in left and target != person:
            made.append(sorted([person, target]))
            left.remove(person)
            left.remove(target)
    group_of = {p: (groups.group_of(db, p) or {"members": []}) for p in left}
    left.sort(key=lambda p: (min(group_of[p]["members"]) if group_of[p]["members"] else 10**9, p))
    while len(left) >= 2:
        made.append(sorted([left.pop(0), left.pop(0)]))
    if left:
        anchor = (made or pairs(db) or [[None]])[-1][0]
        if anchor is None:
            raise KioskError("alone", N_("There is nobody to pair with."))
        made.append(sorted([left.pop(), anchor]))
    for pair in made:
        db.table("buddy_pairs").insert({"pair": pair})
    concerned = {p for pair in made for p in pair}
    return {"buddies": pairs(db), "made": made}, _updated(db, concerned)
