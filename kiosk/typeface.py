"""The typeface of everything Kiosk prints or draws (report PDF, pictures, table tents).

DejaVu Sans, regular and bold, shipped in `kiosk/fonts/`: every accent prints, offline. Emoji
("Chloé 🌱") come from Noto Color Emoji, Debian's `fonts-noto-color-emoji` (the Pi installer and
scripts/serve install it; 10 MB, so it is not shipped here): fpdf2 embeds the glyphs a report uses
as a fallback font, and the pictures paste them in colour (export/pictures.py). Without that
package, DejaVu's own few emoji show and the others are boxes, as before.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = FONTS / "DejaVuSans.ttf"
FONT_BOLD = FONTS / "DejaVuSans-Bold.ttf"
#: Where Debian's fonts-noto-color-emoji puts its font.
EMOJI_FONTS = (Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),)
#: Noto Color Emoji is a bitmap font: its glyphs exist at this size only (then scaled).
EMOJI_SIZE = 109


def emoji_font() -> Path | None:
    """The colour emoji font of the system, or None when it is not installed."""
    return next((path for path in EMOJI_FONTS if path.is_file()), None)


@lru_cache(maxsize=None)
def covered(path: Path) -> frozenset[int]:
    """The code points a font has a glyph for (fontTools comes with fpdf2)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def add_fonts(pdf) -> None:
    """DejaVu Sans as the family "DejaVu" of an fpdf2 document, regular ("") and bold ("B"), with the
    emoji font as its fallback when installed."""
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    emoji = emoji_font()
    if emoji is not None:
        pdf.add_font("Emoji", "", str(emoji))
        pdf.set_fallback_fonts(["Emoji"], exact_match=False)


def pillow_font(size: int, bold: bool = False):
    """DejaVu Sans at `size` pixels, for Pillow."""
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_BOLD if bold else FONT), size)
