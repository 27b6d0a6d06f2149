"""Recommendations ("préconisations"): participants propose recommendations, each person rates
each one's impact and effort from 1 to 4, the wall places them in four quadrants by their medians,
and the roadmap keeps who does what, and when.

The quadrant rule: a recommendation's impact is high when the median of its impact ratings is
above 2.5 (the middle of 1–4), and so is its effort; high impact and low effort is a quick win,
high impact and high effort a major project, low impact and low effort a fill-in, low impact and
high effort a thankless task. A median of exactly 2.5 counts as low. Unrated, it has no quadrant.

Table `recommendations_items`: `{text, author (participant id or None for the facilitator),
ratings: {participant id: [impact, effort]}, who, volunteers: [participant id], when}`. Proposals
and ratings are open or closed under the meta key `recommendations`; the roadmap (who, when,
volunteers) stays editable after the close.

Public function for later units (the posters, `kiosk merge`): `roadmap(db)`.
"""

from __future__ import annotations


from tinydb import TinyDB

from ... import derived, payloads, rooms, workshop
from ...errors import N_, KioskError
from ...events import COALESCE, Event, event_type

ITEMS = "recommendations_items"
META = "recommendations"
OPEN, CLOSED = "open", "closed"
SCALE = (1, 4)
MIDDLE = 2.5
TEXT_MAX, WHO_MAX, WHEN_MAX = 200, 80, 40
ITEMS_MAX = 60
PROMPT_MAX = 140
STEP_KEYS = {"question": "the question the recommendations answer, shown on the phones and the wall (at most 140 characters)"}
QUADRANTS = ("quick_win", "major_project", "fill_in", "thankless")  # the roadmap's order
QUADRANT_LABELS = {"quick_win": N_("Quick wins"), "major_project": N_("Major projects"), "fill_in": N_("Fill-ins"),
                   "thankless": N_("Thankless tasks")}

RECOMMENDATIONS_CHANGED = event_type(
    "recommendations.changed", "A recommendation was proposed, removed or planned, or proposals opened or closed: "
    "`{recommendations}` (as in the snapshot), to everyone.")
RECOMMENDATIONS_SCORES = event_type(
    "recommendations.scores", "The ratings changed: `{scores: [{id, impact, effort, n, quadrant}]}`, to the wall and "
    "the console, a few times a second at most.", deliver=COALESCE)
RECOMMENDATIONS_MINE = event_type(
    "recommendations.mine", "A participant's own ratings: `{ratings: {recommendation id: [impact, effort]}}`, to their "
    "phones.")


def quadrant(impact: float | None, effort: float | None) -> str | None:
    """The quadrant of a recommendation by its medians (see the module's rule), None unrated."""
    if impact is None or effort is None:
        return None
    high_impact, high_effort = impact > MIDDLE, effort > MIDDLE
    if high_impact:
        return "major_project" if high_effort else "quick_win"
    return "thankless" if high_effort else "fill_in"


def step_options(reader) -> dict | None:
    """A recommendations step's options: `{question}` (empty: none)."""
    if not reader.has("question"):
        return {"question": ""}
    question = reader.text("question", PROMPT_MAX)
    return None if question is None else {"question": question}


# --- Reading --------------------------------------------------------------------------------------

def status(db: TinyDB) -> str:
    return (workshop.meta(db).get(META) or {}).get("status", OPEN)


def prompt(db: TinyDB) -> str:
    return (workshop.meta(db).get(META) or {}).get("prompt", "")


def _every(db: TinyDB) -> list:
    return sorted(db.table(ITEMS).all(), key=lambda d: d.doc_id)


def _histograms(ratings) -> tuple[list[int], list[int]]:
    """How many gave each impact and each effort (`[0, n1, n2, n3, n4]`)."""
    impact, effort = [0] * (SCALE[1] + 1), [0] * (SCALE[1] + 1)
    for i, e in ratings:
        impact[i] += 1
        effort[e] += 1
    return impact, effort


def _build_counts(db: TinyDB) -> dict[int, tuple[list[int], list[int]]]:
    return {doc.doc_id: _histograms(doc.get("ratings", {}).values()) for doc in _every(db)}


def _counts(db: TinyDB) -> dict[int, tuple[list[int], list[int]]]:
    """Each recommendation's ratings counted as they come (a histogram of impact and one of effort),
    so that a rating costs the same for 10 people or 1,000. Kept beside the database
    (`kiosk.derived`), built from the recommendations at first use; a rating changes it, a removed
    participant or recommendation has it built again."""
    return derived.get(db, "recommendations", _build_counts)


