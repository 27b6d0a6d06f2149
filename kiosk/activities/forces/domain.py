"""Blockers and triggers: a force-field board ("les blocages, les déclencheurs", seed 003).

The room posts items from the phones (the facilitator from the console): each is a *blocker*
(what holds the change back) or a *trigger* (what sets it going), with its strength (1 to 5) and
how far the room can act on it (1 to 5). The wall draws the two sides facing each other, the
strongest first. The author (or the facilitator) changes an item's figures or text while the
board is open; the facilitator hides and restores items. The most actionable items become the
levers groups: the group source `forces` (`groups.form {count, from: "forces"}`).

Tables: `forces_items` (one per item: kind, text, strength, actionable, author, hidden); the
board's state lives under the meta key `forces` (`{status, prompt}`). One board per workshop: a
second step of the phase goes on with the same board.
"""

from __future__ import annotations

from tinydb import Query, TinyDB

from ... import derived, payloads, rooms, workshop
from ...errors import N_, KioskError, bad_input
from ...events import Event, event_type, gather

ITEMS = "forces_items"
META = "forces"

FORCES_STATUS = event_type(
    "forces.status", "The force-field board opened or closed: `{forces: {status, prompt}}`, to everyone.")
FORCES_ITEM = event_type(
    "forces.item", "Items appeared or changed: `{items: [{id, kind, text, strength, actionable}]}` to the wall and the "
    "phones while shown (a hidden one comes as `{id, hidden: true}`); the console's copy adds `author` and `hidden`. "
    "Gathered: a room posting at once costs each screen a few messages a second.", deliver=gather("items"))
FORCES_MINE = event_type(
    "forces.mine", "A participant posted an item: `{item_id}`, to their phones (they may change it while the board is open).")

BLOCKER, TRIGGER = "blocker", "trigger"
KINDS = (BLOCKER, TRIGGER)
KIND_LABELS = {BLOCKER: N_("Blocker"), TRIGGER: N_("Trigger")}
TEXT_MAX = 140
PROMPT_MAX = 140
ITEMS_PER_PERSON = 20
OPEN, CLOSED = "open", "closed"
STEP_KEYS = {"prompt": "the question of the force-field board, shown on the phones and the wall (at most 140 characters)"}


def step_options(reader) -> dict | None:
    """A forces step's options: `{prompt}`."""
    prompt = reader.text("prompt", PROMPT_MAX)
    return None if prompt is None else {"prompt": prompt}


# --- Reading --------------------------------------------------------------------------------------

def _board(db: TinyDB) -> dict | None:
    return workshop.meta(db).get(META) or None


def public_item(doc) -> dict:
    return {"id": doc.doc_id, "kind": doc["kind"], "text": doc["text"], "strength": doc["strength"],
            "actionable": doc["actionable"]}


def console_item(doc) -> dict:
    return {**public_item(doc), "author": doc.get("author"), "hidden": doc.get("hidden", False)}


def _docs(db: TinyDB) -> list:
    return sorted(db.table(ITEMS).all(), key=lambda d: d.doc_id)


def items(db: TinyDB) -> list[dict]:
    """The shown items, `{id, kind, text, strength, actionable, author}`, strongest first (then the
    most actionable, then the oldest): what the wall, the export and other activities read."""
    found = [{**public_item(d), "author": d.get("author")} for d in _docs(db) if not d.get("hidden")]
    return sorted(found, key=lambda i: (-i["strength"], -i["actionable"], i["id"]))


def levers(db: TinyDB) -> list[dict]:
    """The shown items the room can act on most (then the strongest, then the oldest)."""
    return sorted(items(db), key=lambda i: (-i["actionable"], -i["strength"], i["id"]))


def _view(db: TinyDB, everything: bool) -> dict | None:
    board = _board(db)
    if board is None:
        return None
    shown = [console_item(d) if everything else public_item(d) for d in _docs(db)
             if everything or not d.get("hidden")]
    return {"status": board["status"], "prompt": board["prompt"], "items": shown}


