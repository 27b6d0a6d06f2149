"""Criteria and radar: the facilitator records the criteria the moving debate brought out (a name
and an indicator each); the room rates each one from 0 to 4, "je ne sais pas" allowed; the radar
shows each criterion's median with a band from the first to the third quartile (a wide band is
dissensus made visible).

Table `criteria_criteria`: one document per criterion, `{name, indicator, ratings}` where
`ratings` maps a participant id to 0–4, or to None for "je ne sais pas". The rating's status lives
under the meta key `criteria`: `drafting` (criteria are written), `rating` (phones rate), `closed`.

Public functions for later units (the posters, `kiosk merge`): `radar(db)` gives the radar,
`quartiles(values)` the statistics, `axis_points(values, centre, radius)` the geometry, and
`kiosk.activities.criteria.export.radar_png` draws one radar or several overlaid.
"""

from __future__ import annotations

import math
import statistics

from tinydb import TinyDB

from ... import derived, payloads, rooms, workshop
from ...errors import N_, KioskError, bad_input
from ...events import COALESCE, Event, event_type

CRITERIA = "criteria_criteria"
META = "criteria"
DRAFTING, RATING, CLOSED = "drafting", "rating", "closed"
SCALE = (0, 4)  # a rating's lowest and highest value
NAME_MAX, INDICATOR_MAX = 60, 140
CRITERIA_MAX = 12  # beyond that a radar no longer reads, nor does a phone's list
CRITERIA_MIN = 3  # fewer axes make no radar
STEP_KEYS = {"criteria": "criteria to start with: a list of [name, indicator] pairs (at most 12), like "
                         "criteria = [[\"Lien social\", \"Nombre de rencontres par mois\"]]"}

CRITERIA_CHANGED = event_type(
    "criteria.changed", "The criteria or the rating's status changed: `{criteria}` (as in the snapshot), to everyone.")
CRITERIA_RADAR = event_type(
    "criteria.radar", "The ratings changed: `{radar: [{id, median, q1, q3, n, unknown}], people}`, to the wall and the "
    "console, a few times a second at most.", deliver=COALESCE)
CRITERIA_MINE = event_type("criteria.mine", "A participant's own ratings: `{ratings: {criterion id: 0–4 or null}}`, "
                                            "to their phones.")


def _clean_pair(pair) -> tuple[str, str] | None:
    if (not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(v, str) for v in pair)):
        return None
    name, indicator = (" ".join(v.split()) for v in pair)
    if not name or len(name) > NAME_MAX or len(indicator) > INDICATOR_MAX:
        return None
    return name, indicator


def step_options(reader) -> dict | None:
    """A criteria step's options: `{criteria: [[name, indicator]]}` recorded when Next starts it."""
    if not reader.has("criteria"):
        return {"criteria": []}
    value = reader.block["criteria"]
    pairs = [_clean_pair(p) for p in value] if isinstance(value, list) else [None]
    if not pairs or len(pairs) > CRITERIA_MAX or None in pairs or len({p[0].casefold() for p in pairs}) < len(pairs):
        reader.problem("criteria", f"must be a list of 1 to {CRITERIA_MAX} different [name, indicator] pairs "
                                   f"(names of at most {NAME_MAX} characters, indicators of at most {INDICATOR_MAX}), "
                                   "like criteria = [[\"Lien social\", \"Rencontres par mois\"]]")
        return None
    return {"criteria": [list(p) for p in pairs]}


# --- Statistics and geometry ----------------------------------------------------------------------

def quartiles(values: list[int]) -> tuple[float, float, float] | None:
    """(first quartile, median, third quartile) of the ratings, None without any.

    The method is linear interpolation between the sorted ratings ("inclusive": Excel's
    QUARTILE.INC, R's type 7, LibreOffice's QUARTILE): with n ratings sorted, quartile k sits at
    position 1 + (n − 1)·k/4; one rating alone is its own three quartiles.
    """
    if not values:
        return None
    if len(values) == 1:
        return float(values[0]), float(values[0]), float(values[0])
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def axis_angle(index: int, count: int) -> float:
    """The angle of axis `index` of `count`, in radians: the first points up, the others clockwise."""
    return -math.pi / 2 + 2 * math.pi * index / count


