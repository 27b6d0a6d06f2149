"""Statements, consensus and dissensus (as in Pol.is): the room writes short statements, every
phone answers agree / disagree / pass, one statement at a time, and the box finds the
statements the room agrees on and those that split it (`stats.py` says how).

Moderation is Pol.is's strict mode: a participant's statement waits in the facilitator's inbox
and goes live when accepted; the facilitator may also seed statements, live at once. Each phone
is shown one statement at a time, the one fewest people have answered so far (a random one among
equals), never one of its own and never twice; a person may change an answer. Each statement
keeps its running counts (agree, disagree, pass), changed in place by each answer: an answer
costs the same whether the room gave ten or ten thousand (issue 17).

Tables: `statements_statements` (one per statement: text, author, status, the three counts),
`statements_people` (one per participant who answered, its id the participant's: their answers
`{statement id: 1 | -1 | 0}` and the statement on their phone now) and `statements_room` (one
document: the question, whether the results are shown, the programme step, the totals).
"""

from __future__ import annotations

import bisect
import random
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence

from tinydb import TinyDB
from tinydb.table import Document

from ... import derived, payloads, rooms
from ...errors import N_, KioskError, bad_input
from ...events import COALESCE, Event, Later, event_type, gather
from . import stats

STATEMENTS, PEOPLE, ROOM = "statements_statements", "statements_people", "statements_room"
PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
AGREE, DISAGREE, PASS = 1, -1, 0
COUNT_FIELD = {AGREE: "agree", DISAGREE: "disagree", PASS: "pass"}

TEXT_MAX = 140
TEXT_MIN = 8  # "Oui." says nothing to agree with
PROMPT_MAX = 140
PENDING_MAX = 3  # a participant's statements waiting for the facilitator at once
PER_PARTICIPANT_MAX = 10
GAP_S = 15  # between two statements of one participant
SEED_MAX = 40
STEP_KEYS = {"prompt": "the question the statements answer, shown on the phones and the wall (at most 140 characters)",
             "seed": "statements the facilitator starts with, live at once: a list of texts (at most 40, "
                     "140 characters each)"}

STATEMENTS_PROMPT = event_type("statements.prompt", "The question of the statements changed: `{prompt}`, to everyone.")
STATEMENTS_PROPOSED = event_type(
    "statements.proposed", "A participant wrote a statement, waiting for moderation: `{statement: {id, text, status}}`, "
    "to the console and to the author's phones.")
STATEMENTS_MODERATED = event_type(
    "statements.moderated", "A statement was accepted, rejected or removed with its author: `{id, status}`, to the "
    "console and to the author's phones.")
STATEMENTS_PUBLISHED = event_type(
    "statements.published", "A statement went live (accepted or seeded): `{statement: {id, text}, count}`, to everyone; "
    "a phone with nothing to answer takes it.")
STATEMENTS_ANSWERED = event_type(
    "statements.answered", "A participant answered: `{id, text, vote, next: {id, text} | null}`, to their phones.")
STATEMENTS_FARED = event_type(
    "statements.fared", "Someone answered one of your statements: `{statement: {id, text, status, agree, disagree, pass, "
    "verdict, direction}}`, to the author's phones.")
STATEMENTS_TALLY = event_type(
    "statements.tally", "The room's answers changed: `{count, voters, answers, consensus: [item], divisive: [item]}` to "
    "the wall and the console, a few times a second at most.", deliver=COALESCE)
STATEMENTS_COUNTED = event_type(
    "statements.counted", "Live statements whose counts changed: `{items: [item]}` (with their counts and verdict), to "
    "the console, gathered a few times a second at most; the console's list of live statements takes them in by id.",
    deliver=gather("items"))
STATEMENTS_SHOWN = event_type(
    "statements.shown", "The facilitator showed (or hid) the results on the wall: `{shown}`, to everyone.")


