"""Criteria and radar in the export: `criteria.csv` (criterion; indicator; median; quartiles; the
ratings counted 0 to 4 and "je ne sais pas"), `radar.png` (1600 px wide, printed and projected),
a sheet, a section of the report with the radar's picture, and of absentees.html, and the radar's A3
poster in posters.pdf (the radar large above the criteria's table)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from ...export import absentees as page
from ...export import pictures as paint
from ...export import posters as poster
from ...export.sheets import Table
from . import domain

WIDTH, HEIGHT = 1600, 1200
MARGIN = 150  # around the rings: room for two lines of a criterion's name and its "don't know"
#: A territory's colour on an overlaid radar (the first one alone on a box's own radar).
COLORS = ("#0b5cad", "#a52a26", "#1a6b2f", "#6d3a8f", "#8a4b00", "#00666f")


def results(db) -> dict:
    """`results.json`'s `radar`: each criterion with its statistics and its ratings by participant."""
    ratings = {d.doc_id: dict(d.get("ratings", {})) for d in db.table(domain.CRITERIA).all()}
    return {"radar": [{**item, "ratings": ratings[item["id"]]} for item in domain.radar(db)]}


def _items(view) -> list[dict]:
    return view.data.get("radar") or []


def number(value) -> str:
    """2.0 → "2", 2.5 → "2.5", None → "" (a median or quartile in a cell)."""
    if value is None:
        return ""
    return f"{value:g}" if value == round(value, 2) else f"{value:.2f}"


def sheets(view) -> list[Table]:
    _ = view._
    items = _items(view)
    if not items:
        return []
    headers = [_("Criterion"), _("Indicator"), _("Median"), _("First quartile"), _("Third quartile"), _("Ratings"),
               *(str(v) for v in range(domain.SCALE[0], domain.SCALE[1] + 1)), _("Don't know")]
    rows = []
    for item in items:
        values = list(item["ratings"].values())
        rows.append([item["name"], item["indicator"], number(item["median"]), number(item["q1"]), number(item["q3"]),
                     item["n"], *(values.count(v) for v in range(domain.SCALE[0], domain.SCALE[1] + 1)), item["unknown"]])
    return [Table("criteria.csv", _("Criteria"), headers, rows)]