def axis_points(values: list[float | None], centre: tuple[float, float], radius: float) -> list[tuple[float, float] | None]:
    """Where each value (0–4) sits on its axis: 0 at the centre, 4 at `radius`; None stays None."""
    cx, cy = centre
    out = []
    for index, value in enumerate(values):
        if value is None:
            out.append(None)
            continue
        r = radius * (value - SCALE[0]) / (SCALE[1] - SCALE[0])
        angle = axis_angle(index, len(values))
        out.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return out


# --- Reading --------------------------------------------------------------------------------------

def status(db: TinyDB) -> str:
    return (workshop.meta(db).get(META) or {}).get("status", DRAFTING)


def _every(db: TinyDB) -> list:
    return sorted(db.table(CRITERIA).all(), key=lambda d: d.doc_id)


UNKNOWN = SCALE[1] + 1  # where "je ne sais pas" is counted in a histogram


class _Ratings:
    """The ratings counted as they come, so that a rating costs the same for 10 people or 1,000:
    per criterion a histogram (how many gave 0, 1… 4, how many "je ne sais pas"), from which the
    median and quartiles are exact; per person their ratings (`me.ratings`, how many people rated).
    Kept beside the database (`kiosk.derived`), built from the criteria at first use; a rating or a
    removed participant changes it, a removed criterion has it built again."""

    def __init__(self):
        self.histograms: dict[int, list[int]] = {}
        self.by_person: dict[str, dict[int, int | None]] = {}

    def rate(self, criterion_id: int, person: str, value) -> None:
        mine = self.by_person.setdefault(person, {})
        histogram = self.histograms.setdefault(criterion_id, [0] * (UNKNOWN + 1))
        if criterion_id in mine:
            histogram[UNKNOWN if mine[criterion_id] is None else mine[criterion_id]] -= 1
        mine[criterion_id] = value
        histogram[UNKNOWN if value is None else value] += 1

    def forget(self, person: str) -> None:
        for criterion_id, value in self.by_person.pop(person, {}).items():
            self.histograms[criterion_id][UNKNOWN if value is None else value] -= 1


def _build_ratings(db: TinyDB) -> _Ratings:
    ratings = _Ratings()
    for doc in _every(db):
        ratings.histograms[doc.doc_id] = [0] * (UNKNOWN + 1)
        for person, value in doc.get("ratings", {}).items():
            ratings.rate(doc.doc_id, person, value)
    return ratings


def _ratings(db: TinyDB) -> _Ratings:
    return derived.get(db, "criteria", _build_ratings)


def _quartiles_of(histogram: list[int]) -> tuple[float, float, float] | None:
    """`quartiles` of the ratings a histogram counts, by the same arithmetic, without listing them."""
    rated = histogram[:UNKNOWN]
    n = sum(rated)
    if not n:
        return None

    def at(index: int) -> int:  # the rating at this place of the sorted ratings
        return derived.nth(rated, index)

    if n == 1:
        return (float(at(0)),) * 3
    m, found = n - 1, []
    for i in range(1, 4):  # statistics.quantiles(n=4, method="inclusive"), term for term
        j, delta = divmod(i * m, 4)
        found.append((at(j) * (4 - delta) + at(j + 1) * delta) / 4)
    q1, median, q3 = found
    return q1, median, q3


def _stats(db: TinyDB, doc) -> dict:
    histogram = _ratings(db).histograms.get(doc.doc_id, [0] * (UNKNOWN + 1))
    found = _quartiles_of(histogram)
    q1, median, q3 = found if found else (None, None, None)
    return {"id": doc.doc_id, "median": median, "q1": q1, "q3": q3, "n": sum(histogram[:UNKNOWN]),
            "unknown": histogram[UNKNOWN]}