def step_options(reader) -> dict | None:
    """A statements step's options: `{prompt, seed}`."""
    prompt = reader.text("prompt", PROMPT_MAX)
    seed: list[str] = []
    if reader.has("seed"):
        value = reader.block["seed"]
        if (not isinstance(value, list) or len(value) > SEED_MAX
                or not all(isinstance(t, str) and TEXT_MIN <= len(" ".join(t.split())) <= TEXT_MAX for t in value)):
            reader.problem("seed", f"must be a list of at most {SEED_MAX} texts of {TEXT_MIN} to {TEXT_MAX} characters, "
                                   "like seed = [\"Le local doit rester ouvert le soir.\"]")
            return None
        seed = [" ".join(t.split()) for t in value]
    if prompt is None:
        return None
    return {"prompt": prompt, "seed": seed}


# --- Reading --------------------------------------------------------------------------------------

def room(db: TinyDB) -> dict:
    doc = db.table(ROOM).get(doc_id=1)
    return {"prompt": "", "shown": False, "step": None, "voters": 0, "answers": 0, **(doc or {})}


def _save_room(db: TinyDB, **fields) -> None:
    table = db.table(ROOM)
    if table.get(doc_id=1) is None:
        table.insert(Document({**room(db), **fields}, doc_id=1))
    else:
        table.update(fields, doc_ids=[1])


def _fold(text: str) -> str:
    """Two statements that differ only by case, accents or punctuation are the same one."""
    text = unicodedata.normalize("NFKD", text.casefold()).replace("œ", "oe").replace("æ", "ae")
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text if not unicodedata.combining(ch)).split())


def item(doc) -> dict:
    """A statement with its counts and its verdict (`consensus` / `divisive` / None; `direction` of a consensus)."""
    verdict, direction = stats.verdict(doc["agree"], doc["disagree"], doc["pass"])
    return {"id": doc.doc_id, "text": doc["text"], "status": doc["status"], "agree": doc["agree"],
            "disagree": doc["disagree"], "pass": doc["pass"], "verdict": verdict, "direction": direction}


def every(db: TinyDB) -> list[Document]:
    return sorted(db.table(STATEMENTS).all(), key=lambda d: d.doc_id)


def live(db: TinyDB) -> list[Document]:
    return [doc for doc in every(db) if doc["status"] == ACCEPTED]


class _Live:
    """The live statements indexed, so that an answer costs what it changes, not a reading of every
    statement: each one's author and number of answers, the ids by number of answers (what a phone
    is shown next), and each one's `item` (replaced at each change, never changed in place: a
    list of them is a copy the tally builds from later). Kept beside the database
    (`kiosk.derived`), built from the statements table at its first use; `_indexed` follows each
    change of a statement."""

    def __init__(self):
        self.docs: dict[int, tuple[int | None, int]] = {}  # id -> (author, answers)
        self.by_total: dict[int, list[int]] = {}  # answers -> the ids with that many, in order
        self.by_author: dict[int | None, set[int]] = {}
        self.items: dict[int, dict] = {}

    def put(self, doc) -> None:
        self.drop(doc.doc_id)
        if doc["status"] != ACCEPTED:
            return
        total = doc["agree"] + doc["disagree"] + doc["pass"]
        self.docs[doc.doc_id] = (doc.get("author"), total)
        bisect.insort(self.by_total.setdefault(total, []), doc.doc_id)
        self.by_author.setdefault(doc.get("author"), set()).add(doc.doc_id)
        self.items[doc.doc_id] = item(doc)

    def drop(self, doc_id: int) -> None:
        entry = self.docs.pop(doc_id, None)
        if entry is None:
            return
        self.items.pop(doc_id)
        for index, key in ((self.by_total, entry[1]), (self.by_author, entry[0])):
            index[key].remove(doc_id)
            if not index[key]:
                del index[key]


def _build_live(db: TinyDB) -> _Live:
    index = _Live()
    for doc in every(db):
        index.put(doc)
    return index


def _live(db: TinyDB) -> _Live:
    return derived.get(db, "statements", _build_live)


