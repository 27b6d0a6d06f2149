"""Motivation buddies ("camarades de motivation").

Each participant picks one buddy among the participants (or takes the one offered). Two who chose
each other form a pair. At the end the facilitator pairs everyone left in one click: a one-sided
choice is honoured when its target is free, then the rest are paired in order, members of the
same group first; an odd one out joins the last pair (shown as a second pair with one of them).
"""

from __future__ import annotations

from tinydb import TinyDB

from ... import derived, participants, rooms
from ..groups import domain as groups
from ...errors import N_, KioskError
from ...events import Event, event_type

BUDDY_CHOSEN = event_type(
    "buddy.chosen", "To the phones of whoever a choice concerns: `{buddy: {chosen, chosen_by, buddies, suggestion}}`.")
BUDDIES_UPDATED = event_type("buddies.updated", "The pairs of buddies changed: `{buddies: [[id, id]]}` (wall and console).")


class _Choices:
    """The choices and pairs indexed, so that a choice and a phone's `me.buddy` cost what they
    concern, not a reading of every choice and every participant: whom each chose (and the choice's
    document), who chose each, the pairs (mutual choices, then the facilitator's), each person's
    partners, and how many pairs and choices take each person. Kept beside the database
    (`kiosk.derived`), built from the tables at first use; each change of a choice or a pair
    follows in it."""

    def __init__(self):
        self.chosen: dict[int, tuple[int, int]] = {}  # chooser -> (chosen, choice doc id)
        self.chosen_by: dict[int, set[int]] = {}
        self.mutual: set[tuple[int, int]] = set()  # two who chose each other, the smaller id first
        self.made: dict[int, list[int]] = {}  # the facilitator's pairs: doc id -> pair
        self.partners: dict[int, dict[int, int]] = {}  # person -> {partner: pairs with them}
        self.taken: dict[int, int] = {}  # person -> pairs they are in + choices of them

    def _link(self, a: int, b: int, sign: int) -> None:
        for one, other in ((a, b), (b, a)):
            partners = self.partners.setdefault(one, {})
            partners[other] = partners.get(other, 0) + sign
            if not partners[other]:
                del partners[other]
            self._take(one, sign)

    def _take(self, person: int, sign: int) -> None:
        self.taken[person] = self.taken.get(person, 0) + sign
        if not self.taken[person]:
            del self.taken[person]

    def choose(self, chooser: int, chosen: int | None, doc_id: int | None) -> None:
        """`chooser` now chose `chosen` (None: nobody), in the choice document `doc_id`."""
        before = self.chosen.pop(chooser, (None, None))[0]
        if before is not None:
            self.chosen_by[before].discard(chooser)
            if not self.chosen_by[before]:
                del self.chosen_by[before]
            self._take(before, -1)
            if self.chosen.get(before, (None,))[0] == chooser:
                self.mutual.discard((min(chooser, before), max(chooser, before)))
                self._link(chooser, before, -1)
        if chosen is not None:
            self.chosen[chooser] = (chosen, doc_id)
            self.chosen_by.setdefault(chosen, set()).add(chooser)
            self._take(chosen, +1)
            if self.chosen.get(chosen, (None,))[0] == chooser:
                self.mutual.add((min(chooser, chosen), max(chooser, chosen)))
                self._link(chooser, chosen, +1)

    def pair(self, doc_id: int, pair: list[int], sign: int = +1) -> None:
        if sign > 0:
            self.made[doc_id] = list(pair)
        else:
            del self.made[doc_id]
        self._link(pair[0], pair[1], sign)

    def pairs(self) -> list[list[int]]:
        return [list(pair) for pair in self.mutual] + [list(pair) for pair in self.made.values()]


def _build_choices(db: TinyDB) -> _Choices:
    index = _Choices()
    for doc in db.table("buddy_choices").all():
        index.choose(doc["chooser"], doc["chosen"], doc.doc_id)
    for doc in db.table("buddy_pairs").all():
        index.pair(doc.doc_id, doc["pair"])
    return index


