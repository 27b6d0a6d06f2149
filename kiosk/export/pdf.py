"""The printable report (fpdf2): a cover, then each activity's section, in the registry's order.

An activity's `pdf(report, view)` writes its section with `Report`'s few tools: `heading`,
`paragraph`, `fill`, and fpdf2's own methods for anything else (bars, swatches).
"""

from __future__ import annotations

from datetime import datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..typeface import add_fonts
from .pictures import rgb
from .view import View


class Report(FPDF):
    """An A4 report in DejaVu Sans; every page's footer says what, when, and the page number."""

    def __init__(self, view: View, exported: datetime):
        super().__init__(orientation="P", unit="mm", format="A4")
        _ = view._
        exported_on = _("Exported on %(date)s") % {"date": f"{view.date(exported)} {exported.strftime('%H:%M')}"}
        self.footer_text = f"{view.title()} · {exported_on}"
        add_fonts(self)
        self.set_title(view.title())
        self.set_creator("Kiosk")
        self.set_lang(view.lang)
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.add_page()
        self.width = self.epw

    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(110)
        self.cell(0, 6, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0)

    def paragraph(self, text, size=10.5, bold=False, height=None, indent=0.0):
        """A paragraph at the left margin (plus `indent`), wrapped to the page's width."""
        self.set_font("DejaVu", "B" if bold else "", size)
        self.set_x(self.l_margin + indent)
        # Ranged left: a justified title or short line opens gaps between its words.
        self.multi_cell(self.width - indent, height or size * 0.5, str(text), align="L",
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
