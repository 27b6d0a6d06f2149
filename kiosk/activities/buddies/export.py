"""The motivation buddies in the export: the pairs, then the matches between commitments."""

from __future__ import annotations

from ...export.sheets import Table
from ..wall import export as wall


def sheets(view) -> list[Table]:
    _ = view._
    rows = [[view.name(a), view.name(b)] for a, b, *_rest in (view.data.get("buddies") or [])]
    return [Table("buddies.csv", _("Motivation buddies"), [_("Participant"), _("Buddy")], rows)]


def pdf(report, view) -> None:
    """The pairs, then the wall's matches: the report ends with whom to meet again."""
    pairs = view.data.get("buddies") or []
    if pairs:
        report.heading(view._("Motivation buddies"))
        for pair in pairs:
            report.paragraph(" ↔ ".join(view.name(p) for p in pair), 10, False, 5.5)
    wall.matches_pdf(report, view)
