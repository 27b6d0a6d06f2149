"""The round table ("tour de table dynamique"): each person in turn, with a short timer.

`roundtable.start {order: join|random}` fixes the order once: the participants in the order they
joined, or shuffled once and kept (a reload or a restart of the box never draws again). The
facilitator then gives the floor: `roundtable.next` to the next in that order, `roundtable.pick
{participant_id}` to anyone, `roundtable.skip` sends the speaker to the end of the queue ("come
back later"). Each turn starts a countdown of the step's `seconds` (60 by default), which the
`timer.*` commands drive like the report-back's. Whoever speaks next is done when the floor moves
on. Participants who join after the start queue at the end at the next move.

The wall shows the speaker's first name and, from their address-book card when they made it
visible to the room, their structure and what they bring and seek: the screens join the public
cards (`addressbook`) themselves, so a consent taken back leaves the wall at once.

State in the workshop's meta document: `roundtable = {mode, order, current, done, later, seconds,
duration_s, started_at, ends_at, remaining_s}` (`order` the queue fixed at the start, `done` who
spoke in the order they spoke, `later` who was skipped and comes back after the others).
"""

from __future__ import annotations

import random

from tinydb import TinyDB

from ... import participants, payloads, rooms, workshop
from ...countdown import public_countdown
from ...countdown import start as start_countdown
from ...errors import N_, KioskError
from ...events import Event, event_type

ROUNDTABLE_CHANGED = event_type(
    "roundtable.changed",
    "The round table moved on (started, a new speaker, someone skipped or removed) or its countdown changed: "
    "`{roundtable, now}`, to everyone (the speaker's phone shows the time left).")

MODES = ("join", "random")
SECONDS_DEFAULT = 60
SECONDS_MIN, SECONDS_MAX = 10, 600
STEP_KEYS = {"seconds": f"how long each person speaks, in seconds ({SECONDS_MIN} to {SECONDS_MAX}, default 60)",
             "order": "who speaks first: \"join\" (the order people joined, the default) or \"random\" (drawn once)"}


def step_options(reader) -> dict | None:
    """A round-table step's options: `{seconds, order}`."""
    options = {"seconds": SECONDS_DEFAULT, "order": MODES[0]}
    if reader.has("seconds"):
        value = reader.block["seconds"]
        if isinstance(value, bool) or not isinstance(value, int) or not SECONDS_MIN <= value <= SECONDS_MAX:
            reader.problem("seconds", f"must be a whole number from {SECONDS_MIN} to {SECONDS_MAX}, like seconds = 60")
            return None
        options["seconds"] = value
    if reader.has("order"):
        if reader.block["order"] not in MODES:
            reader.problem("order", f"must be \"join\" or \"random\", not {reader.block['order']!r}")
            return None
        options["order"] = reader.block["order"]
    return options


# --- Reading --------------------------------------------------------------------------------------

def _stored(db: TinyDB) -> dict | None:
    return workshop.meta(db).get("roundtable") or None


def running(db: TinyDB) -> bool:
    """While someone has the floor, `timer.*` acts on their countdown."""
    doc = _stored(db)
    return doc is not None and doc.get("current") is not None


def waiting(doc: dict) -> list[int]:
    """Who has not spoken yet, in the order they will: the queue, then those skipped."""
    skip = {*doc["done"], *doc["later"], doc["current"]}
    return [p for p in doc["order"] if p not in skip] + [p for p in doc["later"] if p != doc["current"]]


def _name(db: TinyDB, participant_id: int | None) -> str | None:
    """A first name for the phones, which do not hear who joins (`participant.joined`)."""
    doc = participants.get(db, participant_id) if participant_id is not None else None
    return doc["name"] if doc is not None else None


def public(db: TinyDB) -> dict | None:
    """The snapshot's `roundtable`: `{mode, order, current, current_name, next, next_name, done, later,
    spoken, total, seconds}`
    and the turn's countdown (`duration_s, started_at, ends_at, remaining_s, paused`); null before it starts."""
    doc = _stored(db)
    if doc is None:
        return None
    queue = waiting(doc)
    following = queue[0] if queue else None
    view = {"mode": doc["mode"], "order": list(doc["order"]), "current": doc["current"],
            "current_name": _name(db, doc["current"]), "next": following, "next_name": _name(db, following), "done": list(doc["done"]), "later": list(doc["later"]),
            "spoken": len(doc["done"]) + (1 if doc["current"] is not None else 0), "total": len(doc["order"]),
            "seconds": doc["seconds"]}
    if doc.get("duration_s") is not None:
        view.update(public_countdown(doc))
    return view


def results(db: TinyDB) -> dict:
    """`results.json`'s `roundtable`: the order, who spoke (in the order they spoke), who did not;
    first names only, no contact detail."""
    doc = _stored(db)
    if doc is None:
        return {"roundtable": None}
    names = {p["id"]: p["name"] for p in participants.all_public(db)}
    spoke = [*doc["done"], *([doc["current"]] if doc["current"] is not None else [])]
    return {"roundtable": {"mode": doc["mode"], "seconds": doc["seconds"],
                           "order": [{"id": p, "name": names.get(p, "")} for p in doc["order"]],
                           "spoke": [{"id": p, "name": names.get(p, "")} for p in spoke],
                           "not_spoken": [{"id": p, "name": names.get(p, "")} for p in waiting(doc)]}}


# --- Changing -------------------------------------------------------------------------------------

