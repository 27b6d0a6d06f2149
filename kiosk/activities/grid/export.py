"""The analysis grid in the export: `grid.csv` (one line per entry), one sheet per axis laid out as
the grid (`grid-axis-1.csv`…), `grid.pdf` (an A3 landscape poster per axis and a page of the
flagged entries) and its section of `report.pdf`."""

from __future__ import annotations

from ...export.sheets import Table
from .domain import COLUMNS, FACILITATION, FLAGS, MARKERS

POSTER = "grid.pdf"


def _grid(view) -> list[dict]:
    """Each axis with its practices in order, each practice's cells (column -> entries, oldest
    first) and the axis's resources; an entry carries its author's group."""
    grid = view.data.get("grid") or {}
    groups_of = {doc["id"]: doc.get("group") or "" for doc in (view.data.get("tables") or {}).get("grid_entries", [])}
    by_row: dict[int, list[dict]] = {}  # one pass over the entries, not one per practice
    for entry in grid.get("entries", []):
        by_row.setdefault(entry["row_id"], []).append(entry)
    out = []
    for axis in grid.get("axes", []):
        rows = []
        for row in axis.get("rows", []):
            cells = {column: [] for column in COLUMNS}
            for entry in by_row.get(row["id"], []):
                if entry["column"] in cells:
                    cells[entry["column"]].append({**entry, "group": groups_of.get(entry["id"], "")})
            rows.append({"practice": row["practice"], "cells": cells})
        out.append({"id": axis["id"], "title": axis["title"], "rows": rows,
                    "resources": [r["text"] for r in axis.get("resources", [])]})
    return out


def _marked(view, entry) -> str:
    """An entry's text, after its flag's marker and name when it carries one: "★ Nugget: …"."""
    flag = entry.get("flag")
    return view.labelled(f"{MARKERS[flag]} {view._(FLAGS[flag])}", entry["text"]) if flag in FLAGS else entry["text"]


def _used(view) -> list[dict]:
    return [axis for axis in _grid(view) if axis["rows"] or axis["resources"]]


def sheets(view) -> list[Table]:
    _ = view._
    axes = _grid(view)
    if not axes:
        return []
    lines = []
    for axis in axes:
        for row in axis["rows"]:
            for column, entries in row["cells"].items():
                for entry in entries:
                    lines.append([axis["title"], row["practice"], _(COLUMNS[column]), entry["text"],
                                  _(FLAGS[entry["flag"]]) if entry.get("flag") in FLAGS else "",
                                  entry["group"] or _(FACILITATION)])
    tables = [Table("grid.csv", _("Analysis grid"),
                    [_("Axis"), _("Practice"), _("Column"), _("Text"), _("Flag"), _("Author group")], lines)]
    for number, axis in enumerate(axes, start=1):
        rows = [[row["practice"], *["\n".join(_marked(view, e) for e in row["cells"][c]) for c in COLUMNS]]
                for row in axis["rows"]]
        if axis["resources"]:
            rows += [[], [_("To collect before the next workshop"), "\n".join(axis["resources"])]]
        tables.append(Table(f"grid-axis-{number}.csv", axis["title"],
                            [_("Practice"), *[_(label) for label in COLUMNS.values()]], rows))
    return tables


def pdf(report, view) -> None:
    _ = view._
    axes = _used(view)
    if not axes:
        return
    report.heading(_("Analysis grid"))
    for axis in axes:
        report.paragraph(axis["title"], 12, True, 7)
        for row in axis["rows"]:
            report.paragraph(row["practice"], 10, True, 5.5, indent=4)
            for column, entries in row["cells"].items():
                for entry in entries:
                    report.paragraph(view.labelled(_(COLUMNS[column]), _marked(view, entry)), 9, False, 4.6, indent=9)
        if axis["resources"]:
            report.paragraph(_("To collect before the next workshop"), 10, True, 5.5, indent=4)
            for text in axis["resources"]:
                report.paragraph(f"• {text}", 9, False, 4.6, indent=9)
        report.ln(2)
    flagged = _flagged(view, axes)
    if flagged:
        report.paragraph(_("Nuggets, opportunities and points of vigilance"), 12, True, 7)
        for flag, found in flagged.items():
            report.paragraph(f"{MARKERS[flag]} {_(FLAGS[flag])}", 10, True, 5.5, indent=4)
            for axis, practice, column, entry in found:
                report.paragraph(f"{entry['text']} ({axis} · {practice} · {_(COLUMNS[column])})", 9, False, 4.6, indent=9)


def _flagged(view, axes) -> dict[str, list[tuple]]:
    """Flag -> `(axis, practice, column, entry)` of every entry carrying it, axis by axis."""
    found = {flag: [] for flag in FLAGS}
    for axis in axes:
        for row in axis["rows"]:
            for column, entries in row["cells"].items():
                for entry in entries:
                    if entry.get("flag") in found:
                        found[entry["flag"]].append((axis["title"], row["practice"], column, entry))
    return {flag: items for flag, items in found.items() if items}


