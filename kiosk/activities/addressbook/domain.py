"""The address book ("carnet d'adresses"): each participant's card, with a consent per use, and
the useful contacts the facilitator adds.

A participant fills one card (name, structure, role, e-mail, phone, what they bring, what they
seek) and ticks, separately and never ticked for them, three uses: `room` (the room's address
book on the phones and the round table on the wall), `report` (the export: `address-book.vcf`,
`address-book.csv`, a sheet of `results.xlsx`) and `absentees` (the page for those who could not
come). They change it, or take a consent back, at any time: screens hear it at once, and the
export reads the cards when it is made, so a consent taken back is out of the next export.

Useful contacts are the facilitator's: organisations and public professional contact points only
(an organisation's name, a service or desk, a generic e-mail and switchboard, a website, what
they offer). They are third parties who agreed to nothing, so no field holds a person's name.

Other activities read the book through `cards(db, use)` and `card_of(db, participant_id)`.

Tables: `addressbook_cards` (one per participant who filled one: `participant` and the fields,
`consents: {room, report, absentees}`) and `addressbook_contacts` (the useful contacts).
"""

from __future__ import annotations

import re

from tinydb import Query, TinyDB

from ... import payloads, rooms
from ...errors import N_, KioskError, bad_input
from ...events import Event, event_type

CARDS, CONTACTS = "addressbook_cards", "addressbook_contacts"
#: The uses a participant consents to, one by one.
USES = ("room", "report", "absentees")
#: The kinds of useful contact: never a private person.
KINDS = ("organisation", "service", "public_contact")
KIND_LABELS = {"organisation": N_("Organisation"), "service": N_("Service"),
               "public_contact": N_("Public contact point")}
#: A card's fields and their size limits (characters).
SIZES = {"name": 60, "structure": 80, "role": 80, "email": 120, "phone": 30, "bring": 280, "seek": 280}
CONTACT_SIZES = {"organisation": 80, "service": 80, "email": 120, "phone": 30, "website": 120, "offers": 280}
FIELD_LABELS = {"name": N_("Name"), "structure": N_("Structure"), "role": N_("Role"), "email": N_("E-mail"),
                "phone": N_("Phone"), "bring": N_("What I bring"), "seek": N_("What I seek"),
                "organisation": N_("Organisation"), "service": N_("Service or desk"), "website": N_("Website"),
                "offers": N_("What they offer")}
CONTACTS_MAX = 200

# Loose on purpose: a typo is caught, a rare but real address is not refused.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
PHONE = re.compile(r"^\+?[0-9 .()\-/]+$")
WEBSITE = re.compile(r"^(https?://)?[^\s/]+\.[^\s/]{2,}(/\S*)?$", re.IGNORECASE)

ADDRESSBOOK_CARD = event_type(
    "addressbook.card",
    "A card of the room's address book changed: `{key, card, filled, consents}` to everyone; `card` is null "
    "when it left the room's view (its owner took back “visible to the room”, removed it, or a useful contact "
    "was removed). `filled` counts the cards, `consents` how many ticked each use.")
ADDRESSBOOK_MINE = event_type(
    "addressbook.mine", "A participant's own card changed: `{card}` (with its consents; null once removed), to their phones.")


# --- Reading --------------------------------------------------------------------------------------

def _participant_card(doc) -> dict:
    return {"key": f"p{doc['participant']}", "kind": "participant", "participant": doc["participant"],
            **{field: doc.get(field, "") for field in SIZES}, "website": ""}


def _contact_card(doc) -> dict:
    return {"key": f"u{doc.doc_id}", "kind": doc["kind"], "participant": None, "id": doc.doc_id, "name": "",
            "structure": doc["organisation"], "role": doc.get("service", ""), "email": doc.get("email", ""),
            "phone": doc.get("phone", ""), "website": doc.get("website", ""), "bring": doc.get("offers", ""),
            "seek": ""}