def radar_png(radars: list[tuple[str, list[dict]]], title: str = "", unknown_label: str = "?",
              first_color: int = 0) -> bytes:
    """The radar as a picture, 1600×1200: one axis per criterion (criteria matched by name across
    the radars given), rings at 0–4, each radar's median as a line and its first-to-third-quartile
    band shaded. `radars` is [(label, radar(db))]: one for a box, several overlaid for `kiosk merge`
    (then a legend names them). A criterion's "je ne sais pas" count shows under its name.
    `first_color` is the first radar's place in COLORS (a territory drawn alone in its overlay colour)."""
    names: list[str] = []
    for _, items in radars:
        names += [i["name"] for i in items if i["name"] not in names]
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    pen = paint.Pen(image)
    draw = pen.draw
    top = 0
    if title:
        font = paint.font(44, bold=True)
        for n, line in enumerate(paint.wrap(lambda t: pen.length(t, font), title, WIDTH - 120, max_lines=2)):
            pen.text((60, 24 + n * 52), line, fill="#222222", font=font)
        top = 130
    legend = len(radars) > 1 or any(label for label, _ in radars)
    centre = (WIDTH / 2, top + (HEIGHT - top - (70 if legend else 0)) / 2)
    radius = min(WIDTH / 2 - 330, (HEIGHT - top - (70 if legend else 0)) / 2 - MARGIN)
    count = len(names)
    small = paint.font(30)
    if count:
        for ring in range(domain.SCALE[0] + 1, domain.SCALE[1] + 1):  # the rings 1 to 4, and their numbers
            ring_points = [p for p in domain.axis_points([ring] * count, centre, radius)]
            draw.polygon(ring_points, outline="#b0b0b0", width=2)
            x, y = ring_points[0]
            pen.text((x + 8, y + 2), str(ring), fill="#555555", font=small)
        ends = domain.axis_points([domain.SCALE[1]] * count, centre, radius)
        label_font = paint.font(34, bold=True)
        for index, (name, (x, y)) in enumerate(zip(names, ends)):
            draw.line([centre, (x, y)], fill="#808080", width=2)
            unknown = sum(next((i["unknown"] for i in items if i["name"] == name), 0) for _, items in radars)
            lines = paint.wrap(lambda t: pen.length(t, label_font), name, 300, max_lines=2)
            if unknown:
                lines.append(f"{unknown_label} {unknown}")
            dx, dy = x - centre[0], y - centre[1]
            for n, line in enumerate(lines):
                width = pen.length(line, label_font if n < len(lines) - (1 if unknown else 0) else small)
                lx = x + 18 if dx > 20 else x - 18 - width if dx < -20 else x - width / 2
                ly = y + (12 if dy > 20 else -44 * len(lines) - 8 if dy < -20 else -22 * len(lines)) + 44 * n
                is_note = unknown and n == len(lines) - 1
                pen.text((lx, ly), line, fill="#555555" if is_note else "#111111", font=small if is_note else label_font)
    # The bands first, then every median line over them: no band tints another radar's line.
    for number_, (label, items) in enumerate(radars):
        color = paint.rgb(COLORS[(first_color + number_) % len(COLORS)])
        by_name = {i["name"]: i for i in items}
        layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
        band = ImageDraw.Draw(layer)
        q3 = domain.axis_points([by_name.get(n, {}).get("q3") for n in names], centre, radius)
        q1 = domain.axis_points([by_name.get(n, {}).get("q1") for n in names], centre, radius)
        if count >= 3:  # the ring between the quartiles, a piece between each two neighbouring axes
            for i, j in _links([a and b for a, b in zip(q1, q3)], count):
                band.polygon([q3[i], q3[j], q1[j], q1[i]], fill=(*color, 70))
        image.paste(Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB"))
    for number_, (label, items) in enumerate(radars):
        color = paint.rgb(COLORS[(first_color + number_) % len(COLORS)])
        by_name = {i["name"]: i for i in items}
        medians = domain.axis_points([by_name.get(n, {}).get("median") for n in names], centre, radius)
        for i, j in _links(medians, count):
            draw.line([medians[i], medians[j]], fill=color, width=7)
        for point in (p for p in medians if p is not None):
            draw.ellipse([point[0] - 10, point[1] - 10, point[0] + 10, point[1] + 10], fill=color)
    if legend:
        x = 60
        font = paint.font(32, bold=True)
        for number_, (label, _) in enumerate(radars):
            color = COLORS[(first_color + number_) % len(COLORS)]
            draw.rectangle([x, HEIGHT - 58, x + 36, HEIGHT - 22], fill=color)
            pen.text((x + 48, HEIGHT - 62), label, fill="#111111", font=font)
            x += 48 + pen.length(label, font) + 50
    return paint.png(image)


def _links(points: list, count: int) -> list[tuple[int, int]]:
    """The neighbouring axes (the last and the first too, from 3 axes) that both have a point: a
    radar's line and band join only those, so an axis without a value (a criterion nobody rated, or
    another territory's on an overlaid radar) shows as a gap, never as a shortcut across it."""
    pairs = [(i, i + 1) for i in range(count - 1)] + ([(count - 1, 0)] if count >= 3 else [])
    return [(i, j) for i, j in pairs if points[i] is not None and points[j] is not None]


def pictures(view) -> dict[str, bytes]:
    items = _items(view)
    if not items:
        return {}
    return {"radar.png": radar_png([("", items)], view._("Criteria and radar"), view._("Don't know:"))}


def pdf(report, view) -> None:
    items = _items(view)
    if not items:
        return
    _ = view._
    report.heading(_("Criteria and radar"))
    if len(items) >= domain.CRITERIA_MIN:
        picture = radar_png([("", items)], "", _("Don't know:"))
        width = report.width * 0.8
        if report.will_page_break(width * HEIGHT / WIDTH):
            report.add_page()
        report.image(io.BytesIO(picture), x=report.l_margin + report.width * 0.1, w=width)
    report.paragraph(_("Median and first to third quartile of the ratings from 0 to 4."), 9, False, 5)
    for item in items:
        median = _("median %(median)s") % {"median": number(item["median"]) or "—"}
        line = f"{item['name']} — {median}"
        if item["n"]:
            rated = _("%(n)d ratings") % {"n": item["n"]}
            line += f" ({number(item['q1'])}–{number(item['q3'])}), {rated}"
        if item["unknown"]:
            unknown = _("%(n)d don’t know") % {"n": item["unknown"]}
            line += f", {unknown}"
        report.paragraph(line, 10, True, 5.5)
        if item["indicator"]:
            report.paragraph(view.labelled(_("Indicator"), item["indicator"]), 9.5, False, 5, indent=4)


def absentees(view):
    items = [{"name": i["name"], "indicator": i["indicator"], "median": number(i["median"]), "q1": number(i["q1"]),
              "q3": number(i["q3"]), "n": i["n"], "unknown": i["unknown"]} for i in _items(view)]
    return page.section(view, "activities/criteria/absentees.html", items=items) if items else None


def radar_poster(view, items: list[dict], title: str = "") -> "poster.Figure":
    """The radar's poster from plain criteria (`radar(db)`'s items, or a merged bundle's): the radar
    large (from 3 criteria, as the report's), then each criterion's name, indicator, median,
    quartiles and number of ratings."""
    _ = view._
    png = radar_png([("", items)], "", _("Don't know:")) if len(items) >= domain.CRITERIA_MIN else None
    rows = [[item["name"], number(item["median"]) or "—", f"{number(item['q1'])}–{number(item['q3'])}" if item["n"]
             else "—", str(item["n"]), str(item["unknown"])] for item in items]
    return poster.Figure(title, _("Criteria and radar"),
                         _("Median and first to third quartile of the ratings from 0 to 4."), png,
                         [_("Criterion"), _("Median"), _("Q1–Q3"), _("Ratings"), _("Don't know")], rows,
                         notes=[view.labelled(_("Indicator"), i["indicator"]) if i["indicator"] else "" for i in items],
                         widths=(0.52, 0.12, 0.13, 0.11, 0.12))


def posters(view) -> list:
    items = _items(view)
    return [radar_poster(view, items)] if items else []
