"""The analysis grid (DOMINO, seed 001): thematic axes validated by a vote, one grid per axis.

The room proposes thematic axes (a situation review with one bucket, merged by the facilitator),
votes on them, and `grid.validate` keeps the vote's top ones as the *axes*, at most six (a step
option, `axes`, lowers it). The axes are a group source (`groups.form {from: "grid"}`): one group
per axis, joined from the phones. Each group then fills its axis's grid: practices (rows), and
for each practice the five columns (emblematic examples, territorial stakes, innovation leads,
regulatory limits, cultural brakes). A cell holds *entries*, each written by one person and
changed by that person only, so members writing at once never overwrite each other; an edit
names the text it started from (`base`) and is refused with `conflict` when the entry changed
since (the same person on two phones). Any member may flag any entry of the axis: a nugget
("pépite": a project idea, a tip), an opportunity, or a point of vigilance. The group's
secretary orders the rows. The resources to collect before the next workshop are a list per
axis.

Tables: `grid_axes` (one per validated axis: title, what it was voted as, the order of its
rows), `grid_rows` (practice, axis, author), `grid_entries` (axis, row, column, text, flag,
author, the author's group), `grid_resources` (axis, text, author). The wall's view (the axes'
matrix, one axis's grid, the flagged entries) lives in the workshop's meta (`grid_wall`).
"""

from __future__ import annotations

from tinydb import Query, TinyDB

from ... import payloads, rooms, workshop
from ..groups import domain as groups
from ..vote import domain as vote
from ...errors import N_, KioskError, bad_input
from ...events import Event, event_type, gather

AXES, ROWS, ENTRIES, RESOURCES = "grid_axes", "grid_rows", "grid_entries", "grid_resources"

GRID_AXES = event_type(
    "grid.axes", "The axes were validated or one was dropped: `{grid}` (as in the snapshot), to everyone.")
GRID_ROWS = event_type(
    "grid.rows", "An axis's practices changed (added, renamed, ordered, removed): `{axis_id, rows: [{id, practice, "
    "author}]}` in the secretary's order, to the wall, the console and the axis's group.")
GRID_ENTRIES = event_type(
    "grid.entries", "Entries of the grid were written, edited, flagged or removed: `{entries: [{id, axis_id, row_id, "
    "column, text, flag, author}]}` (a removed one has `removed: true`), to the wall, the console and the axis's "
    "group. Gathered: a room writing at once costs each screen a few messages a second.",
    deliver=gather("entries"))
GRID_RESOURCES = event_type(
    "grid.resources", "An axis's list of resources to collect before the next workshop changed: `{axis_id, "
    "resources: [{id, text, author}]}`, to the wall, the console and the axis's group.")
GRID_WALL = event_type(
    "grid.wall", "What the wall shows of the grid: `{grid_wall: {view: matrix|axis|flags, axis_id}}`, to the wall "
    "and the console.")

#: The five columns of the grid (seed 001), in order, with their labels.
COLUMNS = {
    "examples": N_("Emblematic examples"),
    "stakes": N_("Territorial stakes"),
    "innovation": N_("Innovation leads"),
    "regulatory": N_("Regulatory limits"),
    "cultural": N_("Cultural brakes"),
}
#: The flags an entry may carry, with their labels and the marker the export and the wall show.
FLAGS = {
    "pepite": N_("Nugget"),
    "opportunite": N_("Opportunity"),
    "vigilance": N_("Point of vigilance"),
}
MARKERS = {"pepite": "★", "opportunite": "↗", "vigilance": "⚠"}
VIEWS = ("matrix", "axis", "flags")

AXES_MAX = 6  # seed 001: « Définissez 6 axes thématiques (maximum) »
PRACTICE_MAX = 80
TEXT_MAX = 200
RESOURCE_MAX = 200
ROWS_PER_AXIS = 30
ENTRIES_PER_PERSON = 80  # per axis: a long morning of writing, not a flood
RESOURCES_PER_AXIS = 40
FACILITATION = N_("Facilitation")

STEP_KEYS = {
    "axes": f"on an `axes` step: how many of the vote's top items become the axes, 1 to {AXES_MAX} (default {AXES_MAX})",
    "show": "on a `grid` step: what the wall shows first, \"matrix\" (the axes with their counts, the default), "
            "\"axis\" (the first axis's grid, for the report-back) or \"flags\" (the flagged entries of every axis)",
}