def _changed(db: TinyDB, now: float, to=rooms.EVERYONE) -> list[Event]:
    return [Event(ROUNDTABLE_CHANGED, {"roundtable": public(db), "now": now}, to=to)]


def _answer(db: TinyDB, now: float) -> dict:
    return {"roundtable": public(db), "now": now}


def _require(db: TinyDB) -> dict:
    doc = _stored(db)
    if doc is None:
        raise KioskError("no_roundtable", N_("The round table has not started."))
    return doc


def _with_newcomers(db: TinyDB, doc: dict) -> dict:
    """Those who joined after the start queue at the end, in the order they joined."""
    known = set(doc["order"])
    return {**doc, "order": doc["order"] + [p["id"] for p in participants.all_public(db) if p["id"] not in known]}


def _give_floor(db: TinyDB, doc: dict, speaker: int | None, now: float) -> None:
    doc = {**doc, "current": speaker, "later": [p for p in doc["later"] if p != speaker]}
    if speaker is not None:
        doc.update(start_countdown(doc["seconds"], now))
    else:
        doc.update({"duration_s": None, "started_at": None, "ends_at": None, "remaining_s": None})
    workshop.save(db, {"roundtable": doc})


def _finish_turn(doc: dict) -> dict:
    """The speaker spoke: they join `done`."""
    if doc["current"] is None:
        return doc
    return {**doc, "done": doc["done"] + [doc["current"]], "current": None}


def start(db: TinyDB, payload: dict, step, now: float, seed: int | None = None) -> tuple[dict, list[Event]]:
    """`roundtable.start {order: join|random, seconds?}`: fix the order once; nobody speaks yet."""
    if _stored(db) is not None:
        raise KioskError("roundtable_started", N_("The round table has already started: its order is kept."))
    mode = payloads.choice({"order": payload.get("order", "join")}, "order", MODES)
    options = step.options if step is not None and step.phase == "roundtable" else {}
    seconds = payloads.integer(payload, "seconds", minimum=SECONDS_MIN, maximum=SECONDS_MAX,
                               default=options.get("seconds", SECONDS_DEFAULT))
    order = [p["id"] for p in participants.all_public(db)]
    if not order:
        raise KioskError("nobody", N_("Nobody has joined yet: the round table starts once people are in."))
    if mode == "random":
        random.Random(seed).shuffle(order)  # drawn once, then kept in the store
    workshop.save(db, {"roundtable": {"mode": mode, "order": order, "current": None, "done": [], "later": [],
                                      "seconds": seconds, "duration_s": None, "started_at": None, "ends_at": None,
                                      "remaining_s": None}})
    return _answer(db, now), _changed(db, now)


def begin(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a round-table step: the round starts in the step's order with its seconds, unless it
    started already (its order and who spoke are kept)."""
    if _stored(db) is not None:
        return []
    return start(db, {"order": step.options.get("order", MODES[0])}, step, now)[1]


def next_speaker(db: TinyDB, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`roundtable.next`: the speaker is done; the floor goes to the next in the queue (none after the last)."""
    doc = _finish_turn(_with_newcomers(db, _require(db)))
    queue = waiting(doc)
    if not queue and _stored(db)["current"] is None:
        raise KioskError("roundtable_over", N_("Everyone has spoken."))
    _give_floor(db, doc, queue[0] if queue else None, now)
    return _answer(db, now), _changed(db, now)


def pick(db: TinyDB, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`roundtable.pick {participant_id}`: the floor goes to this person (the speaker is done)."""
    doc = _with_newcomers(db, _require(db))
    speaker = participants.named(db, payload)
    if speaker == doc["current"]:
        raise KioskError("speaking", N_("This person is speaking now."))
    finished = _finish_turn(doc)
    _give_floor(db, {**finished, "done": [p for p in finished["done"] if p != speaker]}, speaker, now)
    return _answer(db, now), _changed(db, now)


def skip(db: TinyDB, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`roundtable.skip`: the speaker comes back later (after the others); the floor goes to the next."""
    doc = _with_newcomers(db, _require(db))
    if doc["current"] is None:
        raise KioskError("nobody_speaking", N_("Nobody is speaking: give the floor to someone first."))
    doc = {**doc, "later": [p for p in doc["later"] if p != doc["current"]] + [doc["current"]]}
    queue = waiting(doc)
    _give_floor(db, doc, queue[0] if queue else None, now)
    return _answer(db, now), _changed(db, now)


def change_countdown(db: TinyDB, change, now: float) -> tuple[dict, list[Event]]:
    """Apply `change(countdown) → countdown` to the speaker's countdown (the `timer.*` commands)."""
    doc = _require(db)
    if doc["current"] is None:
        raise KioskError("nobody_speaking", N_("Nobody is speaking: give the floor to someone first."))
    workshop.save(db, {"roundtable": change(doc)})
    return _answer(db, now), _changed(db, now)  # the speaker's phone shows the time left too


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """The facilitator removed a participant: they leave the round table (a speaker's turn ends)."""
    doc = _stored(db)
    if doc is None or participant_id not in {*doc["order"], *doc["later"], doc["current"]}:
        return []
    kept = {key: [p for p in doc[key] if p != participant_id] for key in ("order", "done", "later")}
    doc = {**doc, **kept}
    if doc["current"] == participant_id:
        doc.update({"current": None, "duration_s": None, "started_at": None, "ends_at": None, "remaining_s": None})
    workshop.save(db, {"roundtable": doc})
    return [Event(ROUNDTABLE_CHANGED, {"roundtable": public(db), "now": None})]  # no clock here: screens keep theirs
