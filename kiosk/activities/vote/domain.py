"""Votes: dot voting ("gommettes") or majority judgment ("jugement majoritaire").

One vote at a time. The facilitator opens it on the items of a *vote source* (`SOURCES`): the
issues shown at that moment by default, or what another activity offers (the needs of a
situation review: `{source: "review", bucket: "Besoins"}`). Participants cast until it closes,
then its results are final and late ballots are refused. The wall shows totals only, never who
voted what.

A vote keeps its items' ids in `issue_ids` (and ballots and results name an item by `issue_id`)
whatever the source. A vote over another source than the issues also carries `source`,
`bucket` and `items: [{id, text}]`, the texts as they were at the opening, so that a phone
shows them without holding the source's state; a vote over the issues does not repeat the
issues' texts, which every screen holds.
"""

from __future__ import annotations

import time
from typing import Callable

from tinydb import Query, TinyDB

from ... import derived, instances, payloads, rooms
from ..issues import domain as issues
from ...errors import N_, KioskError, bad_input
from ...events import Event, Later, event_type, COALESCE
from .tally import GRADES, rank_dots, rank_majority

#: Each grade's label, best first: the phones, the wall and the export show these.
GRADE_LABELS = {
    "excellent": N_("Excellent"),
    "tres_bien": N_("Very good"),
    "bien": N_("Good"),
    "assez_bien": N_("Fairly good"),
    "passable": N_("Passable"),
    "insuffisant": N_("Insufficient"),
    "a_rejeter": N_("To reject"),
}
assert tuple(GRADE_LABELS) == GRADES
#: Each voting method's name.
METHOD_LABELS = {"dots": N_("Dot voting"), "majority": N_("Majority judgment")}

VOTE_OPENED = event_type(
    "vote.opened", "A vote opened: `{vote}` (method, dots, max_per_issue, issue_ids, status; no issue text, and a dots "
    "vote's `results` empty: all zero, the screens lay them out from `issue_ids`).")
VOTE_CLOSED = event_type(
    "vote.closed", "The vote closed: `{vote: {id, status, voters, results, hidden?}}`, what closing changed; the "
    "screens keep the rest of the vote they hold.")
TALLY_UPDATED = event_type(
    "tally.updated", "Live figures of the open vote, to the wall and the console, a few times a second at most: `{vote}`.", deliver=COALESCE)
BALLOT_UPDATED = event_type(
    "ballot.updated", "A participant's own ballot changed (to their phones only): `{ballot: {issue_id: value}, dots_left}`.")

METHODS = ("dots", "majority")
#: Where a vote's items come from: name -> function(db, bucket) giving `[{id, text}]` in the
#: order the ballot shows them (`bucket` is the step's or the payload's, None when not given).
SOURCES: dict[str, Callable[[TinyDB, str | None], list[dict]]] = {}
DEFAULT_SOURCE = "issues"
BUCKET_MAX = 60
DEFAULT_DOTS = 3
DEFAULT_MAX_PER_ISSUE = 2
DOTS_MAX = 20


def source(name: str):
    """Register the function below as the vote source `name` (`vote.open {source: name}`)."""
    def register(items):
        if name in SOURCES:
            raise RuntimeError(f"The vote source {name!r} is registered twice.")
        SOURCES[name] = items
        return items

    return register


@source(DEFAULT_SOURCE)
def _shown_issues(db: TinyDB, bucket: str | None) -> list[dict]:
    return [{"id": doc.doc_id, "text": doc["text"]} for doc in issues.visible(db)]


def source_of(vote) -> str:
    return vote.get("source", DEFAULT_SOURCE)


def _source_options(reader) -> dict | None:
    """A vote step's `source` and `bucket`, when given (nothing when the vote is on the issues)."""
    options = {}
    if reader.has("source"):
        name = reader.block["source"]
        if not isinstance(name, str) or name not in SOURCES:
            reader.problem("source", "must be one of " + ", ".join(f'"{n}"' for n in SOURCES) + ', like source = "issues"')
            return None
        options["source"] = name
    if reader.has("bucket"):
        bucket = reader.text("bucket", BUCKET_MAX)
        if bucket is None:
            return None
        options["bucket"] = bucket
    return options


