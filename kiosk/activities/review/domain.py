"""The situation review ("état des lieux"): a collector of short notes in named buckets.

The room posts short notes (200 characters at most) into the buckets of the review (brakes,
levers, means, needs, expectations by default: a programme step names its own, so other formats
reuse the collector with other buckets). With moderation on, a note waits in the facilitator's
inbox and goes public only once accepted; a rejected note never shows (the export keeps it,
marked "rejected", so the organisers see what was turned down). Each person gives a +1 to others'
notes, once per note, and may take it back. The facilitator merges duplicates (the kept note
gathers the voters of both, each person once, and remembers the texts it absorbed), moves a note
to another bucket, hides and restores it, fixes a typo. A participant edits or withdraws their
own note while the review is open; with moderation on, an edited note goes back to the inbox.

A workshop may hold several reviews (each an instance, see `instances.py`, naming its step); the
latest is the current one.

Tables: `review_reviews` (one document per review: prompt, buckets, moderation, status, step,
`counts`: the running +1 count of each note that has any, so a +1 costs the same whatever the
room's size) and `review_notes` (one per note: review, bucket, text, author, status, voters,
merged_from, merged_into).

Other activities read it through `notes()` and `buckets()` only.
"""

from __future__ import annotations

import time

from tinydb import Query, TinyDB

from ... import derived, instances, payloads, rooms, workshop
from ...errors import N_, KioskError, bad_input
from ...events import COALESCE, Event, event_type, gather

REVIEWS, NOTES = "review_reviews", "review_notes"

REVIEW_OPENED = event_type("review.opened", "A situation review opened: `{review}` (as in the snapshot), to everyone.")
REVIEW_CLOSED = event_type(
    "review.closed", "The situation review closed: `{review_id}`, to everyone; its notes stay on the wall and in the export.")
REVIEW_NOTE = event_type(
    "review.note", "Notes appeared or changed (posted, accepted, edited, moved, restored, merged into): `{review_id, "
    "notes: [{id, bucket, text, plus_ones}]}` to the wall and the phones while they are public; the console's copy, on "
    "every change, adds `status`, `author`, `merged_from` and `merged_into`. Gathered: a room posting at once costs each "
    "screen a few messages a second.", deliver=gather("notes"))
REVIEW_REMOVED = event_type(
    "review.removed", "A public note left the room's view (hidden, merged, rejected, withdrawn): `{review_id, note_id}`, "
    "to the wall and the phones.")
REVIEW_COUNTS = event_type(
    "review.counts", "The +1 counts changed: `{review_id, counts: {note_id: n}}` (every note with a +1), to everyone, "
    "a few times a second at most.", deliver=COALESCE)
REVIEW_MINE = event_type(
    "review.mine", "One of a participant's own notes changed: `{review_id, note: {id, bucket, text, status}}` (status "
    "`withdrawn`: it is gone), to their phones.")
REVIEW_PLUSSED = event_type(
    "review.plussed", "A participant gave or took back a +1: `{review_id, note_id, on}`, to their phones.")

TEXT_MAX = 200
PROMPT_MAX = 140
BUCKET_MAX = 40
BUCKETS_MAX = 8
NOTES_PER_PERSON = 30  # per review: enough for a morning, not a flood
OPEN, CLOSED = "open", "closed"
PENDING, PUBLIC, REJECTED, HIDDEN, MERGED, WITHDRAWN = "pending", "public", "rejected", "hidden", "merged", "withdrawn"
#: The buckets when the step names none, in the workshop's language (seed 004's "état des lieux").
DEFAULT_BUCKETS = {"fr": ["Freins", "Leviers", "Moyens", "Besoins", "Attentes"],
                   "en": ["Brakes", "Levers", "Means", "Needs", "Expectations"]}
STEP_KEYS = {"prompt": "the question of the review, shown on the phones and the wall (at most 140 characters)",
             "buckets": f"the buckets notes go into, in order, in the workshop's language (1 to {BUCKETS_MAX}, "
                        f"{BUCKET_MAX} characters each; default: brakes, levers, means, needs, expectations)",
             "moderation": "true: notes wait in the facilitator's inbox until accepted (default false)"}


