"""The pads and the typology in the export: `examples.csv` (table; category; title; text; who;
where; link), a sheet, a section of the report (the typology's categories with their examples,
then what no category holds, table by table) and one of absentees.html. Authors are not
exported: a pad is its table's."""

from __future__ import annotations

from ...export import absentees as page
from ...export.sheets import Table
from . import domain


def results(db) -> dict:
    """`results.json`'s `examples`: the pads' question, the remote tables, the categories and every example."""
    state = domain.public(db)
    if state is None:
        return {"examples": None}
    return {"examples": {"prompt": state["prompt"], "remote": state["remote"], "categories": state["categories"],
                         "examples": state["examples"]}}


def _data(view) -> dict | None:
    return view.data.get("examples") or None


def _tables(data: dict) -> list[str]:
    return list(dict.fromkeys(e["table"] for e in data["examples"]))


def _label(data: dict) -> dict:
    return {c["id"]: c["label"] for c in data["categories"]}


def _table_name(view, data: dict, table: str) -> str:
    return f"{table} ({view._('remote')})" if table in data["remote"] else table


def sheets(view) -> list[Table]:
    _ = view._
    data = _data(view)
    if data is None:
        return []
    labels = _label(data)
    rows = [[_table_name(view, data, e["table"]), labels.get(e["category"], ""), e["title"], e["what"], e["who"],
             e["where"], e["link"]] for e in data["examples"]]
    return [Table("examples.csv", _("Examples")[:31],
                  [_("Table"), _("Category"), _("Title"), _("What it is"), _("Who carries it"), _("Where"),
                   _("Link or contact")], rows)]


def _line(example: dict) -> str:
    parts = [example["title"]] + [example[f] for f in ("what", "where", "who", "link") if example[f]]
    return " — ".join(parts)


def pdf(report, view) -> None:
    data = _data(view)
    if data is None or not data["examples"]:
        return
    report.heading(view._("Examples and their typology"))
    if data["prompt"]:
        report.paragraph(data["prompt"], 10.5, True, 5.5)
    for category in data["categories"]:
        inside = [e for e in data["examples"] if e["category"] == category["id"]]
        report.paragraph(category["label"], 11, True, 6)
        for example in inside or [None]:
            report.paragraph(f"{_line(example)} ({_table_name(view, data, example['table'])})" if example else "—",
                             10, False, 5.2, indent=4)
    unsorted = [e for e in data["examples"] if e["category"] is None]
    for table in _tables(data):
        theirs = [e for e in unsorted if e["table"] == table]
        if theirs:
            report.paragraph(f"{view._('Not sorted yet')}: {_table_name(view, data, table)}", 11, True, 6)
            for example in theirs:
                report.paragraph(_line(example), 10, False, 5.2, indent=4)


def absentees(view):
    """The section of absentees.html: the typology's categories with their examples, then the
    examples no category holds."""
    data = _data(view)
    if data is None or not data["examples"]:
        return None
    types = [{"label": c["label"], "examples": [e for e in data["examples"] if e["category"] == c["id"]]}
             for c in data["categories"]]
    types.append({"label": view._("Not sorted yet"), "examples": [e for e in data["examples"] if e["category"] is None]})
    return page.section(view, "activities/examples/absentees.html", types=[t for t in types if t["examples"]],
                        remote=data["remote"])
