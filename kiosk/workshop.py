"""The workshop itself: its details (title, date, territory, language), its phase and its `seq`.

The list of phases and moving between them is `phases.py`.

All of it lives in one document of the `meta` table.
"""

from __future__ import annotations

import re

from tinydb import TinyDB

from . import payloads
from .errors import N_, bad_input
from .events import WORKSHOP_UPDATED, Event

LANGS = ("fr", "en")
DETAIL_LIMITS = {"title": 120, "date": 40, "territory": 120}
META_ID = 1


def meta(db: TinyDB) -> dict:
    """The workshop's document, with its defaults filled in."""
    doc = db.table("meta").get(doc_id=META_ID) or {}
    return {
        **doc,
        "seq": doc.get("seq", 0),
        "phase": doc.get("phase", "welcome"),
        "proposals": doc.get("proposals", True),
        "workshop": {"title": "", "date": "", "territory": "", "lang": "fr", **doc.get("workshop", {})},
    }


def save(db: TinyDB, doc: dict) -> None:
    table = db.table("meta")
    if table.contains(doc_id=META_ID):
        table.update(doc, doc_ids=[META_ID])
    else:
        from tinydb.table import Document

        table.insert(Document(doc, doc_id=META_ID))


def next_seq(db: TinyDB) -> int:
    """Count one more change of the workshop and return the new counter."""
    doc = meta(db)
    seq = doc["seq"] + 1
    save(db, {"seq": seq})
    return seq


def initialise(db: TinyDB, lang: str) -> None:
    """Give a new workshop its language; an existing one keeps what it has."""
    if not db.table("meta").contains(doc_id=META_ID):
        save(db, {"seq": 0, "phase": "welcome", "workshop": {"title": "", "date": "", "territory": "", "lang": lang}})


def update_details(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """Change any of title, date, territory, lang; the others stay as they are."""
    fields = {k: payload[k] for k in ("title", "date", "territory", "lang") if k in payload}
    if not fields:
        raise bad_input(N_("Nothing to change: give a title, a date, a territory or a language."))
    clean = {}
    for name, limit in DETAIL_LIMITS.items():
        if name in fields:
            clean[name] = payloads.text(fields, name, max_len=limit, required=False) or ""
    if "date" in clean and clean["date"] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", clean["date"]):
        raise bad_input(N_("The date is written YYYY-MM-DD, for example 2026-11-27."))
    if "lang" in fields:
        clean["lang"] = payloads.choice(fields, "lang", LANGS)
    workshop = {**meta(db)["workshop"], **clean}
    save(db, {"workshop": workshop})
    return {"workshop": workshop}, [Event(WORKSHOP_UPDATED, {"workshop": workshop})]