def _bucket_list(value) -> list[str] | None:
    """A clean list of distinct bucket names, or None when it is not one."""
    if not isinstance(value, list) or not 1 <= len(value) <= BUCKETS_MAX:
        return None
    names = []
    for item in value:
        name = payloads.text({"bucket": item}, "bucket", max_len=BUCKET_MAX, required=False) \
            if isinstance(item, str) else None
        if not name or name.casefold() in {n.casefold() for n in names}:
            return None
        names.append(name)
    return names


def step_options(reader) -> dict | None:
    """A review step's options: `{prompt, buckets?, moderation}`."""
    prompt = reader.text("prompt", PROMPT_MAX)
    options: dict = {"prompt": prompt, "moderation": False}
    if reader.has("buckets"):
        try:
            names = _bucket_list(reader.block["buckets"])
        except KioskError:
            names = None
        if names is None:
            reader.problem("buckets", f"must be a list of 1 to {BUCKETS_MAX} different names of at most {BUCKET_MAX} "
                                      "characters, like buckets = [\"Freins\", \"Leviers\"]")
            return None
        options["buckets"] = names
    if reader.has("moderation"):
        if not isinstance(reader.block["moderation"], bool):
            reader.problem("moderation", "must be true or false, like moderation = true")
            return None
        options["moderation"] = reader.block["moderation"]
    return None if prompt is None else options


# --- Reading --------------------------------------------------------------------------------------

def _review(db: TinyDB, review: int | None = None):
    if review is None:
        return instances.current(db, REVIEWS)
    return db.table(REVIEWS).get(doc_id=review) if isinstance(review, int) else None


def _count(review_doc, note_id: int) -> int:
    return review_doc.get("counts", {}).get(str(note_id), 0)


def public_note(review_doc, doc) -> dict:
    return {"id": doc.doc_id, "bucket": doc["bucket"], "text": doc["text"], "plus_ones": _count(review_doc, doc.doc_id)}


def console_note(review_doc, doc) -> dict:
    return {**public_note(review_doc, doc), "status": doc["status"], "author": doc.get("author"),
            "merged_from": list(doc.get("merged_from", [])), "merged_into": doc.get("merged_into")}


def own_note(doc) -> dict:
    return {"id": doc.doc_id, "bucket": doc["bucket"], "text": doc["text"], "status": doc["status"]}


def every_note(db: TinyDB, review_doc) -> list:
    """Every note of a review (withdrawn ones too), oldest first."""
    return sorted(db.table(NOTES).search(Query().review == review_doc.doc_id), key=lambda d: d.doc_id)


def notes(db: TinyDB, bucket: str | None = None, review: int | None = None) -> list[dict]:
    """The live notes of the current review (or of review `review`, its id), for other activities:
    public, not merged into another, in `bucket` when given; `{id, bucket, text, plus_ones, author}`
    (`author`: a participant id, or None for a removed one), the most +1s first, then the oldest."""
    review_doc = _review(db, review)
    if review_doc is None:
        return []
    found = [{**public_note(review_doc, doc), "author": doc.get("author")} for doc in every_note(db, review_doc)
             if doc["status"] == PUBLIC and (bucket is None or doc["bucket"] == bucket)]
    return sorted(found, key=lambda n: (-n["plus_ones"], n["id"]))


def buckets(db: TinyDB, review: int | None = None) -> list[str]:
    """The bucket names of the current review (or of review `review`, its id), in order; [] before any."""
    review_doc = _review(db, review)
    return list(review_doc["buckets"]) if review_doc is not None else []


