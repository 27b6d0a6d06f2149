"""Expert families: each participant becomes the expert of one or two families of the deck.

A participant claims (and releases) families from their phone, up to a limit (2 by default; the
facilitator changes it from 1 to 10). Several participants may hold the same family. Claiming
what you already hold changes nothing. The facilitator may assign any family to anyone, beyond
the limit (a facilitator covering a family nobody took should not have to ask someone to drop
one first), and release a family on someone's behalf.

A claim is one document `{family_id, participant_id}` of the `claims` table, in claiming order.
Claims of a family that is not in the box's deck (the deck changed between two runs) are kept
but neither shown nor counted against the limit.
"""

from __future__ import annotations

from tinydb import Query, TinyDB

from ... import participants, payloads, rooms, workshop
from ...errors import N_, KioskError
from ...events import Event, event_type

FAMILY_CLAIMED = event_type(
    "family.claimed",
    "Someone became an expert of a family: `{family_id, participant_id, claims}` (`claims`: who holds that family), "
    "to the wall, the console and that participant's phones.")
FAMILY_RELEASED = event_type(
    "family.released", "Someone gave a family back: `{family_id, participant_id, claims}`, to the same rooms as `family.claimed`.")
FAMILIES_LIMIT = event_type("families.limit", "How many families a participant may claim changed: `{max}`.")

LIMIT_DEFAULT = 2
LIMIT_MAX = 10


def limit(db: TinyDB) -> int:
    return workshop.meta(db).get("families_limit", LIMIT_DEFAULT)


def holders(db: TinyDB, family_id: str) -> list[int]:
    """Who holds a family, in the order they claimed it."""
    return [d["participant_id"] for d in db.table("claims").search(Query().family_id == family_id)]


def all_claims(db: TinyDB, deck) -> dict[str, list[int]]:
    """`{family_id: [participant_id]}` for every family of the deck (empty lists included)."""
    if deck is None:
        return {}
    claims = {family.id: [] for family in deck.families}
    for doc in db.table("claims").all():
        if doc["family_id"] in claims:
            claims[doc["family_id"]].append(doc["participant_id"])
    return claims


def held_by(db: TinyDB, deck, participant_id: int) -> list[str]:
    """The deck's families this participant holds, in claiming order."""
    return [d["family_id"] for d in db.table("claims").search(Query().participant_id == participant_id)
            if deck is not None and deck.family(d["family_id"]) is not None]


def _family(deck, payload: dict):
    family_id = payload.get("family_id")
    family = deck.family(family_id) if deck is not None and isinstance(family_id, str) else None
    if family is None:
        raise KioskError("not_found", N_("This family is not in the deck."))
    return family


def _changed(db: TinyDB, name: str, family_id: str, participant_id: int) -> tuple[dict, list[Event]]:
    """The answer and the event of a claim or release: to the screens and that participant's phones."""
    data = {"family_id": family_id, "participant_id": participant_id, "claims": holders(db, family_id)}
    to = (*rooms.SCREENS, rooms.participant(participant_id))
    return dict(data), [Event(name, data, to=to)]


def _add(db: TinyDB, family_id: str, participant_id: int) -> tuple[dict, list[Event]]:
    db.table("claims").insert({"family_id": family_id, "participant_id": participant_id})
    return _changed(db, FAMILY_CLAIMED, family_id, participant_id)


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A removed participant's claims are released: their name leaves every family."""
    held = [d["family_id"] for d in db.table("claims").search(Query().participant_id == participant_id)]
    db.table("claims").remove(Query().participant_id == participant_id)
    return [event for family_id in dict.fromkeys(held)
            for event in _changed(db, FAMILY_RELEASED, family_id, participant_id)[1]]


def _unchanged(db: TinyDB, family_id: str, participant_id: int) -> tuple[dict, list[Event]]:
    return {"family_id": family_id, "participant_id": participant_id, "claims": holders(db, family_id)}, []


def claim(db: TinyDB, deck, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """A participant becomes an expert of a family, within the limit; claiming again changes nothing."""
    family = _family(deck, payload)
    held = held_by(db, deck, participant_id)
    if family.id in held:
        return _unchanged(db, family.id, participant_id)
    most = limit(db)
    if len(held) >= most:
        raise KioskError("too_many", N_("You already hold %(max)d families: release one first."), max=most)
    return _add(db, family.id, participant_id)


def assign(db: TinyDB, deck, payload: dict) -> tuple[dict, list[Event]]:
    """The facilitator makes someone an expert of a family, whatever the limit."""
    family = _family(deck, payload)
    who = participants.named(db, payload)
    if family.id in held_by(db, deck, who):
        return _unchanged(db, family.id, who)
    return _add(db, family.id, who)


def release(db: TinyDB, deck, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """A participant gives a family back; the facilitator names whose (`participant_id`)."""
    family = _family(deck, payload)
    who = participant_id if participant_id is not None else participants.named(db, payload)
    claim_doc = Query()
    if not db.table("claims").contains((claim_doc.family_id == family.id) & (claim_doc.participant_id == who)):
        if participant_id is None:
            raise KioskError("not_claimed", N_("This participant does not hold this family."))
        raise KioskError("not_claimed", N_("You do not hold this family."))
    db.table("claims").remove((claim_doc.family_id == family.id) & (claim_doc.participant_id == who))
    return _changed(db, FAMILY_RELEASED, family.id, who)


def set_limit(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """How many families a participant may claim; those holding more keep them."""
    most = payloads.integer(payload, "max", minimum=1, maximum=LIMIT_MAX)
    workshop.save(db, {"families_limit": most})
    return {"max": most}, [Event(FAMILIES_LIMIT, {"max": most})]