def _indexed(db: TinyDB, doc_id: int) -> Document | None:
    """The statement `doc_id` as it is now (None: removed), its index entry following it."""
    doc = db.table(STATEMENTS).get(doc_id=doc_id)
    if doc is None:
        _live(db).drop(doc_id)
    else:
        _live(db).put(doc)
    return doc


def _ranked(items: list[dict]) -> dict:
    """Of live statements' items, the consensus ones (Pol.is's rank first) and the divisive ones (most even first)."""
    consensus = sorted((i for i in items if i["verdict"] == stats.CONSENSUS),
                       key=lambda i: -stats.consensus_rank(i["agree"], i["disagree"], i["pass"]))
    divisive = sorted((i for i in items if i["verdict"] == stats.DIVISIVE),
                      key=lambda i: (-stats.split(i["agree"], i["disagree"]), -(i["agree"] + i["disagree"]), i["id"]))
    return {"consensus": consensus, "divisive": divisive}


def results(db: TinyDB) -> dict:
    """The room's results: consensus statements (Pol.is's rank first), divisive ones (most even first)."""
    items = [item(doc) for doc in live(db)]
    return {"items": items, **_ranked(items)}


def public(db: TinyDB) -> dict:
    """The snapshot's `statements`: `{prompt, shown, count, voters, answers, consensus, divisive}`."""
    settings, found = room(db), results(db)
    return {"prompt": settings["prompt"], "shown": settings["shown"], "count": len(found["items"]),
            "voters": settings["voters"], "answers": settings["answers"],
            "consensus": found["consensus"], "divisive": found["divisive"]}


def console(db: TinyDB) -> dict:
    """The console's `statements`: the public part, `items` (every live statement with its counts) and
    `pending` (the moderation inbox, oldest first)."""
    found = results(db)
    return {**public(db), "items": found["items"],
            "pending": [_short(doc) for doc in every(db) if doc["status"] == PENDING]}


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """A live statement shown large on the wall (`wall.spotlight`): its text, and once the results are
    shown on the wall, its verdict and its agree, disagree and pass counts (before, the room is still
    answering: the wall gives no count that could sway it). Waiting or rejected: not on the wall."""
    doc = payloads.document(db, STATEMENTS, {"id": item_id}, "id", N_("This statement is not on the wall."))
    if doc["status"] != ACCEPTED:
        raise KioskError("not_found", N_("This statement is not on the wall."))
    if not room(db)["shown"]:
        return {"text": doc["text"]}
    found = item(doc)
    verdict = None
    if found["verdict"] == stats.DIVISIVE:
        verdict = N_("Divisive: the room splits")
    elif found["verdict"] == stats.CONSENSUS:
        verdict = N_("Consensus: the room agrees") if found["direction"] == "agree" else N_("Consensus: the room disagrees")
    counts = {"agree": doc["agree"], "disagree": doc["disagree"], "pass": doc["pass"]}
    return {"text": doc["text"], "context": t.gettext(verdict) if verdict else None,
            "figures": [t.gettext("{agree} agree · {disagree} disagree · {pass} pass").format(**counts)]}


def _short(doc) -> dict:
    return {"id": doc.doc_id, "text": doc["text"], "status": doc["status"]}


def _person(db: TinyDB, participant_id: int) -> dict:
    doc = db.table(PEOPLE).get(doc_id=participant_id)
    return {"answers": {}, "current": None, **(doc or {})}


class _Candidates(Sequence):
    """Of the live statements with one number of answers (`ids`, in order), those a person may be
    shown, in order, without listing them: `left_out` are the positions in `ids` of their own and
    those they answered, in order (a random choice among them costs what the person did, not
    what the room wrote)."""

    def __init__(self, ids: list[int], left_out: list[int]):
        self.ids, self.left_out = ids, left_out

    def __len__(self) -> int:
        return len(self.ids) - len(self.left_out)

    def __getitem__(self, place):
        if not isinstance(place, int):
            raise TypeError(place)
        if not 0 <= place < len(self):
            raise IndexError(place)
        for position in self.left_out:
            if position > place:
                break
            place += 1
        return self.ids[place]

    def __iter__(self):
        left_out = set(self.left_out)
        return (doc_id for position, doc_id in enumerate(self.ids) if position not in left_out)


