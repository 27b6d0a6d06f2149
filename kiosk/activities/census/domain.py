"""The census ("recensement", DOMINO method): the initiatives of a territory, one form each, filled
on the phones during a workshop or typed from paper forms later, with possible duplicates flagged
for the facilitator and never merged without them.

One census per box (`census_census`, one document): the form it uses (its full definition kept
with it, so the export and the paper forms never depend on the file again), its status, and its
counts (total, by theme, by commune, by source) kept up to date entry by entry, so a census of
1,500 entries costs the room no recount. Entries (`census_entries`) hold the clean answers and
their source: `phone` (the participant who sent it) or `paper` (the paper form's code), and the
workshop they were entered in. A possible duplicate is a pair (`census_pairs`) waiting for the
facilitator: merge (the second's answers fill the first's empty fields; the second stays in the
export, marked merged) or "not a duplicate". Codes printed on paper forms: `census_codes`.

Scale: a census of 1,500 entries must not slow the room, so no command scans the census. An
index kept in memory maps each commune's block to its kept entries (with their name keys), each
code typed to its entry and each phone to its entries, and counts the pairs waiting; it is derived
from the tables, stamped with the census's `version` (counted up by every change), and rebuilt
from the tables whenever the stamp differs (after a restart, or a change the store rolled back).
An entry costs the comparisons with its commune's entries; phones and the wall get counts, the
console a page; a flush writes what changed, never an index growing with the census.

Duplicate rule (`similar`): two entries of the same commune (folded: case, accents, punctuation,
"St" = "Saint") whose names, folded the same way and without a leading article (le, la, les, l',
the…), are equal ("same name") or close (difflib ratio at least 0.85 for names of 4 characters or
more: "close spelling"). Entries are compared only within their commune (`block`), so an entry
costs the comparisons with its commune's entries, not with the whole census.
"""

from __future__ import annotations

import difflib
import re
import time
import weakref

from tinydb import TinyDB

from ... import payloads, rooms, workshop
from ...errors import N_, KioskError, bad_input
from ...events import COALESCE, Event, event_type
from . import answers, codes
from .forms import DEFAULT_FORM, FORMS_DIR, Form, FormError, find_form, from_dict, load_form

