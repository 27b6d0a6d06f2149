"""The group boards in the export: each group's cards by priority, with their notes."""

from __future__ import annotations

from ...export.sheets import Table
from .domain import NOTE_EXPORT_LABELS


def boards(view) -> list[tuple[dict, list[dict]]]:
    """Each group that placed cards, with its board."""
    placed = view.data.get("boards") or {}
    return [(g, placed.get(str(g["id"])) or []) for g in view.data.get("groups", []) if placed.get(str(g["id"]))]


def sheets(view) -> list[Table]:
    _ = view._
    rows = []
    for group, board in boards(view):
        for priority, item in enumerate(board, start=1):
            card, family = view.card(item.get("card_id"))
            rows.append([group["name"], priority, card["title"], family.get("name", ""),
                         *[item.get(name, "") for name in NOTE_EXPORT_LABELS]])
    return [Table("boards.csv", _("Group boards"),
                  [_("Group"), _("Priority"), _("Card"), _("Family"), *[_(t) for t in NOTE_EXPORT_LABELS.values()]],
                  rows)]


def pdf(report, view) -> None:
    _ = view._
    placed = boards(view)
    if not placed:
        return
    report.heading(_("Group boards"))
    for group, board in placed:
        report.paragraph(group["name"], 11, True, 6)
        for priority, item in enumerate(board, start=1):
            card, family = view.card(item.get("card_id"))
            suffix = f" ({family['name']})" if family.get("name") else ""
            report.paragraph(f"{priority}. {card['title']}{suffix}", 9.5, True, 5, indent=4)
            for name, label in NOTE_EXPORT_LABELS.items():
                if item.get(name):
                    report.paragraph(view.labelled(_(label), item[name]), 9, False, 4.6, indent=9)
        report.ln(1.5)