def _median(histogram: list[int]) -> int | float | None:
    """`statistics.median` of the values a histogram counts: the middle one, or the mean of the two."""
    n = sum(histogram)
    if not n:
        return None
    if n % 2:
        return derived.nth(histogram, n // 2)
    return (derived.nth(histogram, n // 2 - 1) + derived.nth(histogram, n // 2)) / 2


def _score(db: TinyDB, doc) -> dict:
    impacts, efforts = _counts(db).get(doc.doc_id) or _histograms(())
    impact, effort = _median(impacts), _median(efforts)
    return {"id": doc.doc_id, "impact": impact, "effort": effort, "n": sum(impacts), "quadrant": quadrant(impact, effort)}


def _item(db: TinyDB, doc) -> dict:
    return {"text": doc["text"], "author": doc.get("author"), "who": doc.get("who", ""),
            "volunteers": list(doc.get("volunteers", [])), "when": doc.get("when", ""), **_score(db, doc)}


def public(db: TinyDB) -> dict:
    """The snapshot's `recommendations`: `{status, prompt, items: [{id, text, author, impact, effort,
    n, quadrant, who, volunteers, when}]}`."""
    return {"status": status(db), "prompt": prompt(db), "items": [_item(db, d) for d in _every(db)]}


def mine(db: TinyDB, participant_id: int) -> dict:
    key = str(participant_id)
    return {str(d.doc_id): list(d["ratings"][key]) for d in _every(db) if key in d.get("ratings", {})}


def roadmap(db: TinyDB) -> list[dict]:
    """The roadmap: every recommendation, quick wins first, then major projects, fill-ins,
    thankless tasks and the unrated, the highest impact first within each: `{id, text, impact,
    effort, n, quadrant, who, volunteers (ids), volunteer_names, when}`."""
    names = {d.doc_id: d.get("name", "") for d in db.table("participants").all()}
    order = {q: n for n, q in enumerate(QUADRANTS)}
    items = [{**_item(db, d), "volunteer_names": [names.get(p, f"#{p}") for p in d.get("volunteers", [])]}
             for d in _every(db)]
    return sorted(items, key=lambda i: (order.get(i["quadrant"], len(QUADRANTS)), -(i["impact"] or 0),
                                        i["effort"] or 0, i["id"]))


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """A recommendation shown large on the wall (`wall.spotlight`): its text, its quadrant, its
    medians of impact and effort with the number of ratings, and the roadmap's who and when."""
    doc = payloads.document(db, ITEMS, {"id": item_id}, "id", N_("This recommendation is not on the wall."))
    score = _score(db, doc)
    figures = []
    if score["n"]:
        figures = [t.gettext("impact {impact} · effort {effort}").format(
                       impact=f"{round(score['impact'], 1):g}", effort=f"{round(score['effort'], 1):g}"),
                   t.ngettext("%(n)d rating", "%(n)d ratings", score["n"]) % {"n": score["n"]}]
    parts = [{"label": t.gettext(label), "text": doc.get(field, "")} for field, label in (("who", N_("Who")), ("when", N_("When")))
             if doc.get(field)]
    return {"text": doc["text"], "context": t.gettext(QUADRANT_LABELS[score["quadrant"]]) if score["quadrant"] else None,
            "figures": figures, "parts": parts}


# --- Changing -------------------------------------------------------------------------------------

def _changed(db: TinyDB, answer: dict | None = None) -> tuple[dict, list[Event]]:
    view = public(db)
    return {**(answer or {}), "recommendations": view}, [Event(RECOMMENDATIONS_CHANGED, {"recommendations": view})]


def _open(db: TinyDB) -> None:
    if status(db) != OPEN:
        raise KioskError("recommendations_closed", N_("The recommendations are closed."))


def propose(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`recommendations.propose {text}`: a new recommendation (200 characters at most), given back
    in the ack under its noun: `{recommendation: {id, text}}`."""
    text = payloads.text(payload, "text", max_len=TEXT_MAX, multiline=False)
    _open(db)
    if len(db.table(ITEMS)) >= ITEMS_MAX:
        raise KioskError("too_many", N_("At most %(max)d recommendations: support one already there."), max=ITEMS_MAX)
    if any(d["text"].casefold() == text.casefold() for d in _every(db)):
        raise KioskError("duplicate", N_("This recommendation is already there: rate it."))
    doc_id = db.table(ITEMS).insert({"text": text, "author": participant_id, "ratings": {}, "who": "",
                                     "volunteers": [], "when": ""})
    return _changed(db, {"recommendation": {"id": doc_id, "text": text}})


def _recommendation(db: TinyDB, payload: dict):
    return payloads.document(db, ITEMS, payload, "recommendation_id", N_("This recommendation does not exist."))


def remove(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`recommendations.remove {recommendation_id}`: the facilitator removes one (and its ratings)."""
    doc = _recommendation(db, payload)
    db.table(ITEMS).remove(doc_ids=[doc.doc_id])
    derived.drop(db, "recommendations")
    return _changed(db)


def _scores(db: TinyDB) -> Event:
    return Event(RECOMMENDATIONS_SCORES, {"scores": [_score(db, d) for d in _every(db)]}, to=rooms.SCREENS)


def rate(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`recommendations.rate {recommendation_id, impact, effort}`: both from 1 to 4; rating again replaces it."""
    doc = _recommendation(db, payload)
    _open(db)
    impact = payloads.integer(payload, "impact", minimum=SCALE[0], maximum=SCALE[1])
    effort = payloads.integer(payload, "effort", minimum=SCALE[0], maximum=SCALE[1])
    key = str(participant_id)

    def change(stored):
        stored.setdefault("ratings", {})[key] = [impact, effort]

    counts = _counts(db).setdefault(doc.doc_id, _histograms(()))
    before = doc.get("ratings", {}).get(key)
    db.table(ITEMS).update(change, doc_ids=[doc.doc_id])
    for histogram, old, new in zip(counts, before or (None, None), (impact, effort)):
        if old is not None:
            histogram[old] -= 1
        histogram[new] += 1
    ratings = mine(db, participant_id)
    return {"ratings": ratings}, [Event(RECOMMENDATIONS_MINE, {"ratings": ratings},
                                        to=(rooms.participant(participant_id),)), _scores(db)]


def plan(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`recommendations.plan {recommendation_id, who?, when?}`: the roadmap's who and when (empty clears)."""
    doc = _recommendation(db, payload)
    fields = {}
    for field, limit in (("who", WHO_MAX), ("when", WHEN_MAX)):
        if field in payload:
            fields[field] = payloads.text(payload, field, max_len=limit, required=False) or ""
    db.table(ITEMS).update(fields, doc_ids=[doc.doc_id])
    return _changed(db)


def volunteer(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`recommendations.volunteer {recommendation_id, on?}`: put your name to a recommendation
    (`on: false` takes it back)."""
    doc = _recommendation(db, payload)
    on = payloads.boolean(payload, "on", default=True)
    volunteers = [p for p in doc.get("volunteers", []) if p != participant_id] + ([participant_id] if on else [])
    db.table(ITEMS).update({"volunteers": volunteers}, doc_ids=[doc.doc_id])
    return _changed(db)


def set_status(db: TinyDB, new: str, question: str | None = None) -> tuple[dict, list[Event]]:
    """`recommendations.open` / `recommendations.close`: proposals and ratings open or stop."""
    workshop.save(db, {META: {"status": new, "prompt": prompt(db) if question is None else question}})
    return _changed(db)


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a recommendations step: proposals open (again), with the step's question if it has one."""
    question = step.options.get("question") or prompt(db)
    if status(db) == OPEN and question == prompt(db):
        return []
    return set_status(db, OPEN, question)[1]


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """The facilitator removed a participant: their ratings and their name as volunteer go (their
    proposals stay, without an author)."""
    key, touched = str(participant_id), []
    for doc in _every(db):
        if key in doc.get("ratings", {}) or participant_id in doc.get("volunteers", []) or doc.get("author") == participant_id:
            touched.append(doc.doc_id)

    def drop(stored):
        stored.get("ratings", {}).pop(key, None)
        stored["volunteers"] = [p for p in stored.get("volunteers", []) if p != participant_id]
        if stored.get("author") == participant_id:
            stored["author"] = None

    if not touched:
        return []
    db.table(ITEMS).update(drop, doc_ids=touched)
    derived.drop(db, "recommendations")  # their ratings went: counted again
    return _changed(db)[1]