CENSUS, ENTRIES, PAIRS, CODES = "census_census", "census_entries", "census_pairs", "census_codes"
OPEN, CLOSED = "open", "closed"
PHONE, PAPER = "phone", "paper"
SOURCES = (PHONE, PAPER)
KEPT, MERGED = "kept", "merged"
PENDING, DISTINCT = "pending", "distinct"
ENTRIES_MAX = 5000  # a territory's census: 1,500 in the seed; beyond this the box refuses rather than slow down
MINE_MAX = 200  # one phone's entries
PAGE_SIZE = 25
REVIEW_SHOWN = 30  # the console's list of duplicates to review shows this many at once, and the count
CLOSE_RATIO = 0.85
CLOSE_MIN_LEN = 4
CANDIDATES_MAX = 5  # pairs flagged for one new entry at most
ARTICLES = ("le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "the", "a", "an")
_DIGITS = re.compile(r"\d+")
STEP_KEYS = {"form": f"the census form of decks/forms/ (default {DEFAULT_FORM!r}), in the workshop's language"}

CENSUS_OPENED = event_type("census.opened", "The census opened (or reopened): `{census}` as in the snapshot, to everyone.")
CENSUS_CLOSED = event_type("census.closed", "The census closed: `{census}`, to everyone; its entries stay for the export.")
CENSUS_COUNTS = event_type(
    "census.counts", "The census's counts changed: `{counts: {total, theme, commune, source}}` to everyone (never the "
    "entries themselves). A few times a second at most.", deliver=COALESCE)
CENSUS_MINE = event_type("census.mine", "A participant's own census entries `{entries}`, to their phones.")
CENSUS_REVIEW = event_type(
    "census.review", "The possible duplicates waiting for the facilitator changed: `{review: {pending, pairs}}`, to the "
    "console. A few times a second at most.", deliver=COALESCE)


def step_options(reader) -> dict | None:
    """A census step's options: `{form}` (a form of decks/forms/, checked in each language it has)."""
    name = reader.text("form", 64) if reader.has("form") else DEFAULT_FORM
    if name is None:
        return None
    files = sorted(FORMS_DIR.glob(f"{name}.*.toml")) + sorted(FORMS_DIR.glob(f"{name}.toml"))
    if not files:
        reader.problem("form", f"no form '{name}' in decks/forms/ (see kiosk form check)")
        return None
    for file in files:
        try:
            load_form(file)
        except FormError as error:
            reader.problem("form", f"the form {file.name} has problems: {error.problems[0]}")
            return None
    return {"form": name}


# --- Names and duplicates: the public functions `kiosk merge` and the posters call ----------------

def name_key(name: str) -> str:
    """A name as the duplicate rule compares it: folded, without a leading article."""
    words = answers.fold(name).split()
    while len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def block_key(commune: str | None) -> str:
    """The commune as the duplicate rule groups entries: folded (case, accents, punctuation, St = Saint)."""
    return answers.fold(commune or "")


def similar(a: str, b: str) -> str | None:
    """Why two name keys (`name_key`) may name one initiative: "same name", "close spelling", or None.
    Names whose numbers differ are never close ("Jardin 1" and "Jardin 2")."""
    if a == b:
        return "same name"
    shorter, total = min(len(a), len(b)), len(a) + len(b)
    if shorter < CLOSE_MIN_LEN or 2 * shorter < CLOSE_RATIO * total:  # lengths alone rule a pair out
        return None
    if _DIGITS.findall(a) != _DIGITS.findall(b):
        return None
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < CLOSE_RATIO or matcher.quick_ratio() < CLOSE_RATIO:
        return None
    return "close spelling" if matcher.ratio() >= CLOSE_RATIO else None


def duplicates(entries: list[dict], name: str = "name", commune: str = "commune") -> list[dict]:
    """Groups of possible duplicates among plain entries (`{fields…}` as `entries(db)` gives them, or
    rows of several territories' census.csv): `[{"entries": [entry, …], "reason": "same name" |
    "close spelling"}]`. Compared within each commune only; a group joins every entry linked to
    another by the rule (the reason of the weakest link)."""
    blocks: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        blocks.setdefault(block_key(entry.get(commune)), []).append(index)
    parent = list(range(len(entries)))
    reasons: dict[int, str] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = [name_key(str(entry.get(name) or "")) for entry in entries]
    for members in blocks.values():
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                reason = similar(keys[i], keys[j])
                if reason:
                    a, b = root(i), root(j)
                    parent[b] = a
                    reasons[a] = "close spelling" if "close spelling" in (reason, reasons.get(a), reasons.get(b)) \
                        else reason
    groups: dict[int, list[int]] = {}
    for i in range(len(entries)):
        groups.setdefault(root(i), []).append(i)
    return [{"entries": [entries[i] for i in members], "reason": reasons[top]}
            for top, members in groups.items() if len(members) > 1]


# --- Reading ----------------------------------------------------------------------------------------

def census(db: TinyDB):
    """The census document, or None before one opened."""
    return db.table(CENSUS).get(doc_id=1) if len(db.table(CENSUS)) else None


def form(db: TinyDB) -> Form | None:
    """The census's form, or None before one opened."""
    doc = census(db)
    return from_dict(doc["form"]) if doc else None


def _empty_counts() -> dict:
    return {"total": 0, "theme": {}, "commune": {}, "source": {}}


def counts(db: TinyDB) -> dict:
    """`{total, theme: {choice: n}, commune: {name: n}, source: {phone|paper: n}}` of the entries kept."""
    doc = census(db)
    return doc.get("counts", _empty_counts()) if doc else _empty_counts()


def public(db: TinyDB) -> dict | None:
    """The snapshot's `census`: `{form, status, counts}` (never the entries: a phone needs only its own)."""
    doc = census(db)
    return None if doc is None else {"form": doc["form"], "status": doc["status"], "counts": doc["counts"]}


def _name(doc, the_form: Form) -> str:
    return doc["values"].get(the_form.name_field, "")


def summary(doc, the_form: Form) -> dict:
    """An entry as the lists show it: `{id, name, commune, theme, source, code, status, at}`."""
    values = doc["values"]
    return {"id": doc.doc_id, "name": _name(doc, the_form), "commune": values.get(the_form.commune_field, ""),
            "theme": values.get(the_form.theme_field, ""), "source": doc["source"], "code": doc.get("code", ""),
            "status": doc["status"], "at": doc["at"]}


_INDEXES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # storage -> (census version, index)


def _built(db: TinyDB) -> dict:
    """The index, from the tables (once after a start, or after a change the store rolled back)."""
    index: dict = {"blocks": {}, "codes": {}, "phones": {}, "pending": 0}
    for doc in db.table(ENTRIES):
        if doc["status"] == KEPT:
            index["blocks"].setdefault(doc["block"], []).append([doc.doc_id, doc["key"]])
        if doc.get("code"):
            index["codes"][doc["code"]] = doc.doc_id
        if doc.get("participant") is not None:
            index["phones"].setdefault(str(doc["participant"]), []).append(doc.doc_id)
    index["pending"] = sum(1 for pair in db.table(PAIRS) if pair["status"] == PENDING)
    return index


def _index(db: TinyDB) -> dict:
    """`{blocks: {block: [[kept entry id, name key]]}, codes: {code: entry id}, phones: {participant:
    [entry ids]}, pending}`: what the commands look up instead of scanning the census (a copy to
    change and give to `_save_index`)."""
    doc = census(db)
    version = doc.get("version", 0) if doc else 0
    cached = _INDEXES.get(db.storage)
    if cached is None or cached[0] != version:
        cached = (version, _built(db))
        _INDEXES[db.storage] = cached
    return dict(cached[1])


def _save_index(db: TinyDB, index: dict) -> None:
    """The census changed: its version counts up, and the index changed with it is the current one."""
    version = census(db).get("version", 0) + 1
    db.table(CENSUS).update({"version": version}, doc_ids=[1])
    _INDEXES[db.storage] = (version, index)


def _theirs(db: TinyDB, participant_id: int) -> list:
    table = db.table(ENTRIES)
    return [table.get(doc_id=i) for i in _index(db)["phones"].get(str(participant_id), [])]


def mine(db: TinyDB, participant_id: int) -> list[dict]:
    the_form = form(db)
    if the_form is None:
        return []
    return [summary(doc, the_form) for doc in _theirs(db, participant_id)]


def review(db: TinyDB) -> dict:
    """The console's `census_review`: `{pending, pairs: [{id, reason, a, b}]}`, the first REVIEW_SHOWN pairs."""
    the_form = form(db)
    if the_form is None:
        return {"pending": 0, "pairs": []}
    shown = []
    for pair in db.table(PAIRS):  # oldest first; decided pairs are skipped, and it stops at the 30th
        if pair["status"] == PENDING:
            shown.append(pair)
            if len(shown) == REVIEW_SHOWN:
                break
    entries = db.table(ENTRIES)
    pairs = [{"id": pair.doc_id, "reason": pair["reason"],
              "a": summary(entries.get(doc_id=pair["a"]), the_form), "b": summary(entries.get(doc_id=pair["b"]), the_form)}
             for pair in shown]
    return {"pending": _index(db)["pending"], "pairs": pairs}


def page(db: TinyDB, payload: dict) -> dict:
    """`census.list {page?, search?}`: one page of entries, newest first, filtered by a text found in
    the name, commune, theme or code (case and accents aside): `{entries, total, page, pages}`."""
    the_form = form(db)
    number = payloads.integer(payload, "page", minimum=1, maximum=10_000, default=1)
    search = payloads.text(payload, "search", max_len=80, required=False)
    if the_form is None:
        return {"entries": [], "total": 0, "page": 1, "pages": 1}
    wanted = answers.fold(search) if search else ""
    docs = db.table(ENTRIES).all()
    if wanted:
        docs = [d for d in docs if wanted in answers.fold(" ".join(
            [_name(d, the_form), str(d["values"].get(the_form.commune_field, "")),
             str(d["values"].get(the_form.theme_field, "")), d.get("code", "")]))]
    docs.sort(key=lambda d: -d.doc_id)
    pages = max(1, -(-len(docs) // PAGE_SIZE))
    number = min(number, pages)
    shown = docs[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
    return {"entries": [{**summary(d, the_form), "values": _without_contact(d["values"], the_form)} for d in shown],
            "total": len(docs), "page": number, "pages": pages}


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """An entry of the census shown large on the wall (`wall.spotlight`): its name, its commune and its
    theme, each with the form's label; never any other answer, so never a contact (those go only
    where their owner agreed). An entry merged into another is not on the wall."""
    the_form = form(db)
    doc = payloads.document(db, ENTRIES, {"id": item_id}, "id", N_("This initiative is not in the census."))
    if the_form is None or doc["status"] != KEPT:
        raise KioskError("not_found", N_("This initiative is not in the census."))
    shown = [the_form.field(field_id) for field_id in (the_form.commune_field, the_form.theme_field) if field_id]
    return {"text": str(_name(doc, the_form)),
            "parts": [{"label": field.label, "text": str(doc["values"][field.id])} for field in shown
                      if field.type != "contact" and doc["values"].get(field.id) not in (None, "")]}


def _without_contact(values: dict, the_form: Form) -> dict:
    return {k: v for k, v in values.items() if (the_form.field(k) and the_form.field(k).type != "contact")}


def entries(db: TinyDB, with_contacts: bool = False) -> list[dict]:
    """Every entry as a plain dict: `{id, fields: {label: answer}, values: {field id: answer}, source,
    code, workshop, at, status, merged_into}`, first entered first. Contacts (always given with their
    owner's consent) only when `with_contacts`. For the export, `kiosk merge` and the posters."""
    the_form = form(db)
    if the_form is None:
        return []
    rows = []
    for doc in sorted(db.table(ENTRIES).all(), key=lambda d: d.doc_id):
        values = doc["values"] if with_contacts else _without_contact(doc["values"], the_form)
        rows.append({"id": doc.doc_id, "values": dict(values),
                     "fields": {f.label: values[f.id] for f in the_form.fields if f.id in values},
                     "source": doc["source"], "code": doc.get("code", ""), "workshop": doc.get("workshop", {}),
                     "at": doc["at"], "status": doc["status"], "merged_into": doc.get("merged_into")})
    return rows


# --- Changing ----------------------------------------------------------------------------------------

def _lang(db: TinyDB) -> str:
    return workshop.meta(db)["workshop"].get("lang", "fr")


def _load(name: str, lang: str) -> Form:
    try:
        return load_form(find_form(name, lang))
    except FormError as error:
        raise KioskError("bad_form", N_("The census form “%(name)s” cannot be used: %(problem)s"), name=name,
                         problem=error.problems[0]) from None


def open_census(db: TinyDB, payload: dict, step=None, step_index: int | None = None,
                now: float | None = None) -> tuple[dict, list[Event]]:
    """`census.open {form?}`: the census opens with a form (the step's, else `domino`), in the
    workshop's language; a closed census reopens with its own form."""
    options = step.options if step is not None and step.phase == "census" else {}
    name = payloads.text(payload, "form", max_len=64, required=False) or options.get("form") or DEFAULT_FORM
    doc = census(db)
    if doc is not None:
        if doc["status"] == OPEN:
            raise KioskError("census_open", N_("The census is already open."))
        db.table(CENSUS).update({"status": OPEN}, doc_ids=[1])
    else:
        the_form = _load(name, _lang(db))
        from tinydb.table import Document
        db.table(CENSUS).insert(Document({"form": the_form.to_dict(), "status": OPEN, "counts": _empty_counts(),
                                          "opened": time.time() if now is None else now,
                                          **({"step": step_index} if step_index is not None else {})}, doc_id=1))
    view = public(db)
    return {"census": view}, [Event(CENSUS_OPENED, {"census": view})]


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a census step: the census opens with the step's form, unless it is open already."""
    doc = census(db)
    if doc is not None and doc["status"] == OPEN:
        return []
    return open_census(db, {}, step, index, now)[1]


def close_census(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`census.close`: no more entries from phones or paper; the entries stay, for the export."""
    doc = _open(db)
    db.table(CENSUS).update({"status": CLOSED}, doc_ids=[doc.doc_id])
    view = public(db)
    return {"census": view}, [Event(CENSUS_CLOSED, {"census": view})]


def _started(db: TinyDB):
    doc = census(db)
    if doc is None:
        raise KioskError("no_census", N_("The census has not started yet: the facilitator opens it."))
    return doc


def _open(db: TinyDB):
    doc = _started(db)
    if doc["status"] != OPEN:
        raise KioskError("census_closed", N_("The census is closed: entries are no longer taken."))
    return doc


def _count(tally: dict, the_form: Form, doc, step: int) -> None:
    """Add (`step` 1) or take away (-1) one entry's part of the counts."""
    tally["total"] += step
    for part, value in (("theme", doc["values"].get(the_form.theme_field)),
                        ("commune", doc["values"].get(the_form.commune_field)), ("source", doc["source"])):
        if value:
            tally[part][value] = tally[part].get(value, 0) + step
            if not tally[part][value]:
                del tally[part][value]


def _flag(db: TinyDB, index: dict, new_id: int, key: str, block: str) -> int:
    """Pairs of the new entry with the kept entries of its commune whose names are alike: how many."""
    found = 0
    for other_id, other_key in index["blocks"].get(block, []):
        reason = similar(key, other_key)
        if reason:
            db.table(PAIRS).insert({"a": other_id, "b": new_id, "reason": reason, "status": PENDING})
            found += 1
            if found == CANDIDATES_MAX:
                break
    return found


def _events_after(db: TinyDB, participant_id: int | None, review_changed: bool) -> list[Event]:
    events = [Event(CENSUS_COUNTS, {"counts": counts(db)})]
    if participant_id is not None:
        events.append(Event(CENSUS_MINE, {"entries": mine(db, participant_id)}, to=(rooms.participant(participant_id),)))
    if review_changed:
        events.append(Event(CENSUS_REVIEW, {"review": review(db)}, to=(rooms.FACILITATOR,)))
    return events


def add(db: TinyDB, payload: dict, participant_id: int | None, step_index: int | None = None,
        now: float | None = None) -> tuple[dict, list[Event]]:
    """`census.add {values, code?}`: one initiative. From a phone (`participant_id`): source `phone`;
    from the console's entry screen: source `paper`, with the paper form's `code` (checked, and never
    typed twice). The same answers sent again by the same phone (a double tap) give back the entry
    already made."""
    doc = _open(db)
    the_form = from_dict(doc["form"])
    values = answers.check(the_form, payload.get("values"))
    table = db.table(ENTRIES)
    entry = {"values": values, "at": time.time() if now is None else now,
             "workshop": {k: workshop.meta(db)["workshop"].get(k, "") for k in ("title", "date", "territory")},
             **({"step": step_index} if step_index is not None else {})}
    index = _index(db)
    if participant_id is not None:
        theirs = _theirs(db, participant_id)
        same = next((d for d in theirs if d["values"] == values), None)
        if same is not None:
            return {"entry": summary(same, the_form), "again": True}, []
        if len(theirs) >= MINE_MAX:
            raise bad_input(N_("At most %(max)d entries from one phone: the paper forms take the others."), max=MINE_MAX)
        entry.update(source=PHONE, participant=participant_id)
    else:
        code = codes.normal(payloads.text(payload, "code", max_len=12, label="code") or "")
        if not codes.is_valid(code):
            raise KioskError("bad_code", N_("The code “%(typed)s” has a typo: check it on the paper form (5 characters)."),
                             typed=code[:12], field_id="code")
        typed = table.get(doc_id=index["codes"][code]) if code in index["codes"] else None
        if typed is not None:
            raise KioskError("code_typed", N_("The paper form %(typed)s is already typed in: “%(name)s”."), typed=code,
                             name=_name(typed, the_form), field_id="code")
        entry.update(source=PAPER, code=code)
    if doc["counts"]["total"] >= ENTRIES_MAX:
        raise KioskError("census_full", N_("The census holds %(max)d entries: the box takes no more."), max=ENTRIES_MAX)
    key, block = name_key(values[the_form.name_field]), block_key(values.get(the_form.commune_field))
    entry.update(key=key, block=block, status=KEPT)
    new_id = table.insert(entry)
    tally = doc["counts"]
    _count(tally, the_form, table.get(doc_id=new_id), 1)
    db.table(CENSUS).update({"counts": tally}, doc_ids=[doc.doc_id])
    flagged = _flag(db, index, new_id, key, block)
    index["blocks"] = {**index["blocks"], block: [*index["blocks"].get(block, []), [new_id, key]]}
    if participant_id is not None:
        index["phones"] = {**index["phones"], str(participant_id): [*index["phones"].get(str(participant_id), []), new_id]}
    else:
        index["codes"] = {**index["codes"], entry["code"]: new_id}
    index["pending"] += flagged
    _save_index(db, index)
    new = table.get(doc_id=new_id)
    return ({"entry": summary(new, the_form), "duplicates": flagged},
            _events_after(db, participant_id, flagged > 0))


def _pair(db: TinyDB, payload: dict):
    pair = payloads.document(db, PAIRS, payload, "pair", N_("This possible duplicate is not in the census."))
    if pair["status"] != PENDING:
        raise KioskError("pair_decided", N_("This possible duplicate was already decided."))
    return pair


def merge(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`census.merge {pair, keep}`: the pair's two entries are one initiative. `keep` (one of the
    two ids) stays; the other's answers fill the kept one's empty fields, and it stays in the export
    marked merged into it. Its other possible duplicates are decided with it."""
    doc = _started(db)  # open or closed: the review goes on after the census closes
    the_form = from_dict(doc["form"])
    pair = _pair(db, payload)
    keep = payload.get("keep")
    if keep not in (pair["a"], pair["b"]):
        raise bad_input(N_("Choose which of the two entries to keep."))
    drop = pair["b"] if keep == pair["a"] else pair["a"]
    table = db.table(ENTRIES)
    kept, dropped = table.get(doc_id=keep), table.get(doc_id=drop)
    filled = {**dropped["values"], **kept["values"]}
    table.update({"values": filled}, doc_ids=[keep])
    table.update({"status": MERGED, "merged_into": keep}, doc_ids=[drop])
    tally = doc["counts"]
    _count(tally, the_form, dropped, -1)
    _count(tally, the_form, kept, -1)
    _count(tally, the_form, table.get(doc_id=keep), 1)
    db.table(CENSUS).update({"counts": tally}, doc_ids=[doc.doc_id])
    pairs = db.table(PAIRS)
    pairs.update({"status": MERGED}, doc_ids=[pair.doc_id])
    # Its other pairs are decided with it (a rare scan of the pairs, on the facilitator's click).
    others = [p.doc_id for p in pairs if p["status"] == PENDING and drop in (p["a"], p["b"])]
    pairs.update({"status": MERGED}, doc_ids=others)
    index = _index(db)
    block = dropped["block"]
    index["blocks"] = {**index["blocks"], block: [kept for kept in index["blocks"].get(block, []) if kept[0] != drop]}
    index["pending"] -= 1 + len(others)
    _save_index(db, index)
    # The phones whose entries these were see them as they are now (one of them merged).
    owners = {doc.get("participant") for doc in (kept, dropped)} - {None}
    return {"kept": keep, "merged": drop}, _events_after(db, None, True) + [
        Event(CENSUS_MINE, {"entries": mine(db, owner)}, to=(rooms.participant(owner),)) for owner in sorted(owners)]


def distinct(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`census.distinct {pair}`: not a duplicate; the pair leaves the review and is never flagged again."""
    pair = _pair(db, payload)
    db.table(PAIRS).update({"status": DISTINCT}, doc_ids=[pair.doc_id])
    index = _index(db)
    index["pending"] -= 1
    _save_index(db, index)
    return {"pair": pair.doc_id}, [Event(CENSUS_REVIEW, {"review": review(db)}, to=(rooms.FACILITATOR,))]


def taken_codes(db: TinyDB) -> set[str]:
    """The paper-form codes already printed or typed in: a new code is none of them."""
    return {c for batch in db.table(CODES).all() for c in batch["codes"]} | set(_index(db)["codes"])


def reserve_codes(db: TinyDB, count: int, now: float | None = None) -> list[str]:
    """`count` new paper-form codes, none printed or typed before; recorded as printed."""
    new = codes.new_codes(count, taken_codes(db))
    db.table(CODES).insert({"codes": new, "at": time.time() if now is None else now})
    return new


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A participant removed: their phone entries stay in the census (an initiative is not a person's
    vote) but no longer name them."""
    index = _index(db)
    theirs = index["phones"].get(str(participant_id), [])
    if theirs:
        db.table(ENTRIES).update({"participant": None}, doc_ids=theirs)
        index["phones"] = {k: v for k, v in index["phones"].items() if k != str(participant_id)}
        _save_index(db, index)
    return []
