"""The surprises in the export: `surprises.csv` (table; surprise; status), a sheet, a section of
the report table by table, and one of absentees.html. Authors are not exported: a surprise is its
table's."""

from __future__ import annotations

from ...export import absentees as page
from ...export.sheets import Table
from . import domain


def results(db) -> dict:
    """`results.json`'s `surprises`: the question and every surprise (hidden ones marked)."""
    state = domain.public(db)
    return {"surprises": None if state is None else {"prompt": state["prompt"], "items": domain.surprises(db)}}


def _items(view) -> list[dict]:
    return (view.data.get("surprises") or {}).get("items", [])


def _by_table(items: list[dict]) -> list[dict]:
    tables = list(dict.fromkeys(i["table"] for i in items))
    return [{"table": t, "items": [i for i in items if i["table"] == t]} for t in tables]


def sheets(view) -> list[Table]:
    _ = view._
    if not view.data.get("surprises"):
        return []
    rows = [[i["table"], i["text"], _("hidden") if i["hidden"] else _("shown")]
            for block in _by_table(_items(view)) for i in block["items"]]
    return [Table("surprises.csv", _("Surprises")[:31], [_("Table"), _("Surprise"), _("Status")], rows)]


def pdf(report, view) -> None:
    shown = [i for i in _items(view) if not i["hidden"]]
    if not shown:
        return
    report.heading(view._("What surprised us"))
    for block in _by_table(shown):
        report.paragraph(block["table"], 11, True, 6)
        for item in block["items"]:
            report.paragraph(item["text"], 10, False, 5.2, indent=4)


def absentees(view):
    """The section of absentees.html: each table's surprises (nothing the facilitator hid)."""
    shown = [i for i in _items(view) if not i["hidden"]]
    return page.section(view, "activities/surprises/absentees.html", tables=_by_table(shown)) if shown else None