def cards(db: TinyDB, use: str) -> list[dict]:
    """The cards whose owners ticked `use` (`room`, `report` or `absentees`), by participant, then
    every useful contact: `{key, kind, participant, name, structure, role, email, phone, website,
    bring, seek}` (a useful contact's `kind` is organisation, service or public_contact; its
    organisation is its `structure`, its service its `role`, what it offers its `bring`)."""
    if use not in USES:
        raise ValueError(f"unknown use {use!r}")
    people = sorted((d for d in db.table(CARDS).all() if d.get("consents", {}).get(use) is True),
                    key=lambda d: d["participant"])
    return [*map(_participant_card, people), *map(_contact_card, sorted(db.table(CONTACTS).all(), key=lambda d: d.doc_id))]


def card_of(db: TinyDB, participant_id) -> dict | None:
    """A participant's own card with its consents (`{..., consents: {room, report, absentees}}`), or None."""
    doc = db.table(CARDS).get(Query().participant == participant_id)
    if doc is None:
        return None
    return {**_participant_card(doc), "consents": {use: doc.get("consents", {}).get(use) is True for use in USES}}


def counts(db: TinyDB) -> tuple[int, dict]:
    docs = db.table(CARDS).all()
    return len(docs), {use: sum(1 for d in docs if d.get("consents", {}).get(use) is True) for use in USES}


def public(db: TinyDB) -> dict:
    """The snapshot's `addressbook`: `{cards, filled, consents}`, the cards visible to the room."""
    filled, consents = counts(db)
    return {"cards": cards(db, "room"), "filled": filled, "consents": consents}


def organisations(db: TinyDB) -> list[str]:
    """The structures named on the participants' cards, whatever their consents (a structure is not
    a contact detail): for the report's list of organisations present. Case and spaces folded."""
    seen: dict[str, str] = {}
    for doc in db.table(CARDS).all():
        name = doc.get("structure", "")
        if name:
            seen.setdefault(" ".join(name.casefold().split()), name)
    return sorted(seen.values(), key=str.casefold)


# --- Checking -------------------------------------------------------------------------------------

def _field(payload: dict, field: str, sizes: dict, required: bool = False) -> str:
    return payloads.text(payload, field, max_len=sizes[field], required=required, label=field) or ""


def _email(payload: dict, sizes: dict) -> str:
    email = _field(payload, "email", sizes)
    if email and not EMAIL.match(email):
        raise bad_input(N_("“%(value)s” does not look like an e-mail address (like name@example.org)."), value=email[:60])
    return email


def _phone(payload: dict, sizes: dict) -> str:
    phone = _field(payload, "phone", sizes)
    digits = sum(ch.isdigit() for ch in phone)
    if phone and (not PHONE.match(phone) or not 6 <= digits <= 15):
        raise bad_input(N_("“%(value)s” does not look like a phone number (digits, spaces, + . - ( ) only)."),
                        value=phone[:40])
    return phone


# --- A participant's card -------------------------------------------------------------------------

def _card_events(db: TinyDB, key: str, card: dict | None) -> Event:
    filled, consents = counts(db)
    return Event(ADDRESSBOOK_CARD, {"key": key, "card": card, "filled": filled, "consents": consents})


def _own_events(db: TinyDB, participant_id: int) -> list[Event]:
    mine = card_of(db, participant_id)
    shown = None
    if mine is not None and mine["consents"]["room"]:
        shown = {k: v for k, v in mine.items() if k != "consents"}
    return [Event(ADDRESSBOOK_MINE, {"card": mine}, to=(rooms.participant(participant_id),)),
            _card_events(db, f"p{participant_id}", shown)]