def _view(db: TinyDB, review_doc, everything: bool) -> dict | None:
    if review_doc is None:
        return None
    docs = [d for d in every_note(db, review_doc) if d["status"] != WITHDRAWN]
    shown = [console_note(review_doc, d) if everything else public_note(review_doc, d)
             for d in docs if everything or d["status"] == PUBLIC]
    return {"id": review_doc.doc_id, "prompt": review_doc["prompt"], "buckets": list(review_doc["buckets"]),
            "moderation": review_doc["moderation"], "status": review_doc["status"], "notes": shown}


def public(db: TinyDB) -> dict | None:
    """The snapshot's `review`: `{id, prompt, buckets, moderation, status, notes: [{id, bucket, text, plus_ones}]}`,
    the public notes, oldest first."""
    return _view(db, instances.current(db, REVIEWS), everything=False)


def console(db: TinyDB) -> dict | None:
    """The console's `review`: every note, whatever its status, with its author and merges."""
    return _view(db, instances.current(db, REVIEWS), everything=True)


def earlier(db: TinyDB) -> list[dict]:
    """The snapshot's `reviews`: the earlier reviews, `{id, prompt}`, oldest first."""
    current = instances.current(db, REVIEWS)
    return [{"id": doc.doc_id, "prompt": doc["prompt"]} for doc in instances.every(db, REVIEWS)
            if current is None or doc.doc_id != current.doc_id]


class _People:
    """One review's notes indexed by person: whose notes are whose (the limit per person, the
    double tap, `me.review`) and whose +1s went where, so that a note or a phone's snapshot costs
    what concerns that person, not a reading of every note. Kept beside the database
    (`kiosk.derived`), built from the notes table at its first use; each change of a note's
    author or voters follows in it."""

    def __init__(self):
        self.authored: dict[int, set[int]] = {}  # participant -> their notes' ids
        self.plussed: dict[int, set[int]] = {}  # participant -> the notes they gave a +1

    @staticmethod
    def _move(index: dict, person, note_id: int, on: bool) -> None:
        if person is None:
            return
        if on:
            index.setdefault(person, set()).add(note_id)
        elif person in index:
            index[person].discard(note_id)
            if not index[person]:
                del index[person]

    def author(self, note_id: int, before, now) -> None:
        self._move(self.authored, before, note_id, False)
        self._move(self.authored, now, note_id, True)

    def plus(self, note_id: int, person: int, on: bool) -> None:
        self._move(self.plussed, person, note_id, on)

    def voters(self, note_id: int, before: list, now: list) -> None:
        for person in set(before) - set(now):
            self.plus(note_id, person, False)
        for person in set(now) - set(before):
            self.plus(note_id, person, True)


def _build_people(db: TinyDB, review_id: int) -> _People:
    people = _People()
    for doc in db.table(NOTES).search(Query().review == review_id):
        people.author(doc.doc_id, None, doc.get("author"))
        people.voters(doc.doc_id, [], doc.get("voters", []))
    return people


def _people(db: TinyDB, review_id: int) -> _People:
    return derived.get(db, ("review", review_id), lambda db: _build_people(db, review_id))


def _live_notes(db: TinyDB, ids) -> list:
    """These notes, oldest first, but the withdrawn ones."""
    table = db.table(NOTES)
    return [doc for doc in (table.get(doc_id=i) for i in sorted(ids)) if doc["status"] != WITHDRAWN]


def mine(db: TinyDB, participant_id: int) -> dict:
    """`me.review`: `{notes: [{id, bucket, text, status}], plus: [note ids]}` in the current review."""
    review_doc = instances.current(db, REVIEWS)
    if review_doc is None:
        return {"notes": [], "plus": []}
    people = _people(db, review_doc.doc_id)
    return {"notes": [own_note(d) for d in _live_notes(db, people.authored.get(participant_id, ()))],
            "plus": [d.doc_id for d in _live_notes(db, people.plussed.get(participant_id, ()))]}


# --- Changing -------------------------------------------------------------------------------------

def _current(db: TinyDB, status: str | None = None):
    review_doc = instances.current(db, REVIEWS)
    if review_doc is None:
        raise KioskError("no_review", N_("There is no situation review yet: the facilitator opens one."))
    if status == OPEN and review_doc["status"] != OPEN:
        raise KioskError("review_closed", N_("The situation review is closed: notes are no longer taken."))
    return review_doc


