"""The force-field board in the export: `forces.csv` (kind; text; strength; actionable; status), a
sheet, a section of the report with the two sides, strongest first, and one of absentees.html.
Authors are not exported: the board is anonymous on every screen, and stays so on paper."""

from __future__ import annotations

from ...export import absentees as page
from ...export.sheets import Table
from . import domain


def results(db) -> dict:
    """`results.json`'s `forces`: the board's question and status, and every item with its figures
    (hidden ones too, marked)."""
    board = domain.console(db)
    if board is None:
        return {"forces": None}
    return {"forces": {"prompt": board["prompt"], "status": board["status"],
                       "items": [{k: v for k, v in item.items() if k != "author"} for item in board["items"]]}}


def _items(view) -> list[dict]:
    board = view.data.get("forces") or {}
    return sorted(board.get("items", []), key=lambda i: (domain.KINDS.index(i["kind"]), -i["strength"],
                                                         -i["actionable"], i["id"]))


def _kind(view, kind: str) -> str:
    return {domain.BLOCKER: view._("blocker"), domain.TRIGGER: view._("trigger")}[kind]


def sheets(view) -> list[Table]:
    _ = view._
    if not view.data.get("forces"):
        return []
    rows = [[_kind(view, i["kind"]), i["text"], i["strength"], i["actionable"], _("hidden") if i["hidden"] else _("shown")]
            for i in _items(view)]
    return [Table("forces.csv", _("Blockers and triggers")[:31],
                  [_("Kind"), _("Text"), _("Strength"), _("Can we act on it?"), _("Status")], rows)]


def pdf(report, view) -> None:
    board = view.data.get("forces")
    if not board:
        return
    report.heading(view._("Blockers and triggers"))
    if board["prompt"]:
        report.paragraph(board["prompt"], 10.5, True, 5.5)
    shown = [i for i in _items(view) if not i["hidden"]]
    for kind, title in ((domain.BLOCKER, view._("Blocking forces")), (domain.TRIGGER, view._("Triggering forces"))):
        report.paragraph(title, 11, True, 6)
        side = [i for i in shown if i["kind"] == kind]
        if not side:
            report.paragraph("—", 10, False, 5.2, indent=4)
        for item in side:
            figures = view._("strength %(strength)d/5 · can act %(actionable)d/5") % item
            report.paragraph(f"{item['text']} ({figures})", 10, False, 5.2, indent=4)


def absentees(view):
    """The section of absentees.html: the two sides, strongest first (nothing the facilitator hid)."""
    shown = [i for i in _items(view) if not i["hidden"]]
    if not shown:
        return None
    sides = [{"kind": kind, "items": [i for i in shown if i["kind"] == kind]} for kind in domain.KINDS]
    return page.section(view, "activities/forces/absentees.html", board=view.data["forces"], sides=sides)
