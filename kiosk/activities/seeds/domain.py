"""Project seeds ("graines de projet") and their action groups ("groupes-actions").

Each group writes one seed on a shared card: a title, the need it answers (prefilled with the
group's name: the need or issue it was formed around), a pitch, a first step, who does what, the
next meeting (date and place), a referent and whether the action group is open to newcomers.

Several members edit a card at once. Each field carries its own version, and a save names the
version it was written on: a save made on an outdated version is refused, and the writer's phone
shows the text saved meanwhile next to theirs to merge the two. Nothing is overwritten unseen
and nothing typed is lost (a last-writer-wins rule, even with a notice, would replace a
teammate's text on the wall and in the export, keeping it only in a notice one may miss).

Anyone in the room joins a seed's action group from their phone (not only the group's members:
the action group is who carries the project on after the day), and leaves it again; one may join
several. The referent is a member of the action group: a referent who leaves stops being one.

Tables: `seeds_seeds` (one document per seed: group, fields, versions, referent, members).
Setting: the seed the wall shows large, under the meta key `seeds_shown`.
"""

from __future__ import annotations

import datetime
import re

from tinydb import TinyDB

from ... import participants, payloads, workshop
from ...errors import N_, KioskError, bad_input
from ...events import Event, event_type

SEEDS = "seeds_seeds"
SHOWN = "seeds_shown"

#: The card's text fields and their longest length.
TEXTS = {"title": 80, "need": 280, "pitch": 1000, "first_step": 500, "who_does_what": 1000, "meeting_place": 120}
MULTILINE = ("pitch", "first_step", "who_does_what")
#: Every field a `seed.edit` writes, in the card's order.
FIELDS = ("title", "need", "pitch", "first_step", "who_does_what", "meeting_date", "meeting_place", "open")
#: Each field's label (the export's columns, the console's and the phones' forms).
LABELS = {
    "title": N_("Title"), "need": N_("Need"), "pitch": N_("Pitch"), "first_step": N_("First step"),
    "who_does_what": N_("Who does what"), "meeting_date": N_("Next meeting date"),
    "meeting_place": N_("Next meeting place"), "open": N_("Open to newcomers"),
}

SEEDS_OPENED = event_type("seeds.opened", "Seed cards were opened, one per group: `{seeds}` (every seed), to everyone.")
SEED_UPDATED = event_type(
    "seed.updated", "A seed changed (a field, its action group, its referent): `{seed}` as in the snapshot, to everyone.")
SEED_SHOWN = event_type("seed.shown", "The wall shows this seed large: `{seed_id}` (null: every seed again), to everyone.")


def public(doc) -> dict:
    return {"id": doc.doc_id, "group_id": doc["group_id"], **{f: doc[f] for f in FIELDS},
            "referent": doc.get("referent"), "members": list(doc["members"]), "versions": dict(doc["versions"])}


def all_seeds(db: TinyDB) -> list[dict]:
    return [public(doc) for doc in sorted(db.table(SEEDS).all(), key=lambda d: d.doc_id)]


def shown(db: TinyDB) -> int | None:
    """The seed the wall shows large, or None (also when that seed is gone)."""
    seed_id = workshop.meta(db).get(SHOWN)
    return seed_id if seed_id is not None and db.table(SEEDS).contains(doc_id=seed_id) else None


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def seeds(db: TinyDB) -> list[dict]:
    """Every seed as plain values, for the other activities' pages (the absentees' page): each
    field, `referent` (an id) and `referent_name`, `members` as first names, `group` (its name)."""
    people = {doc.doc_id: doc["name"] for doc in db.table("participants").all()}
    groups = {doc.doc_id: doc["name"] for doc in db.table("groups").all()}
    result = []
    for view in all_seeds(db):
        referent = view["referent"]
        result.append({**{f: view[f] for f in FIELDS}, "id": view["id"], "group": groups.get(view["group_id"], ""),
                       "referent": referent, "referent_name": _first_name(people.get(referent, "")),
                       "members": [_first_name(people[m]) for m in view["members"] if m in people]})
    return result


def _get(db: TinyDB, payload: dict):
    return payloads.document(db, SEEDS, payload, "seed_id", N_("This seed does not exist."))