def _note(db: TinyDB, review_doc, payload: dict, field: str = "note_id"):
    doc = payloads.document(db, NOTES, payload, field, N_("This note does not exist."))
    if doc["review"] != review_doc.doc_id or doc["status"] == WITHDRAWN:
        raise KioskError("not_found", N_("This note does not exist."))
    return doc


def _bucket(review_doc, payload: dict) -> str:
    return payloads.choice(payload, "bucket", review_doc["buckets"])


def _text(payload: dict) -> str:
    return payloads.text(payload, "text", max_len=TEXT_MAX)


def _note_events(review_doc, before: str, doc) -> list[Event]:
    """What a change of one note tells each screen: the room sees it while it is public (and hears
    when it leaves), the console sees every change, the author hears of their own note."""
    events = []
    if doc["status"] == PUBLIC:
        events.append(Event(REVIEW_NOTE, {"review_id": review_doc.doc_id, "notes": [public_note(review_doc, doc)]},
                            to=(rooms.WALL, rooms.PHONES)))
    elif before == PUBLIC:
        events.append(Event(REVIEW_REMOVED, {"review_id": review_doc.doc_id, "note_id": doc.doc_id},
                            to=(rooms.WALL, rooms.PHONES)))
    events.append(Event(REVIEW_NOTE, {"review_id": review_doc.doc_id, "notes": [console_note(review_doc, doc)]},
                        to=(rooms.FACILITATOR,)))
    if doc.get("author") is not None:
        events.append(Event(REVIEW_MINE, {"review_id": review_doc.doc_id, "note": own_note(doc)},
                            to=(rooms.participant(doc["author"]),)))
    return events


def _counts_event(review_doc) -> Event:
    return Event(REVIEW_COUNTS, {"review_id": review_doc.doc_id, "counts": dict(review_doc.get("counts", {}))})


def _change(db: TinyDB, review_doc, doc, fields: dict) -> tuple[object, list[Event]]:
    before, people = doc["status"], _people(db, doc["review"])
    db.table(NOTES).update(fields, doc_ids=[doc.doc_id])
    if "author" in fields:
        people.author(doc.doc_id, doc.get("author"), fields["author"])
    if "voters" in fields:
        people.voters(doc.doc_id, doc.get("voters", []), fields["voters"])
    doc = db.table(NOTES).get(doc_id=doc.doc_id)
    return doc, _note_events(review_doc, before, doc)


def open_review(db: TinyDB, payload: dict, step, step_index: int | None = None,
                now: float | None = None) -> tuple[dict, list[Event]]:
    """`review.open {prompt?, buckets?, moderation?}`: a new review, the programme step's options by
    default (the default buckets in the workshop's language). An open review is closed first."""
    options = step.options if step is not None and step.phase == "review" else {}
    prompt = payloads.text(payload, "prompt", max_len=PROMPT_MAX, required=False) or options.get("prompt") or ""
    names = options.get("buckets") or DEFAULT_BUCKETS.get(workshop.meta(db)["workshop"].get("lang"), DEFAULT_BUCKETS["en"])
    if payload.get("buckets") is not None:
        names = _bucket_list(payload["buckets"])
        if names is None:
            raise bad_input(N_("The buckets are a list of 1 to %(count)d different names of %(max)d characters at most."),
                            count=BUCKETS_MAX, max=BUCKET_MAX)
    moderation = payloads.boolean(payload, "moderation", default=options.get("moderation", False))
    events = []
    current = instances.current(db, REVIEWS)
    if current is not None and current["status"] == OPEN:
        events += _close(db, current, now)
    review_doc = instances.start(db, REVIEWS, {"prompt": prompt, "buckets": names, "moderation": moderation,
                                               "status": OPEN, "counts": {},
                                               "opened": time.time() if now is None else now}, step_index=step_index)
    view = _view(db, review_doc, everything=False)
    return {"review": view}, events + [Event(REVIEW_OPENED, {"review": view})]


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a review step: a review opens with the step's question, buckets and moderation, unless
    this step's review exists already (open, it runs; closed, its notes are finished work), or the
    open review has the step's buckets: a second step on the same buckets ("the list of needs")
    goes on with the room's notes rather than starting an empty review."""
    review_doc = instances.current(db, REVIEWS)
    if review_doc is not None and review_doc.get("step") == index:
        return []
    buckets = step.options.get("buckets") or DEFAULT_BUCKETS.get(workshop.meta(db)["workshop"].get("lang"),
                                                                  DEFAULT_BUCKETS["en"])
    if review_doc is not None and review_doc["status"] == OPEN and list(review_doc["buckets"]) == list(buckets):
        return []
    return open_review(db, {}, step, index, now)[1]


