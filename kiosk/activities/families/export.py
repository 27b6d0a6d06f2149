"""The expert families in the export: each family of the deck with its experts."""

from __future__ import annotations

from ...export.sheets import Table


def sheets(view) -> list[Table]:
    _ = view._
    rows = []
    for family in (view.data.get("deck") or {}).get("families", []):
        experts = view.claims.get(family["id"], [])
        rows.append([family["name"], len(family.get("cards", [])), len(experts),
                     ", ".join(view.name(p) for p in experts)])
    return [Table("families.csv", _("Expert families"),
                  [_("Family"), _("Cards"), _("Number of experts"), _("Experts")], rows)]


def pdf(report, view) -> None:
    families = (view.data.get("deck") or {}).get("families", [])
    if not (families and any(view.claims.get(f["id"]) for f in families)):
        return
    report.heading(view._("Expert families"))
    for family in families:
        experts = ", ".join(view.name(p) for p in view.claims.get(family["id"], [])) or "—"
        if report.will_page_break(6):
            report.add_page()
        report.fill(family.get("color") or "#888888")
        report.rect(report.l_margin, report.get_y() + 1, 3.5, 3.5, style="F")
        report.paragraph(view.labelled(family["name"], experts), 9.5, False, 5.5, indent=6)
