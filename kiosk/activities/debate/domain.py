"""The moving debate ("débat mouvant"): the facilitator reads a statement, each person takes a side
(agree, doubt, disagree) on their phone and may move at any time; the wall shows the line live.

Each statement is an instance (`debate_statements`, see `instances.py`): the latest is the current
one, opening another closes it, every one is kept for the export. A statement's document holds the
running figures, so a move costs the same whatever the room's size: `positions` (participant id →
side now, side first taken, number of moves), `counts` (people per side now), `start` (people per
side as they first stood), `moves` (changes of side) and `movers` (people who moved at least once).
Every taking of a side is also logged in `debate_moves` (`{statement, participant, from, to, at}`,
`from` None for the first), and the arguments the facilitator notes, a few words each with their
side, in `debate_arguments` (`{statement, side, text, at}`).

Public functions for other units (the posters, `kiosk merge`): `statements(db)` gives every
statement with its figures and arguments.
"""

from __future__ import annotations

import time

from tinydb import Query, TinyDB

from ... import instances, payloads, rooms
from ...errors import N_, KioskError, bad_input
from ...events import COALESCE, Event, event_type

STATEMENTS, MOVES, ARGUMENTS = "debate_statements", "debate_moves", "debate_arguments"
SIDES = ("agree", "doubt", "disagree")  # the line's order, left to right on the wall
SIDE_LABELS = {"agree": N_("Agree"), "doubt": N_("In doubt"), "disagree": N_("Disagree")}
STATEMENT_MAX = 200
ARGUMENT_MAX = 140  # "in a few words"
STEP_STATEMENTS_MAX = 12
OPEN, CLOSED = "open", "closed"
STEP_KEYS = {"statements": "the statements the facilitator reads, in order: a list of 1 to 12 texts of at most "
                           "200 characters (Next opens the first, the console's action the next ones)"}

DEBATE_OPENED = event_type("debate.opened", "A statement is read: `{debate}` (as in the snapshot), to everyone.")
DEBATE_LINE = event_type(
    "debate.line", "The line moved: `{statement_id, counts, start, moves, movers, people}` (people per side now and "
    "as they first stood, changes of side, people who moved, people on the line), to the wall and the console. "
    "A few times a second at most.", deliver=COALESCE)
DEBATE_SIDE = event_type("debate.side", "A participant's own side on the current statement: `{statement_id, side}`, "
                                        "to their phones.")
DEBATE_ARGUED = event_type("debate.argued", "An argument was noted: `{statement_id, argument: {id, side, text}}`, "
                                            "to everyone.")
DEBATE_UNARGUED = event_type("debate.unargued", "A noted argument was removed: `{statement_id, argument_id}`, "
                                                "to everyone.")
DEBATE_CLOSED = event_type("debate.closed", "The statement closed: `{debate}` with its final line, to everyone.")


def step_options(reader) -> dict | None:
    """A moving-debate step's options: `{statements: [text]}` (none: the facilitator types them)."""
    if not reader.has("statements"):
        return {"statements": []}
    value = reader.block["statements"]
    if (not isinstance(value, list) or not 1 <= len(value) <= STEP_STATEMENTS_MAX
            or not all(isinstance(v, str) and v.strip() and len(" ".join(v.split())) <= STATEMENT_MAX for v in value)):
        reader.problem("statements", f"must be a list of 1 to {STEP_STATEMENTS_MAX} texts of at most {STATEMENT_MAX} "
                                     "characters, like statements = [\"Le covoiturage est une pratique durable.\"]")
        return None
    return {"statements": [" ".join(v.split()) for v in value]}


# --- Reading --------------------------------------------------------------------------------------

def _arguments(db: TinyDB, statement_id: int) -> list[dict]:
    return [{"id": d.doc_id, "side": d["side"], "text": d["text"]}
            for d in sorted(db.table(ARGUMENTS).search(Query().statement == statement_id), key=lambda d: d.doc_id)]


def _line(doc) -> dict:
    return {"statement_id": doc.doc_id, "counts": dict(doc["counts"]), "start": dict(doc["start"]),
            "moves": doc["moves"], "movers": doc["movers"], "people": sum(doc["counts"].values())}


def view(db: TinyDB, doc) -> dict | None:
    """The snapshot's `debate`: `{id, text, status, counts, start, moves, movers, people, arguments}`."""
    if doc is None:
        return None
    line = _line(doc)
    del line["statement_id"]
    return {"id": doc.doc_id, "text": doc["text"], "status": doc["status"], **line,
            "arguments": _arguments(db, doc.doc_id)}


