"""The report-back's reactions in the export: every reaction, and the ones kept on the wall by group."""

from __future__ import annotations

from ...export.sheets import Table
from .domain import KIND_LABELS


def reactions(view) -> list[tuple[dict, list[dict]]]:
    """Each group with the reactions to its report-back that stayed on the wall."""
    shown = [r for r in view.data.get("reactions") or [] if not r.get("hidden")]
    return [(g, [r for r in shown if r.get("group_id") == g["id"]]) for g in view.data.get("groups", [])
            if any(r.get("group_id") == g["id"] for r in shown)]


def sheets(view) -> list[Table]:
    _ = view._
    rows = [[r["id"], view.group_name(r.get("group_id")), view.label(KIND_LABELS, r.get("kind")), r["text"],
             view.name(r.get("author")), view.shown_or_hidden(r.get("hidden"))]
            for r in view.data.get("reactions", [])]
    return [Table("reactions.csv", _("Report-back reactions"),
                  [_("Id"), _("Group"), _("Kind"), _("Reaction"), _("Author"), _("Status")], rows)]


def pdf(report, view) -> None:
    kept = reactions(view)
    if not kept:
        return
    report.heading(view._("Report-back reactions"))
    for group, items in kept:
        report.paragraph(group["name"], 11, True, 6)
        for kind in KIND_LABELS:
            for item in (r for r in items if r.get("kind") == kind):
                report.paragraph(view.labelled(view.label(KIND_LABELS, kind), item["text"]), 9.5, False, 5, indent=4)
        report.ln(1.5)