def _fewest(db: TinyDB, participant_id: int, person: dict) -> Sequence[int]:
    """What this person may be shown among the statements fewest people answered, by id (empty: nothing)."""
    index = _live(db)
    theirs = index.by_author.get(participant_id, set()) | {int(sid) for sid in person["answers"]}
    left: dict[int, list[int]] = {}  # answers -> their own and answered statements with that many
    for doc_id in theirs:
        if doc_id in index.docs:
            left.setdefault(index.docs[doc_id][1], []).append(doc_id)
    for total in sorted(index.by_total):
        ids = index.by_total[total]
        if len(ids) > len(left.get(total, ())):
            return _Candidates(ids, sorted(bisect.bisect_left(ids, doc_id) for doc_id in left.get(total, ())))
    return _Candidates([], [])


def _stable(participant_id: int, doc_id: int) -> int:
    """A tie-break of its own for each person, the same at every snapshot (the phone's screen does
    not change under its eyes before it answered)."""
    return zlib.crc32(f"{participant_id}:{doc_id}".encode())


def showing(db: TinyDB, participant_id: int, person: dict | None = None) -> Document | None:
    """The statement on this person's phone now: the one given them, else the first of theirs."""
    person = person if person is not None else _person(db, participant_id)
    current, docs = person["current"], _live(db).docs
    if current in docs and docs[current][0] != participant_id and str(current) not in person["answers"]:
        return db.table(STATEMENTS).get(doc_id=current)
    candidates = _fewest(db, participant_id, person)
    if not candidates:
        return None
    return db.table(STATEMENTS).get(doc_id=min(candidates, key=lambda i: _stable(participant_id, i)))


def _next(db: TinyDB, participant_id: int, person: dict, rng=random) -> Document | None:
    """The next statement: the one fewest people answered, a random one among equals."""
    candidates = _fewest(db, participant_id, person)
    return db.table(STATEMENTS).get(doc_id=rng.choice(candidates)) if candidates else None


def _written(db: TinyDB, participant_id: int) -> list[Document]:
    """A participant's statements, whatever their status, oldest first (from the index by author)."""
    return derived.having(db, STATEMENTS, "author", participant_id)


def _folds(db: TinyDB) -> Counter:
    """How many statements not rejected have each folded text (the duplicate check), kept by
    `_insert` and `moderate`; `forget` has it built again."""
    return derived.get(db, "statements_folds",
                       lambda db: Counter(_fold(doc["text"]) for doc in every(db) if doc["status"] != REJECTED))


def _insert(db: TinyDB, fields: dict) -> int:
    """A new statement, in the indexes by author and by folded text."""
    doc_id = db.table(STATEMENTS).insert(fields)
    derived.filed(db, STATEMENTS, "author", doc_id, derived.NEW, fields.get("author"))
    folds = derived.peek(db, "statements_folds")
    if folds is not None:
        folds[_fold(fields["text"])] += 1
    return doc_id


def mine(db: TinyDB, participant_id: int) -> list[dict]:
    return [item(doc) for doc in _written(db, participant_id)]


def personal(db: TinyDB, participant_id: int) -> dict:
    """Under `me`: `statement` (to answer now, `{id, text}` or None), `statement_answers` (`[{id, text, vote}]`,
    in the order given) and `statements_mine` (their own statements, how each fared)."""
    person = _person(db, participant_id)
    now = showing(db, participant_id, person)
    table = db.table(STATEMENTS)
    answers = [{"id": int(sid), "text": table.get(doc_id=int(sid))["text"], "vote": vote}
               for sid, vote in person["answers"].items() if table.get(doc_id=int(sid)) is not None]
    return {"statement": {"id": now.doc_id, "text": now["text"]} if now is not None else None,
            "statement_answers": answers, "statements_mine": mine(db, participant_id)}


