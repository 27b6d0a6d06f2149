"""Tables as files for French Excel and LibreOffice: CSV (UTF-8 with BOM, `;`) and one workbook.

No cell is ever run as a formula: CSV cells starting with = + - @ tab or CR get a leading ', and
workbook cells are text with a quote prefix.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

# A spreadsheet reads a cell starting with one of these as a formula (or a DDE call).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    """One activity's rows: a CSV file and a sheet of the workbook."""

    file: str
    sheet: str
    headers: list[str]
    rows: list[list]


def neutralise(value) -> str:
    """A cell's text that no spreadsheet runs as a formula: a leading = + - @ tab or CR gets a '.
    A number stays as it is: -1 is a vote (statement-votes.csv), never a formula."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


#: Column widths (characters) in the workbook: a long text wraps within WIDE, a page never holds
#: more than PAGE_WIDTH of them (A4 landscape at a readable size), each column keeps NARROW at least.
NARROW, WIDE, PAGE_WIDTH = 8, 50, 150
#: Points per line of text (Calibri 11), for the heights of rows whose texts wrap.
LINE_PT = 15


def column_widths(headers: list, rows: list[list]) -> list[int]:
    """Each column as wide as its longest line (WIDE at most); when the page would be too wide, the
    widest columns give way first, so the sheet prints one page wide at a readable size."""
    widths = [len(str(h)) for h in headers]
    for row in rows:
        for index, value in enumerate(row[:len(widths)]):
            longest = max((len(line) for line in _text(value).split("\n")), default=0)
            widths[index] = max(widths[index], longest)
    widths = [min(WIDE, max(NARROW, width + 2)) for width in widths]
    while sum(widths) > PAGE_WIDTH and max(widths) > 2 * NARROW:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def lines_in(value, width: int) -> int:
    """How many lines a cell's text takes once wrapped in a column `width` characters wide."""
    # A column's width counts "0"s; a line of ordinary text holds about a fifth more characters.
    usable = max(1, int(width * 1.2) - 1)
    return sum(max(1, -(-len(line) // usable)) for line in _text(value).split("\n"))


def _text(value) -> str:
    return "" if value is None else str(value)


def to_xlsx(all_tables: list[Table]) -> bytes:
    """One sheet per table, ready to print: landscape, one page wide, the header row on every page,
    long texts wrapped in rows tall enough for them."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used = set()
    bold = Font(bold=True)
    wrapped = Alignment(wrap_text=True, vertical="top")
    for table in all_tables:
        title = re.sub(r"[\[\]:*?/\\]", " ", table.sheet)[:31].strip() or table.file
        while title in used:
            title = title[:28] + f" {len(used)}"
        used.add(title)
        sheet = book.create_sheet(title)
        widths = column_widths(table.headers, table.rows)
        for row_index, row in enumerate([table.headers, *table.rows], start=1):
            for col_index, value in enumerate(row, start=1):
                cell = sheet.cell(row=row_index, column=col_index)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    cell.value = value
                else:
                    text = ILLEGAL_CHARACTERS_RE.sub("", _text(value))
                    cell.value = text
                    cell.data_type = "s"  # text, always: a cell starting with = is never a formula
                    if text.startswith(FORMULA_START):
                        cell.quotePrefix = True  # and stays text when someone edits it
                cell.alignment = wrapped
                if row_index == 1:
                    cell.font = bold
            lines = max((lines_in(value, widths[i]) for i, value in enumerate(row[:len(widths)])), default=1)
            if lines > 1:  # a spreadsheet does not grow a row for wrapped text on its own when printing
                sheet.row_dimensions[row_index].height = lines * LINE_PT
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        setup = sheet.page_setup
        setup.orientation = "landscape"
        setup.paperSize = sheet.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0  # as many pages down as the rows need
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "1:1"
        sheet.print_options.gridLines = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