def files(view) -> dict[str, bytes]:
    axes = _used(view)
    return {POSTER: posters(view, axes)} if axes else {}


#: The poster's type sizes (points), largest first: each axis's grid takes the largest with which it
#: fits its page, and below the last it goes on to more pages.
SIZES = (20, 16, 13)
PADDING = 2  # mm around a cell's text


def _height(pdf, rows, widths, labels, size, resources) -> float:
    """How tall (mm) an axis's table (`rows`: each practice's cells) and resources list are at `size` points."""
    from fpdf.enums import MethodReturnValue

    line = size * 0.5

    def lines(width, text, style=""):
        pdf.set_font("DejaVu", style, size)
        return len(pdf.multi_cell(width - 2 * PADDING, line, text or " ", dry_run=True, output=MethodReturnValue.LINES))

    def height(cells, bold_all):
        return max(lines(w, t, "B" if bold_all or i == 0 else "") for i, (w, t) in enumerate(zip(widths, cells))) \
            * line + 2 * PADDING

    pdf.set_font("DejaVu", "B", size)
    for cells in [labels, *rows]:  # a word wider than its column would be cut in two: too large
        for width, text in zip(widths, cells):
            if any(pdf.get_string_width(word) > width - 2 * PADDING for word in text.split()):
                return float("inf")
    total = height(labels, True) + sum(height(cells, False) for cells in rows)
    if resources:
        total += 14 + sum(lines(pdf.epw, f"• {text}") * line for text in resources)
    return total


def posters(view, axes) -> bytes:
    """One A3 landscape page per axis, its grid in the largest type that fits the page (down to 13
    points, then the table goes on to more pages, the heading row on each), then the flagged entries."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    from ...typeface import add_fonts

    _ = view._
    pdf = FPDF(orientation="L", unit="mm", format="A3")
    add_fonts(pdf)
    pdf.set_title(f"{view.title()} · {_('Analysis grid')}")
    pdf.set_creator("Kiosk")
    pdf.set_lang(view.lang)
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(True, margin=14)
    heading = FontFace(emphasis="BOLD", fill_color=(225, 232, 240))
    widths = (62, *[(pdf.w - 28 - 62) / len(COLUMNS)] * len(COLUMNS))
    labels = [_("Practice"), *[_(label) for label in COLUMNS.values()]]
    legend = "   ".join(f"{MARKERS[flag]} {_(label)}" for flag, label in FLAGS.items())
    for axis in axes:
        pdf.add_page()
        pdf.set_font("DejaVu", "", 12)
        pdf.cell(0, 7, f"{view.title()} · {_('Analysis grid')}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 30)
        pdf.multi_cell(0, 14, axis["title"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 12)
        pdf.cell(0, 8, legend, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        cells = [[row["practice"], *["\n".join(_marked(view, e) for e in row["cells"][c]) for c in COLUMNS]]
                 for row in axis["rows"]]
        room = pdf.h - pdf.b_margin - pdf.get_y()
        size = next((s for s in SIZES if _height(pdf, cells, widths, labels, s, axis["resources"]) <= room), SIZES[-1])
        pdf.set_font("DejaVu", "", size)
        with pdf.table(col_widths=widths, line_height=size * 0.5, text_align="LEFT", headings_style=heading,
                       repeat_headings=1, padding=PADDING) as table:
            head = table.row()
            for label in labels:
                head.cell(label)
            for line in cells:
                row = table.row()
                row.cell(line[0], style=FontFace(emphasis="BOLD"))
                for text in line[1:]:
                    row.cell(text)
        if axis["resources"]:
            pdf.ln(4)
            pdf.set_font("DejaVu", "B", size + 2)
            pdf.cell(0, 10, _("To collect before the next workshop"), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", size)
            for text in axis["resources"]:
                pdf.multi_cell(0, size * 0.5, f"• {text}", new_x="LMARGIN", new_y="NEXT")
    flagged = _flagged(view, axes)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 30)
    pdf.multi_cell(0, 14, _("Nuggets, opportunities and points of vigilance"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    if not flagged:
        pdf.set_font("DejaVu", "", 14)
        pdf.cell(0, 8, _("No entry was flagged."), new_x="LMARGIN", new_y="NEXT")
    for flag, found in flagged.items():
        pdf.set_font("DejaVu", "B", 18)
        pdf.cell(0, 11, f"{MARKERS[flag]} {_(FLAGS[flag])}", new_x="LMARGIN", new_y="NEXT")
        for axis, practice, column, entry in found:
            pdf.set_font("DejaVu", "", 13)
            pdf.multi_cell(0, 6.6, f"{entry['text']}  ({axis} · {practice} · {_(COLUMNS[column])})",
                           new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())
