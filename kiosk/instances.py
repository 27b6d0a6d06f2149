"""Activities that run several times in one workshop: a word cloud at the start and another at
the end, a second vote after the first.

An instance is one document of the activity's own table (the vote's `votes`, a word cloud's
`wordcloud_clouds`…): the latest one is the current instance and every earlier one is closed and
kept, so the export holds them all. An instance started during a programme step names it
(`step`: the step's index in the programme), so the console and the export can say which is which.
The instance's own items (ballots, words…) carry the instance's id under the activity's chosen field.
The snapshot shows the current instance; the export numbers the others (`numbered`).
"""

from __future__ import annotations

from tinydb import TinyDB
from tinydb.table import Document

from . import store


def current(db: TinyDB, table: str) -> Document | None:
    """The latest instance (open or closed), or None before the first one."""
    docs = db.table(table)
    # The ids alone (a vote's cast asks at each one): no TinyDB document is made of the others.
    latest = max((doc_id for doc_id, _ in store.rows(docs)), default=None)
    return docs.get(doc_id=latest) if latest is not None else None


def every(db: TinyDB, table: str) -> list[Document]:
    """Every instance, the first one first."""
    return sorted(db.table(table).all(), key=lambda doc: doc.doc_id)


def start(db: TinyDB, table: str, fields: dict, step_index: int | None = None) -> Document:
    """A new instance, which becomes the current one; `step_index`: the programme step it runs in."""
    doc_id = db.table(table).insert({**fields, **({"step": step_index} if step_index is not None else {})})
    return db.table(table).get(doc_id=doc_id)


def numbered(file_name: str, number: int) -> str:
    """The export's name of instance `number` (from 1): `words.csv`, then `words-2.csv`, `words-3.csv`…"""
    if number <= 1:
        return file_name
    stem, dot, suffix = file_name.rpartition(".")
    return f"{stem}-{number}.{suffix}" if dot else f"{file_name}-{number}"
