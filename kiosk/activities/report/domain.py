"""The report-back ("restitution"): each group in turn presents its board, then the room reacts.

`report.start` puts the first group (or the one named) on the wall, its issue and whole board
(the wall's `wall_board`, as `wall.show_board` does), with a countdown for its presentation
(`present_s`, 2 minutes unless the programme's report step says otherwise). `report.next` moves
to the room's reactions to that group (`react_s`), then to the next group's presentation, and
after the last group's reactions ends the report-back (the wall goes back to every board).
`report.stop` ends it at once, and so does moving to a programme step of another phase. The
state lives in the workshop's meta document: `report = {order, index, part, present_s, react_s,
duration_s, started_at, ends_at, remaining_s}`.

Reactions ("point positif" / "piste d'amélioration") come from the phones while the report-back
is on: about any group but one's own (a group does not grade itself), at most 280 characters,
at most 10 per participant and group. While the report-back is on, a phone may still react to a
group that presented earlier: a reaction typed as the next group starts is not lost. The wall
shows them live under the group's board, without names; the console and the export keep who
wrote them. The facilitator can hide one.
"""

from __future__ import annotations

from tinydb import Query, TinyDB

from ... import derived, payloads, rooms, workshop
from ..board import domain as board
from ..groups import domain as groups
from ...countdown import public_countdown
from ...countdown import start as start_countdown
from ...errors import N_, KioskError
from ...events import Event, event_type

REPORT_CHANGED = event_type(
    "report.changed",
    "The report-back moved on (a group presents, the room reacts, it ended: `report` null) or its countdown changed: "
    "`{report, now}`; moves go to everyone, countdown changes to the wall and the console.")
REACTION_POSTED = event_type(
    "reaction.posted", "A reaction to a group's report-back: `{reaction: {id, group_id, kind, text}}` to the wall; the console's copy adds `author`.")
REACTION_HIDDEN = event_type("reaction.hidden", "The facilitator hid a reaction: `{reaction: {id, group_id}}`, to the wall and the console.")

PARTS = ("present", "react")
#: The kinds of reaction, in the order they are shown, with their labels.
KIND_LABELS = {"positive": N_("Positive point"), "improve": N_("Way to improve")}
KINDS = tuple(KIND_LABELS)
TEXT_MAX = 280
PER_GROUP_MAX = 10
DEFAULT_S = 120
MINUTES_MAX = 30
#: The options a programme step of the report phase may set.
STEP_KEYS = {"present_minutes": "how long each group presents, in minutes (default 2)",
             "react_minutes": "how long the room reacts to each group, in minutes (default 2)"}


def step_options(reader) -> dict | None:
    """A report step's timings: `{present_s, react_s}`, 2 minutes each unless the step says otherwise."""
    timings = {key: reader.minutes(key, MINUTES_MAX) for key in STEP_KEYS if reader.has(key)}
    if None in timings.values():
        return None
    return {"present_s": timings.get("present_minutes", DEFAULT_S), "react_s": timings.get("react_minutes", DEFAULT_S)}


# --- The cycle through the groups --------------------------------------------------------------

def _stored(db: TinyDB) -> dict | None:
    return workshop.meta(db).get("report") or None


def running(db: TinyDB) -> bool:
    return _stored(db) is not None


def public(db: TinyDB) -> dict | None:
    """The snapshot's `report`: `{group_id, index, count, part, duration_s, ends_at, remaining_s, paused}`."""
    doc = _stored(db)
    if doc is None:
        return None
    return {"group_id": doc["order"][doc["index"]], "index": doc["index"], "count": len(doc["order"]),
            "part": doc["part"], **public_countdown(doc)}


def presenting(db: TinyDB) -> int | None:
    """The group whose report-back is on now, or None."""
    doc = _stored(db)
    return doc["order"][doc["index"]] if doc else None


def _changed(db: TinyDB, now: float, to=rooms.EVERYONE) -> Event:
    return Event(REPORT_CHANGED, {"report": public(db), "now": now}, to=to)


def _answer(db: TinyDB, now: float) -> dict:
    return {"report": public(db), "now": now}


def _require(db: TinyDB) -> dict:
    doc = _stored(db)
    if doc is None:
        raise KioskError("no_report", N_("The report-back has not started."))
    return doc


def _show(db: TinyDB, group_id) -> list[Event]:
    """Put a group's board on the wall (or none), as `wall.show_board` does."""
    if board.shown_on_wall(db) == group_id:
        return []
    return board.show_on_wall(db, {"group_id": group_id})[1]


def start(db: TinyDB, payload: dict, step, now: float, enter_phase) -> tuple[dict, list[Event]]:
    """`report.start {group_id?}`: the report-back begins with the first group (or the one named).

    `step` is the programme's current step: a report step gives the presentation's and the
    reactions' durations. Starting again restarts the cycle from that group. The workshop moves
    to the report phase first if it is elsewhere (`enter_phase(db, phase) -> (result, events)`).
    """
    order = [doc.doc_id for doc in db.table("groups").all()]
    if not order:
        raise KioskError("no_groups", N_("Form the groups first."))
    index = 0
    if payload.get("group_id") is not None:
        index = order.index(groups.get_group(db, payload).doc_id)
    timings = (step.options["present_s"], step.options["react_s"]) if step is not None and step.phase == "report" \
        else (DEFAULT_S, DEFAULT_S)
    events = []
    if workshop.meta(db)["phase"] != "report":
        events += enter_phase(db, "report")[1]
    workshop.save(db, {"report": {"order": order, "index": index, "part": "present", "present_s": timings[0],
                                  "react_s": timings[1], **start_countdown(timings[0], now)}})
    events += _show(db, order[index])
    events.append(_changed(db, now))
    return _answer(db, now), events