def _close(db: TinyDB, review_doc, now) -> list[Event]:
    db.table(REVIEWS).update({"status": CLOSED, "closed": time.time() if now is None else now},
                             doc_ids=[review_doc.doc_id])
    return [Event(REVIEW_CLOSED, {"review_id": review_doc.doc_id})]


def close_review(db: TinyDB, payload: dict, now: float | None = None) -> tuple[dict, list[Event]]:
    """`review.close`: no more notes nor +1s; the notes stay on the wall and in the export."""
    review_doc = _current(db, OPEN)
    return {"review_id": review_doc.doc_id}, _close(db, review_doc, now)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def post(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`review.post {bucket, text}`: a note in the open review, public at once or in the inbox.

    The same text in the same bucket from the same person, while their first is live, is the same
    note (a double tap, a resend): the answer gives it back and nothing changes."""
    review_doc = _current(db, OPEN)
    bucket, text = _bucket(review_doc, payload), _text(payload)
    people = _people(db, review_doc.doc_id)
    theirs = _live_notes(db, people.authored.get(participant_id, ()))
    same = next((d for d in theirs if d["bucket"] == bucket and _fold(d["text"]) == _fold(text)), None)
    if same is not None:
        return {"note": own_note(same)}, []
    if len(theirs) >= NOTES_PER_PERSON:
        raise KioskError("too_many_notes", N_("You have posted %(max)d notes in this review: edit one rather than "
                                              "adding more."), max=NOTES_PER_PERSON)
    status = PENDING if review_doc["moderation"] else PUBLIC
    doc_id = db.table(NOTES).insert({"review": review_doc.doc_id, "bucket": bucket, "text": text,
                                     "author": participant_id, "status": status, "voters": [],
                                     "merged_from": []})
    people.author(doc_id, None, participant_id)
    doc = db.table(NOTES).get(doc_id=doc_id)
    return {"note": own_note(doc)}, _note_events(review_doc, "", doc)


def _own(db: TinyDB, review_doc, payload: dict, participant_id: int):
    doc = _note(db, review_doc, payload)
    if doc.get("author") != participant_id:
        raise KioskError("forbidden", N_("This note is not yours: you can change only your own notes."))
    if doc["status"] not in (PENDING, PUBLIC) or doc.get("merged_from"):
        raise KioskError("note_settled", N_("The facilitator has already dealt with this note: it can no longer "
                                            "be changed from your phone."))
    return doc


def edit_own(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`review.edit {note_id, text}`: a participant rewrites their own note while the review is open
    (with moderation on, it goes back to the inbox)."""
    review_doc = _current(db, OPEN)
    doc = _own(db, review_doc, payload, participant_id)
    fields = {"text": _text(payload)}
    if review_doc["moderation"]:
        fields["status"] = PENDING
    doc, events = _change(db, review_doc, doc, fields)
    return {"note": own_note(doc)}, events


def withdraw(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`review.withdraw {note_id}`: a participant takes back their own note while the review is open;
    its +1s go with it."""
    review_doc = _current(db, OPEN)
    doc = _own(db, review_doc, payload, participant_id)
    events = []
    counts = dict(review_doc.get("counts", {}))
    if counts.pop(str(doc.doc_id), None) is not None:
        db.table(REVIEWS).update({"counts": counts}, doc_ids=[review_doc.doc_id])
        events.append(_counts_event(db.table(REVIEWS).get(doc_id=review_doc.doc_id)))
    doc, changed = _change(db, review_doc, doc, {"status": WITHDRAWN, "voters": []})
    return {"note_id": doc.doc_id}, changed + events


def plus(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`review.plus {note_id, on?}`: a +1 on another's public note (`on: false` takes it back). One
    per person per note; the running count changes by one, nothing is read back."""
    review_doc = _current(db, OPEN)
    doc = _note(db, review_doc, payload)
    on = payloads.boolean(payload, "on", default=True)
    voters = list(doc.get("voters", []))
    if on and doc["status"] != PUBLIC:
        raise KioskError("not_found", N_("This note is not shown to the room."))
    if on and doc.get("author") == participant_id:
        raise bad_input(N_("This note is yours: give your +1s to others' notes."))
    if on == (participant_id in voters):
        return {"note_id": doc.doc_id, "on": on}, []  # already so: a double tap changes nothing
    voters = voters + [participant_id] if on else [v for v in voters if v != participant_id]
    db.table(NOTES).update({"voters": voters}, doc_ids=[doc.doc_id])
    _people(db, review_doc.doc_id).plus(doc.doc_id, participant_id, on)
    counts = dict(review_doc.get("counts", {}))
    counts[str(doc.doc_id)] = len(voters)
    if not voters:
        del counts[str(doc.doc_id)]
    db.table(REVIEWS).update({"counts": counts}, doc_ids=[review_doc.doc_id])
    review_doc = db.table(REVIEWS).get(doc_id=review_doc.doc_id)
    return {"note_id": doc.doc_id, "on": on}, [
        _counts_event(review_doc),
        Event(REVIEW_PLUSSED, {"review_id": review_doc.doc_id, "note_id": doc.doc_id, "on": on},
              to=(rooms.participant(participant_id),))]


def moderate(db: TinyDB, payload: dict, accept: bool) -> tuple[dict, list[Event]]:
    """`review.accept {note_id}` / `review.reject {note_id}`: a note of the inbox goes public, or is
    turned down (never shown; the export keeps it, marked rejected). A rejected note may still be
    accepted, and an accepted one rejected."""
    review_doc = _current(db)
    doc = _note(db, review_doc, payload)
    if doc["status"] not in (PENDING, PUBLIC, REJECTED):
        raise KioskError("note_settled", N_("This note is hidden or merged: restore it instead."))
    doc, events = _change(db, review_doc, doc, {"status": PUBLIC if accept else REJECTED})
    return {"note": console_note(review_doc, doc)}, events


def set_hidden(db: TinyDB, payload: dict, hide: bool) -> tuple[dict, list[Event]]:
    """`review.hide {note_id}` / `review.restore {note_id}`: a public note leaves the room's view
    (the export keeps it, marked hidden), or a hidden one comes back."""
    review_doc = _current(db)
    doc = _note(db, review_doc, payload)
    if doc["status"] != (PUBLIC if hide else HIDDEN):
        raise KioskError("note_settled", N_("Only a shown note can be hidden, and only a hidden one restored."))
    doc, events = _change(db, review_doc, doc, {"status": HIDDEN if hide else PUBLIC})
    return {"note": console_note(review_doc, doc)}, events


def move(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`review.move {note_id, bucket}`: the note goes to another bucket."""
    review_doc = _current(db)
    doc = _note(db, review_doc, payload)
    if doc["status"] == MERGED:
        raise KioskError("note_settled", N_("This note is merged into another: move that one."))
    doc, events = _change(db, review_doc, doc, {"bucket": _bucket(review_doc, payload)})
    return {"note": console_note(review_doc, doc)}, events


def fix(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`review.fix {note_id, text}`: the facilitator corrects a note's text (a typo)."""
    review_doc = _current(db)
    doc = _note(db, review_doc, payload)
    if doc["status"] == MERGED:
        raise KioskError("note_settled", N_("This note is merged into another: correct that one."))
    doc, events = _change(db, review_doc, doc, {"text": _text(payload)})
    return {"note": console_note(review_doc, doc)}, events


def merge(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`review.merge {note_id, into}`: a duplicate joins the note `into`, which keeps its wording and
    bucket, gathers the voters of both (each person once: the union, not the sum) and remembers the
    texts it absorbed ("merged from")."""
    review_doc = _current(db)
    doc, into = _note(db, review_doc, payload), _note(db, review_doc, payload, "into")
    if doc.doc_id == into.doc_id:
        raise bad_input(N_("A note cannot be merged into itself."))
    if MERGED in (doc["status"], into["status"]) or WITHDRAWN in (doc["status"], into["status"]):
        raise KioskError("note_settled", N_("This note is already merged into another."))
    voters = list(into.get("voters", []))
    voters += [v for v in doc.get("voters", []) if v not in voters]
    counts = dict(review_doc.get("counts", {}))
    counts.pop(str(doc.doc_id), None)
    if voters:
        counts[str(into.doc_id)] = len(voters)
    db.table(REVIEWS).update({"counts": counts}, doc_ids=[review_doc.doc_id])
    review_doc = db.table(REVIEWS).get(doc_id=review_doc.doc_id)
    doc, events = _change(db, review_doc, doc, {"status": MERGED, "merged_into": into.doc_id, "voters": []})
    absorbed = list(into.get("merged_from", [])) + [doc["text"]] + list(doc.get("merged_from", []))
    into, more = _change(db, review_doc, into, {"voters": voters, "merged_from": absorbed})
    return {"note": console_note(review_doc, into)}, events + more + [_counts_event(review_doc)]


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """The facilitator removed a participant: their +1s go (every count drops where they gave one),
    their notes lose their author and leave the room's view (hidden: the export keeps them, marked),
    except a note that gathers others' notes through a merge, which stays shown."""
    events = []
    table = db.table(NOTES)
    current = instances.current(db, REVIEWS)
    touched: dict[int, dict] = {}
    for doc in table.search(Query().voters.any([participant_id])):
        voters = [v for v in doc["voters"] if v != participant_id]
        table.update({"voters": voters}, doc_ids=[doc.doc_id])
        _people(db, doc["review"]).plus(doc.doc_id, participant_id, False)
        touched.setdefault(doc["review"], {})[str(doc.doc_id)] = len(voters)
    for review_id, changed in touched.items():
        review_doc = db.table(REVIEWS).get(doc_id=review_id)
        counts = {**review_doc.get("counts", {}), **changed}
        db.table(REVIEWS).update({"counts": {k: n for k, n in counts.items() if n}}, doc_ids=[review_id])
        if review_id == current.doc_id:  # the screens hold the current review only
            events.append(_counts_event(db.table(REVIEWS).get(doc_id=review_id)))
    for doc in table.search(Query().author == participant_id):
        fields = {"author": None}
        if doc["status"] in (PUBLIC, PENDING) and not doc.get("merged_from"):
            fields["status"] = HIDDEN
        review_doc = db.table(REVIEWS).get(doc_id=doc["review"])
        _, changed = _change(db, review_doc, doc, fields)
        if doc["review"] == current.doc_id:
            events += changed
    return events


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """A note of the current review shown large on the wall (`wall.spotlight`): its text, its bucket, its +1s."""
    review_doc = instances.current(db, REVIEWS)
    doc = payloads.document(db, NOTES, {"id": item_id}, "id", N_("This note is not on the wall."))
    if review_doc is None or doc["review"] != review_doc.doc_id or doc["status"] != PUBLIC:
        raise KioskError("not_found", N_("This note is not on the wall."))
    n = _count(review_doc, doc.doc_id)
    return {"text": doc["text"], "context": doc["bucket"], "figures": [f"+{n}"] if n else []}
