"""Issues of the territory ("enjeux"): proposed by participants, curated by the facilitator.

Proposals are open unless the facilitator closed them or a vote is open (the ballot must not
change under the voters' feet). The facilitator can add, edit, merge duplicates, hide and restore.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import time
import unicodedata
from typing import Callable

from tinydb import TinyDB

from ... import derived, payloads, rooms, workshop
from ...errors import N_, KioskError, bad_input
from ...events import Event, event_type, gather

ISSUE_PROPOSED = event_type(
    "issue.proposed", "A new issue, to the wall and the console: `{issue: {id, text}}` (the console's copy adds `author`, "
    "`hidden`, `merged_into`).")
ISSUES_PROPOSED = event_type(
    "issues.proposed", "New issues, to the phones, gathered a few times a second at most: `{issues: [{id, text}]}`. "
    "500 phones proposing within seconds would otherwise cost the box 250,000 messages.", deliver=gather("issues"))
ISSUE_UPDATED = event_type(
    "issue.updated", "An issue was edited, hidden, restored or merged: `{issue, hidden?}`; a hidden one leaves the wall and the phones.")
ISSUES_PROPOSALS = event_type("issues.proposals", "Proposals opened or closed: `{open}`.")

TEXT_MAX = 140
PER_PARTICIPANT_MAX = 10


def public(doc) -> dict:
    return {"id": doc.doc_id, "text": doc["text"]}


def private(doc) -> dict:
    """The console's view: who proposed it, whether it is hidden or merged into another."""
    return {**public(doc), "author": doc.get("author"), "hidden": bool(doc.get("hidden")),
            "merged_into": doc.get("merged_into")}


def visible(db: TinyDB) -> list:
    return [doc for doc in db.table("issues").all() if not doc.get("hidden")]


