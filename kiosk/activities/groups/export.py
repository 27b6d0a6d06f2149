"""The groups in the export: one row per member, and each group with its secretary in the report."""

from __future__ import annotations

from ...export.sheets import Table


def sheets(view) -> list[Table]:
    _ = view._
    rows = []
    for g in view.data.get("groups", []):
        for member in g.get("members") or [None]:
            # A group formed from another source (the needs) has no issue: its name is what it is about.
            issue = view.issue(g["issue_id"]) if g.get("issue_id") is not None else ""
            rows.append([g["id"], g["name"], issue, view.name(member),
                         view.yes_no(member is not None and member == g.get("secretary"))])
    return [Table("groups.csv", _("Groups"), [_("Id"), _("Group"), _("Issue"), _("Member"), _("Secretary")], rows)]


def pdf(report, view) -> None:
    _ = view._
    groups = view.data.get("groups", [])
    if not groups:
        return
    report.heading(_("Groups"))
    for group in groups:
        report.paragraph(group["name"], 11, True, 6)
        secretary = group.get("secretary")
        report.paragraph(view.labelled(_("Secretary"), view.name(secretary) if secretary is not None else "—"),
                    9.5, False, 5, indent=4)
        members = ", ".join(view.name(m) for m in group.get("members", [])) or "—"
        report.paragraph(members, 9.5, False, 5, indent=4)
        report.ln(1.5)