# --- Changing -------------------------------------------------------------------------------------

def _tally(db: TinyDB, changed: tuple[int, ...] = ()) -> list[Event]:
    """The room's figures and results to the wall and the console; the `changed` live statements'
    counts to the console. Phones are not sent the room's figures: each hears of its own answers
    and statements. Of a burst of answers only a few tallies go out: the results are ranked when
    one goes (`Later`), from the live statements' items as this change left them."""
    index, settings = _live(db), room(db)
    items = list(index.items.values())
    ranked = Later(lambda: _ranked(sorted(items, key=lambda i: i["id"])))  # ties in the order of their ids
    figures = {"count": len(items), "voters": settings["voters"], "answers": settings["answers"],
               "consensus": Later(lambda: ranked()["consensus"]), "divisive": Later(lambda: ranked()["divisive"])}
    events = [Event(STATEMENTS_TALLY, figures, to=(rooms.WALL, rooms.FACILITATOR))]
    counted = [index.items[i] for i in changed if i in index.items]
    if counted:
        events.append(Event(STATEMENTS_COUNTED, {"items": counted}, to=(rooms.FACILITATOR,)))
    return events


def _statement(db: TinyDB, payload: dict, status: str | None = None) -> Document:
    doc = payloads.document(db, STATEMENTS, payload, "id", N_("This statement does not exist."))
    if status is not None and doc["status"] != status:
        raise KioskError("not_pending" if status == PENDING else "not_live",
                         N_("This statement was already moderated.") if status == PENDING
                         else N_("This statement is not live: it waits for moderation or was rejected."))
    return doc


def _text(db: TinyDB, payload: dict) -> str:
    text = payloads.text(payload, "text", max_len=TEXT_MAX, label=N_("statement"))
    if len(text) < TEXT_MIN:
        raise bad_input(N_("A statement says something to agree or disagree with: at least %(min)d characters."),
                        min=TEXT_MIN)
    if _folds(db)[_fold(text)]:
        raise KioskError("duplicate", N_("This statement is there already: answer it when it comes."))
    return text


