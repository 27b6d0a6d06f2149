"""What the activities' pictures share (Pillow): the typeface, wrapped lines, colours, PNG bytes."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Callable

from ..typeface import EMOJI_SIZE, FONT, covered, emoji_font
from ..typeface import pillow_font as font  # noqa: F401  (the activities draw with it)

#: Joiners and variation selectors stay with the emoji they shape ("❤️", "👩‍🌾").
_JOINERS = {0x200D, 0xFE0E, 0xFE0F} | set(range(0x1F3FB, 0x1F400))


@lru_cache(maxsize=1)
def _emoji():
    """(Pillow font, code points) of the colour emoji font, or None when it is not installed."""
    from PIL import ImageFont

    path = emoji_font()
    return (ImageFont.truetype(str(path), EMOJI_SIZE), covered(path)) if path is not None else None


def runs(text: str) -> list[tuple[bool, str]]:
    """`text` cut into runs of (is_emoji, characters): emoji are the characters DejaVu lacks and the
    emoji font has, with the joiners between them."""
    emoji = _emoji()
    plain = covered(FONT)
    out: list[tuple[bool, str]] = []
    for ch in text:
        code = ord(ch)
        is_emoji = emoji is not None and code not in plain and code in emoji[1]
        if code in _JOINERS and out and out[-1][0]:
            is_emoji = True
        if out and out[-1][0] == is_emoji:
            out[-1] = (is_emoji, out[-1][1] + ch)
        else:
            out.append((is_emoji, ch))
    return out


class Pen:
    """Writes text on a Pillow image in DejaVu Sans, its emoji in colour from Noto Color Emoji."""

    def __init__(self, image):
        from PIL import ImageDraw

        self.image = image
        self.draw = ImageDraw.Draw(image)

    @staticmethod
    def _scale(font) -> float:
        return font.size * 1.15 / EMOJI_SIZE

    def length(self, text: str, font) -> float:
        total = 0.0
        for is_emoji, run in runs(text):
            if is_emoji:
                total += _emoji()[0].getlength(run) * self._scale(font)
            else:
                total += self.draw.textlength(run, font=font)
        return total

    def text(self, xy, text: str, font, fill) -> None:
        from PIL import Image, ImageDraw

        x, y = xy
        for is_emoji, run in runs(text):
            if not is_emoji:
                self.draw.text((x, y), run, font=font, fill=fill)
                x += self.draw.textlength(run, font=font)
                continue
            face = _emoji()[0]
            width = max(1, round(face.getlength(run)))
            glyphs = Image.new("RGBA", (width, round(EMOJI_SIZE * 1.2)), (0, 0, 0, 0))
            ImageDraw.Draw(glyphs).text((0, 0), run, font=face, embedded_color=True)
            scale = self._scale(font)
            small = glyphs.resize((max(1, round(glyphs.width * scale)), max(1, round(glyphs.height * scale))),
                                  Image.LANCZOS)
            self.image.paste(small, (round(x), round(y + font.size * 0.02)), small)
            x += small.width


def rgb(color: str) -> tuple[int, int, int]:
    """"#2f6db5" → (47, 109, 181)."""
    color = color.lstrip("#")
    return tuple(int(color[i:i + 2], 16) for i in (0, 2, 4))


def wrap(measure: Callable[[str], float], text: str, width: float, max_lines: int | None = None) -> list[str]:
    """Lines of `text` no wider than `width` (words cut when they must be), an ellipsis when cut short."""
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if measure(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while measure(word) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and measure(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return shorten(measure, lines, width, max_lines)


def shorten(measure: Callable[[str], float], lines: list[str], width: float, max_lines: int | None) -> list[str]:
    """The first `max_lines` of `lines`, the last ending with an ellipsis when some were left out."""
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and measure(last + "…") > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def png(image) -> bytes:
    """The picture as PNG bytes, in 256 colours: flat notes, bars and anti-aliased text need no more,
    and the file is a third of a true-colour one. Zlib's default level: `optimize` tried every filter
    for a few per cent less, at four times the time (seconds per poster on the box)."""
    from PIL import Image

    out = io.BytesIO()
    image.quantize(256, method=Image.Quantize.FASTOCTREE).save(out, format="PNG", compress_level=6)
    return out.getvalue()
