"""Recommendations in the export: `recommendations.csv` (text; impact; effort; quadrant; who;
when; volunteers; ratings), a sheet, the roadmap in the report and in absentees.html, and its A3
poster in posters.pdf (the four quadrants, each recommendation with who and when)."""

from __future__ import annotations

from ...export import absentees as page
from ...export import posters as poster
from ...export.sheets import Table
from . import domain


def results(db) -> dict:
    """`results.json`'s `roadmap` (every recommendation, in the roadmap's order, with its ratings)."""
    ratings = {d.doc_id: dict(d.get("ratings", {})) for d in db.table(domain.ITEMS).all()}
    return {"roadmap": [{**item, "ratings": ratings[item["id"]]} for item in domain.roadmap(db)]}


def quadrant_label(view, key) -> str:
    return view._(domain.QUADRANT_LABELS[key]) if key else view._("Not rated")


def number(value) -> str:
    return "" if value is None else f"{value:g}"


def _items(view) -> list[dict]:
    return view.data.get("roadmap") or []


def who(view, item) -> str:
    """The roadmap's "who": what the console typed, then the volunteers' first names."""
    return ", ".join([item["who"]] * bool(item["who"]) + [view.name(p) for p in item["volunteers"]])


def sheets(view) -> list[Table]:
    _ = view._
    items = _items(view)
    if not items:
        return []
    rows = [[i["text"], number(i["impact"]), number(i["effort"]), quadrant_label(view, i["quadrant"]), who(view, i),
             i["when"], i["n"]] for i in items]
    return [Table("recommendations.csv", _("Recommendations"),
                  [_("Recommendation"), _("Impact (median, 1–4)"), _("Effort (median, 1–4)"), _("Quadrant"), _("Who"),
                   _("When"), _("Ratings")], rows)]


def pdf(report, view) -> None:
    items = _items(view)
    if not items:
        return
    _ = view._
    report.heading(_("Recommendations: the roadmap"))
    report.paragraph(_("Impact and effort rated from 1 to 4; a median above 2.5 is high. Quick wins: high impact, low "
                       "effort; major projects: high impact, high effort; fill-ins: low impact, low effort; thankless "
                       "tasks: low impact, high effort."), 9, False, 5)
    current = "start"
    for item in items:
        if item["quadrant"] != current:
            current = item["quadrant"]
            report.ln(2)
            report.paragraph(quadrant_label(view, current), 12, True, 6)
        report.paragraph(item["text"], 10.5, True, 5.5, indent=3)
        facts = [_("impact %(impact)s · effort %(effort)s") % {"impact": number(item["impact"]) or "—",
                                                                "effort": number(item["effort"]) or "—"}]
        if who(view, item):
            facts.append(view.labelled(_("Who"), who(view, item)))
        if item["when"]:
            facts.append(view.labelled(_("When"), item["when"]))
        report.paragraph(" · ".join(facts), 9.5, False, 5, indent=3)


def absentees(view):
    items = [{"text": i["text"], "quadrant": quadrant_label(view, i["quadrant"]), "who": who(view, i), "when": i["when"]}
             for i in _items(view)]
    return page.section(view, "activities/recommendations/absentees.html", items=items) if items else None


#: Each quadrant's colour on the poster, as on the wall (kiosk.css).
COLORS = {"quick_win": "#1a6b2f", "major_project": "#0b5cad", "fill_in": "#8a4b00", "thankless": "#a52a26"}


def hint(view, key) -> str:
    _ = view._
    return {"quick_win": _("high impact, little effort"), "major_project": _("high impact, much effort"),
            "fill_in": _("low impact, little effort"), "thankless": _("low impact, much effort")}[key]


def roadmap_poster(view, items: list[dict], title: str = "") -> "poster.Quadrants":
    """The roadmap's poster from plain items (`roadmap(db)`'s, their `who` a text: `who(view, item)`):
    the four quadrants laid out as on the wall, each recommendation with who and when; those not
    rated yet in a strip under them."""
    _ = view._

    def entry(item) -> "poster.Entry":
        facts = [view.labelled(_("Who"), item["who"])] * bool(item["who"]) + \
            [view.labelled(_("When"), item["when"])] * bool(item["when"])
        return poster.Entry(item["text"], " · ".join(facts))

    boxes = [poster.Box(quadrant_label(view, key), hint(view, key), COLORS[key],
                        [entry(i) for i in items if i["quadrant"] == key]) for key in domain.QUADRANTS]
    unrated = [entry(i) for i in items if i["quadrant"] is None]
    rest = poster.Box(quadrant_label(view, None), str(len(unrated)), "#555555", unrated) if unrated else None
    n = len(items)
    subtitle = view.ngettext("%(n)d recommendation", "%(n)d recommendations", n) % {"n": n}
    return poster.Quadrants(title, _("Recommendations: the roadmap"), subtitle, boxes, rest, (_("Impact"), _("Effort")))


def posters(view) -> list:
    items = [{**i, "who": who(view, i)} for i in _items(view)]
    return [roadmap_poster(view, items)] if items else []