def set_prompt(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`statements.prompt {prompt}`: the question the statements answer ("" for none)."""
    prompt = payloads.text(payload, "prompt", max_len=PROMPT_MAX, required=False) or ""
    _save_room(db, prompt=prompt)
    return {"prompt": prompt}, [Event(STATEMENTS_PROMPT, {"prompt": prompt})]


def propose(db: TinyDB, payload: dict, participant_id: int, now: float) -> tuple[dict, list[Event]]:
    """`statements.propose {text}`: a participant's statement, waiting in the facilitator's inbox."""
    text = _text(db, payload)
    theirs = _written(db, participant_id)
    if len(theirs) >= PER_PARTICIPANT_MAX:
        raise KioskError("too_many", N_("You have written %(max)d statements already: that is the most."),
                         max=PER_PARTICIPANT_MAX)
    if sum(doc["status"] == PENDING for doc in theirs) >= PENDING_MAX:
        raise KioskError("too_many_pending", N_("%(max)d of your statements are waiting for the facilitator: "
                                                "write the next one when they are read."), max=PENDING_MAX)
    if theirs and now - theirs[-1]["created"] < GAP_S:
        raise KioskError("too_fast", N_("One statement at a time: wait a few seconds before the next one."))
    doc_id = _insert(db, {"text": text, "author": participant_id, "status": PENDING, "agree": 0,
                          "disagree": 0, "pass": 0, "created": now})
    doc = db.table(STATEMENTS).get(doc_id=doc_id)
    return {"statement": item(doc)}, [Event(STATEMENTS_PROPOSED, {"statement": _short(doc)},
                                            to=(rooms.FACILITATOR, rooms.participant(participant_id)))]


def _publish(db: TinyDB, doc_id: int) -> list[Event]:
    """A statement goes live. Each phone keeps the statement it shows (written down, so that the
    new one does not replace it under their eyes); a phone with nothing to answer gets the new one."""
    people = db.table(PEOPLE)
    holding = {}
    for participant in db.table("participants").all():
        person = _person(db, participant.doc_id)
        shown = showing(db, participant.doc_id, person)
        holding[participant.doc_id] = shown.doc_id if shown is not None else None
    db.table(STATEMENTS).update({"status": ACCEPTED}, doc_ids=[doc_id])
    doc = _indexed(db, doc_id)
    for participant_id, shown in holding.items():
        current = shown if shown is not None or doc.get("author") == participant_id else doc_id
        if people.get(doc_id=participant_id) is None:
            people.insert(Document({"answers": {}, "current": current}, doc_id=participant_id))
        elif _person(db, participant_id)["current"] != current:
            people.update({"current": current}, doc_ids=[participant_id])
    count = len(_live(db).items)
    return [Event(STATEMENTS_PUBLISHED, {"statement": {"id": doc.doc_id, "text": doc["text"]}, "count": count}),
            *_tally(db)]


def seed(db: TinyDB, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`statements.seed {text}`: the facilitator's statement, live at once."""
    text = _text(db, payload)
    doc_id = _insert(db, {"text": text, "author": None, "status": PENDING, "agree": 0,
                          "disagree": 0, "pass": 0, "created": now})
    events = _publish(db, doc_id)
    return {"statement": item(db.table(STATEMENTS).get(doc_id=doc_id))}, events


def moderate(db: TinyDB, payload: dict, accept: bool) -> tuple[dict, list[Event]]:
    """`statements.accept {id}` / `statements.reject {id}`: a waiting statement goes live, or never will."""
    doc = _statement(db, payload, PENDING)
    status = ACCEPTED if accept else REJECTED
    to = (rooms.FACILITATOR,) + ((rooms.participant(doc["author"]),) if doc.get("author") is not None else ())
    moderated = Event(STATEMENTS_MODERATED, {"id": doc.doc_id, "status": status}, to=to)
    if accept:
        events = [moderated, *_publish(db, doc.doc_id)]
    else:
        db.table(STATEMENTS).update({"status": REJECTED}, doc_ids=[doc.doc_id])
        _folds(db)[_fold(doc["text"])] -= 1  # a rejected text may be written again
        events = [moderated]
    return {"statement": item(db.table(STATEMENTS).get(doc_id=doc.doc_id))}, events


def answer(db: TinyDB, payload: dict, participant_id: int, rng=random) -> tuple[dict, list[Event]]:
    """`statements.answer {id, vote}` (1 agree, -1 disagree, 0 pass): a first answer or a changed one.
    The statement's counts change in place; the phone gets its next statement."""
    doc = _statement(db, payload, ACCEPTED)
    vote = payload.get("vote")
    if isinstance(vote, bool) or vote not in COUNT_FIELD:
        raise bad_input(N_("Answer with 1 (agree), -1 (disagree) or 0 (pass)."))
    person = _person(db, participant_id)
    key = str(doc.doc_id)
    before = person["answers"].get(key)
    counts = {field: doc[field] for field in COUNT_FIELD.values()}
    if before is not None:
        counts[COUNT_FIELD[before]] -= 1
    counts[COUNT_FIELD[vote]] += 1
    settings, first = room(db), not person["answers"]
    answers = {**person["answers"], key: vote}
    shown = showing(db, participant_id, person)
    person = {**person, "answers": answers}
    db.table(STATEMENTS).update(counts, doc_ids=[doc.doc_id])
    doc = _indexed(db, doc.doc_id)
    following = shown if shown is not None and shown.doc_id != doc.doc_id else _next(db, participant_id, person, rng)
    person["current"] = following.doc_id if following is not None else None
    people = db.table(PEOPLE)
    if people.get(doc_id=participant_id) is None:
        people.insert(Document(person, doc_id=participant_id))
    else:
        people.update(person, doc_ids=[participant_id])
    _save_room(db, voters=settings["voters"] + first, answers=settings["answers"] + (before is None))
    nxt = {"id": following.doc_id, "text": following["text"]} if following is not None else None
    events = [Event(STATEMENTS_ANSWERED, {"id": doc.doc_id, "text": doc["text"], "vote": vote, "next": nxt},
                    to=(rooms.participant(participant_id),))]
    if doc.get("author") is not None:
        events.append(Event(STATEMENTS_FARED, {"statement": item(doc)}, to=(rooms.participant(doc["author"]),)))
    return {"id": doc.doc_id, "vote": vote, "next": nxt}, events + _tally(db, (doc.doc_id,))


def show(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`statements.show {shown}`: the wall shows the consensus and divisive statements (or the count again)."""
    shown = payloads.boolean(payload, "shown", default=True)
    _save_room(db, shown=shown)
    return {"shown": shown}, [Event(STATEMENTS_SHOWN, {"shown": shown})]


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a statements step: its question, and its seed statements live (those not there yet)."""
    if room(db)["step"] == index:
        return []
    options = step.options or {}
    events = []
    if options.get("prompt") and options["prompt"] != room(db)["prompt"]:
        events += set_prompt(db, {"prompt": options["prompt"]})[1]
    _save_room(db, step=index)
    known = {_fold(doc["text"]) for doc in every(db) if doc["status"] != REJECTED}
    for text in options.get("seed", []):
        if _fold(text) not in known:
            known.add(_fold(text))
            events += seed(db, {"text": text}, now)[1]
    return events


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """The facilitator removed a participant: their answers leave the counts, their waiting
    statements leave the inbox; their live statements stay, nobody's any more."""
    events: list[Event] = []
    person = db.table(PEOPLE).get(doc_id=participant_id)
    table = db.table(STATEMENTS)
    touched = set()
    if person is not None:
        for sid, vote in person["answers"].items():
            doc = table.get(doc_id=int(sid))
            if doc is not None:
                table.update({COUNT_FIELD[vote]: doc[COUNT_FIELD[vote]] - 1}, doc_ids=[doc.doc_id])
                _indexed(db, doc.doc_id)
                touched.add(doc.doc_id)
        settings = room(db)
        _save_room(db, voters=settings["voters"] - bool(person["answers"]),
                   answers=settings["answers"] - len(person["answers"]))
        db.table(PEOPLE).remove(doc_ids=[participant_id])
    for doc in every(db):
        if doc.get("author") != participant_id:
            continue
        if doc["status"] == PENDING:
            table.remove(doc_ids=[doc.doc_id])
            _indexed(db, doc.doc_id)
            events.append(Event(STATEMENTS_MODERATED, {"id": doc.doc_id, "status": "removed"}, to=(rooms.FACILITATOR,)))
        else:
            table.update({"author": None}, doc_ids=[doc.doc_id])
            _indexed(db, doc.doc_id)
    # Their statements changed author or left: the indexes by author and by text are built again
    # at their next use (a removal is rare, a proposal is not).
    derived.refile(db, STATEMENTS, "author")
    derived.drop(db, "statements_folds")
    for doc_id in sorted(touched):
        doc = table.get(doc_id=doc_id)
        if doc.get("author") is not None:
            events.append(Event(STATEMENTS_FARED, {"statement": item(doc)}, to=(rooms.participant(doc["author"]),)))
    return events + (_tally(db, tuple(sorted(touched))) if touched else [])


def matrix(db: TinyDB) -> tuple[list[int], list[tuple[int, dict]]]:
    """The vote matrix, Pol.is's participant-votes layout: the live statements' ids, and per person
    who answered `(participant id, {statement id: vote})`."""
    ids = [doc.doc_id for doc in live(db)]
    people = sorted(db.table(PEOPLE).all(), key=lambda d: d.doc_id)
    return ids, [(p.doc_id, {int(k): v for k, v in p["answers"].items()}) for p in people if p["answers"]]