def earlier(db: TinyDB) -> list[dict]:
    """The snapshot's `debates`: the statements before the current one, `{id, text, counts, moves, movers}`."""
    current = instances.current(db, STATEMENTS)
    return [{"id": d.doc_id, "text": d["text"], "counts": dict(d["counts"]), "moves": d["moves"], "movers": d["movers"]}
            for d in instances.every(db, STATEMENTS) if current is None or d.doc_id != current.doc_id]


def side_of(db: TinyDB, participant_id: int) -> str | None:
    """A participant's side on the current statement (None before they took one)."""
    doc = instances.current(db, STATEMENTS)
    position = doc["positions"].get(str(participant_id)) if doc is not None else None
    return position["side"] if position else None


def statements(db: TinyDB) -> list[dict]:
    """Every statement, first read first: `{id, text, status, step, opened, closed, counts, start,
    moves, movers, people, arguments: [{id, side, text}], positions: [{participant, first, side,
    moves}]}` (the export and later units read this)."""
    out = []
    for doc in instances.every(db, STATEMENTS):
        item = view(db, doc)
        item.update(step=doc.get("step"), opened=doc.get("opened"), closed=doc.get("closed"),
                    positions=[{"participant": int(pid), **p} for pid, p in doc["positions"].items()])
        out.append(item)
    return out


def moves(db: TinyDB) -> list[dict]:
    """Every taking of a side, in order: `{statement, participant, from, to, at}`."""
    return [dict(d) for d in sorted(db.table(MOVES).all(), key=lambda d: d.doc_id)]


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """The current statement shown large on the wall (`wall.spotlight` with `id` "statement:<id>")
    with the people on each side, or one of its arguments ("argument:<id>") with its side and the
    statement it answers. An earlier statement's, or a removed argument, is not on the wall."""
    found = payloads.kind_id(item_id, ("statement", "argument"))
    current = instances.current(db, STATEMENTS)
    if found is not None and current is not None:
        kind, number = found
        if kind == "statement" and number == current.doc_id:
            return {"text": current["text"],
                    "figures": [f"{t.gettext(SIDE_LABELS[side])} {current['counts'][side]}" for side in SIDES]}
        argument = db.table(ARGUMENTS).get(doc_id=number) if kind == "argument" else None
        if argument is not None and argument["statement"] == current.doc_id:
            return {"text": argument["text"], "context": t.gettext(SIDE_LABELS[argument["side"]]),
                    "parts": [{"label": t.gettext("Statement"), "text": current["text"]}]}
    raise KioskError("not_found", N_("This statement or argument is not on the wall."))


# --- Changing -------------------------------------------------------------------------------------

def _current(db: TinyDB, status: str | None = None):
    doc = instances.current(db, STATEMENTS)
    if doc is None:
        raise KioskError("no_statement", N_("No statement has been read yet: the facilitator reads one."))
    if status == OPEN and doc["status"] != OPEN:
        raise KioskError("statement_closed", N_("This statement is closed: wait for the next one."))
    return doc


def _line_events(doc) -> list[Event]:
    return [Event(DEBATE_LINE, _line(doc), to=rooms.SCREENS)]


def _step_statements(step) -> list[str]:
    return list(step.options.get("statements", [])) if step is not None and step.phase == "debate" else []


def next_from_step(db: TinyDB, step, step_index: int | None) -> str | None:
    """The step's next statement not read yet in this step, or None."""
    texts = _step_statements(step)
    read = sum(1 for d in instances.every(db, STATEMENTS) if step_index is not None and d.get("step") == step_index)
    return texts[read] if read < len(texts) else None