def radar(db: TinyDB) -> list[dict]:
    """The radar, one entry per criterion in its order: `{id, name, indicator, median, q1, q3, n,
    unknown}` (`n` ratings from 0 to 4, `unknown` "je ne sais pas"; median and quartiles None
    without a rating)."""
    return [{"name": d["name"], "indicator": d["indicator"], **_stats(db, d)} for d in _every(db)]


def _people(db: TinyDB) -> int:
    return len(_ratings(db).by_person)  # whoever rated a criterion still there (a removed one: counted again)


def public(db: TinyDB) -> dict | None:
    """The snapshot's `criteria`: `{status, people, items: radar(db)}`, None before the first criterion."""
    items = radar(db)
    if not items and status(db) == DRAFTING:
        return None
    return {"status": status(db), "people": _people(db), "items": items}


def mine(db: TinyDB, participant_id: int) -> dict:
    theirs = _ratings(db).by_person.get(str(participant_id), {})
    return {str(criterion_id): theirs[criterion_id] for criterion_id in sorted(theirs)}


def _number(value: float) -> str:
    """A median or a quartile as the wall writes it: 2, 2.5, 2.75."""
    return f"{round(value, 2):g}"


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """A criterion shown large on the wall (`wall.spotlight`): its name, its indicator, its median
    with the band from the first to the third quartile, and the room's "don't know"."""
    doc = payloads.document(db, CRITERIA, {"id": item_id}, "id", N_("This criterion is not on the wall."))
    stats = _stats(db, doc)
    figures = [t.gettext("median {median}").format(median=_number(stats["median"])),
               t.gettext("{q1}–{q3}").format(q1=_number(stats["q1"]), q3=_number(stats["q3"]))] if stats["n"] \
        else [t.gettext("no rating yet")]
    if stats["unknown"]:
        unknown = t.gettext("{n} doesn't know") if stats["unknown"] == 1 else t.gettext("{n} don't know")
        figures.append(unknown.format(n=stats["unknown"]))
    parts = [{"label": t.gettext("Indicator"), "text": doc["indicator"]}] if doc["indicator"] else []
    return {"text": doc["name"], "figures": figures, "parts": parts}


# --- Changing -------------------------------------------------------------------------------------

def _changed(db: TinyDB, answer: dict | None = None) -> tuple[dict, list[Event]]:
    view = public(db)
    return {**(answer or {}), "criteria": view}, [Event(CRITERIA_CHANGED, {"criteria": view})]


def _read(payload: dict) -> tuple[str, str]:
    name = payloads.text(payload, "name", max_len=NAME_MAX)
    indicator = payloads.text(payload, "indicator", max_len=INDICATOR_MAX, required=False) or ""
    return name, indicator


def _unique(db: TinyDB, name: str, but: int | None = None) -> None:
    if any(d["name"].casefold() == name.casefold() and d.doc_id != but for d in _every(db)):
        raise KioskError("duplicate", N_("A criterion already has this name."))