def public(db: TinyDB) -> dict | None:
    """The snapshot's `forces`: `{status, prompt, items: [{id, kind, text, strength, actionable}]}`, oldest first."""
    return _view(db, everything=False)


def console(db: TinyDB) -> dict | None:
    """The console's `forces`: every item, hidden ones too, with its author."""
    return _view(db, everything=True)


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """A blocker or a trigger shown large on the wall (`wall.spotlight`): its text, its kind, its
    strength and how far the room can act on it. A hidden one is not on the wall."""
    doc = payloads.document(db, ITEMS, {"id": item_id}, "id", N_("This blocker or trigger is not on the wall."))
    if doc.get("hidden"):
        raise KioskError("not_found", N_("This blocker or trigger is not on the wall."))
    return {"text": doc["text"], "context": t.gettext(KIND_LABELS[doc["kind"]]),
            "figures": [t.gettext("Strength {n}/5").format(n=doc["strength"]),
                        t.gettext("Can act {n}/5").format(n=doc["actionable"])]}


def mine(db: TinyDB, participant_id: int) -> list[int]:
    """`me.forces`: the ids of a participant's own items (they may change them while the board is open)."""
    return list(derived.by_field(db, ITEMS, "author").get(participant_id, []))


# --- Changing -------------------------------------------------------------------------------------

def _status_event(db: TinyDB) -> Event:
    board = _board(db)
    return Event(FORCES_STATUS, {"forces": {"status": board["status"], "prompt": board["prompt"]}})


def _item_events(doc) -> list[Event]:
    room_view = {"id": doc.doc_id, "hidden": True} if doc.get("hidden") else public_item(doc)
    return [Event(FORCES_ITEM, {"items": [room_view]}, to=(rooms.WALL, rooms.PHONES)),
            Event(FORCES_ITEM, {"items": [console_item(doc)]}, to=(rooms.FACILITATOR,))]


def open_board(db: TinyDB, payload: dict, step=None) -> tuple[dict, list[Event]]:
    """`forces.open {prompt?}`: the board takes items (the step's question by default); its items stay."""
    options = step.options if step is not None and step.phase == "forces" else {}
    board = _board(db)
    prompt = payloads.text(payload, "prompt", max_len=PROMPT_MAX, required=False)
    if prompt is None:
        prompt = options.get("prompt") or (board["prompt"] if board else "")
    workshop.save(db, {META: {"status": OPEN, "prompt": prompt}})
    return {"forces": public(db)}, [_status_event(db)]


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a forces step: the board opens with the step's question, unless it is open already."""
    board = _board(db)
    if board is not None and board["status"] == OPEN:
        return []
    return open_board(db, {}, step)[1]


