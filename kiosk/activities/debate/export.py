"""The moving debate in the export: `debate.csv` (one row per statement: its text, the people on
each side at the start and at the end, the moves, the arguments noted on each side), a sheet, a
section of the report and of absentees.html; `results.json` keeps every position and every move."""

from __future__ import annotations

from ...export import absentees as page
from ...export.sheets import Table
from . import domain


def results(db) -> dict:
    """`results.json`'s `debate_statements` (each with its positions) and `debate_moves`."""
    return {"debate_statements": domain.statements(db), "debate_moves": domain.moves(db)}


def _statements(view) -> list[dict]:
    return view.data.get("debate_statements", [])


def side_label(view, side: str) -> str:
    return view._(domain.SIDE_LABELS[side])


def _arguments(statement: dict, side: str) -> str:
    return " · ".join(a["text"] for a in statement["arguments"] if a["side"] == side)


def sheets(view) -> list[Table]:
    _ = view._
    statements = _statements(view)
    if not statements:
        return []
    headers = [_("Statement")]
    for side in domain.SIDES:
        headers += [_("%(side)s at the start") % {"side": side_label(view, side)},
                    _("%(side)s at the end") % {"side": side_label(view, side)}]
    headers += [_("Moves"), _("People who moved")]
    headers += [view.labelled(_("Arguments"), side_label(view, s)) for s in domain.SIDES]
    rows = []
    for s in statements:
        row = [s["text"]]
        for side in domain.SIDES:
            row += [s["start"][side], s["counts"][side]]
        rows.append(row + [s["moves"], s["movers"]] + [_arguments(s, side) for side in domain.SIDES])
    return [Table("debate.csv", _("Moving debate"), headers, rows)]


def summary(view, statement: dict) -> str:
    """"Agree 5 → 7 · In doubt 3 → 2 · Disagree 4 → 3 · 4 moves": a statement's line in one sentence."""
    parts = [f"{side_label(view, side)} {statement['start'][side]} → {statement['counts'][side]}" for side in domain.SIDES]
    return " · ".join(parts + [view._("%(n)d moves") % {"n": statement["moves"]}])


def pdf(report, view) -> None:
    statements = _statements(view)
    if not statements:
        return
    report.heading(view._("Moving debate"))
    for s in statements:
        report.paragraph(s["text"], 11, True, 5.5)
        report.paragraph(summary(view, s), 10, False, 5.5)
        for side in domain.SIDES:
            said = _arguments(s, side)
            if said:
                report.paragraph(view.labelled(side_label(view, side), said), 9.5, False, 5, indent=4)
        report.ln(2)


def absentees(view):
    """The section of absentees.html: each statement, where the room stood, the arguments heard."""
    statements = [{"text": s["text"], "summary": summary(view, s),
                   "arguments": [view.labelled(side_label(view, side), _arguments(s, side)) for side in domain.SIDES
                                 if _arguments(s, side)]} for s in _statements(view)]
    return page.section(view, "activities/debate/absentees.html", statements=statements) if statements else None
