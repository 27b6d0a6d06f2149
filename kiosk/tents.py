"""Table tents ("chevalets"): an A4 page to print, cut and fold, one tent per table.

Each tent carries what a participant needs to join from their seat: the Wi-Fi QR code (when
KIOSK_WIFI_SSID is set, with the network's name and password written under it), the join QR
code, the join URL in large type, the workshop's title and one line of instructions in French
and in English (the same tent serves every participant, whatever their language).

A tent folds along its middle: its content is drawn twice, the upper half turned 180°, so that
standing on the table it reads from both sides. Two tents per page (a face of 210 × 74 mm) or
four (105 × 74 mm). The QR codes always carry the box's IP address (the join URL), never a local
name that a phone with mobile data on may not resolve.

`render(tent, per_page)` returns the PDF's bytes. The console downloads it from
GET /api/tents.pdf; `kiosk tents [--data DIR] [--to FILE.pdf] [--per-page 2|4]` writes it, reading
the workshop's title read-only from the data directory (beside a running box, like `kiosk export`).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from . import netinfo, qr
from .errors import N_, KioskError

PER_PAGE = (2, 4)
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 7.0  # mm kept clear along every edge, fold and cut (printers leave about 5 mm unprinted)
GAP = 4.0
PT = 0.3528  # mm per point
GUIDE_GRAY = 150
DEFAULT_FILE = "kiosk-tents.pdf"

# Both languages on every tent: French first, as everywhere in Kiosk.
STEPS = {
    True: ("Scannez le code Wi-Fi, puis le code de l’atelier\u00a0: ni appli, ni compte.",
           "Scan the Wi-Fi code, then the workshop code: no app, no account."),
    False: ("Scannez le code avec l’appareil photo du téléphone\u00a0: ni appli, ni compte.",
            "Scan the code with your phone’s camera: no app, no account."),
}
WIFI_LABEL = "Wi-Fi\u00a0: {ssid}"
PASSWORD_LABEL = "Mot de passe · Password\u00a0: {password}"
OPEN_LABEL = "Réseau ouvert · Open network"
JOIN_LABEL = "Rejoindre l’atelier · Join the workshop"
FOLD_LABEL = "plier · fold"
CUT_LABEL = "couper · cut"


@dataclass(frozen=True)
class Tent:
    """What a tent shows."""

    join_url: str
    title: str = ""
    wifi_ssid: str | None = None
    wifi_password: str | None = None

    @classmethod
    def from_config(cls, config: dict, title: str = "") -> "Tent":
        """From the box's settings (`load_settings`, or a running app's `KIOSK` config)."""
        join_url = config.get("join_url") or netinfo.join_url(config.get("public_url"), config["port"])
        return cls(join_url, (title or "").strip(), config.get("wifi_ssid") or None,
                   config.get("wifi_password") or None)

    @property
    def wifi_payload(self) -> str | None:
        return qr.wifi_payload(self.wifi_ssid, self.wifi_password) if self.wifi_ssid else None


# --- Drawing -----------------------------------------------------------------------------------------

def _line_h(size: float) -> float:
    return size * PT * 1.22


def _lines(pdf, text: str, width: float, size: float, bold: bool) -> list[str]:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    return pdf.multi_cell(width, _line_h(size), text, dry_run=True, output="LINES")


def _fit(pdf, text: str, width: float, largest: float, smallest: float, max_lines: int = 1,
         bold: bool = False) -> tuple[list[str], float]:
    """The lines of `text` at the largest size (in points, by halves) at which it holds in
    `max_lines` lines of `width`; cut with an ellipsis if even `smallest` is too large."""
    size = largest
    while size > smallest:
        lines = _lines(pdf, text, width, size, bold)
        if len(lines) <= max_lines:
            return lines, size
        size -= 0.5
    lines = _lines(pdf, text, width, smallest, bold)
    if len(lines) > max_lines:  # too long even small: cut, with an ellipsis
        last = lines[max_lines - 1]
        while last and pdf.get_string_width(last + "…") > width:
            last = last[:-1]
        lines = lines[:max_lines - 1] + [last.rstrip() + "…"]
    return lines, smallest


@dataclass
class _Block:
    """Lines of text at one size, drawn centred (or left-aligned) in a column."""

    lines: list[str]
    size: float
    bold: bool = False
    gray: int = 0

    @property
    def height(self) -> float:
        return len(self.lines) * _line_h(self.size) if self.lines else 0.0

    def draw(self, pdf, x: float, y: float, width: float, align: str = "C") -> float:
        pdf.set_font("DejaVu", "B" if self.bold else "", self.size)
        pdf.set_text_color(self.gray)
        for line in self.lines:
            pdf.set_xy(x, y)
            pdf.cell(width, _line_h(self.size), line, align=align)
            y += _line_h(self.size)
        pdf.set_text_color(0)
        return y


def _codes(tent: Tent) -> list[tuple[bytes, list[str]]]:
    """Each QR code of the tent (PNG) with its caption, in the order a phone needs them."""
    found = []
    if tent.wifi_payload:
        caption = [WIFI_LABEL.format(ssid=tent.wifi_ssid)]
        caption.append(PASSWORD_LABEL.format(password=tent.wifi_password) if tent.wifi_password else OPEN_LABEL)
        found.append((qr.png(tent.wifi_payload), caption))
    found.append((qr.png(tent.join_url), [JOIN_LABEL]))
    return found


def _captions(pdf, caption: list[str], width: float, largest: float) -> _Block:
    size = largest
    while size > 5:
        lines = [line for text in caption for line in _lines(pdf, text, width, size, False)]
        if len(lines) <= len(caption) + 1:
            return _Block(lines, size, gray=60)
        size -= 0.5
    return _Block([line for text in caption for line in _lines(pdf, text, width, 5, False)], 5, gray=60)


def _face(pdf, tent: Tent, x: float, y: float, w: float, h: float) -> None:
    """One face of a tent, upright in the rectangle (x, y, w, h)."""
    x0, y0, iw, ih = x + MARGIN, y + MARGIN, w - 2 * MARGIN, h - 2 * MARGIN
    codes = _codes(tent)
    steps = tent.wifi_payload is not None
    fr, en = STEPS[steps]
    if w >= 150:  # two tents a page: the text on the left, the codes on the right
        captions = [_captions(pdf, caption, 52, 7.5) for _, caption in codes]
        side = min(ih - max(c.height for c in captions) - 1.5, 52.0)
        codes_w = len(codes) * side + (len(codes) - 1) * GAP
        text_w = iw - codes_w - 2 * GAP
        cx = x0 + iw - codes_w
        for (png, _), caption in zip(codes, captions):
            pdf.image(io.BytesIO(png), cx, y0, side, side)
            caption.draw(pdf, cx - GAP / 2, y0 + side + 1.5, side + GAP)
            cx += side + GAP
        title = _Block(*_fit(pdf, tent.title, text_w, 20, 10, 2, True), bold=True) if tent.title else None
        url = _Block(*_fit(pdf, tent.join_url, text_w, 30, 11, 1, True), bold=True)
        fr_block = _Block(*_fit(pdf, fr, text_w, 9.5, 6, 2))
        en_block = _Block(*_fit(pdf, en, text_w, 9.5, 6, 2), gray=70)
    else:  # four a page: everything stacked, the codes side by side, each centred in its column
        title = _Block(*_fit(pdf, tent.title, iw, 10, 7, 2, True), bold=True) if tent.title else None
        url = _Block(*_fit(pdf, tent.join_url, iw, 14, 8, 1, True), bold=True)
        fr_block = _Block(*_fit(pdf, fr, iw, 5.5, 4.5, 2))
        en_block = _Block(*_fit(pdf, en, iw, 5.5, 4.5, 2), gray=70)
        col = (iw - (len(codes) - 1) * GAP) / len(codes)
        captions = [_captions(pdf, caption, col, 6) for _, caption in codes]
        text_h = sum(b.height for b in (title, url, fr_block, en_block) if b) + 4 * 1.2
        side = min(col, ih - text_h - max(c.height for c in captions) - 0.6, 40.0)
        top = y0
        if title:
            top = title.draw(pdf, x0, top, iw) + 1.2
        for n, ((png, _), caption) in enumerate(zip(codes, captions)):
            cx = x0 + n * (col + GAP)
            pdf.image(io.BytesIO(png), cx + (col - side) / 2, top, side, side)
            caption.draw(pdf, cx, top + side + 0.6, col)
        top += side + 0.6 + max(c.height for c in captions) + 1.2
        top = url.draw(pdf, x0, top, iw) + 1.2
        en_block.draw(pdf, x0, fr_block.draw(pdf, x0, top, iw), iw)
        return
    # Two a page: the text column, centred vertically.
    blocks = [b for b in (title, url, fr_block, en_block) if b]
    spacing = 3.0
    total = sum(b.height for b in blocks) + spacing * (len(blocks) - 1)
    top = y0 + max(0.0, (ih - total) / 2)
    for block in blocks:
        top = block.draw(pdf, x0, top, text_w, align="L") + spacing


def _guides(pdf, per_page: int) -> None:
    """Dashed lines: where to fold each tent, and where to cut the page."""
    pdf.set_draw_color(GUIDE_GRAY)
    pdf.set_text_color(GUIDE_GRAY)
    pdf.set_line_width(0.2)
    pdf.set_font("DejaVu", "", 6)
    pdf.set_dash_pattern(dash=1.5, gap=1.5)
    for fold in (PAGE_H / 4, PAGE_H * 3 / 4):
        pdf.line(0, fold, PAGE_W, fold)
        pdf.set_xy(2, fold - 3)
        pdf.cell(20, 3, FOLD_LABEL)
    pdf.set_dash_pattern(dash=4, gap=2)
    pdf.line(0, PAGE_H / 2, PAGE_W, PAGE_H / 2)
    pdf.set_xy(2, PAGE_H / 2 - 3)
    pdf.cell(20, 3, CUT_LABEL)
    if per_page == 4:
        pdf.line(PAGE_W / 2, 0, PAGE_W / 2, PAGE_H)
    pdf.set_dash_pattern()
    pdf.set_draw_color(0)
    pdf.set_text_color(0)


def render(tent: Tent, per_page: int = 2) -> bytes:
    """The A4 PDF: `per_page` tents (2 or 4), each face drawn twice, the upper one upside down."""
    from fpdf import FPDF

    from .typeface import add_fonts

    if per_page not in PER_PAGE:
        raise KioskError("bad_input", N_("Choose 2 or 4 table tents per page."))
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    add_fonts(pdf)
    pdf.set_title(tent.title or "Kiosk")
    pdf.set_subject("Chevalets de table · Table tents")
    pdf.set_creator("Kiosk")
    pdf.set_lang("fr")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.c_margin = 0
    pdf.add_page()
    columns = 1 if per_page == 2 else 2
    tent_w, tent_h = PAGE_W / columns, PAGE_H / 2
    face_h = tent_h / 2
    for index in range(per_page):
        x = (index % columns) * tent_w
        y = (index // columns) * tent_h
        # The upper face is the back of the folded tent: turned 180° about its centre.
        with pdf.rotation(180, x=x + tent_w / 2, y=y + face_h / 2):
            _face(pdf, tent, x, y, tent_w, face_h)
        _face(pdf, tent, x, y + face_h, tent_w, face_h)
    _guides(pdf, per_page)
    return bytes(pdf.output())


def box_pdf(box, config: dict, per_page: int = 2) -> bytes:
    """The PDF for a running box (GET /api/tents.pdf): its settings, its workshop's title now."""
    from . import store, workshop

    title = box.store.read(lambda db: workshop.meta(db)["workshop"]["title"])
    return store._run_blocking(render, Tent.from_config(config, title), per_page)


