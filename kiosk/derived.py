"""Running figures and indexes kept beside the database they are derived from.

A live count (a word cloud's groups) or an index (whose posts are whose) lets a command cost what
it changes instead of a scan of a whole table: the activity updates it in the same change as the
table it comes from, and reads it instead of the table.

It is never the record, and never stored: it is built from the tables at its first use after the
data is opened (so every data directory, those from before it existed included, opens as it
always did), and it lives on the database object itself, so it goes with it when the store goes
back to what is on disk (`Store._undo` opens a new one): it cannot outlive the data it describes.
Each activity's seeded test compares its figures with a count from scratch after every step.
"""

from __future__ import annotations

import bisect
from typing import Any, Callable

from tinydb import TinyDB

from .store import untracked, watch

_ATTRIBUTE = "_kiosk_derived"


def _kept(db: TinyDB) -> dict:
    # TinyDB forwards unknown attributes to its default table: go through the instance's own dict.
    return db.__dict__.setdefault(_ATTRIBUTE, {})


def get(db: TinyDB, name: Any, build: Callable[[TinyDB], Any]) -> Any:
    """The derived value `name` of this database, built by `build(db)` at its first use. (What is
    read here is not a table: a cached snapshot part that reads it is rebuilt at every change,
    see `store.tables_read`.)"""
    untracked(db)
    return _get(db, name, build)


def _get(db: TinyDB, name: Any, build: Callable[[TinyDB], Any]) -> Any:
    kept = _kept(db)
    if name not in kept:
        kept[name] = build(db)
    return kept[name]


def peek(db: TinyDB, name: Any) -> Any | None:
    """The derived value `name` when it was built already, else None (nothing to keep up to date)."""
    untracked(db)
    return _kept(db).get(name)


def drop(db: TinyDB, name: Any) -> None:
    """Forget `name`: its next use builds it again from the tables."""
    _kept(db).pop(name, None)


def _grouped(db: TinyDB, table: str, field: str) -> dict[Any, list[int]]:
    grouped: dict[Any, list[int]] = {}
    for doc in sorted(db.table(table).all(), key=lambda d: d.doc_id):
        grouped.setdefault(doc.get(field), []).append(doc.doc_id)
    return grouped


def by_field(db: TinyDB, table: str, field: str) -> dict[Any, list[int]]:
    """The ids of `table`'s documents per value of their `field`, oldest first (each author's posts:
    `by_field(db, "posts", "author")[author]`). Whoever changes that field of a document, or adds one,
    says so with `filed`."""
    db.table(table)  # changed with its table: a snapshot part that reads it depends on that table only
    return _get(db, ("by_field", table, field), lambda db: _grouped(db, table, field))


def filed(db: TinyDB, table: str, field: str, doc_id: int, before: Any, after: Any) -> None:
    """Document `doc_id` of `table` went from `before` to `after` in `field` (a new document: `before`
    is `NEW`), in `by_field`'s index when it is built (else it is built from the table when read)."""
    grouped = peek(db, ("by_field", table, field))
    if grouped is None:
        return
    if before is not NEW and doc_id in grouped.get(before, ()):
        grouped[before].remove(doc_id)
        if not grouped[before]:
            del grouped[before]
    ids = grouped.setdefault(after, [])
    place = bisect.bisect_left(ids, doc_id)
    if place == len(ids) or ids[place] != doc_id:
        ids.insert(place, doc_id)


def having(db: TinyDB, table: str, field: str, value: Any) -> list:
    """The documents of `table` whose `field` is `value`, oldest first, through `by_field`'s index
    (whoever adds a document or changes that field says so with `filed`, or `refile`)."""
    docs = db.table(table)
    return [docs.get(doc_id=doc_id) for doc_id in by_field(db, table, field).get(value, ())]


def refile(db: TinyDB, table: str, field: str) -> None:
    """Documents of `table` left it or changed `field` in a way nobody told `filed`: `by_field`'s
    index is built again from the table at its next use."""
    drop(db, ("by_field", table, field))


#: `filed`'s `before` for a document just added.
NEW = object()


class Watched:
    """A value derived from `table`, kept up to date from the storage's notices of the documents
    each change touched (`DurableStorage.watch`): its reader takes them with `_take_touched`."""

    def __init__(self, db: TinyDB, table: str):
        self._touched: set | None = None  # ids touched since the last reading; None: read every row
        self._watched = watch(db, table, self._notice)

    def _notice(self, doc_ids) -> None:
        if doc_ids is None or self._touched is None:
            self._touched = None
        else:
            self._touched.update(doc_ids)

    def _take_touched(self) -> set | None:
        """The ids touched since the last call (None: any may have changed, read every row)."""
        touched, self._touched = self._touched, (set() if self._watched else None)
        return touched


class FieldIndex(Watched):
    """The ids of `table`'s documents per value of their `field`, in id order, kept from the
    storage's notices of the documents each change touched: unlike `by_field`, nobody has to say
    what they changed, and a removed document leaves it. Read it with `indexed`."""

    def __init__(self, db: TinyDB, table: str, field: str):
        super().__init__(db, table)
        self._db, self._table, self._field = db, table, field
        self._of: dict[int, Any] = {}  # id -> its value
        self._ids: dict[Any, list[int]] = {}

    def ids(self, value: Any) -> list[int]:
        touched = self._take_touched()
        raw = self._db.table(self._table)._read_table()
        if touched is None:
            self._of = {int(key): doc.get(self._field) for key, doc in raw.items()}
            self._ids = {}
            for doc_id in sorted(self._of):
                self._ids.setdefault(self._of[doc_id], []).append(doc_id)
        for doc_id in touched or ():
            if doc_id in self._of:
                ids = self._ids[self._of.pop(doc_id)]
                ids.remove(doc_id)
            doc = raw.get(str(doc_id))
            if doc is not None:
                self._of[doc_id] = doc.get(self._field)
                bisect.insort(self._ids.setdefault(self._of[doc_id], []), doc_id)
        return list(self._ids.get(value, ()))


def indexed(db: TinyDB, table: str, field: str, value: Any) -> list[int]:
    """The ids of `table`'s documents whose `field` is `value`, oldest first, without a search of the
    table (`FieldIndex`)."""
    return _get(db, ("indexed", table, field), lambda db: FieldIndex(db, table, field)).ids(value)


def nth(histogram: list[int], index: int) -> int:
    """The value at place `index` (from 0) of the sorted values a histogram counts
    (`histogram[v]`: how many are `v`), without listing them: a median from running counts."""
    for value, count in enumerate(histogram):
        index -= count
        if index < 0:
            return value
    raise IndexError(index)