def step_options(reader) -> dict | None:
    """An `axes` step's `{axes}` or a `grid` step's `{show}`."""
    if reader.block.get("phase") == "axes":
        if reader.has("show"):
            reader.problem("show", "only a step of the grid phase has it")
            return None
        value = reader.block.get("axes", AXES_MAX)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= AXES_MAX:
            reader.problem("axes", f"must be a whole number from 1 to {AXES_MAX}, like axes = {AXES_MAX}")
            return None
        return {"axes": value}
    if reader.has("axes"):
        reader.problem("axes", "only a step of the axes phase has it")
        return None
    view = reader.block.get("show", "matrix")
    if view not in VIEWS:
        reader.problem("show", "must be \"matrix\", \"axis\" or \"flags\", like show = \"axis\"")
        return None
    return {"show": view}


# --- Reading --------------------------------------------------------------------------------------

def axes(db: TinyDB) -> list:
    """The validated axes, in the vote's order."""
    return sorted(db.table(AXES).all(), key=lambda d: (d["order"], d.doc_id))


def _rows(db: TinyDB, axis_doc) -> list[dict]:
    table = db.table(ROWS)
    found = (table.get(doc_id=row_id) for row_id in axis_doc.get("rows", []))
    return [{"id": d.doc_id, "practice": d["practice"], "author": d.get("author")} for d in found if d is not None]


def _resources(db: TinyDB, axis_id: int) -> list[dict]:
    docs = sorted(db.table(RESOURCES).search(Query().axis == axis_id), key=lambda d: d.doc_id)
    return [{"id": d.doc_id, "text": d["text"], "author": d.get("author")} for d in docs]


def public_entry(doc) -> dict:
    return {"id": doc.doc_id, "axis_id": doc["axis"], "row_id": doc["row"], "column": doc["column"],
            "text": doc["text"], "flag": doc.get("flag"), "author": doc.get("author")}


def public(db: TinyDB) -> dict:
    """The snapshot's `grid`: `{axes: [{id, title, group_id, rows: [{id, practice, author}], resources:
    [{id, text, author}]}], entries: [{id, axis_id, row_id, column, text, flag, author}]}`, entries oldest first."""
    group_of_axis = _groups_by_axis(db)
    views = [{"id": d.doc_id, "title": d["title"], "group_id": group_of_axis.get(d.doc_id),
              "rows": _rows(db, d), "resources": _resources(db, d.doc_id)} for d in axes(db)]
    entries = [public_entry(d) for d in sorted(db.table(ENTRIES).all(), key=lambda d: d.doc_id)]
    return {"axes": views, "entries": entries}


def shown(db: TinyDB) -> dict:
    """The snapshot's `grid_wall`: `{view, axis_id}`, what the wall shows of the grid."""
    doc = workshop.meta(db).get("grid_wall") or {}
    axis_id = doc.get("axis_id")
    if axis_id is not None and not db.table(AXES).contains(doc_id=axis_id):
        axis_id = None
    view = doc.get("view", "matrix")
    return {"view": "matrix" if view == "axis" and axis_id is None else view, "axis_id": axis_id}


def _groups_by_axis(db: TinyDB) -> dict[int, int]:
    return {g["source_id"]: g["id"] for g in groups.all_groups(db) if g.get("source") == "grid"}


def group_of_axis(db: TinyDB, axis_id: int):
    """The group formed around this axis, or None before the groups are formed."""
    group_id = _groups_by_axis(db).get(axis_id)
    return db.table("groups").get(doc_id=group_id) if group_id is not None else None


def candidates(db: TinyDB) -> list[dict]:
    """The group source `grid`: one group per validated axis, named after it."""
    found = axes(db)
    if not found:
        raise KioskError("no_axes", N_("Validate the axes first: the groups are formed around them."))
    return [{"source": "grid", "source_id": d.doc_id, "name": d["title"]} for d in found]


def _shown_row(db: TinyDB, row_id: int):
    """A practice that is in its axis's grid, with its axis (None, None when it is not)."""
    row = db.table(ROWS).get(doc_id=row_id)
    axis_doc = db.table(AXES).get(doc_id=row["axis"]) if row is not None else None
    return (row, axis_doc) if axis_doc is not None and row_id in axis_doc.get("rows", []) else (None, None)