def open_statement(db: TinyDB, payload: dict, step, step_index: int | None = None,
                   now: float | None = None) -> tuple[dict, list[Event]]:
    """`debate.open {statement?}`: read a statement (the step's next one when left out); an open
    statement closes first and is kept."""
    text = payloads.text(payload, "statement", max_len=STATEMENT_MAX, required=False)
    if text is None:
        text = next_from_step(db, step, step_index)
    if text is None:
        raise bad_input(N_("Type the statement to read: the step has no other one."))
    events = []
    current = instances.current(db, STATEMENTS)
    if current is not None and current["status"] == OPEN:
        events += _close(db, current, now)
    doc = instances.start(db, STATEMENTS, {
        "text": text, "status": OPEN, "positions": {}, "counts": dict.fromkeys(SIDES, 0),
        "start": dict.fromkeys(SIDES, 0), "moves": 0, "movers": 0,
        "opened": time.time() if now is None else now}, step_index=step_index)
    shown = view(db, doc)
    return {"debate": shown}, events + [Event(DEBATE_OPENED, {"debate": shown})]


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a moving-debate step: its first statement is read, unless one was read in it already
    (or the step names none: the facilitator types it)."""
    if any(d.get("step") == index for d in instances.every(db, STATEMENTS)) or not _step_statements(step):
        return []
    return open_statement(db, {}, step, index, now)[1]


def _close(db: TinyDB, doc, now) -> list[Event]:
    db.table(STATEMENTS).update({"status": CLOSED, "closed": time.time() if now is None else now}, doc_ids=[doc.doc_id])
    return [Event(DEBATE_CLOSED, {"debate": view(db, db.table(STATEMENTS).get(doc_id=doc.doc_id))})]


def close_statement(db: TinyDB, payload: dict, now: float | None = None) -> tuple[dict, list[Event]]:
    """`debate.close`: the line stops; the statement stays on the wall and in the export."""
    events = _close(db, _current(db, OPEN), now)
    return {"debate": events[0].data["debate"]}, events


def take(db: TinyDB, payload: dict, participant_id: int, now: float | None = None) -> tuple[dict, list[Event]]:
    """`debate.take {side}`: stand on a side of the current statement, or move to another. The
    statement's running figures change in place: the same cost for 10 people or 200."""
    doc = _current(db, OPEN)
    side = payloads.choice(payload, "side", SIDES)
    key = str(participant_id)
    position = doc["positions"].get(key)
    if position is not None and position["side"] == side:
        return {"side": side}, []
    counts, start_counts = dict(doc["counts"]), dict(doc["start"])
    moves_n, movers = doc["moves"], doc["movers"]
    if position is None:
        position = {"side": side, "first": side, "moves": 0}
        start_counts[side] += 1
    else:
        counts[position["side"]] -= 1
        moves_n += 1
        movers += position["moves"] == 0
        position = {**position, "side": side, "moves": position["moves"] + 1}
    counts[side] += 1

    def change(stored):
        stored["positions"][key] = position
        stored.update(counts=counts, start=start_counts, moves=moves_n, movers=movers)

    previous = doc["positions"].get(key)
    db.table(STATEMENTS).update(change, doc_ids=[doc.doc_id])
    db.table(MOVES).insert({"statement": doc.doc_id, "participant": participant_id,
                            "from": previous["side"] if previous else None, "to": side,
                            "at": time.time() if now is None else now})
    doc = db.table(STATEMENTS).get(doc_id=doc.doc_id)
    return {"side": side}, [Event(DEBATE_SIDE, {"statement_id": doc.doc_id, "side": side},
                                  to=(rooms.participant(participant_id),)), *_line_events(doc)]


def argue(db: TinyDB, payload: dict, now: float | None = None) -> tuple[dict, list[Event]]:
    """`debate.argument {side, text}`: note an argument heard on a side, in a few words."""
    doc = _current(db)
    side = payloads.choice(payload, "side", SIDES)
    text = payloads.text(payload, "text", max_len=ARGUMENT_MAX)
    argument_id = db.table(ARGUMENTS).insert({"statement": doc.doc_id, "side": side, "text": text,
                                              "at": time.time() if now is None else now})
    argument = {"id": argument_id, "side": side, "text": text}
    return {"argument": argument}, [Event(DEBATE_ARGUED, {"statement_id": doc.doc_id, "argument": argument})]


def unargue(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`debate.unargue {argument_id}`: remove a noted argument (a slip of the keyboard)."""
    argument = payloads.document(db, ARGUMENTS, payload, "argument_id", N_("This argument does not exist."))
    db.table(ARGUMENTS).remove(doc_ids=[argument.doc_id])
    return {}, [Event(DEBATE_UNARGUED, {"statement_id": argument["statement"], "argument_id": argument.doc_id})]


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """The facilitator removed a participant: they leave every line (their logged moves go too)."""
    key, events = str(participant_id), []
    current = instances.current(db, STATEMENTS)
    for doc in instances.every(db, STATEMENTS):
        position = doc["positions"].get(key)
        if position is None:
            continue

        def drop(stored, position=position):
            stored["positions"].pop(key, None)
            stored["counts"][position["side"]] -= 1
            stored["start"][position["first"]] -= 1
            stored["moves"] -= position["moves"]
            stored["movers"] -= position["moves"] > 0

        db.table(STATEMENTS).update(drop, doc_ids=[doc.doc_id])
        if doc.doc_id == current.doc_id:
            events += _line_events(db.table(STATEMENTS).get(doc_id=doc.doc_id))
    db.table(MOVES).remove(Query().participant == participant_id)
    return events