def _updated(db: TinyDB, seed_id: int) -> tuple[dict, list[Event]]:
    view = public(db.table(SEEDS).get(doc_id=seed_id))
    return {"seed": view}, [Event(SEED_UPDATED, {"seed": view})]


# --- Opening the cards ----------------------------------------------------------------------------

def open_seeds(db: TinyDB, payload: dict | None = None) -> tuple[dict, list[Event]]:
    """`seeds.open`: one card per group that has none yet, the need prefilled with the group's name."""
    table = db.table(SEEDS)
    groups = sorted(db.table("groups").all(), key=lambda d: d.doc_id)
    if not groups:
        raise KioskError("no_groups", N_("Form the groups first: each group writes one seed."))
    held = {doc["group_id"] for doc in table.all()}
    for group in groups:
        if group.doc_id not in held:
            table.insert({"group_id": group.doc_id, "title": "", "need": group["name"][:TEXTS["need"]], "pitch": "",
                          "first_step": "", "who_does_what": "", "meeting_date": "", "meeting_place": "",
                          "open": True, "referent": None, "members": [], "versions": dict.fromkeys(FIELDS, 0)})
    views = all_seeds(db)
    return {"seeds": views}, [Event(SEEDS_OPENED, {"seeds": views})]


def on_enter(db: TinyDB, phase: str) -> list[Event]:
    """Entering the seeds phase opens the cards of the groups that have none (quietly before any group)."""
    if phase != "seeds" or not db.table("groups").all():
        return []
    groups = {doc.doc_id for doc in db.table("groups").all()}
    if groups <= {doc["group_id"] for doc in db.table(SEEDS).all()}:
        return []
    return open_seeds(db)[1]


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a seeds step: the cards of the groups that have none open (entering the phase did it
    already when the phase changed); without groups, the console hears why."""
    if not db.table("groups").all():
        raise KioskError("no_groups", N_("Form the groups first: each group writes one seed."))
    return on_enter(db, "seeds")


# --- Writing a card -------------------------------------------------------------------------------

def _may_write(db: TinyDB, seed, participant_id: int | None) -> None:
    """The facilitator writes any card; a participant writes their group's card or their action group's."""
    if participant_id is None or participant_id in seed["members"]:
        return
    group = db.table("groups").get(doc_id=seed["group_id"])
    if group is None or participant_id not in group["members"]:
        raise KioskError("forbidden", N_("Only the group that writes this seed, or its action group, can change it."))


def _is_day(text: str) -> bool:
    """YYYY-MM-DD, a real day (what a date field sends; Python also reads "20261214", the phones not)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _value(payload: dict, field: str):
    if field == "open":
        return payloads.boolean(payload, "value")
    if field == "meeting_date":
        value = payloads.text(payload, "value", max_len=10, required=False, label=LABELS[field]) or ""
        if value and not _is_day(value):
            raise bad_input(N_("Write the meeting's date as year-month-day, like 2026-12-14."))
        return value
    return payloads.text(payload, "value", max_len=TEXTS[field], required=False, label=LABELS[field],
                         multiline=field in MULTILINE) or ""


