"""The A3 posters' printing (fpdf2): each layout of `posters.py` on as many pages as it needs."""

from __future__ import annotations

import io
import math

from .pdf import Writer
from .pictures import rgb
from .posters import Entry, Figure, Listing, Quadrants, Summary
from .view import View

WIDTH, HEIGHT = 297.0, 420.0  # A3 portrait, mm
MARGIN = 15.0
GUTTER = 8.0
LEADING = 0.46  # a line's height in mm per point of type
INK, MUTED, ACCENT, RULE = "#111111", "#555555", "#0b5cad", "#c8c8c8"


class Posters(Writer):
    """The A3 posters: each page's frame (`frame`), and each layout's pages."""

    def __init__(self, view: View):
        super().__init__(view, "P", "A3")
        _ = view._
        self.view = view
        workshop = view.data.get("workshop") or {}
        date = workshop.get("date") and view.date(workshop["date"])
        self.band = " · ".join(part for part in (view.title(), workshop.get("territory"), date) if part)
        self.set_title(f"{view.title()} · {_('Posters')}")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        self.width = WIDTH - 2 * MARGIN
        self.bottom = HEIGHT - MARGIN - 8  # the foot's line below

    # --- What every page has ------------------------------------------------------------------------

    def color(self, color: str) -> None:
        self.set_text_color(*rgb(color))

    def write_lines(self, x: float, y: float, w: float, size: float, lines: list[str], bold=False,
                    color=INK, align="L") -> float:
        """`lines` from (x, y) at `size` points; returns the y under them."""
        self.set_font("DejaVu", "B" if bold else "", size)
        self.color(color)
        height = size * LEADING
        for n, line in enumerate(lines):
            top = y + n * height
            if align == "L" and all(ord(ch) in self._plain for ch in line):
                # `text` at the baseline `cell` would use: a tenth of `cell`'s time, 1,500 initiatives
                self.text(x + self.c_margin, top + height / 2 + 0.3 * self.font_size, line)
            else:  # emoji (the fallback font), or aligned
                self.set_xy(x, top)
                self.text_cell(w, height, line, align=align)
        return y + len(lines) * height

    def frame(self, poster, part: int, parts: int) -> float:
        """A new page with the band (workshop, territory, date), the poster's kicker, title and
        subtitle, and its foot (`part/parts`); returns where the content starts."""
        self.add_page()
        x = MARGIN
        self.set_font("DejaVu", "", 13)
        y = self.write_lines(x, MARGIN, self.width, 13, self.lines(self.band, self.width, 2), color=MUTED)
        self.set_draw_color(*rgb(ACCENT))
        self.set_line_width(0.8)
        self.line(x, y + 2, x + self.width, y + 2)
        y += 6
        if poster.kicker:
            self.set_font("DejaVu", "B", 15)
            y = self.write_lines(x, y, self.width, 15, self.lines(poster.kicker.upper(), self.width, 1), True, ACCENT)
        self.set_font("DejaVu", "B", 34)
        y = self.write_lines(x, y + 1, self.width, 34, self.lines(poster.title, self.width, 2), True) + 1
        if poster.subtitle:
            self.set_font("DejaVu", "", 16)
            y = self.write_lines(x, y, self.width, 16, self.lines(poster.subtitle, self.width, 2), color=MUTED)
        if parts > 1:
            self.set_font("DejaVu", "", 10)
            self.color(MUTED)
            self.set_xy(x, HEIGHT - MARGIN - 5)
            self.text_cell(self.width, 5, f"{poster.title} · {part}/{parts}", align="R")
        self.color(INK)
        return y + 6

    def content_top(self, poster) -> float:
        """Where `frame` will start the content, without drawing (the pages' room is known first)."""
        lines = 0.0
        self.set_font("DejaVu", "", 13)
        lines += len(self.lines(self.band, self.width, 2)) * 13 * LEADING + 6
        if poster.kicker:
            lines += 15 * LEADING
        self.set_font("DejaVu", "B", 34)
        lines += len(self.lines(poster.title, self.width, 2)) * 34 * LEADING + 2
        if poster.subtitle:
            self.set_font("DejaVu", "", 16)
            lines += len(self.lines(poster.subtitle, self.width, 2)) * 16 * LEADING
        return MARGIN + lines + 6

    # --- Entries --------------------------------------------------------------------------------------

    def entry_lines(self, entry: Entry, width: float, size: float, text_lines: int, name_lines: int = 2) -> list[tuple]:
        """An entry as `(lines, size, bold, color)` runs at `size` points in a column `width` wide."""
        runs = []
        self.set_font("DejaVu", "B", size + 1)
        runs.append((self.lines(entry.name, width, name_lines), size + 1, True, INK))
        small = size - 2
        if entry.place:
            self.set_font("DejaVu", "", small)
            runs.append((self.lines(entry.place, width, 2), small, False, ACCENT))
        if entry.text:
            self.set_font("DejaVu", "", small)
            # its lines run on (the no-break spaces French puts before « : » stay no-break)
            runs.append((self.lines(entry.text.replace("\n", " "), width, text_lines), small, False, INK))
        return runs

    @staticmethod
    def runs_height(runs) -> float:
        return sum(len(lines) * size * LEADING for lines, size, _, _ in runs)

    def draw_runs(self, x: float, y: float, width: float, runs) -> float:
        for lines, size, bold, color in runs:
            y = self.write_lines(x, y, width, size, lines, bold, color)
        return y

    def flow(self, heights: list[float], columns: int, room: float, gap: float) -> list[list[list[int]]]:
        """Items of `heights` down `columns` columns `room` high, then on further pages: each page's
        columns' item indexes, an item never split."""
        pages: list[list[list[int]]] = [[[]]]
        used = 0.0
        for index, height in enumerate(heights):
            if pages[-1][-1] and used + height > room:
                if len(pages[-1]) < columns:
                    pages[-1].append([])
                else:
                    pages.append([[]])
                used = 0.0
            pages[-1][-1].append(index)
            used += height + gap
        return pages

    def listing(self, poster: Listing) -> None:
        columns = 2
        width = (self.width - GUTTER * (columns - 1)) / columns
        room = self.bottom - self.content_top(poster)
        sizes = (16, 14, 12)  # the smallest still read from a step away: its texts at 10 points
        for size in sizes:
            gap = size * 0.3
            if size != sizes[-1] and len(poster.entries) * ((size + 1) * LEADING + gap) > columns * room:
                continue  # a line each would not fit: not worth measuring
            laid = [self.entry_lines(entry, width, size, poster.lines) for entry in poster.entries]
            pages = self.flow([self.runs_height(runs) for runs in laid], columns, room, gap)
            if len(pages) == 1:
                break
        for part, page in enumerate(pages, start=1):
            top = self.frame(poster, part, len(pages))
            for number, indexes in enumerate(page):
                x, y = MARGIN + number * (width + GUTTER), top
                for index in indexes:
                    y = self.draw_runs(x, y, width, laid[index]) + gap

    # --- Bars -----------------------------------------------------------------------------------------

    def summary(self, poster: Summary) -> None:
        top = self.content_top(poster)
        room = self.bottom - top
        # (row height mm, columns for a long list): the largest with which every chart fits one page
        options = ((13, 1), (10, 1), (10, 2), (8, 2), (7, 3), (6, 3))
        for row, columns in options:
            height = sum(14 + math.ceil(len(bars) / (columns if len(bars) > 12 else 1)) * row + 6
                         for _, bars in poster.charts)
            if height <= room:
                break
        blocks = []  # (kind, payload): a chart's title, or a row of bars
        for title, bars in poster.charts:
            cols = columns if len(bars) > 12 else 1
            most = max((n for _, n in bars), default=1) or 1
            blocks.append(("title", title))
            per_column = math.ceil(len(bars) / cols)
            for r in range(per_column):  # down each column first: the ranking reads downwards
                row_bars = [bars[c * per_column + r] for c in range(cols) if c * per_column + r < len(bars)]
                blocks.append(("row", (row_bars, cols, most)))
            blocks.append(("gap", None))
        heights = [14 if kind == "title" else row if kind == "row" else 6 for kind, _ in blocks]
        pages = self.flow(heights, 1, room, 0)
        size = min(17.0, row * 1.45)
        for part, page in enumerate(pages, start=1):
            y = self.frame(poster, part, len(pages))
            for index in page[0]:
                kind, payload = blocks[index]
                if kind == "title":
                    self.set_font("DejaVu", "B", 20)
                    self.write_lines(MARGIN, y + 3, self.width, 20, self.lines(payload, self.width, 1), True, ACCENT)
                    y += 14
                elif kind == "row":
                    bars, cols, most = payload
                    width = (self.width - GUTTER * (cols - 1)) / cols
                    for c, (label, n) in enumerate(bars):
                        self.bar(MARGIN + c * (width + GUTTER), y, width, row, size, label, n, most)
                    y += row
                else:
                    y += 6

    def one_line(self, text: str, width: float) -> str:
        """`text` on one line `width` wide, cut with an ellipsis where it must be (a long commune's name)."""
        if self.get_string_width(text) <= width:
            return text
        low, high = 0, len(text)  # the longest start that fits with its ellipsis
        while low < high:
            middle = (low + high + 1) // 2
            if self.get_string_width(text[:middle].rstrip() + "…") <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + "…"

    def bar(self, x: float, y: float, width: float, row: float, size: float, label: str, n: int, most: int) -> None:
        """One labelled count: the label (one line), a bar as long as its share of `most`, the count."""
        label_w = width * 0.42
        self.set_font("DejaVu", "", size)
        line = self.one_line(label, label_w - 2 * self.c_margin)
        middle = y + (row - size * LEADING) / 2
        self.write_lines(x, middle, label_w, size, [line])
        self.set_font("DejaVu", "B", size)
        count_w = self.get_string_width(str(most)) + 3
        room = width - label_w - count_w - 2
        length = max(0.6, room * n / most)
        self.set_fill_color(*rgb(ACCENT))
        self.rect(x + label_w + 1, y + row * 0.18, length, row * 0.64, style="F")
        self.set_xy(x + label_w + 1 + length + 1, middle)
        self.text_cell(count_w, size * LEADING, str(n))

    # --- A picture and its table -----------------------------------------------------------------------

    def figure(self, poster: Figure) -> None:
        widths = [f * self.width for f in (poster.widths or (1.0 / len(poster.headers),) * len(poster.headers))]
        size = 12
        laid = []
        for i, cells in enumerate(poster.rows):
            self.set_font("DejaVu", "B", size)
            first = self.lines(cells[0], widths[0], 2)
            self.set_font("DejaVu", "", size - 2)
            note = self.lines(poster.notes[i], widths[0], 3) if i < len(poster.notes) and poster.notes[i] else []
            self.set_font("DejaVu", "", size)
            others = [self.lines(c, w, 2) for c, w in zip(cells[1:], widths[1:])]
            height = max([len(first) * size * LEADING + len(note) * (size - 2) * LEADING,
                          *(len(o) * size * LEADING for o in others)]) + 3
            laid.append((first, note, others, height))
        head = size * LEADING * 2 + 3
        top = self.content_top(poster)
        table = head + sum(h for *_, h in laid)
        picture = 0.0
        if poster.png:  # as large as the page allows, at least a third of it, the table going on after
            picture = max(min(self.width * 0.75, self.bottom - top - table - head - 6), (self.bottom - top) / 3)
        first = picture + 6 + head if poster.png else head
        pages = self.flow([first] + [h for *_, h in laid], 1, self.bottom - top - head, 0)  # a head on each page
        for part, page in enumerate(pages, start=1):
            y = self.frame(poster, part, len(pages))
            for index in page[0]:
                if index == 0 and poster.png:
                    w = picture / 0.75
                    self.image(io.BytesIO(poster.png), x=MARGIN + (self.width - w) / 2, y=y, w=w, h=picture)
                    y += picture + 6
                    y = self.table_head(poster.headers, widths, y, size)
                elif index == 0:
                    y = self.table_head(poster.headers, widths, y, size)
                else:
                    first, note, others, height = laid[index - 1]
                    if index > 1 and index == page[0][0]:
                        y = self.table_head(poster.headers, widths, y, size)
                    self.row(y, widths, size, first, note, others, height)
                    y += height

    def table_head(self, headers, widths, y, size) -> float:
        self.set_fill_color(225, 232, 240)
        self.rect(MARGIN, y, self.width, size * LEADING * 2 + 3, style="F")
        x = MARGIN
        for text, w in zip(headers, widths):
            self.set_font("DejaVu", "B", size)
            self.write_lines(x, y + 1.5, w, size, self.lines(text, w, 2), True)
            x += w
        return y + size * LEADING * 2 + 3

    def row(self, y, widths, size, first, note, others, height) -> None:
        x = MARGIN
        below = self.write_lines(x, y + 1.5, widths[0], size, first, True)
        self.write_lines(x, below, widths[0], size - 2, note, color=MUTED)
        x += widths[0]
        for lines, w in zip(others, widths[1:]):
            self.write_lines(x, y + 1.5, w, size, lines)
            x += w
        self.set_draw_color(*rgb(RULE))
        self.set_line_width(0.3)
        self.line(MARGIN, y + height, MARGIN + self.width, y + height)

    # --- Four quadrants --------------------------------------------------------------------------------

    def quadrants(self, poster: Quadrants) -> None:
        top = self.content_top(poster)
        axis = 8.0 if any(poster.axes) else 0.0
        left = MARGIN + axis
        box_w = (self.width - axis - GUTTER) / 2
        inner = box_w - 8
        for size in (18, 15, 13, 11):
            rest_lines = []
            if poster.rest is not None:
                self.set_font("DejaVu", "", size - 1)
                rest_lines = self.lines(" · ".join(e.name for e in poster.rest.entries), self.width - 8, 4)
            strip = (len(rest_lines) * (size - 1) * LEADING + 16) if poster.rest is not None else 0.0
            box_h = (self.bottom - top - axis - strip - GUTTER) / 2
            head = 16 * LEADING + 11 * LEADING + 5
            laid = [[self.entry_lines(e, inner, size, 2, 6) for e in box.entries] for box in poster.boxes]
            gap = size * 0.3
            splits = [self.flow([self.runs_height(r) for r in runs], 1, box_h - head - 4, gap) for runs in laid]
            parts = max(len(s) for s in splits)
            if parts == 1:
                break
        for part in range(parts):
            y0 = self.frame(poster, part + 1, parts)
            if poster.axes[0]:
                self.set_font("DejaVu", "B", 13)
                self.color(MUTED)
                label, middle = f"{poster.axes[0]} →", y0 + box_h + GUTTER / 2
                with self.rotation(90, MARGIN + 4, middle):  # read upwards, beside the boxes
                    self.text(MARGIN + 4 - self.get_string_width(label) / 2, middle + 0.3 * self.font_size, label)
            for number, box in enumerate(poster.boxes):
                x = left + (number % 2) * (box_w + GUTTER)
                y = y0 + (number // 2) * (box_h + GUTTER)
                self.set_fill_color(*[round(c + (255 - c) * 0.9) for c in rgb(box.color)])
                self.set_draw_color(*rgb(box.color))
                self.set_line_width(0.8)
                self.rect(x, y, box_w, box_h, style="DF")
                self.set_font("DejaVu", "B", 16)
                yy = self.write_lines(x + 4, y + 3, inner, 16, self.lines(box.label, inner, 1), True, box.color)
                self.set_font("DejaVu", "", 11)
                yy = self.write_lines(x + 4, yy, inner, 11, self.lines(box.hint, inner, 1), color=MUTED) + 2
                chunk = splits[number][part][0] if part < len(splits[number]) else []
                for index in chunk:
                    yy = self.draw_runs(x + 4, yy, inner, laid[number][index]) + gap
            y = y0 + 2 * box_h + GUTTER
            if poster.axes[1]:
                self.set_font("DejaVu", "B", 13)
                self.color(MUTED)
                self.set_xy(left, y + 1)
                self.text_cell(self.width - axis, 6, f"{poster.axes[1]} →", align="C")
                y += axis
            if poster.rest is not None and part == 0:
                self.set_font("DejaVu", "B", 14)
                label = self.lines(f"{poster.rest.label} ({poster.rest.hint})", self.width, 1)
                yy = self.write_lines(MARGIN, y + 4, self.width, 14, label, True, MUTED)
                self.set_font("DejaVu", "", size - 1)
                self.write_lines(MARGIN, yy + 1, self.width, size - 1, rest_lines)
        self.color(INK)

    def layout(self, poster) -> None:
        layouts = {Listing: self.listing, Summary: self.summary, Figure: self.figure, Quadrants: self.quadrants}
        layouts[type(poster)](poster)