def add(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`criteria.add {name, indicator?}`: record a criterion (at most 12, names all different), given
    back in the ack under its noun: `{criterion: {id, name, indicator}}`."""
    name, indicator = _read(payload)
    if status(db) == CLOSED:
        raise KioskError("criteria_closed", N_("The rating is closed: the criteria no longer change."))
    if len(db.table(CRITERIA)) >= CRITERIA_MAX:
        raise KioskError("too_many", N_("At most %(max)d criteria: a radar with more no longer reads."), max=CRITERIA_MAX)
    _unique(db, name)
    criterion_id = db.table(CRITERIA).insert({"name": name, "indicator": indicator, "ratings": {}})
    return _changed(db, {"criterion": {"id": criterion_id, "name": name, "indicator": indicator}})


def _criterion(db: TinyDB, payload: dict):
    return payloads.document(db, CRITERIA, payload, "criterion_id", N_("This criterion does not exist."))


def edit(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`criteria.edit {criterion_id, name, indicator?}`: correct a criterion's words (its ratings stay)."""
    doc = _criterion(db, payload)
    name, indicator = _read(payload)
    _unique(db, name, but=doc.doc_id)
    db.table(CRITERIA).update({"name": name, "indicator": indicator}, doc_ids=[doc.doc_id])
    return _changed(db)


def remove(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`criteria.remove {criterion_id}`: the criterion and its ratings go (refused once the rating is closed)."""
    doc = _criterion(db, payload)
    if status(db) == CLOSED:
        raise KioskError("criteria_closed", N_("The rating is closed: the criteria no longer change."))
    db.table(CRITERIA).remove(doc_ids=[doc.doc_id])
    derived.drop(db, "criteria")  # its ratings go with it: counted again
    return _changed(db)


def set_status(db: TinyDB, new: str) -> tuple[dict, list[Event]]:
    """`criteria.open` (rating starts: at least 3 criteria) and `criteria.close` (no more ratings)."""
    if new == RATING and len(db.table(CRITERIA)) < CRITERIA_MIN:
        raise KioskError("no_items", N_("A radar needs at least %(min)d criteria: record them first."), min=CRITERIA_MIN)
    if new == CLOSED and status(db) != RATING:
        raise KioskError("criteria_closed", N_("The rating is not open."))
    workshop.save(db, {META: {"status": new}})
    return _changed(db)


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a criteria step: the step's criteria are recorded (those not there yet), unless the
    rating has begun."""
    pairs = step.options.get("criteria", [])
    names = {d["name"].casefold() for d in _every(db)}
    missing = [(n, i) for n, i in pairs if n.casefold() not in names]
    if status(db) != DRAFTING or not missing:
        return []
    if len(names) + len(missing) > CRITERIA_MAX:
        raise KioskError("too_many", N_("At most %(max)d criteria: a radar with more no longer reads."), max=CRITERIA_MAX)
    for name, indicator in missing:
        db.table(CRITERIA).insert({"name": name, "indicator": indicator, "ratings": {}})
    return _changed(db)[1]


def rate(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`criteria.rate {criterion_id, value}`: rate a criterion from 0 to 4, or `value: null` for
    "je ne sais pas"; rating again replaces it."""
    doc = _criterion(db, payload)
    if status(db) != RATING:
        raise KioskError("criteria_closed", N_("The rating is not open."))
    value = payload.get("value", "missing")
    if value is not None:
        value = payloads.integer(payload, "value", minimum=SCALE[0], maximum=SCALE[1])
    key = str(participant_id)

    def change(stored):
        stored.setdefault("ratings", {})[key] = value

    db.table(CRITERIA).update(change, doc_ids=[doc.doc_id])
    _ratings(db).rate(doc.doc_id, key, value)
    ratings = mine(db, participant_id)
    return {"ratings": ratings}, [Event(CRITERIA_MINE, {"ratings": ratings}, to=(rooms.participant(participant_id),)),
                                  _radar_event(db)]


def _radar_event(db: TinyDB) -> Event:
    return Event(CRITERIA_RADAR, {"radar": [_stats(db, d) for d in _every(db)], "people": _people(db)}, to=rooms.SCREENS)


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """The facilitator removed a participant: their ratings go, the radar changes."""
    key = str(participant_id)
    touched = [d.doc_id for d in _every(db) if key in d.get("ratings", {})]
    if not touched:
        return []

    def drop(stored):
        stored["ratings"].pop(key, None)

    db.table(CRITERIA).update(drop, doc_ids=touched)
    _ratings(db).forget(key)
    return [_radar_event(db)]