@functools.lru_cache(maxsize=4096)  # each proposal is compared with every issue shown: fold each text once
def _fold(text: str) -> str:
    """Compare texts as people read them: no case, no accents, no punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch if ch.isalnum() else " " for ch in text if not unicodedata.combining(ch))
    return " ".join(kept.split())


def get_issue(db: TinyDB, payload: dict, field: str = "issue_id"):
    return payloads.document(db, "issues", payload, field, N_("This issue does not exist."))


def proposals_open(db: TinyDB) -> bool:
    return workshop.meta(db).get("proposals", True)


#: Rules other activities add to the issues' (the vote's: "no proposal while a vote is open").
#: Each is called with `(db, action)` before an issue is proposed, restored or merged (`action`:
#: "propose", "restore", "merge") and raises a KioskError to refuse.
GUARDS: list[Callable[[TinyDB, str], None]] = []
#: Called with `(db, issue_id)` when an issue is hidden; each returns the events of what it changed.
ON_HIDDEN: list[Callable[[TinyDB, int], list[Event]]] = []


def _guard(db: TinyDB, action: str) -> None:
    for guard in GUARDS:
        guard(db, action)


def _events(doc, name=ISSUE_UPDATED) -> list[Event]:
    return [Event(name, {"issue": public(doc)} if not doc.get("hidden") else {"issue": public(doc), "hidden": True},
                  to=(rooms.WALL, rooms.PHONES)),
            Event(name, {"issue": private(doc)}, to=(rooms.FACILITATOR,))]


class _Shown:
    """The shown issues indexed, so that a proposal costs what it changes, not a reading of every
    issue: by folded text (duplicates), by their set of words and each word by the sets it is in
    (similar issues), by author (their count and `me.issue_ids`). Kept beside the database (`kiosk.derived`), built from the issues table at its
    first use; `_indexed` follows each change of an issue."""

    def __init__(self):
        self.docs: dict[int, tuple[str, frozenset[str], int | None, dict]] = {}  # id -> (folded, words, author, public)
        self.by_fold: dict[str, set[int]] = {}
        self.by_words: dict[frozenset[str], list[int]] = {}  # a set of words -> the issues that have it, oldest first
        self.by_word: dict[str, set[frozenset[str]]] = {}  # a word -> the sets of words it is in
        self.by_author: dict[int | None, set[int]] = {}

    def put(self, doc) -> None:
        """`doc` as it is now: indexed while shown, left out when hidden."""
        self.drop(doc.doc_id)
        if doc.get("hidden"):
            return
        entry = self.docs[doc.doc_id] = (_fold(doc["text"]), _words(doc["text"]), doc.get("author"), public(doc))
        self.by_fold.setdefault(entry[0], set()).add(doc.doc_id)
        same = self.by_words.setdefault(entry[1], [])
        bisect.insort(same, doc.doc_id)
        if len(same) == 1:
            for word in entry[1]:
                self.by_word.setdefault(word, set()).add(entry[1])
        self.by_author.setdefault(entry[2], set()).add(doc.doc_id)

    def drop(self, doc_id: int) -> None:
        entry = self.docs.pop(doc_id, None)
        if entry is None:
            return
        for index, keys in ((self.by_fold, (entry[0],)), (self.by_author, (entry[2],))):
            for key in keys:
                index[key].discard(doc_id)
                if not index[key]:
                    del index[key]
        same = self.by_words[entry[1]]
        same.remove(doc_id)
        if not same:
            del self.by_words[entry[1]]
            for word in entry[1]:
                self.by_word[word].discard(entry[1])
                if not self.by_word[word]:
                    del self.by_word[word]


def _build_shown(db: TinyDB) -> _Shown:
    shown = _Shown()
    for doc in db.table("issues").all():
        shown.put(doc)
    return shown


def _shown(db: TinyDB) -> _Shown:
    return derived.get(db, "issues", _build_shown)


def _indexed(db: TinyDB, doc_id: int):
    """The issue `doc_id` as it is now, its index entries following it."""
    doc = db.table("issues").get(doc_id=doc_id)
    _shown(db).put(doc)
    return doc


def authored(db: TinyDB, author: int) -> list[int]:
    """The ids of the shown issues `author` proposed, oldest first (`me.issue_ids`)."""
    return sorted(_shown(db).by_author.get(author, ()))


def _check_text(db: TinyDB, payload: dict, ignore_id: int | None = None) -> str:
    text = payloads.text(payload, "text", max_len=TEXT_MAX, label=N_("issue"))
    if len(_fold(text)) < 3:
        raise bad_input(N_("Write a few words to describe the issue."))
    if _shown(db).by_fold.get(_fold(text), set()) - {ignore_id}:
        raise KioskError("duplicate", N_("This issue is already on the list."))
    return text


def _words(text: str) -> frozenset[str]:
    """The words that carry an issue's meaning, folded (no case, no accents), a plural s or x off;
    short words (de, la, les, aux…) left out."""
    return frozenset(word[:-1] if word[-1] in "sx" and len(word) > 4 else word
                     for word in _fold(text).split() if len(word) > 3)


#: The most issues a proposal's hint names: the closest ones (a room of 1,000 proposing the same
#: themes would otherwise list a hundred, and read them all at each proposal).
SIMILAR_MAX = 5


def similar(db: TinyDB, text: str, ignore_id: int | None = None) -> list[dict]:
    """Shown issues that look like `text`: at least half of the shorter one's words in common
    ("Transports en commun" and "les transports en commun ruraux"). A hint, never a refusal: the
    SIMILAR_MAX closest, most words in common first, then those with fewest words of their own,
    then the oldest. Issues are compared by their set of words, each set once however many issues
    have it (a room proposing on a few themes writes the same words again and again), and only the
    sets sharing a word; of those close enough, only the first few issues are read."""
    mine, shown = _words(text), _shown(db)
    sets = set()
    for word in mine:
        sets.update(shown.by_word.get(word, ()))
    size, close = len(mine), []
    for words in sets:
        n, theirs = len(mine & words), len(words)
        if n * 2 >= (size if size < theirs else theirs):
            close.append((-n, theirs, words))
    close.sort(key=lambda found: found[:2])
    found: list[dict] = []
    for _, same in itertools.groupby(close, key=lambda found: found[:2]):
        # Issues as close as each other: the oldest first, whichever set of words they have.
        for doc_id in heapq.merge(*(shown.by_words[words] for _, _, words in same)):
            if doc_id != ignore_id:
                found.append(dict(shown.docs[doc_id][3]))
                if len(found) == SIMILAR_MAX:
                    return found
    return found


def _own(db: TinyDB, payload: dict, author: int):
    """The participant's own issue, while they may still change it: proposals open, no vote."""
    doc = get_issue(db, payload)
    if doc.get("author") != author or doc.get("hidden"):
        raise KioskError("forbidden", N_("You can only change an issue you proposed, while it is shown."))
    _guard(db, "propose")
    if not proposals_open(db):
        raise KioskError("proposals_closed", N_("Proposals are closed."))
    return doc


def reword(db: TinyDB, payload: dict, author: int) -> tuple[dict, list[Event]]:
    """A participant rewords their own issue while proposals are open."""
    doc = _own(db, payload, author)
    text = _check_text(db, payload, ignore_id=doc.doc_id)
    db.table("issues").update({"text": text}, doc_ids=[doc.doc_id])
    doc = _indexed(db, doc.doc_id)
    return {"issue": public(doc), "similar": similar(db, text, doc.doc_id)}, _events(doc)


