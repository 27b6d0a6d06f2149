"""The word clouds in the export: `words.csv` and `words.png` per cloud (`words-2.csv`… for the
next ones), a sheet each, and a section of the report with each cloud's words."""

from __future__ import annotations

import math
import zlib

from PIL import Image, ImageDraw

from ... import instances
from ...export import pictures as paint
from ...export.sheets import Table
from . import domain

WIDTH, HEIGHT = 1600, 1000  # printed and projected: at least 1,200 px wide
TITLE_H = 110
SIZES = (30, 120)  # the font of a word sent once … of the most sent
COLORS = ("#1f4e79", "#2f6db5", "#1a7f37", "#b8312f", "#8a4baf", "#c26a00", "#00707a")


def results(db) -> dict:
    """`results.json`'s `clouds`: every cloud with its words (hidden ones marked) and merges."""
    return {"clouds": [{"id": cloud.doc_id, "prompt": cloud["prompt"], "status": cloud["status"],
                        "step": cloud.get("step"), "opened": cloud.get("opened"), "closed": cloud.get("closed"),
                        "merges": dict(cloud.get("merges", {})), "words": domain.counts(db, cloud)}
                       for cloud in instances.every(db, domain.CLOUDS)]}


def _clouds(view) -> list[dict]:
    return view.data.get("clouds", [])


def sheets(view) -> list[Table]:
    _ = view._
    tables = []
    for number, cloud in enumerate(_clouds(view), start=1):
        title = _("Words") if number == 1 else f"{_('Words')} {number}"
        rows = [[w["text"], w["count"], view.shown_or_hidden(w["hidden"]), cloud["prompt"]] for w in cloud["words"]]
        tables.append(Table(instances.numbered("words.csv", number), title,
                            [_("Word"), _("People"), _("Status"), _("Question")], rows))
    return tables


def pdf(report, view) -> None:
    for number, cloud in enumerate(_clouds(view), start=1):
        shown = [w for w in cloud["words"] if not w["hidden"]]
        report.heading(view._("Word cloud") + (f" {number}" if len(_clouds(view)) > 1 else ""))
        if cloud["prompt"]:
            report.paragraph(cloud["prompt"], 10.5, True, 5.5)
        report.paragraph(" · ".join(f"{w['text']} ({w['count']})" for w in shown[:domain.SHOWN_MAX]) or "—",
                         10.5, False, 5.5)


def pictures(view) -> dict[str, bytes]:
    return {instances.numbered("words.png", number): cloud_png(cloud["prompt"],
                                                                [w for w in cloud["words"] if not w["hidden"]])
            for number, cloud in enumerate(_clouds(view), start=1)}


def layout(words: list[dict], measure, width: int, height: int) -> list[tuple[dict, int, tuple[int, int, int, int]]]:
    """Place words, most sent first, on an Archimedean spiral from the centre: no two boxes
    overlap, a word that finds no room is left out. Returns (word, font size, box) triples.

    `measure(text, size)` gives a text's (width, height) at a font size.
    """
    if not words:
        return []
    top = max(w["count"] for w in words)
    placed: list[tuple[dict, int, tuple[int, int, int, int]]] = []
    boxes: list[tuple[int, int, int, int]] = []
    cx, cy = width / 2, height / 2
    for word in words[:domain.SHOWN_MAX]:
        size = round(SIZES[0] + (SIZES[1] - SIZES[0]) * math.sqrt(word["count"] / top)) if top > 1 else 64
        w, h = measure(word["text"], size)
        seed = zlib.crc32(word["key"].encode()) % 628 / 100  # each word starts its turn at its own angle
        for step in range(4000):
            angle = seed + step * 0.1
            radius = 2.2 * angle - 2.2 * seed
            x, y = cx + radius * math.cos(angle) * 1.6 - w / 2, cy + radius * math.sin(angle) - h / 2
            box = (round(x), round(y), round(x + w), round(y + h))
            if box[0] < 8 or box[1] < 8 or box[2] > width - 8 or box[3] > height - 8:
                if radius > max(width, height):
                    break
                continue
            if all(box[2] + 6 <= b[0] or b[2] + 6 <= box[0] or box[3] + 2 <= b[1] or b[3] + 2 <= box[1] for b in boxes):
                boxes.append(box)
                placed.append((word, size, box))
                break
    return placed


def cloud_png(prompt: str, words: list[dict]) -> bytes:
    """The cloud as a picture: the question on top, the words sized by how many people sent them."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    pen = paint.Pen(image)
    draw = pen.draw
    title_font = paint.font(44, bold=True)
    lines = paint.wrap(lambda t: pen.length(t, title_font), prompt or "", WIDTH - 120, max_lines=2)
    for n, line in enumerate(lines if prompt else []):
        pen.text((60, 24 + n * 52), line, fill="#222222", font=title_font)
    fonts: dict[int, object] = {}

    def measure(text: str, size: int) -> tuple[int, int]:
        font = fonts.setdefault(size, paint.font(size, bold=True))
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        return max(right - left, round(pen.length(text, font))), bottom - top

    area_top = TITLE_H if prompt else 0
    for word, size, box in layout(words, measure, WIDTH, HEIGHT - area_top):
        font = fonts[size]
        left, top, _, _ = draw.textbbox((0, 0), word["text"], font=font)
        color = COLORS[zlib.crc32(word["key"].encode()) % len(COLORS)]
        pen.text((box[0] - left, box[1] - top + area_top), word["text"], fill=paint.rgb(color), font=font)
    return paint.png(image)
