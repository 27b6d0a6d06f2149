"""Surprises ("rapport d'étonnement", seed 003): each table posts what surprised it.

The members of a table post short texts (280 characters at most) for their table; any member may
take one of their table's back while the surprises are open; the facilitator hides and restores.
The wall shows them table by table: side by side in the `surprises` phase, and during the
report-back (the report activity's cycle through the groups) under the board of the table that
presents. A surprise keeps the name of the table that wrote it.

Tables: `surprises_surprises` (table, group_id, text, author, hidden, withdrawn); the state under
the meta key `surprises` (`{status, prompt}`).
"""

from __future__ import annotations

from tinydb import Query, TinyDB

from ... import derived, payloads, rooms, workshop
from ...errors import N_, KioskError
from ...events import Event, event_type, gather
from ..groups import domain as groups

SURPRISES = "surprises_surprises"
META = "surprises"

SURPRISES_STATUS = event_type(
    "surprises.status", "The surprises opened or closed: `{surprises: {status, prompt}}`, to everyone.")
SURPRISES_CHANGED = event_type(
    "surprises.changed", "Surprises appeared or changed: `{items: [{id, table, group_id, text}]}` to the wall and the "
    "phones while shown (one gone as `{id, gone: true}`); the console's copy adds `author` and `hidden`. Gathered.",
    deliver=gather("items"))

TEXT_MAX = 280
PROMPT_MAX = 140
PER_PERSON = 10
OPEN, CLOSED = "open", "closed"
STEP_KEYS = {"prompt": "the question of the surprises, shown on the phones and the wall (at most 140 characters)"}


def step_options(reader) -> dict | None:
    """A surprises step's options: `{prompt}`."""
    prompt = reader.text("prompt", PROMPT_MAX)
    return None if prompt is None else {"prompt": prompt}


def _state(db: TinyDB) -> dict | None:
    return workshop.meta(db).get(META) or None


def public_item(doc) -> dict:
    return {"id": doc.doc_id, "table": doc["table"], "group_id": doc.get("group_id"), "text": doc["text"]}


def console_item(doc) -> dict:
    return {**public_item(doc), "author": doc.get("author"), "hidden": doc.get("hidden", False)}


def _docs(db: TinyDB) -> list:
    return sorted((d for d in db.table(SURPRISES).all() if not d.get("withdrawn")), key=lambda d: d.doc_id)


def surprises(db: TinyDB) -> list[dict]:
    """Every surprise not taken back, oldest first, with `hidden`: what the export reads."""
    return [{**public_item(d), "hidden": d.get("hidden", False)} for d in _docs(db)]


def _view(db: TinyDB, everything: bool) -> dict | None:
    state = _state(db)
    if state is None:
        return None
    return {"status": state["status"], "prompt": state["prompt"],
            "items": [console_item(d) if everything else public_item(d) for d in _docs(db)
                      if everything or not d.get("hidden")]}


def public(db: TinyDB) -> dict | None:
    """The snapshot's `surprises`: `{status, prompt, items: [{id, table, group_id, text}]}`, oldest first."""
    return _view(db, everything=False)


def console(db: TinyDB) -> dict | None:
    """The console's `surprises`: hidden ones too, with their author."""
    return _view(db, everything=True)


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """A surprise shown large on the wall (`wall.spotlight`): its text and its table. A hidden or
    taken back one is not on the wall."""
    doc = payloads.document(db, SURPRISES, {"id": item_id}, "id", N_("This surprise is not on the wall."))
    if doc.get("hidden") or doc.get("withdrawn"):
        raise KioskError("not_found", N_("This surprise is not on the wall."))
    return {"text": doc["text"], "context": doc["table"]}


def _status_event(db: TinyDB) -> Event:
    state = _state(db)
    return Event(SURPRISES_STATUS, {"surprises": {"status": state["status"], "prompt": state["prompt"]}})


def _events(doc) -> list[Event]:
    gone = doc.get("hidden") or doc.get("withdrawn")
    room_view = {"id": doc.doc_id, "gone": True} if gone else public_item(doc)
    console_view = {"id": doc.doc_id, "gone": True} if doc.get("withdrawn") else console_item(doc)
    return [Event(SURPRISES_CHANGED, {"items": [room_view]}, to=(rooms.WALL, rooms.PHONES)),
            Event(SURPRISES_CHANGED, {"items": [console_view]}, to=(rooms.FACILITATOR,))]


