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
    """A cell's text that no spreadsheet runs as a formula: a leading = + - @ tab or CR gets a '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(all_tables: list[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used = set()
    bold = Font(bold=True)
    for table in all_tables:
        title = re.sub(r"[\[\]:*?/\\]", " ", table.sheet)[:31].strip() or table.file
        while title in used:
            title = title[:28] + f" {len(used)}"
        used.add(title)
        sheet = book.create_sheet(title)
        widths = [len(str(h)) for h in table.headers]
        for row_index, row in enumerate([table.headers, *table.rows], start=1):
            for col_index, value in enumerate(row, start=1):
                cell = sheet.cell(row=row_index, column=col_index)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    cell.value = value
                else:
                    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
                    cell.value = text
                    cell.data_type = "s"  # text, always: a cell starting with = is never a formula
                    if text.startswith(FORMULA_START):
                        cell.quotePrefix = True  # and stays text when someone edits it
                if row_index == 1:
                    cell.font = bold
                longest = max((len(line) for line in str(value if value is not None else "").split("\n")), default=0)
                widths[col_index - 1] = max(widths[col_index - 1], longest)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width + 2))
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
