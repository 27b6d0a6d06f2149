"""The project seeds in the export: `seeds.csv` (a row per seed), its sheet, its section of the
report, and `results.json`'s `project_seeds`. Members appear as first names, never a contact."""

from __future__ import annotations

from ...export import absentees as page
from ...export.sheets import Table
from . import domain


def results(db) -> dict:
    """`results.json`'s `project_seeds`: every seed with its fields, its referent's and members' first names."""
    return {"project_seeds": domain.seeds(db)}


def meeting(seed: dict) -> str:
    return " · ".join(part for part in (seed["meeting_date"], seed["meeting_place"]) if part)


def sheets(view) -> list[Table]:
    _ = view._
    rows = [[seed["title"], seed["need"], seed["pitch"], seed["first_step"], seed["referent_name"],
             ", ".join(seed["members"]), meeting(seed), view.yes_no(seed["open"])]
            for seed in view.data.get("project_seeds", [])]
    return [Table("seeds.csv", _("Project seeds"),
                  [_("Title"), _("Need"), _("Pitch"), _("First step"), _("Referent"), _("Members"), _("Next meeting"),
                   _("Open to newcomers")], rows)]


def pdf(report, view) -> None:
    _ = view._
    seeds = view.data.get("project_seeds", [])
    if not seeds:
        return
    report.heading(_("Project seeds"))
    for seed in seeds:
        report.paragraph(seed["title"] or _("Seed without a title yet"), 11, True, 6)
        for label, value in ((_("Need"), seed["need"]), (_("Pitch"), seed["pitch"]),
                             (_("First step"), seed["first_step"]), (_("Who does what"), seed["who_does_what"]),
                             (_("Next meeting"), meeting(seed)), (_("Referent"), seed["referent_name"]),
                             (_("Members"), ", ".join(seed["members"])),
                             (_("Open to newcomers"), view.yes_no(seed["open"]))):
            report.paragraph(view.labelled(label, value or "—"), 9.5, False, 5, indent=4)
        report.ln(1.5)


def absentees(view):
    """The section of absentees.html: every seed, with its action group's referent and next meeting."""
    seeds = view.data.get("project_seeds", [])
    if not seeds:
        return None
    return page.section(view, "activities/seeds/absentees.html", seeds=seeds, meeting=lambda seed: meeting(seed))