def close_board(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`forces.close`: no more items nor changes; the board stays on the wall and in the export."""
    board = _open(db)
    workshop.save(db, {META: {**board, "status": CLOSED}})
    return {}, [_status_event(db)]


def _open(db: TinyDB) -> dict:
    board = _board(db)
    if board is None:
        raise KioskError("no_forces", N_("The board of blockers and triggers is not open yet: the facilitator opens it."))
    if board["status"] != OPEN:
        raise KioskError("forces_closed", N_("The board of blockers and triggers is closed: items are no longer taken."))
    return board


#: What a figure out of 1 to 5 is refused with, by field.
FIGURE_ERRORS = {"strength": N_("The strength is a whole number from 1 (weak) to 5 (strong)."),
                 "actionable": N_("“Can we act on it?” is a whole number from 1 (hardly) to 5 (fully).")}


def _figure(payload: dict, field: str) -> int:
    value = payload.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise bad_input(FIGURE_ERRORS[field])
    return value


def _fields(payload: dict, doc=None) -> dict:
    """The item's fields from a payload: each one given is checked; those not given keep their value."""
    fields = {}
    if doc is None or "kind" in payload:
        if payload.get("kind") not in KINDS:
            raise bad_input(N_("An item is a blocker or a trigger."))
        fields["kind"] = payload["kind"]
    if doc is None or "text" in payload:
        fields["text"] = payloads.text(payload, "text", max_len=TEXT_MAX)
    if doc is None or "strength" in payload:
        fields["strength"] = _figure(payload, "strength")
    if doc is None or "actionable" in payload:
        fields["actionable"] = _figure(payload, "actionable")
    return fields


def add(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`forces.add {kind, text, strength, actionable}`: an item on the open board, from a phone (its
    author) or the console (no author). The same text of the same kind from the same person is the
    same item (a double tap): the answer gives it back and nothing changes."""
    _open(db)
    fields = _fields(payload)
    table = db.table(ITEMS)
    if participant_id is not None:
        theirs = [table.get(doc_id=i) for i in derived.by_field(db, ITEMS, "author").get(participant_id, [])]
        folded = " ".join(fields["text"].casefold().split())
        same = next((d for d in theirs if d["kind"] == fields["kind"]
                     and " ".join(d["text"].casefold().split()) == folded), None)
        if same is not None:
            return {"item": public_item(same)}, []
        if len(theirs) >= ITEMS_PER_PERSON:
            raise KioskError("too_many_items", N_("You have posted %(max)d items: change one rather than adding more."),
                             max=ITEMS_PER_PERSON)
    doc_id = table.insert({**fields, "author": participant_id, "hidden": False})
    derived.filed(db, ITEMS, "author", doc_id, derived.NEW, participant_id)
    doc = table.get(doc_id=doc_id)
    mine = [Event(FORCES_MINE, {"item_id": doc_id}, to=(rooms.participant(participant_id),))] \
        if participant_id is not None else []
    return {"item": public_item(doc)}, _item_events(doc) + mine


def _item(db: TinyDB, payload: dict):
    return payloads.document(db, ITEMS, payload, "item_id", N_("This item does not exist."))


def change(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`forces.change {item_id, kind?, text?, strength?, actionable?}`: the author changes their item
    while the board is open; the facilitator changes any item at any time."""
    doc = _item(db, payload)
    if participant_id is not None:
        _open(db)
        if doc.get("author") != participant_id:
            raise KioskError("forbidden", N_("This item is not yours: you can change only your own items."))
    fields = _fields(payload, doc)
    if not fields:
        raise bad_input(N_("Say what changes: kind, text, strength or “can we act on it?”."))
    db.table(ITEMS).update(fields, doc_ids=[doc.doc_id])
    doc = db.table(ITEMS).get(doc_id=doc.doc_id)
    return {"item": public_item(doc)}, _item_events(doc)


def set_hidden(db: TinyDB, payload: dict, hide: bool) -> tuple[dict, list[Event]]:
    """`forces.hide {item_id}` / `forces.restore {item_id}`: an item leaves the room's view (the export
    marks it) or comes back."""
    doc = _item(db, payload)
    if bool(doc.get("hidden")) == hide:
        return {"item": console_item(doc)}, []
    db.table(ITEMS).update({"hidden": hide}, doc_ids=[doc.doc_id])
    doc = db.table(ITEMS).get(doc_id=doc.doc_id)
    return {"item": console_item(doc)}, _item_events(doc)


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A removed participant's items lose their author and leave the room's view (the export keeps
    them, marked hidden)."""
    events = []
    for doc in db.table(ITEMS).search(Query().author == participant_id):
        db.table(ITEMS).update({"author": None, "hidden": True}, doc_ids=[doc.doc_id])
        derived.filed(db, ITEMS, "author", doc.doc_id, participant_id, None)
        events += _item_events(db.table(ITEMS).get(doc_id=doc.doc_id))
    return events