def withdraw(db: TinyDB, payload: dict, author: int) -> tuple[dict, list[Event]]:
    """A participant withdraws their own issue while proposals are open: it is hidden, marked
    withdrawn, and leaves every screen (the facilitator can still restore it)."""
    doc = _own(db, payload, author)
    db.table("issues").update({"hidden": True, "withdrawn": True}, doc_ids=[doc.doc_id])
    doc = _indexed(db, doc.doc_id)
    return {"issue": public(doc), "withdrawn": True}, _events(doc)


def propose(db: TinyDB, payload: dict, author: int | None) -> tuple[dict, list[Event]]:
    """A participant proposes an issue (author None: the facilitator adds one)."""
    _guard(db, "propose")
    if author is not None and not proposals_open(db):
        raise KioskError("proposals_closed", N_("Proposals are closed."))
    text = _check_text(db, payload)
    if author is not None:
        if len(_shown(db).by_author.get(author, ())) >= PER_PARTICIPANT_MAX:
            raise KioskError("too_many", N_("You have proposed %(max)d issues already: that is the most."),
                             max=PER_PARTICIPANT_MAX)
    table = db.table("issues")
    doc_id = table.insert({"text": text, "author": author, "hidden": False, "merged_into": None,
                           "created": time.time()})
    doc = _indexed(db, doc_id)
    hint = similar(db, text, doc_id)
    # Phones get new issues gathered (ISSUES_PROPOSED, see sockets.Publisher): a room proposing at
    # once would otherwise send every issue to every phone, one message each.
    return {"issue": public(doc), "similar": hint}, [Event(ISSUE_PROPOSED, {"issue": public(doc)}, to=(rooms.WALL,)),
                                    Event(ISSUES_PROPOSED, {"issues": [public(doc)]}, to=(rooms.PHONES,)),
                                    Event(ISSUE_PROPOSED, {"issue": private(doc)}, to=(rooms.FACILITATOR,))]


def edit(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    doc = get_issue(db, payload)
    text = _check_text(db, payload, ignore_id=doc.doc_id)
    db.table("issues").update({"text": text}, doc_ids=[doc.doc_id])
    doc = _indexed(db, doc.doc_id)
    return {"issue": public(doc)}, _events(doc)


def set_hidden(db: TinyDB, payload: dict, hidden: bool) -> tuple[dict, list[Event]]:
    """Hide an issue (a joke, a duplicate) or restore it. A hidden issue leaves an open vote."""
    doc = get_issue(db, payload)
    if not hidden and doc.get("merged_into"):
        raise KioskError("merged", N_("This issue was merged into another: it cannot come back."))
    if not hidden:
        _guard(db, "restore")
    db.table("issues").update({"hidden": hidden}, doc_ids=[doc.doc_id])
    doc = _indexed(db, doc.doc_id)
    events = _events(doc)
    if hidden:
        for hook in ON_HIDDEN:
            events += hook(db, doc.doc_id)
    return {"issue": private(doc)}, events


def merge(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """Merge a duplicate into another issue: the duplicate is hidden, its text kept for the record."""
    doc = get_issue(db, payload)
    into = get_issue(db, payload, "into")
    if doc.doc_id == into.doc_id:
        raise bad_input(N_("An issue cannot be merged into itself."))
    if into.get("hidden"):
        raise KioskError("hidden", N_("Merge into an issue that is shown, not a hidden one."))
    _guard(db, "merge")
    db.table("issues").update({"hidden": True, "merged_into": into.doc_id}, doc_ids=[doc.doc_id])
    doc = _indexed(db, doc.doc_id)
    return {"issue": private(doc)}, _events(doc)


def on_enter(db: TinyDB, phase: str) -> list[Event]:
    """The contract's "issues" phase is "proposals open": entering it opens them."""
    if phase != "issues" or proposals_open(db):
        return []
    workshop.save(db, {"proposals": True})
    return [Event(ISSUES_PROPOSALS, {"open": True})]


def set_proposals(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    is_open = payloads.boolean(payload, "open")
    workshop.save(db, {"proposals": is_open})
    return {"open": is_open}, [Event(ISSUES_PROPOSALS, {"open": is_open})]


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """An issue shown large on the wall (`wall.spotlight`): its full text (the wall never names who proposed it)."""
    doc = payloads.document(db, "issues", {"id": item_id}, "id", N_("This issue is not on the wall."))
    if doc.get("hidden"):
        raise KioskError("not_found", N_("This issue is not on the wall."))
    return {"text": doc["text"]}
