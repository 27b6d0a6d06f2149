"""The typeface of everything Kiosk prints or draws (report PDF, pictures, table tents).

DejaVu Sans, regular and bold, shipped in `kiosk/fonts/`: every accent prints, offline.
"""

from __future__ import annotations

from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = FONTS / "DejaVuSans.ttf"
FONT_BOLD = FONTS / "DejaVuSans-Bold.ttf"


def add_fonts(pdf) -> None:
    """DejaVu Sans as the family "DejaVu" of an fpdf2 document, regular ("") and bold ("B")."""
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))


def pillow_font(size: int, bold: bool = False):
    """DejaVu Sans at `size` pixels, for Pillow."""
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_BOLD if bold else FONT), size)