def current(db: TinyDB):
    """The latest vote (open or closed), or None before the first one: votes are instances."""
    return instances.current(db, "votes")


def _ballots(db: TinyDB, vote_id: int) -> list:
    return db.table("ballots").search(Query().vote == vote_id)


# --- The running tally ---------------------------------------------------------------------------
# Casting costs the same whatever the number of ballots and items: nothing reads the ballots back,
# and nothing but the ballot row is written. Each vote's running figures are derived
# (`kiosk.derived`), never stored: built from the ballots (`recount`) at their first use after the
# data is opened, then kept up to date by each cast, by an item leaving the vote and by a
# participant's removal:
# - its tally, `{"items": {issue_id: dots, or {grade: n}}, "voters": n}` (items and grades with a
#   zero count left out);
# - each participant's sheet, `{"ballot": {issue_id: dots or grade}, "rows": {issue_id: ballot doc
#   id}}` (taken-back choices left out of "ballot");
# - the ids of its items, as a set: whether an item is in the vote, without reading its list.
# Item keys are strings, as a stored tally had them. The ballots table is the record (the export
# reads it).
#: The tables a box kept the running tallies in before they were derived: no longer written nor
#: read; a data file from then may hold them, and they stay out of the export.
TALLIES = "vote_tallies"
SHEETS = "vote_sheets"


def _count(items: dict, method: str, item: str, value, sign: int) -> None:
    if method == "dots":
        total = items.get(item, 0) + sign * value
        if total:
            items[item] = total
        else:
            items.pop(item, None)
        return
    grades = items.setdefault(item, {})
    n = grades.get(value, 0) + sign
    if n:
        grades[value] = n
    else:
        grades.pop(value, None)
    if not grades:
        del items[item]


def _apply(tally: dict, sheet: dict, method: str, issue_id, value) -> None:
    """One participant's choice on `issue_id` becomes `value` (0 or None: taken back): their
    `sheet` (of this vote) and the vote's `tally` follow."""
    item, ballot = str(issue_id), sheet["ballot"]
    was_voter = bool(ballot)
    old = ballot.pop(item, None)
    if old is not None:
        _count(tally["items"], method, item, old, -1)
    if value not in (0, None):
        ballot[item] = value
        _count(tally["items"], method, item, value, +1)
    tally["voters"] += bool(ballot) - was_voter


def _new_sheet() -> dict:
    return {"ballot": {}, "rows": {}}


def recount(db: TinyDB, vote) -> tuple[dict, dict[int, dict]]:
    """The vote's tally and every participant's sheet, counted again from its ballots."""
    tally, sheets = {"items": {}, "voters": 0}, {}
    shown = set(vote["issue_ids"])
    for b in sorted(_ballots(db, vote.doc_id), key=lambda doc: doc.doc_id):
        if b["issue_id"] in shown:
            sheet = sheets.setdefault(b["participant"], _new_sheet())
            _apply(tally, sheet, vote["method"], b["issue_id"], b["value"])
            sheet["rows"][str(b["issue_id"])] = b.doc_id
    return tally, sheets


class _Running:
    """A vote's running figures (see above): `tally`, `sheets` by participant, `items`."""

    __slots__ = ("tally", "sheets", "items")

    def __init__(self, vote, tally: dict, sheets: dict[int, dict]):
        self.tally = tally
        self.sheets = sheets
        self.items = set(vote["issue_ids"])


def _running(db: TinyDB, vote) -> _Running:
    return derived.get(db, ("vote", vote.doc_id), lambda db: _Running(vote, *recount(db, vote)))


def _tally_of(db: TinyDB, vote) -> dict:
    """The vote's running tally: the one each change updates in place."""
    return _running(db, vote).tally


def _sheet_of(db: TinyDB, vote, participant_id: int) -> dict:
    """A participant's sheet of this vote, kept with the vote's figures (a new one for a first cast)."""
    return _running(db, vote).sheets.setdefault(participant_id, _new_sheet())