def open_surprises(db: TinyDB, payload: dict, step=None) -> tuple[dict, list[Event]]:
    """`surprises.open {prompt?}`: the tables post what surprised them (the step's question by default)."""
    options = step.options if step is not None and step.phase == "surprises" else {}
    state = _state(db) or {"prompt": ""}
    prompt = payloads.text(payload, "prompt", max_len=PROMPT_MAX, required=False)
    if prompt is None:
        prompt = options.get("prompt") or state["prompt"]
    workshop.save(db, {META: {"status": OPEN, "prompt": prompt}})
    return {"surprises": public(db)}, [_status_event(db)]


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a surprises step: they open with the step's question, unless they are open already."""
    state = _state(db)
    if state is not None and state["status"] == OPEN:
        return []
    return open_surprises(db, {}, step)[1]


def _open(db: TinyDB) -> dict:
    state = _state(db)
    if state is None or state["status"] != OPEN:
        raise KioskError("surprises_closed", N_("The surprises are not open: the facilitator opens them."))
    return state


def close_surprises(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`surprises.close`: no more posts; they stay on the wall, for the report-back, and in the export."""
    state = _open(db)
    workshop.save(db, {META: {**state, "status": CLOSED}})
    return {}, [_status_event(db)]


def _group(db: TinyDB, participant_id: int):
    group = groups.group_of(db, participant_id)
    if group is None:
        raise KioskError("no_group", N_("Join your table first: each table posts its own surprises."))
    return group


def post(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`surprises.post {text}`: a surprise of the participant's table. The same text from the same
    person is the same surprise (a double tap)."""
    _open(db)
    group = _group(db, participant_id)
    text = payloads.text(payload, "text", max_len=TEXT_MAX, multiline=True)
    theirs = [d for d in derived.having(db, SURPRISES, "author", participant_id) if not d.get("withdrawn")]
    folded = " ".join(text.casefold().split())
    same = next((d for d in theirs if " ".join(d["text"].casefold().split()) == folded), None)
    if same is not None:
        return {"surprise": public_item(same)}, []
    if len(theirs) >= PER_PERSON:
        raise KioskError("too_many_surprises", N_("You have posted %(max)d surprises: that is plenty!"), max=PER_PERSON)
    doc_id = db.table(SURPRISES).insert({"table": group["name"], "group_id": group.doc_id, "text": text,
                                         "author": participant_id, "hidden": False, "withdrawn": False})
    derived.filed(db, SURPRISES, "author", doc_id, derived.NEW, participant_id)
    doc = db.table(SURPRISES).get(doc_id=doc_id)
    return {"surprise": public_item(doc)}, _events(doc)


def _surprise(db: TinyDB, payload: dict):
    doc = payloads.document(db, SURPRISES, payload, "surprise_id", N_("This surprise does not exist."))
    if doc.get("withdrawn"):
        raise KioskError("not_found", N_("This surprise does not exist."))
    return doc


def withdraw(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`surprises.withdraw {surprise_id}`: a member of the table takes one of its surprises back while they are open."""
    _open(db)
    doc = _surprise(db, payload)
    group = groups.group_of(db, participant_id)
    if group is None or group["name"] != doc["table"]:
        raise KioskError("forbidden", N_("This surprise is another table's: take back only your table's."))
    db.table(SURPRISES).update({"withdrawn": True}, doc_ids=[doc.doc_id])
    return {"surprise_id": doc.doc_id}, _events(db.table(SURPRISES).get(doc_id=doc.doc_id))


def set_hidden(db: TinyDB, payload: dict, hide: bool) -> tuple[dict, list[Event]]:
    """`surprises.hide {surprise_id}` / `surprises.restore {surprise_id}`: it leaves the room's view, or comes back."""
    doc = _surprise(db, payload)
    if bool(doc.get("hidden")) == hide:
        return {"surprise": console_item(doc)}, []
    db.table(SURPRISES).update({"hidden": hide}, doc_ids=[doc.doc_id])
    doc = db.table(SURPRISES).get(doc_id=doc.doc_id)
    return {"surprise": console_item(doc)}, _events(doc)


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A removed participant's surprises stay their table's, without author."""
    db.table(SURPRISES).update({"author": None}, Query().author == participant_id)
    derived.refile(db, SURPRISES, "author")
    return []