def _flagged(doc) -> str:
    """An entry as a cell lists it: its flag's marker first."""
    return f"{MARKERS[doc['flag']]} {doc['text']}" if doc.get("flag") else doc["text"]


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """A practice of an axis's grid shown large on the wall (`wall.spotlight` with `id` "row:<id>"),
    with its five columns' entries, or one entry ("entry:<id>") with its axis, practice, column and
    flag. A removed practice or entry, or one of a dropped axis, is not on the wall."""
    kind, number = payloads.kind_id(item_id, ("row", "entry")) or (None, None)
    entry = db.table(ENTRIES).get(doc_id=number) if kind == "entry" else None
    row_id = entry["row"] if entry is not None else number if kind == "row" else None
    row, axis_doc = _shown_row(db, row_id) if row_id is not None else (None, None)
    if row is None:
        raise KioskError("not_found", N_("This part of the grid is not on the wall."))
    if entry is not None:
        figures = [t.gettext(COLUMNS[entry["column"]])]
        if entry.get("flag"):
            figures.append(f"{MARKERS[entry['flag']]} {t.gettext(FLAGS[entry['flag']])}")
        return {"text": entry["text"], "context": f"{axis_doc['title']} · {row['practice']}", "figures": figures}
    entries = sorted(db.table(ENTRIES).search(Query().row == row.doc_id), key=lambda d: d.doc_id)
    parts = [{"label": t.gettext(label), "text": "\n".join(_flagged(d) for d in entries if d["column"] == column)}
             for column, label in COLUMNS.items()]
    return {"text": row["practice"], "context": axis_doc["title"], "parts": [p for p in parts if p["text"]]}


# --- The axes -------------------------------------------------------------------------------------

def _axes_changed(db: TinyDB) -> tuple[dict, list[Event]]:
    """The ack and the event after the axes changed: one view of the grid for both."""
    grid = public(db)
    return {"grid": grid}, [Event(GRID_AXES, {"grid": grid}, to=rooms.EVERYONE)]