def begin(db: TinyDB, step, index: int, now: float, enter_phase) -> list[Event]:
    """Next to a report step: the report-back starts with the first group, unless it runs already."""
    if running(db):
        return []
    return start(db, {}, step, now, enter_phase)[1]


def next_part(db: TinyDB, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`report.next`: presentation → reactions → the next group's presentation → … → the end."""
    doc = _require(db)
    if doc["part"] == "present":
        workshop.save(db, {"report": {**doc, "part": "react", **start_countdown(doc["react_s"], now)}})
        return _answer(db, now), [_changed(db, now)]
    if doc["index"] + 1 >= len(doc["order"]):
        events = end(db, now)
        return _answer(db, now), events
    index = doc["index"] + 1
    workshop.save(db, {"report": {**doc, "index": index, "part": "present", **start_countdown(doc["present_s"], now)}})
    events = _show(db, doc["order"][index])
    events.append(_changed(db, now))
    return _answer(db, now), events


def stop(db: TinyDB, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`report.stop`: the report-back ends now; the wall goes back to every group's board."""
    _require(db)
    events = end(db, now)
    return _answer(db, now), events


def end(db: TinyDB, now: float) -> list[Event]:
    """End the report-back if it is on; the events that say so (none when it was off)."""
    if not running(db):
        return []
    workshop.save(db, {"report": None})
    return [*_show(db, None), _changed(db, now)]


def change_countdown(db: TinyDB, change, now: float) -> tuple[dict, list[Event]]:
    """Apply `change(countdown) → countdown` to the current part's countdown (the `timer.*` commands)."""
    doc = _require(db)
    workshop.save(db, {"report": change(doc)})
    return _answer(db, now), [_changed(db, now, to=rooms.SCREENS)]


# --- Reactions ---------------------------------------------------------------------------------

def public_reaction(doc) -> dict:
    return {"id": doc.doc_id, "group_id": doc["group_id"], "kind": doc["kind"], "text": doc["text"]}


def private_reaction(doc) -> dict:
    return {**public_reaction(doc), "author": doc["author"], "hidden": bool(doc.get("hidden")),
            "created": doc.get("created")}


def shown_reactions(db: TinyDB) -> list[dict]:
    return [public_reaction(doc) for doc in db.table("reactions").all() if not doc.get("hidden")]


def all_reactions(db: TinyDB) -> list[dict]:
    return [private_reaction(doc) for doc in db.table("reactions").all()]


def post(db: TinyDB, payload: dict, author: int, now: float) -> tuple[dict, list[Event]]:
    """`reaction.post {group_id, kind, text}`: a quick reaction to a group's report-back."""
    _require(db)
    group = groups.get_group(db, payload)
    if author in group["members"]:
        raise KioskError("own_group", N_("You cannot react to your own group: react to the other groups."))
    kind = payloads.choice(payload, "kind", KINDS)
    text = payloads.text(payload, "text", max_len=TEXT_MAX, label=N_("reaction"))
    table = db.table("reactions")
    theirs = derived.by_field(db, "reactions", "author").get(author, [])  # not a reading of every reaction
    if sum(table.get(doc_id=i)["group_id"] == group.doc_id for i in theirs) >= PER_GROUP_MAX:
        raise KioskError("too_many", N_("You have sent %(max)d reactions to this group already: that is the most."),
                         max=PER_GROUP_MAX)
    doc_id = table.insert({"group_id": group.doc_id, "kind": kind, "text": text, "author": author,
                           "hidden": False, "created": now})
    derived.filed(db, "reactions", "author", doc_id, derived.NEW, author)
    doc = db.table("reactions").get(doc_id=doc_id)
    events = [Event(REACTION_POSTED, {"reaction": public_reaction(doc)}, to=(rooms.WALL,)),
              Event(REACTION_POSTED, {"reaction": private_reaction(doc)}, to=(rooms.FACILITATOR,))]
    return {"reaction": public_reaction(doc)}, events


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A removed participant's reactions leave the wall (hidden: the export keeps them, marked)."""
    events = []
    for doc in db.table("reactions").search(Query().author == participant_id):
        if not doc.get("hidden"):
            events += hide(db, {"reaction_id": doc.doc_id})[1]
    return events


def hide(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`reaction.hide {reaction_id}`: the reaction leaves the wall at once (the export keeps it, marked)."""
    doc = payloads.document(db, "reactions", payload, "reaction_id", N_("This reaction does not exist."))
    db.table("reactions").update({"hidden": True}, doc_ids=[doc.doc_id])
    data = {"reaction": {"id": doc.doc_id, "group_id": doc["group_id"]}}
    return dict(data), [Event(REACTION_HIDDEN, data, to=rooms.SCREENS)]