def edit(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`seed.edit {seed_id, field, value, version}`: write one field of a card, on the version it was
    read at. A save on an outdated version is refused ("conflict"): the phone shows the text saved
    meanwhile (which every screen received) for the writer to merge, and saves again."""
    seed = _get(db, payload)
    _may_write(db, seed, participant_id)
    field = payloads.choice(payload, "field", FIELDS)
    version = payloads.integer(payload, "version", minimum=0)
    value = _value(payload, field)
    current = seed["versions"][field]
    if version != current:
        if seed[field] == value:  # two writers typed the same: nothing to merge
            return {"seed": public(seed)}, []
        raise KioskError("conflict", N_("Someone saved “%(field)s” while you were writing: their text is shown "
                                        "next to yours. Merge the two, then save again."), field=LABELS[field])
    if seed[field] == value:
        return {"seed": public(seed)}, []
    db.table(SEEDS).update({field: value, "versions": {**seed["versions"], field: current + 1}}, doc_ids=[seed.doc_id])
    return _updated(db, seed.doc_id)


# --- The action group -----------------------------------------------------------------------------

def _who(db: TinyDB, payload: dict, participant_id: int | None) -> int:
    return participant_id if participant_id is not None else participants.named(db, payload)


def join(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`seed.join {seed_id}`: join a seed's action group (anyone in the room; several seeds allowed);
    the facilitator adds `participant_id`."""
    seed = _get(db, payload)
    who = _who(db, payload, participant_id)
    if who in seed["members"]:
        return {"seed": public(seed)}, []
    db.table(SEEDS).update({"members": [*seed["members"], who]}, doc_ids=[seed.doc_id])
    return _updated(db, seed.doc_id)


def _without(seed, who: int) -> dict:
    fields = {"members": [m for m in seed["members"] if m != who]}
    if seed.get("referent") == who:
        fields["referent"] = None
    return fields


def leave(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`seed.leave {seed_id}`: leave a seed's action group (a referent who leaves stops being one)."""
    seed = _get(db, payload)
    who = _who(db, payload, participant_id)
    if who not in seed["members"]:
        raise KioskError("not_member", N_("You are not in this seed's action group."))
    db.table(SEEDS).update(_without(seed, who), doc_ids=[seed.doc_id])
    return _updated(db, seed.doc_id)


def set_referent(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`seed.referent {seed_id, participant_id}`: the facilitator picks the referent among the action
    group's members (null clears); a member volunteers themself when the seat is free."""
    seed = _get(db, payload)
    if participant_id is not None:
        if payload.get("participant_id") != participant_id:
            raise KioskError("forbidden", N_("You can only volunteer yourself as referent."))
        holder = seed.get("referent")
        if holder not in (None, participant_id):
            raise KioskError("taken", N_("This seed already has a referent: %(name)s."),
                             name=participants.get(db, holder)["name"])
        referent = participant_id
    elif payload.get("participant_id") is None:
        referent = None
    else:
        referent = participants.named(db, payload)
    if referent is not None and referent not in seed["members"]:
        raise KioskError("not_member", N_("The referent is a member of the action group: join it first."))
    db.table(SEEDS).update({"referent": referent}, doc_ids=[seed.doc_id])
    return _updated(db, seed.doc_id)


def show(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`seeds.show {seed_id}`: the wall shows this seed large (`seed_id: null` shows every seed again)."""
    seed_id = _get(db, payload).doc_id if payload.get("seed_id") is not None else None
    workshop.save(db, {SHOWN: seed_id})
    return {"seed_id": seed_id}, [Event(SEED_SHOWN, {"seed_id": seed_id})]


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A removed participant leaves every action group (and the referent's seat)."""
    events = []
    for seed in db.table(SEEDS).all():
        if participant_id in seed["members"] or seed.get("referent") == participant_id:
            db.table(SEEDS).update(_without(seed, participant_id), doc_ids=[seed.doc_id])
            events += _updated(db, seed.doc_id)[1]
    return events


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """A seed card shown large on the wall (`wall.spotlight`; `seeds.show` shows it within the seeds' view):
    its title, its group, each field written, its next meeting, its action group and referent."""
    doc = payloads.document(db, SEEDS, {"id": item_id}, "id", N_("This seed does not exist."))
    group = db.table("groups").get(doc_id=doc["group_id"])
    parts = [{"label": t.gettext(LABELS[f]), "text": doc[f]} for f in ("need", "pitch", "first_step", "who_does_what")
             if doc[f]]
    when = " · ".join(filter(None, [t.date(doc["meeting_date"]) if doc["meeting_date"] else "", doc["meeting_place"]]))
    if when:
        parts.append({"label": t.gettext("Next meeting"), "text": when})
    referent = participants.get(db, doc.get("referent"))
    n = len(doc["members"])
    figures = [t.ngettext("%(n)d in the action group", "%(n)d in the action group", n) % {"n": n}]
    if referent:
        figures.append(t.gettext("Referent: %(name)s") % {"name": _first_name(referent["name"])})
    return {"text": doc["title"] or t.gettext("Seed without a title yet"), "context": group["name"] if group else None,
            "parts": parts, "figures": figures}