# --- `kiosk tents` ---------------------------------------------------------------------------------

def read_title(data_dir: str | os.PathLike) -> str:
    """The workshop's title, read-only (beside a running box); "" before the first start."""
    from tinydb import TinyDB

    from . import store, workshop

    raw = store.load_read_only(Path(data_dir) / "kiosk.json")
    if raw is None:
        return ""
    return workshop.meta(TinyDB(storage=store.DurableStorage, data=raw))["workshop"]["title"] or ""


def run_cli(data_dir: str | None, to: str | None, per_page: int = 2, out=None, err=None) -> int:
    """`kiosk tents`: write the PDF and print its path, or one line saying why not and exit 1."""
    import sys

    from .i18n import message
    from .settings import load_settings

    out, err = out or sys.stdout, err or sys.stderr
    config = load_settings({"data": data_dir})
    path = Path(to or DEFAULT_FILE)
    try:
        pdf = render(Tent.from_config(config, read_title(config["data"])), per_page)
        try:
            path.write_bytes(pdf)
        except OSError as exc:
            raise KioskError("export_failed", N_("The table tents could not be written to %(path)s: %(reason)s."),
                             path=str(path), reason=exc.strerror or str(exc)) from exc
    except KioskError as error:
        print(f"kiosk tents: {message(error, config['lang'])}", file=err)
        return 1
    print(path, file=out)
    return 0