def _results(vote, tally: dict) -> list[dict]:
    items = {int(item): value for item, value in tally["items"].items()}
    if vote["method"] == "dots":
        return rank_dots(vote["issue_ids"], items)
    return rank_majority(vote["issue_ids"], items, tally["voters"])


def _live(tally: dict) -> dict:
    """What the vote's view needs of its tally, copied: the view may be built later (`Later`)."""
    return {"items": dict(tally["items"]), "voters": tally["voters"]}


def tally(db: TinyDB, vote) -> list[dict]:
    """The vote's results now, from its running tally."""
    return _results(vote, _tally_of(db, vote))


def _view(vote, tally: dict) -> dict:
    """The vote as the wall shows it, from its tally: live dot counts while open; grades only once
    closed. A hidden vote's results go to nobody (not even as counts) until the facilitator reveals them."""
    view = {"id": vote.doc_id, "method": vote["method"], "status": vote["status"],
            "issue_ids": list(vote["issue_ids"]), "voters": tally["voters"]}
    if source_of(vote) != DEFAULT_SOURCE:
        view.update(source=vote["source"], bucket=vote.get("bucket"), items=[dict(i) for i in vote["items"]])
    if vote["method"] == "dots":
        view.update(dots=vote["dots"], max_per_issue=vote["max_per_issue"])
    if vote.get("hidden"):
        view.update(hidden=True, results=[])
    elif vote["status"] == "closed":
        view["results"] = vote["results"]
    elif vote["method"] == "dots":
        view["results"] = _results(vote, tally)
    else:
        view["results"] = []  # majority judgment: no live results, they would sway the grades
    return view


def public(db: TinyDB, vote) -> dict | None:
    """The vote as every screen shows it (see `_view`), or None before the first vote."""
    return None if vote is None else _view(vote, _tally_of(db, vote))


def ballot_of(db: TinyDB, vote, participant_id: int) -> dict:
    """A participant's own ballot: `{issue_id: dots or grade}`, from their sheet."""
    if vote is None:
        return {}
    sheet = _running(db, vote).sheets.get(participant_id)
    return dict(sheet["ballot"]) if sheet is not None else {}


def dots_left(vote, ballot: dict) -> int | None:
    if vote is None or vote["method"] != "dots":
        return None
    return vote["dots"] - sum(ballot.values())


def _opened_event(view: dict) -> Event:
    """`vote.opened` to every screen: the vote's settings and its items' ids, not the issues'
    texts (every screen holds them) nor a dots vote's results, which are all zero at the
    opening: the screens lay them out from `issue_ids` (`results: []`)."""
    if view["method"] == "dots" and view["status"] == "open":
        view = {**view, "results": []}
    return Event(VOTE_OPENED, {"vote": view})


#: What `vote.closed` carries: what closing changes, the rest every screen holds since `vote.opened`.
CLOSED_KEYS = ("id", "status", "voters", "results", "hidden")


def _closed_event(view: dict) -> Event:
    return Event(VOTE_CLOSED, {"vote": {key: view[key] for key in CLOSED_KEYS if key in view}})


