"""Paper census forms: an A4 PDF, one form a page, each with its own short code and a QR code that
opens the console's entry screen at that code (`<base>/facilitator#census-<CODE>`).

Printed from the console (`GET /api/census-forms.pdf?count=N`, the codes recorded by the box) or
by `kiosk census forms --count N` (codes checked against the data directory's, read only).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from ... import qr
from ...errors import N_, KioskError
from ...i18n import translator
from .forms import Form

PAGE_W, PAGE_H, MARGIN = 210, 297, 14
DEFAULT_FILE = "kiosk-census-forms.pdf"
PRINT_MAX = 500  # paper forms in one PDF


def check_count(count: int) -> None:
    """Refuse a number of paper forms outside 1 to PRINT_MAX (before any code is drawn or reserved)."""
    if not 1 <= count <= PRINT_MAX:
        raise KioskError("bad_input", N_("How many paper forms? From 1 to %(max)d."), max=PRINT_MAX)


def entry_url(base_url: str, code: str) -> str:
    """Where a paper form's QR code leads: the console's entry screen, at its code."""
    root = base_url.split("#", 1)[0].rstrip("/")
    return f"{root}/facilitator#census-{code}"


def _box(pdf, x: float, y: float, w: float, h: float) -> None:
    pdf.set_draw_color(120)
    pdf.rect(x, y, w, h)


def _tick(pdf, x: float, y: float, label: str, width: float) -> None:
    pdf.set_draw_color(60)
    pdf.rect(x, y + 0.8, 3.6, 3.6)
    pdf.set_xy(x + 5.2, y)
    pdf.cell(width - 5.2, 5.2, label)


def _field(pdf, field, _) -> None:
    left, width = MARGIN, PAGE_W - 2 * MARGIN
    pdf.set_font("DejaVu", "B", 10.5)
    label = field.label + (" *" if field.required else "")
    hint = {"choices": _("several answers possible"), "one_choice": _("tick one"),
            "date": _("a year is enough")}.get(field.type)
    pdf.set_x(left)
    pdf.multi_cell(width, 5.2, label + (f"  ({hint})" if hint else ""), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9.5)
    y = pdf.get_y() + 1
    if field.type in ("one_choice", "choices"):
        columns = 3 if max(len(c) for c in field.choices) < 26 else 2
        col_w = width / columns
        for n, choice in enumerate(field.choices):
            _tick(pdf, left + (n % columns) * col_w, y + (n // columns) * 6, choice, col_w)
        y += 6 * (-(-len(field.choices) // columns))
    elif field.type == "long_text":
        _box(pdf, left, y, width, 22)
        y += 22
    elif field.type == "contact":
        _box(pdf, left, y, width, 8)
        y += 9.5
        _tick(pdf, left, y, field.consent, width)
        y += 6
    elif field.type in ("number", "date"):
        _box(pdf, left, y, 60, 8)
        y += 8
    else:
        _box(pdf, left, y, width, 8)
        y += 8
    pdf.set_y(y + 3)


def render(the_form: Form, codes: list[str], base_url: str, workshop_title: str = "") -> bytes:
    """The A4 PDF: one page per code, each the whole form with its code and QR code on top."""
    from fpdf import FPDF

    from ...typeface import add_fonts

    check_count(len(codes))
    _ = translator(the_form.lang)
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    add_fonts(pdf)
    pdf.set_title(the_form.title)
    pdf.set_creator("Kiosk")
    pdf.set_lang(the_form.lang)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(False)
    for code in codes:
        pdf.add_page()
        side = 30
        pdf.image(io.BytesIO(qr.png(entry_url(base_url, code))), PAGE_W - MARGIN - side, MARGIN - 2, side, side)
        pdf.set_font("DejaVu", "B", 10)
        pdf.set_xy(PAGE_W - MARGIN - side - 52, MARGIN)
        pdf.cell(48, 6, _("Form code"), align="R")
        pdf.set_font("DejaVu", "B", 22)
        pdf.set_xy(PAGE_W - MARGIN - side - 52, MARGIN + 6)
        pdf.cell(48, 11, code, align="R")
        pdf.set_xy(MARGIN, MARGIN)
        pdf.set_font("DejaVu", "B", 15)
        pdf.multi_cell(PAGE_W - 2 * MARGIN - side - 56, 7, the_form.title, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        if workshop_title:
            pdf.multi_cell(PAGE_W - 2 * MARGIN - side - 56, 5, workshop_title, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y() + 2, MARGIN + side + 2))
        if the_form.intro:
            pdf.multi_cell(PAGE_W - 2 * MARGIN, 4.8, the_form.intro, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 8.5)
        pdf.multi_cell(PAGE_W - 2 * MARGIN, 4.5, _("Write in capitals, one initiative per form. * : an answer is needed."),
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        for field in the_form.fields:
            _field(pdf, field, _)
    return bytes(pdf.output())


def box_pdf(box, base_url: str, count: int) -> bytes:
    """The PDF for a running box (GET /api/census-forms.pdf): the census's form (else the default one
    in the workshop's language), `count` new codes recorded as printed."""
    from ... import store, workshop
    from . import domain
    from .forms import DEFAULT_FORM, find_form, load_form

    check_count(count)

    def reserve(db):
        details = workshop.meta(db)["workshop"]
        the_form = domain.form(db) or load_form(find_form(DEFAULT_FORM, details.get("lang", "fr")))
        return (the_form, domain.reserve_codes(db, count), details.get("title", "")), []

    the_form, new_codes, title = box.store.write(reserve)
    return store._run_blocking(render, the_form, new_codes, base_url, title)


def run_cli(count: int, form_name: str | None, lang: str | None, data_dir: str | None, to: str | None,
            out=None, err=None) -> int:
    """`kiosk census forms`: write the PDF and print its path, or one line saying why not and exit 1."""
    from tinydb import TinyDB

    from ... import netinfo, store, workshop
    from ...i18n import message
    from ...settings import load_settings
    from . import codes as code_maker, domain
    from .forms import DEFAULT_FORM, FormError, find_form, load_form

    out, err = out or sys.stdout, err or sys.stderr
    config = load_settings({"data": data_dir})
    lang = lang or config["lang"]
    path = Path(to or DEFAULT_FILE)
    try:
        check_count(count)
        taken, title, stored = set(), "", None
        raw = store.load_read_only(Path(config["data"]) / "kiosk.json")
        if raw is not None:
            db = TinyDB(storage=store.DurableStorage, data=raw)
            taken = domain.taken_codes(db)
            title = workshop.meta(db)["workshop"].get("title", "")
            stored = domain.form(db)
        try:
            the_form = stored if stored is not None and form_name is None else load_form(
                find_form(form_name or DEFAULT_FORM, lang))
        except FormError as error:
            print("\n".join(error.problems), file=err)
            return 1
        pdf = render(the_form, code_maker.new_codes(count, taken),
                     netinfo.join_url(config.get("public_url"), config["port"]), title)
        try:
            path.write_bytes(pdf)
        except OSError as exc:
            raise KioskError("export_failed", N_("The paper forms could not be written to %(path)s: %(reason)s."),
                             path=str(path), reason=exc.strerror or str(exc)) from exc
    except KioskError as error:
        print(f"kiosk census forms: {message(error, lang)}", file=err)
        return 1
    print(path, file=out)
    return 0
