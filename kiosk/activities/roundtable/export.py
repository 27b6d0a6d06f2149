"""The round table in the export: a line of `report.pdf` (how many spoke); `results.json` holds
the order and who spoke (`domain.results`), first names only."""

from __future__ import annotations


def pdf(report, view) -> None:
    table = view.data.get("roundtable")
    if not table:
        return
    _ = view._
    report.heading(_("Round table"))
    report.paragraph(_("%(spoke)d of %(total)d people spoke.") % {"spoke": len(table["spoke"]),
                                                                   "total": len(table["order"])}, 10.5, False, 5.5)