def validate(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`grid.validate {count?}`: the top `count` items of the last closed vote (6 at most, and by
    default) become the axes. Validating again replaces them, only while no grid has been started."""
    count = payloads.integer(payload, "count", minimum=1, maximum=AXES_MAX, default=AXES_MAX)
    ranked = vote.ranked_items(db)
    if not ranked or not ranked[1]:
        raise KioskError("no_results", N_("Close the vote on the axes first: the axes are its top results."))
    if len(db.table(ROWS)) or len(db.table(RESOURCES)):
        raise KioskError("grid_started", N_("The groups have started their grids: the axes can no longer be "
                                            "validated again."))
    source, items = ranked
    db.table(AXES).truncate()
    for order, item in enumerate(items[:count]):
        db.table(AXES).insert({"title": item["text"], "source": source, "source_id": item["id"], "order": order,
                               "rows": []})
    return _axes_changed(db)


def drop(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`grid.drop {axis_id}`: the facilitator takes an axis off before its group has written anything."""
    axis_doc = _axis(db, payload)
    if db.table(ROWS).contains(Query().axis == axis_doc.doc_id) or \
            db.table(RESOURCES).contains(Query().axis == axis_doc.doc_id):
        raise KioskError("grid_started", N_("This axis's group has started its grid: it can no longer be dropped."))
    db.table(AXES).remove(doc_ids=[axis_doc.doc_id])
    return _axes_changed(db)


def start_axes(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to an `axes` step: the vote's top items become the axes (as many as the step says),
    unless axes exist already (validating again is the facilitator's choice)."""
    if len(db.table(AXES)):
        return []
    return validate(db, {"count": step.options.get("axes", AXES_MAX)})[1]


# --- Who may write --------------------------------------------------------------------------------

def _axis(db: TinyDB, payload: dict, field: str = "axis_id"):
    return payloads.document(db, AXES, payload, field, N_("This axis does not exist."))


def _writer(db: TinyDB, axis_id: int, participant_id: int | None, secretary: bool = False):
    """The caller may write in this axis's grid: a member of its group (its secretary when
    `secretary`), or the facilitator (`participant_id` None). Gives the group (None for the facilitator)."""
    if participant_id is None:
        return None
    group = group_of_axis(db, axis_id)
    if group is None or participant_id not in group["members"]:
        raise KioskError("not_member", N_("Only the group of this axis writes its grid: join it first."))
    if secretary and group.get("secretary") != participant_id:
        raise KioskError("not_secretary", N_("Only the group's secretary orders and removes the practices."))
    return group


def _to(db: TinyDB, axis_id: int) -> tuple[str, ...]:
    group = group_of_axis(db, axis_id)
    members = sorted({rooms.participant(m) for m in group["members"]}) if group is not None else []
    return (*rooms.SCREENS, *members)


def _rows_event(db: TinyDB, axis_id: int) -> Event:
    axis_doc = db.table(AXES).get(doc_id=axis_id)
    return Event(GRID_ROWS, {"axis_id": axis_id, "rows": _rows(db, axis_doc)}, to=_to(db, axis_id))


def _entries_event(db: TinyDB, axis_id: int, entries: list[dict]) -> Event:
    return Event(GRID_ENTRIES, {"entries": entries}, to=_to(db, axis_id))


# --- Practices (rows) -----------------------------------------------------------------------------

def _practice(payload: dict) -> str:
    return payloads.text(payload, "practice", max_len=PRACTICE_MAX, label=N_("practice"))


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def add_row(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`grid.row {axis_id, practice}`: a practice (a row) at the end of the axis's grid. The same
    practice twice (whatever the case) is the same row: the answer gives it back."""
    axis_doc = _axis(db, payload)
    _writer(db, axis_doc.doc_id, participant_id)
    practice = _practice(payload)
    rows = _rows(db, axis_doc)
    same = next((r for r in rows if _fold(r["practice"]) == _fold(practice)), None)
    if same is not None:
        return {"row": same}, []
    if len(rows) >= ROWS_PER_AXIS:
        raise KioskError("too_many_rows", N_("This axis has %(max)d practices already: complete them rather than "
                                             "adding more."), max=ROWS_PER_AXIS)
    row_id = db.table(ROWS).insert({"axis": axis_doc.doc_id, "practice": practice, "author": participant_id})
    db.table(AXES).update({"rows": [*axis_doc.get("rows", []), row_id]}, doc_ids=[axis_doc.doc_id])
    row = {"id": row_id, "practice": practice, "author": participant_id}
    return {"row": row}, [_rows_event(db, axis_doc.doc_id)]


def _row(db: TinyDB, payload: dict):
    return payloads.document(db, ROWS, payload, "row_id", N_("This practice is not in the grid."))


def rename_row(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`grid.rename {row_id, practice}`: the secretary (or the row's author, or the facilitator)
    corrects a practice's name."""
    row = _row(db, payload)
    if participant_id is None or row.get("author") != participant_id:
        _writer(db, row["axis"], participant_id, secretary=True)
    practice = _practice(payload)
    db.table(ROWS).update({"practice": practice}, doc_ids=[row.doc_id])
    return {"row_id": row.doc_id}, [_rows_event(db, row["axis"])]


def order_rows(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`grid.order {axis_id, row_ids}`: the secretary (or the facilitator) puts the axis's practices
    in order; `row_ids` names each of them once."""
    axis_doc = _axis(db, payload)
    _writer(db, axis_doc.doc_id, participant_id, secretary=True)
    ids = payload.get("row_ids")
    if not isinstance(ids, list) or sorted(map(str, ids)) != sorted(map(str, axis_doc.get("rows", []))) \
            or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise bad_input(N_("The order names each practice of the axis once."))
    if ids == list(axis_doc.get("rows", [])):
        return {"axis_id": axis_doc.doc_id}, []
    db.table(AXES).update({"rows": ids}, doc_ids=[axis_doc.doc_id])
    return {"axis_id": axis_doc.doc_id}, [_rows_event(db, axis_doc.doc_id)]


def remove_row(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`grid.row_remove {row_id}`: the secretary (or the facilitator) takes a practice off the grid,
    with its entries."""
    row = _row(db, payload)
    _writer(db, row["axis"], participant_id, secretary=True)
    axis_doc = db.table(AXES).get(doc_id=row["axis"])
    gone = db.table(ENTRIES).search(Query().row == row.doc_id)
    db.table(ENTRIES).remove(doc_ids=[d.doc_id for d in gone])
    db.table(ROWS).remove(doc_ids=[row.doc_id])
    db.table(AXES).update({"rows": [r for r in axis_doc["rows"] if r != row.doc_id]}, doc_ids=[axis_doc.doc_id])
    events = [_rows_event(db, row["axis"])]
    if gone:
        events.append(_entries_event(db, row["axis"], [{**public_entry(d), "removed": True} for d in gone]))
    return {"row_id": row.doc_id}, events


# --- Entries (a cell's contents) ------------------------------------------------------------------

def _flag(payload: dict) -> str | None:
    if payload.get("flag") is None:
        return None
    return payloads.choice(payload, "flag", tuple(FLAGS))


def _text(payload: dict) -> str:
    return payloads.text(payload, "text", max_len=TEXT_MAX, label=N_("text"), multiline=True)


def _group_name(group) -> str:
    return group["name"] if group is not None else ""


def add_entry(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`grid.add {row_id, column, text, flag?}`: an entry in a cell of the grid, its author's own.

    The same text in the same cell from the same person is the same entry (a double tap, a resend):
    the answer gives it back and nothing changes."""
    row = _row(db, payload)
    group = _writer(db, row["axis"], participant_id)
    column = payloads.choice(payload, "column", tuple(COLUMNS))
    text, flag = _text(payload), _flag(payload)
    where = (Query().axis == row["axis"]) & (Query().author == participant_id)
    theirs = db.table(ENTRIES).search(where) if participant_id is not None else []
    same = next((d for d in theirs if d["row"] == row.doc_id and d["column"] == column
                 and _fold(d["text"]) == _fold(text)), None)
    if same is not None:
        return {"entry": public_entry(same)}, []
    if len(theirs) >= ENTRIES_PER_PERSON:
        raise KioskError("too_many_entries", N_("You have written %(max)d entries in this grid: edit one rather than "
                                                "adding more."), max=ENTRIES_PER_PERSON)
    entry_id = db.table(ENTRIES).insert({"axis": row["axis"], "row": row.doc_id, "column": column, "text": text,
                                         "flag": flag, "author": participant_id, "group": _group_name(group)})
    entry = public_entry(db.table(ENTRIES).get(doc_id=entry_id))
    return {"entry": entry}, [_entries_event(db, row["axis"], [entry])]


def _entry(db: TinyDB, payload: dict):
    return payloads.document(db, ENTRIES, payload, "entry_id", N_("This entry is not in the grid."))


def edit_entry(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`grid.edit {entry_id, text, base?}`: the author (or the facilitator) rewrites an entry.

    `base` is the text the writer started from: when the entry changed since (its author on two
    phones), the save is refused with `conflict` and names the text saved meanwhile; nothing is
    silently overwritten."""
    doc = _entry(db, payload)
    if participant_id is not None and doc.get("author") != participant_id:
        raise KioskError("forbidden", N_("This entry is not yours: add your own entry to the cell instead."))
    text = _text(payload)
    if text == doc["text"]:
        return {"entry": public_entry(doc)}, []
    if "base" in payload:
        base = payloads.text(payload, "base", max_len=TEXT_MAX, required=False, multiline=True) or ""
        if base != doc["text"]:
            raise KioskError("conflict", N_("This entry was saved meanwhile: “%(current)s”. Your text is still in the "
                                            "box: put both together, then save."), current=doc["text"])
    db.table(ENTRIES).update({"text": text}, doc_ids=[doc.doc_id])
    entry = public_entry(db.table(ENTRIES).get(doc_id=doc.doc_id))
    return {"entry": entry}, [_entries_event(db, doc["axis"], [entry])]


def flag_entry(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`grid.flag {entry_id, flag}`: any member of the axis's group (or the facilitator) marks an
    entry as a nugget, an opportunity or a point of vigilance (`flag: null` clears it)."""
    doc = _entry(db, payload)
    _writer(db, doc["axis"], participant_id)
    flag = _flag(payload)
    if flag == doc.get("flag"):
        return {"entry": public_entry(doc)}, []
    db.table(ENTRIES).update({"flag": flag}, doc_ids=[doc.doc_id])
    entry = public_entry(db.table(ENTRIES).get(doc_id=doc.doc_id))
    return {"entry": entry}, [_entries_event(db, doc["axis"], [entry])]


def remove_entry(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`grid.remove {entry_id}`: its author, the group's secretary or the facilitator takes an entry off."""
    doc = _entry(db, payload)
    if participant_id is None or doc.get("author") != participant_id:
        _writer(db, doc["axis"], participant_id, secretary=True)
    db.table(ENTRIES).remove(doc_ids=[doc.doc_id])
    return {"entry_id": doc.doc_id}, [_entries_event(db, doc["axis"], [{**public_entry(doc), "removed": True}])]


# --- Resources to collect before the next workshop ------------------------------------------------

def _resources_event(db: TinyDB, axis_id: int) -> Event:
    return Event(GRID_RESOURCES, {"axis_id": axis_id, "resources": _resources(db, axis_id)}, to=_to(db, axis_id))


def add_resource(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`grid.resource {axis_id, text}`: a resource the group will collect before the next workshop."""
    axis_doc = _axis(db, payload)
    _writer(db, axis_doc.doc_id, participant_id)
    text = payloads.text(payload, "text", max_len=RESOURCE_MAX, label=N_("resource"))
    found = _resources(db, axis_doc.doc_id)
    same = next((r for r in found if _fold(r["text"]) == _fold(text)), None)
    if same is not None:
        return {"resource": same}, []
    if len(found) >= RESOURCES_PER_AXIS:
        raise KioskError("too_many_resources", N_("This list holds %(max)d resources already."), max=RESOURCES_PER_AXIS)
    resource_id = db.table(RESOURCES).insert({"axis": axis_doc.doc_id, "text": text, "author": participant_id})
    return {"resource": {"id": resource_id, "text": text, "author": participant_id}}, \
        [_resources_event(db, axis_doc.doc_id)]


def remove_resource(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`grid.resource_remove {resource_id}`: its author, the secretary or the facilitator takes it off the list."""
    doc = payloads.document(db, RESOURCES, payload, "resource_id", N_("This resource is not on the list."))
    if participant_id is None or doc.get("author") != participant_id:
        _writer(db, doc["axis"], participant_id, secretary=True)
    db.table(RESOURCES).remove(doc_ids=[doc.doc_id])
    return {"resource_id": doc.doc_id}, [_resources_event(db, doc["axis"])]


# --- The wall -------------------------------------------------------------------------------------

def show(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`grid.show {view, axis_id?}`: the wall shows the axes' matrix, one axis's grid (the
    report-back) or the flagged entries of every axis."""
    view = payloads.choice(payload, "view", VIEWS)
    axis_id = _axis(db, payload).doc_id if view == "axis" else None
    workshop.save(db, {"grid_wall": {"view": view, "axis_id": axis_id}})
    data = {"grid_wall": shown(db)}
    return dict(data), [Event(GRID_WALL, data, to=rooms.SCREENS)]


def start_grid(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a `grid` step: the wall shows what the step says (the matrix, the first axis's grid,
    the flagged entries). Nothing else starts: the grids are open as soon as the groups exist."""
    view = step.options.get("show", "matrix")
    found = axes(db)
    if view == "axis" and not found:
        view = "matrix"
    return show(db, {"view": view, "axis_id": found[0].doc_id if view == "axis" else None})[1]


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    return start_axes(db, step, index, now) if step.phase == "axes" else start_grid(db, step, index, now)


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """The facilitator removed a participant: their entries, practices and resources stay in the
    grid (the group's work), without their name."""
    events = []
    for name in (ROWS, ENTRIES, RESOURCES):
        table = db.table(name)
        docs = table.search(Query().author == participant_id)
        table.update({"author": None}, doc_ids=[d.doc_id for d in docs])
        axes_touched = sorted({d["axis"] for d in docs})
        for axis_id in axes_touched:
            if not db.table(AXES).contains(doc_id=axis_id):
                continue
            if name == ROWS:
                events.append(_rows_event(db, axis_id))
            elif name == RESOURCES:
                events.append(_resources_event(db, axis_id))
            else:
                changed = [public_entry(table.get(doc_id=d.doc_id)) for d in docs if d["axis"] == axis_id]
                events.append(_entries_event(db, axis_id, changed))
    return events