def save(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`addressbook.save {name, structure?, role?, email?, phone?, bring?, seek?, room?, report?,
    absentees?}`: this participant's whole card; a consent not sent is not given."""
    fields = {"name": _field(payload, "name", SIZES, required=True)}
    for field in ("structure", "role", "bring", "seek"):
        fields[field] = _field(payload, field, SIZES)
    fields["email"], fields["phone"] = _email(payload, SIZES), _phone(payload, SIZES)
    consents = {use: payloads.boolean(payload, use) for use in USES}
    if any(consents.values()) and not any(fields[f] for f in ("structure", "role", "email", "phone", "bring", "seek")):
        raise bad_input(N_("Your card holds only your name: add your structure, a way to reach you or what you bring."))
    table = db.table(CARDS)
    doc = {"participant": participant_id, **fields, "consents": consents}
    if table.get(Query().participant == participant_id) is None:
        table.insert(doc)
    else:
        table.update(doc, Query().participant == participant_id)
    return {"card": card_of(db, participant_id)}, _own_events(db, participant_id)


def consent(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`addressbook.consent {use, given}`: one consent given or taken back, the card unchanged."""
    use = payloads.choice(payload, "use", USES)
    given = payloads.boolean(payload, "given")
    table = db.table(CARDS)
    doc = table.get(Query().participant == participant_id)
    if doc is None:
        raise KioskError("no_card", N_("Fill in your card first."))
    table.update({"consents": {**{u: doc.get("consents", {}).get(u) is True for u in USES}, use: given}},
                 doc_ids=[doc.doc_id])
    return {"card": card_of(db, participant_id)}, _own_events(db, participant_id)


def remove(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`addressbook.remove`: this participant's card leaves the address book, every use with it."""
    table = db.table(CARDS)
    if table.get(Query().participant == participant_id) is None:
        raise KioskError("no_card", N_("You have no card in the address book."))
    table.remove(Query().participant == participant_id)
    return {"card": None}, _own_events(db, participant_id)


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """The facilitator removed a participant: their card goes (the room's view loses it)."""
    table = db.table(CARDS)
    if table.get(Query().participant == participant_id) is None:
        return []
    table.remove(Query().participant == participant_id)
    return [_card_events(db, f"p{participant_id}", None)]


# --- Useful contacts (the facilitator's) -----------------------------------------------------------

def _contact_fields(payload: dict) -> dict:
    fields = {"organisation": _field(payload, "organisation", CONTACT_SIZES, required=True),
              "kind": payloads.choice(payload, "kind", KINDS)}
    for field in ("service", "offers"):
        fields[field] = _field(payload, field, CONTACT_SIZES)
    fields["email"], fields["phone"] = _email(payload, CONTACT_SIZES), _phone(payload, CONTACT_SIZES)
    fields["website"] = _field(payload, "website", CONTACT_SIZES)
    if fields["website"] and not WEBSITE.match(fields["website"]):
        raise bad_input(N_("“%(value)s” does not look like a website (like www.example.org)."), value=fields["website"][:60])
    if not any(fields[f] for f in ("email", "phone", "website")):
        raise bad_input(N_("A useful contact needs a way to reach it: an e-mail, a phone or a website."))
    return fields


def add_contact(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`addressbook.add_contact {organisation, kind, service?, email?, phone?, website?, offers?}`."""
    fields = _contact_fields(payload)
    table = db.table(CONTACTS)
    if len(table) >= CONTACTS_MAX:
        raise KioskError("too_many", N_("The address book holds at most %(max)d useful contacts."), max=CONTACTS_MAX)
    doc_id = table.insert(fields)
    card = _contact_card(table.get(doc_id=doc_id))
    return {"card": card}, [_card_events(db, card["key"], card)]


def edit_contact(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`addressbook.edit_contact {contact_id, …the fields of add_contact}`: the whole contact again."""
    doc = payloads.document(db, CONTACTS, payload, "contact_id", N_("This useful contact is not in the address book."))
    fields = _contact_fields(payload)
    db.table(CONTACTS).update(fields, doc_ids=[doc.doc_id])
    card = _contact_card(db.table(CONTACTS).get(doc_id=doc.doc_id))
    return {"card": card}, [_card_events(db, card["key"], card)]


def remove_contact(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`addressbook.remove_contact {contact_id}`."""
    doc = payloads.document(db, CONTACTS, payload, "contact_id", N_("This useful contact is not in the address book."))
    db.table(CONTACTS).remove(doc_ids=[doc.doc_id])
    return {"removed": doc.doc_id}, [_card_events(db, f"u{doc.doc_id}", None)]