def open_vote(db: TinyDB, payload: dict, step=None) -> tuple[dict, list[Event]]:
    """`vote.open {method, dots?, max_per_issue?, source?, bucket?, replace?}`: a new vote; over a
    closed one only with `replace: true` (its results leave the screens and the groups' source; it
    stays in the export). Source and bucket default to the programme step's, then to the issues."""
    vote = current(db)
    if vote is not None and vote["status"] == "open":
        raise KioskError("vote_open", N_("A vote is already open: close it first."))
    if vote is not None and not payloads.boolean(payload, "replace"):
        raise KioskError("vote_replace", N_("A closed vote's results are on every screen: a new vote replaces them "
                                            "(they stay in the export). Confirm to open a new vote."))
    method = payloads.choice(payload, "method", METHODS)
    options = step.options if step is not None and step.phase == "vote" else {}
    name = payloads.choice(payload, "source", tuple(SOURCES)) if payload.get("source") is not None \
        else options.get("source", DEFAULT_SOURCE)
    bucket = payloads.text(payload, "bucket", max_len=BUCKET_MAX, required=False) or options.get("bucket") or None
    items = SOURCES[name](db, bucket)
    if not items:
        if name == DEFAULT_SOURCE:
            raise KioskError("no_issues", N_("There is no issue to vote on yet."))
        raise KioskError("no_items", N_("There is nothing to vote on yet in “%(what)s”."), what=bucket or name)
    fields = {"method": method, "status": "open", "issue_ids": [item["id"] for item in items],
              "opened": time.time(), "results": [],
              "hidden": payloads.boolean(payload, "hidden") if "hidden" in payload else bool(options.get("hidden"))}
    if name != DEFAULT_SOURCE:
        fields.update(source=name, bucket=bucket, items=[{"id": i["id"], "text": i["text"]} for i in items])
    if method == "dots":
        dots = payloads.integer(payload, "dots", minimum=1, maximum=DOTS_MAX, default=DEFAULT_DOTS)
        cap = payloads.integer(payload, "max_per_issue", minimum=1, maximum=dots,
                               default=min(DEFAULT_MAX_PER_ISSUE, dots))
        fields.update(dots=dots, max_per_issue=cap)
    vote_id = db.table("votes").insert(fields)
    vote = db.table("votes").get(doc_id=vote_id)
    view = public(db, vote)
    return {"vote": view}, [_opened_event(view)]


def reveal(db: TinyDB) -> tuple[dict, list[Event]]:
    """`vote.reveal`: the hidden results of the current vote (open or closed) go to every screen."""
    vote = current(db)
    if vote is None:
        raise KioskError("no_vote", N_("There is no vote yet."))
    if not vote.get("hidden"):
        raise KioskError("not_hidden", N_("The results of this vote are already shown."))
    db.table("votes").update({"hidden": False}, doc_ids=[vote.doc_id])
    vote = db.table("votes").get(doc_id=vote.doc_id)
    return {"vote": public(db, vote)}, [Event(TALLY_UPDATED, {"vote": public(db, vote)})]


