"""`posters.pdf`: A3 posters of the workshop's results, printable that evening (fpdf2).

An activity gives its posters as plain layouts (`Activity.posters(view) -> [poster]`), and this
module prints them, one after the other in the registry's order: the core names no activity, and
`kiosk merge` can print a merged bundle's posters from plain data the same way:
`render(View({"workshop": {title, territory, date, lang}}), [poster, …])` returns the PDF's bytes.

Four layouts, each on as many A3 portrait pages as it needs (never an item cut across two):

- `Listing`: entries (a name, a place, a short text) in two columns, the largest type with which
  they fit one page, else the smallest and further pages (a census theme's initiatives);
- `Summary`: lists of labelled counts drawn as bars (the census by theme and by commune);
- `Figure`: a picture as large as the page allows above a table (the radar and its criteria);
- `Quadrants`: four labelled boxes of entries, two by two, and a strip for the others (the roadmap).

The layouts are here (the activities import them when the box starts), their printing in `a3.py`
(fpdf2 takes a second to import: only when exporting). Every page carries the workshop's title,
territory and date in words, in the workshop's language, and `n/N` at its foot when a poster takes
several pages. Text is cut into lines by `Writer.lines` (each word measured once), emoji come from
the fallback font.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .view import View

FILE = "posters.pdf"


@dataclass
class Entry:
    """One item: a name (bold), a place (a line in the accent colour), a short text (cut at `lines`)."""

    name: str
    place: str = ""
    text: str = ""


@dataclass
class Listing:
    kicker: str
    title: str
    subtitle: str
    entries: list[Entry]
    lines: int = 3  # an entry's text is cut after this many lines


@dataclass
class Summary:
    kicker: str
    title: str
    subtitle: str
    charts: list[tuple[str, list[tuple[str, int]]]]  # (title, [(label, count)]), largest first


@dataclass
class Figure:
    kicker: str
    title: str
    subtitle: str
    png: bytes | None  # a picture 4:3 (the radar's 1600×1200), or None
    headers: list[str]
    rows: list[list[str]]  # the first cell bold; `notes[i]` under it
    notes: list[str] = field(default_factory=list)
    widths: tuple[float, ...] = ()  # fractions of the page's width, the first column's first


@dataclass
class Box:
    label: str
    hint: str
    color: str
    entries: list[Entry]


@dataclass
class Quadrants:
    kicker: str
    title: str
    subtitle: str
    boxes: list[Box]  # four: top left, top right, bottom left, bottom right
    rest: Box | None = None  # what has no quadrant, in a strip under them
    axes: tuple[str, str] = ("", "")  # the vertical axis's name, the horizontal's


def render(view: View, posters: list) -> bytes:
    """The posters, one after the other, as one A3 PDF (`posters.pdf`)."""
    from .a3 import Posters

    document = Posters(view)
    for poster in posters:
        document.layout(poster)
    return bytes(document.output())
