"""The printable report (fpdf2): a cover, then each activity's section, in the registry's order.

An activity's `pdf(report, view)` writes its section with `Report`'s few tools: `heading`,
`paragraph`, `lines`, `column`, `text_table`, `fill`, and fpdf2's own methods for anything else (bars, swatches).

Paragraphs are wrapped here, a word's width measured once, then written a line at a time:
fpdf2's `multi_cell` measures each line again at every character it adds, which made the report
of a 500-person workshop take a minute.
"""

from __future__ import annotations

from datetime import datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..typeface import FONT, add_fonts, covered, emoji_font
from .pictures import rgb, shorten, wrap
from .view import View


class Writer(FPDF):
    """An fpdf2 document in DejaVu Sans (its emoji from the fallback font) that wraps text fast: the
    report's and the posters' (`posters.py`) common ground."""

    def __init__(self, view: View, orientation: str, page_format: str):
        super().__init__(orientation=orientation, unit="mm", format=page_format)
        add_fonts(self)
        self.set_creator("Kiosk")
        self.set_lang(view.lang)
        self._widths: dict[tuple, float] = {}
        self._plain = covered(FONT)  # what DejaVu draws: a line of only these needs no fallback font
        self._fallbacks = ["Emoji"] if emoji_font() is not None else []  # as add_fonts set them
        self._falling_back = bool(self._fallbacks)

    def _word_width(self, word: str) -> float:
        key = (self.font_style, self.font_size_pt, word)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.get_string_width(word)
        return width

    def lines(self, text, width: float, max_lines: int | None = None) -> list[str]:
        """`text` in the current font, cut into lines that fit in a cell `width` wide (its margins
        aside), as `multi_cell` cuts them: at spaces, inside a word only when it must; with an
        ellipsis after `max_lines`."""
        space = self._word_width(" ")
        room = width - 2 * self.c_margin

        def measure(candidate: str) -> float:
            words = candidate.split(" ")
            return sum(self._word_width(word) for word in words) + space * (len(words) - 1)

        # `wrap`'s cuts, with the line's width kept as it grows (a line's width is its words' and
        # spaces'): a long text costs each word once, not each word once per word before it.
        lines: list[str] = []
        for paragraph in str(text).split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                size = self._word_width(word)
                if (used + space + size if line else size) <= room:
                    line, used = (f"{line} {word}", used + space + size) if line else (word, size)
                    continue
                if line:
                    lines.append(line)
                line, used = word, size
                if size > room:  # a word wider than the line: cut where it must be
                    *whole, line = wrap(measure, word, room)
                    lines += whole
                    used = measure(line)
            lines.append(line)
        # A no-break space keeps its words together, then prints as a space, as in `multi_cell`.
        return [line.replace("\u00a0", " ") for line in shorten(measure, lines, room, max_lines)]

    def text_cell(self, w: float, h: float, text: str, **options) -> None:
        """`cell` for one line of text. fpdf2 looks up every character of a cell in the emoji font
        when that font is a fallback: it is one only for the lines that need it."""
        needs = bool(self._fallbacks) and not all(ord(ch) in self._plain for ch in text)
        if needs != self._falling_back:
            self.set_fallback_fonts(self._fallbacks if needs else [], exact_match=False)
            self._falling_back = needs
        self.cell(w, h, text, **options)

    def column(self, x: float, top: float, w: float, h: float, lines: list[str], **options) -> None:
        """`lines` (cut by `lines`) one under the other from (`x`, `top`), each a `text_cell` `w` wide,
        `h` high: a table's cell of several lines, beside another."""
        for n, line in enumerate(lines):
            self.set_xy(x, top + n * h)
            self.text_cell(w, h, line, **options)


class Report(Writer):
    """An A4 report in DejaVu Sans; every page's footer says what, when, and the page number."""

    def __init__(self, view: View, exported: datetime):
        super().__init__(view, "P", "A4")
        _ = view._
        exported_on = _("Exported on %(date)s") % {"date": f"{view.date(exported)} {exported.strftime('%H:%M')}"}
        self.footer_text = f"{view.title()} · {exported_on}"
        self.set_title(view.title())
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.add_page()
        self.width = self.epw

    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(110)
        self.text_cell(0, 6, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="C")  # an emoji in the title
        self.set_text_color(0)

    def paragraph(self, text, size=10.5, bold=False, height=None, indent=0.0):
        """A paragraph at the left margin (plus `indent`), wrapped to the page's width."""
        self.set_font("DejaVu", "B" if bold else "", size)
        # Ranged left: a justified title or short line opens gaps between its words.
        for line in self.lines(text, self.width - indent):
            self.set_x(self.l_margin + indent)
            self.text_cell(self.width - indent, height or size * 0.5, line, align="L",
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text):
        """A section's title, underlined; on a new page when less than 30 mm are left."""
        if self.will_page_break(30):
            self.add_page()
        self.ln(4)
        self.paragraph(text, 15, True, 8)
        self.set_draw_color(180)
        self.line(self.l_margin, self.get_y(), self.l_margin + self.width, self.get_y())
        self.ln(2)

    def text_table(self, headers: list[str], rows: list[list], widths: list[float], size: float = 9.5,
                   align: str = "") -> None:
        """A table at the left margin: a bold header row on grey, then the rows, each cell's text
        wrapped to its column (`widths` in mm); `align` is a letter per column (L, C, R; L when
        missing). A row never splits across two pages: the header comes again on the next."""
        line = size * 0.5
        aligns = [align[n] if n < len(align) else "L" for n in range(len(widths))]

        def draw(cells: list, bold: bool) -> None:
            self.set_font("DejaVu", "B" if bold else "", size)
            cut = [self.lines("" if cell is None else str(cell), width) for cell, width in zip(cells, widths)]
            tall = max(1, *map(len, cut)) * line + 2
            if not bold and self.will_page_break(tall):
                self.add_page()
                draw(headers, True)
                self.set_font("DejaVu", "", size)
            top, x = self.get_y(), self.l_margin
            if bold:
                self.fill("#e6e6e6")
                self.rect(x, top, sum(widths), tall, "F")
            for lines, width, where in zip(cut, widths, aligns):
                self.column(x, top + 1, width, line, lines, align=where)
                x += width
            self.set_draw_color(190)
            self.line(self.l_margin, top + tall, self.l_margin + sum(widths), top + tall)
            self.set_xy(self.l_margin, top + tall)

        if self.will_page_break(4 * line + 4):  # the header and a first row together
            self.add_page()
        draw(headers, True)
        for row in rows:
            draw(row, False)
        self.ln(2)

    def fill(self, color: str):
        self.set_fill_color(*rgb(color))

    def cover(self, view: View):
        """The title block: the workshop's title, date, territory and number of participants."""
        _ = view._
        workshop = view.data.get("workshop") or {}
        self.paragraph(_("Results of the workshop"), 11, False, 6)
        self.paragraph(view.title(), 22, True, 11)
        facts = [(_("Date"), workshop.get("date") and view.date(workshop["date"])), (_("Territory"), workshop.get("territory")),
                 (_("Participants"), str(len(view.data.get("participants", []))))]
        for label, value in facts:
            if value:
                self.paragraph(view.labelled(label, value), 11, False, 6)

    def output_bytes(self) -> bytes:
        return bytes(self.output())