def close_vote(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    vote = current(db)
    if vote is None or vote["status"] != "open":
        raise KioskError("no_vote", N_("No vote is open."))
    db.table("votes").update({"status": "closed", "closed": time.time(), "results": tally(db, vote)},
                             doc_ids=[vote.doc_id])
    vote = db.table("votes").get(doc_id=vote.doc_id)
    view = public(db, vote)
    return {"vote": view}, [_closed_event(view)]


def _open_for_ballots(db: TinyDB):
    vote = current(db)
    if vote is None:
        raise KioskError("no_vote", N_("No vote is open."))
    if vote["status"] != "open":
        raise KioskError("vote_closed", N_("Voting is closed: results are final."))
    return vote


def cast(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """Set this participant's dots (or grade) on one issue; the budget and the cap are enforced.
    Its cost does not grow with the ballots: the vote's running tally says what this participant
    chose and where their ballot row is."""
    vote = _open_for_ballots(db)
    issue_id = payload.get("issue_id")
    figures = _running(db, vote)
    if isinstance(issue_id, bool) or not isinstance(issue_id, int) or issue_id not in figures.items:
        raise KioskError("not_found", N_("This issue is not in the vote."))
    running = figures.tally
    sheet = _sheet_of(db, vote, participant_id)
    ballot = sheet["ballot"]
    if vote["method"] == "dots":
        value = payloads.integer(payload, "dots", minimum=0, maximum=DOTS_MAX)
        if value > vote["max_per_issue"]:
            raise KioskError("cap", N_("At most %(max)d dots on one issue."), max=vote["max_per_issue"])
        others = sum(v for k, v in ballot.items() if k != str(issue_id))
        if others + value > vote["dots"]:
            raise KioskError("budget", N_("You have %(left)d dots left: take one from another issue first."),
                             left=vote["dots"] - others)
    else:
        value = payload.get("grade")
        if value is not None and value not in GRADES:
            raise bad_input(N_("The field “%(field)s” must be one of: %(options)s."), field=N_("grade"),
                            options=", ".join(GRADES))
    table = db.table("ballots")
    row = sheet["rows"].get(str(issue_id))
    if row is not None:
        table.update({"value": value}, doc_ids=[row])
    else:
        sheet["rows"][str(issue_id)] = table.insert(
            {"vote": vote.doc_id, "participant": participant_id, "issue_id": issue_id, "value": value})
    _apply(running, sheet, vote["method"], issue_id, value)
    ballot = dict(sheet["ballot"])
    mine = {"ballot": ballot, "dots_left": dots_left(vote, ballot)}
    # The wall's live tally is coalesced: of a burst of casts only a few views go out, so each is
    # built when it goes (`Later`), from a copy of the tally as this cast left it.
    live = _live(running)
    return mine, [Event(BALLOT_UPDATED, mine, to=(rooms.participant(participant_id),)),
                  Event(TALLY_UPDATED, {"vote": Later(lambda: _view(vote, live))}, to=rooms.SCREENS)]


def drop_issue(db: TinyDB, issue_id: int) -> list[Event]:
    """An issue hidden during an open vote leaves it; its dots go back to their owners."""
    vote = current(db)
    if vote is None or vote["status"] != "open" or source_of(vote) != DEFAULT_SOURCE or issue_id not in vote["issue_ids"]:
        return []
    figures = _running(db, vote)
    where = (Query().vote == vote.doc_id) & (Query().issue_id == issue_id)
    owners = sorted({b["participant"] for b in db.table("ballots").search(where)})
    for owner in owners:
        sheet = _sheet_of(db, vote, owner)
        _apply(figures.tally, sheet, vote["method"], issue_id, None)
        sheet["rows"].pop(str(issue_id), None)
    figures.items.discard(issue_id)
    db.table("ballots").remove(where)
    remaining = [i for i in vote["issue_ids"] if i != issue_id]
    db.table("votes").update({"issue_ids": remaining}, doc_ids=[vote.doc_id])
    vote = db.table("votes").get(doc_id=vote.doc_id)
    events = [Event(TALLY_UPDATED, {"vote": public(db, vote)})]
    for owner in owners:
        ballot = ballot_of(db, vote, owner)
        events.append(Event(BALLOT_UPDATED, {"ballot": ballot, "dots_left": dots_left(vote, ballot)},
                            to=(rooms.participant(owner),)))
    return events


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A removed participant's ballots go back, in every vote: the open one's live tally changes; a
    closed one's results are counted again without them (a flood found after the vote)."""
    mine = db.table("ballots").search(Query().participant == participant_id)
    if not mine:
        return []
    for vote_id in sorted({b["vote"] for b in mine}):
        vote = db.table("votes").get(doc_id=vote_id)
        if vote is None:
            continue
        figures = _running(db, vote)
        running = figures.tally
        sheet = figures.sheets.pop(participant_id, _new_sheet())
        for issue_id in list(sheet["ballot"]):
            _apply(running, sheet, vote["method"], issue_id, None)
        if vote["status"] == "closed":
            db.table("votes").update({"results": _results(vote, running)}, doc_ids=[vote_id])
    db.table("ballots").remove(doc_ids=[b.doc_id for b in mine])
    if db.table(SHEETS).contains(doc_id=participant_id):  # a data file from when sheets were stored
        db.table(SHEETS).remove(doc_ids=[participant_id])
    vote = current(db)
    # To every screen and phone: a closed vote's results, which the phones hold too, may change.
    return [Event(TALLY_UPDATED, {"vote": public(db, vote)})] if vote is not None else []


def ranked_issue_ids(db: TinyDB) -> list[int]:
    """The final ranking of the last closed vote on the issues (best first), or [] when there is none."""
    vote = current(db)
    if vote is None or vote["status"] != "closed" or source_of(vote) != DEFAULT_SOURCE:
        return []
    return [result["issue_id"] for result in vote["results"]]


def ranked_items(db: TinyDB) -> tuple[str, list[dict]] | None:
    """The last closed vote's source and its items ranked (best first, `{id, text}`), or None
    when the last vote is not closed."""
    vote = current(db)
    if vote is None or vote["status"] != "closed":
        return None
    if source_of(vote) == DEFAULT_SOURCE:
        texts = {i["id"]: i["text"] for i in _shown_issues(db, None)}
    else:
        texts = {i["id"]: i["text"] for i in vote["items"]}
    return source_of(vote), [{"id": r["issue_id"], "text": texts[r["issue_id"]]} for r in vote["results"]
                             if r["issue_id"] in texts]


#: The options a programme step of the vote phase may set: Next opens the vote with them.
STEP_KEYS = {"method": "the voting method, \"dots\" or \"majority\" (default dots)",
             "dots": f"dots per participant, 1 to {DOTS_MAX} (default {DEFAULT_DOTS})",
             "max_per_issue": f"most dots on one issue, 1 to dots (default {DEFAULT_MAX_PER_ISSUE})",
             "source": "what the vote is on: \"issues\" (the default) or another activity's items, like \"review\"",
             "bucket": "the source's part to vote on, like bucket = \"Besoins\" for the review's needs",
             "hidden": "hide the results from the phones and the wall until `vote.reveal` (true or false, default false)"}


def step_options(reader) -> dict | None:
    """A vote step's settings: `{method, dots, max_per_issue}` (the last two for dots only), and
    `source` and `bucket` when it is over another activity's items, `hidden` when the step hides the results."""
    sources = _source_options(reader)
    if sources is None:
        return None
    block = reader.block
    hidden = block.get("hidden", False)
    if not isinstance(hidden, bool):
        reader.problem("hidden", "must be true or false, like hidden = true")
        return None
    hiding = {"hidden": True} if hidden else {}
    method = block.get("method", "dots")
    if method not in METHODS:
        reader.problem("method", f"must be \"dots\" or \"majority\", not {method!r}")
        return None
    if method == "majority":
        for key in ("dots", "max_per_issue"):
            if key in block:
                reader.problem(key, "only a dots vote has it; remove it or set method = \"dots\"")
                return None
        return {"method": method, **sources, **hiding}
    numbers = {}
    for key, default, top in (("dots", DEFAULT_DOTS, DOTS_MAX), ("max_per_issue", None, None)):
        value = block.get(key, default if default is not None else min(DEFAULT_MAX_PER_ISSUE, numbers["dots"]))
        top = top or numbers["dots"]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
            reader.problem(key, f"must be a whole number from 1 to {top}, like {key} = {min(2, top)}")
            return None
        numbers[key] = value
    return {"method": method, **numbers, **sources, **hiding}


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a vote step: the vote opens with the step's settings, unless there is a vote already
    (an open one runs; a closed one is replaced only when the facilitator confirms)."""
    if current(db) is not None:
        return []
    return open_vote(db, dict(step.options))[1]


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """A row of the vote shown large on the wall (`wall.spotlight`): the item's text, its rank and its dots or
    median grade, as the wall shows them (none while the results are hidden, nor a majority judgment's before
    it closes)."""
    vote = current(db)
    text = None if vote is None else _item_text(db, vote, item_id)
    if text is None:
        raise KioskError("not_found", N_("This item is not in the vote."))
    row = next((r for r in public(db, vote)["results"] if r["issue_id"] == item_id), None)
    figures = []
    if row is not None:
        figures.append(t.gettext("Rank %(rank)d") % {"rank": row["rank"]})
        if "dots" in row:
            figures.append(t.ngettext("%(n)d dot", "%(n)d dots", row["dots"]) % {"n": row["dots"]})
        elif row.get("median"):
            figures.append(t.gettext("Median grade: %(grade)s") % {"grade": t.gettext(GRADE_LABELS[row["median"]])})
    return {"text": text, "figures": figures}


def _item_text(db: TinyDB, vote, item_id) -> str | None:
    """The text of one of the vote's items, or None when it is not in the vote or is a hidden issue: the
    spotlight asks again after every change while it shows a row, so this reads that item alone."""
    if item_id not in vote["issue_ids"]:
        return None
    if source_of(vote) != DEFAULT_SOURCE:
        return next((i["text"] for i in vote["items"] if i["id"] == item_id), None)
    doc = db.table("issues").get(doc_id=item_id)
    return None if doc is None or doc.get("hidden") else doc["text"]
