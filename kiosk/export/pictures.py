"""What the activities' pictures share (Pillow): the typeface, wrapped lines, colours, PNG bytes."""

from __future__ import annotations

import io
from typing import Callable

from ..typeface import pillow_font as font  # noqa: F401  (the activities draw with it)


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
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and measure(last + "…") > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