def _index(db: TinyDB) -> _Choices:
    return derived.get(db, "buddies", _build_choices)


def choices(db: TinyDB) -> dict[int, int]:
    return {chooser: chosen for chooser, (chosen, _) in _index(db).chosen.items()}


def pairs(db: TinyDB) -> list[list[int]]:
    """Mutual choices, then the pairs the facilitator made."""
    return sorted(_index(db).pairs())


def paired(db: TinyDB) -> set[int]:
    return {p for pair in pairs(db) for p in pair}


def mine(db: TinyDB, participant_id: int) -> dict:
    """What a phone shows: whom I chose, who chose me, my pair(s), a suggestion."""
    index = _index(db)
    buddies = sorted(index.partners.get(participant_id, {}))
    chosen_by = sorted(index.chosen_by.get(participant_id, ()))
    return {"chosen": index.chosen.get(participant_id, (None,))[0], "chosen_by": chosen_by, "buddies": buddies,
            "suggestion": None if buddies else _suggest(db, index, participant_id, chosen_by)}


def _suggest(db: TinyDB, index: _Choices, participant_id: int, chosen_by: list[int]) -> int | None:
    """Someone who chose me; else someone free in my group; else anyone free (the first to join)."""
    if chosen_by:
        return chosen_by[0]
    table = db.table("participants")

    def free(person) -> bool:
        return person != participant_id and person not in index.taken

    group = groups.group_of(db, participant_id)
    same = [p for p in (group["members"] if group is not None else []) if free(p) and table.contains(doc_id=p)]
    if same:
        return min(same)
    return next((doc.doc_id for doc in table if free(doc.doc_id)), None)


def _updated(db: TinyDB, concerned) -> list[Event]:
    events = [Event(BUDDIES_UPDATED, {"buddies": pairs(db)}, to=rooms.SCREENS)]
    for person in sorted(set(concerned)):
        events.append(Event(BUDDY_CHOSEN, {"buddy": mine(db, person)}, to=(rooms.participant(person),)))
    return events


def choose(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    target = payload.get("participant_id")
    table, index = db.table("buddy_choices"), _index(db)
    previous, doc_id = index.chosen.get(participant_id, (None, None))
    if target is None:
        if doc_id is not None:
            table.remove(doc_ids=[doc_id])
        index.choose(participant_id, None, None)
    else:
        if participants.get(db, target) is None:
            raise KioskError("not_found", N_("This participant does not exist."))
        if target == participant_id:
            raise KioskError("self", N_("Choose someone else as your buddy."))
        if doc_id is not None:
            table.update({"chosen": target}, doc_ids=[doc_id])
        else:
            doc_id = table.insert({"chooser": participant_id, "chosen": target})
        index.choose(participant_id, target, doc_id)
    concerned = {participant_id} | {p for p in (previous, target) if p is not None}
    return {"buddy": mine(db, participant_id)}, _updated(db, concerned)


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A removed participant's choices, and the choices of them, go; so do the pairs they were in."""
    table, index = db.table("buddy_choices"), _index(db)
    touched = [doc for doc in table.all() if participant_id in (doc["chooser"], doc["chosen"])]
    made = [doc for doc in db.table("buddy_pairs").all() if participant_id in doc["pair"]]
    if not touched and not made:
        return []
    table.remove(doc_ids=[doc.doc_id for doc in touched])
    db.table("buddy_pairs").remove(doc_ids=[doc.doc_id for doc in made])
    for doc in touched:
        index.choose(doc["chooser"], None, None)
    for doc in made:
        index.pair(doc.doc_id, doc["pair"], -1)
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
        _index(db).pair(db.table("buddy_pairs").insert({"pair": pair}), pair)
    concerned = {p for pair in made for p in pair}
    return {"buddies": pairs(db), "made": made}, _updated(db, concerned)
