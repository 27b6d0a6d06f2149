"""The census in the export: `census.csv` (one row per initiative: its answers, source, code,
workshop; a contact only where its owner ticked the consent, the only way one is ever kept), its
sheet of results.xlsx, a section of report.pdf (counts by theme, commune and source) and of
absentees.html (counts by theme, never an entry's contact), and its A3 posters in posters.pdf (a
summary by theme and by commune, then one per theme listing its initiatives: name, commune, a
short description, never a contact)."""

from __future__ import annotations

from datetime import datetime

from ...export import absentees as page
from ...export import posters as poster
from ...export.sheets import Table
from ...export.view import same_name_key
from . import domain

CSV = "census.csv"
KEY = "census_entries"


def results(db) -> dict:
    """`results.json`'s `census_entries`: the form, the counts, every entry (merged ones marked) and
    the possible duplicates with what the facilitator decided. The entries' table itself is private."""
    doc = domain.census(db)
    if doc is None:
        return {KEY: None}
    pairs = [{"a": p["a"], "b": p["b"], "reason": p["reason"], "status": p["status"]} for p in db.table(domain.PAIRS).all()]
    return {KEY: {"form": doc["form"], "counts": doc["counts"], "entries": domain.entries(db, with_contacts=True),
                  "pairs": pairs}}


def _census(view) -> dict | None:
    return view.data.get(KEY)


def _cell(value) -> str:
    if isinstance(value, list):
        return " ; ".join(value)
    if isinstance(value, dict):  # a contact, kept only with its owner's consent
        return value.get("address", "")
    return "" if value is None else str(value)


def sheets(view) -> list[Table]:
    census = _census(view)
    if not census:
        return []
    _ = view._
    fields = census["form"]["fields"]
    merged: dict[int, list[str]] = {}
    for entry in census["entries"]:
        if entry["status"] == domain.MERGED:
            merged.setdefault(entry["merged_into"], []).append(entry["code"] or f"#{entry['id']}")
    sources = {domain.PHONE: _("Phone"), domain.PAPER: _("Paper form")}
    headers = [_("Entry"), *[f["label"] for f in fields], _("Source"), _("Paper form code"), _("Workshop"),
               _("Entered at"), _("Also entered as")]
    rows = [[entry["id"], *[_cell(entry["values"].get(f["id"])) for f in fields], sources[entry["source"]],
             entry["code"], " · ".join(v for v in (entry["workshop"].get("title"), entry["workshop"].get("date")) if v),
             datetime.fromtimestamp(entry["at"]).strftime("%Y-%m-%d %H:%M"), " ; ".join(merged.get(entry["id"], []))]
            for entry in census["entries"] if entry["status"] == domain.KEPT]
    return [Table(CSV, _("Census"), headers, rows)]


def _ranked(counts: dict) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def pdf(report, view) -> None:
    census = _census(view)
    if not census:
        return
    _ = view._
    counts = census["counts"]
    report.heading(_("Census"))
    report.paragraph(census["form"]["title"], 10.5, True, 5.5)
    report.paragraph(view.labelled(_("Initiatives"), counts["total"]) + " · " + " · ".join(
        view.labelled(label, counts["source"].get(source, 0))
        for source, label in ((domain.PHONE, _("Phone")), (domain.PAPER, _("Paper form")))), 10.5, False, 5.5)
    pending = sum(1 for p in census["pairs"] if p["status"] == domain.PENDING)
    if pending:
        report.paragraph(view.labelled(_("Possible duplicates not reviewed"), pending), 10.5, False, 5.5)
    for title, part in ((_("By theme"), "theme"), (_("By commune"), "commune")):
        if counts[part]:
            report.paragraph(title, 11, True, 6)
            report.paragraph(" · ".join(f"{name} ({n})" for name, n in _ranked(counts[part])), 10.5, False, 5.5)


def absentees(view):
    census = _census(view)
    if not census or not census["counts"]["total"]:
        return None
    counts = census["counts"]
    return page.section(view, "activities/census/absentees.html", title=census["form"]["title"], total=counts["total"],
                        themes=_ranked(counts["theme"]), communes=_ranked(counts["commune"])[:10])


def initiatives(form: dict, entries: list[dict]) -> list[dict]:
    """The initiatives a poster shows, as plain rows `{name, commune, theme, description}`: the
    entries kept (a merged one is in the one it was merged into), and of their answers only the
    name, the commune, the theme and the first long text. Never a contact."""
    description = next((f["id"] for f in form["fields"] if f["type"] == "long_text"), None)
    commune = next((f["id"] for f in form["fields"] if f["type"] == "commune"), None)

    def answer(values, field_id) -> str:
        value = values.get(field_id) if field_id else None
        return value if isinstance(value, str) else ""

    return [{"name": answer(e["values"], form["name_field"]), "commune": answer(e["values"], commune),
             "theme": answer(e["values"], form.get("theme_field")), "description": answer(e["values"], description)}
            for e in entries if e["status"] == domain.KEPT]


def census_posters(view, title: str, rows: list[dict], themes: list[str] = ()) -> list:
    """The census's posters from plain rows (`initiatives`, or a merged bundle's census): a summary
    (counts by theme and by commune), then one poster per theme in `themes`' order (the form's
    choices; any other after, by count), each listing its initiatives by commune and name."""
    _ = view._
    if not rows:
        return []

    def count(n: int) -> str:
        return view.ngettext("%(n)d initiative", "%(n)d initiatives", n) % {"n": n}

    def in_communes(n: int) -> str:
        return view.ngettext("%(n)d commune", "%(n)d communes", n) % {"n": n}

    by_theme: dict[str, list[dict]] = {}
    by_commune: dict[str, int] = {}
    for row in rows:
        by_theme.setdefault(row["theme"] or _("No theme"), []).append(row)
        if row["commune"]:
            by_commune[row["commune"]] = by_commune.get(row["commune"], 0) + 1
    order = {theme: n for n, theme in enumerate(themes)}
    ranked = sorted(by_theme, key=lambda t: (order.get(t, len(order)), -len(by_theme[t]), same_name_key(t)))
    made = [poster.Summary(title, _("The census in figures"), f"{count(len(rows))} · {in_communes(len(by_commune))}",
                           [(_("By theme"), _ranked({t: len(by_theme[t]) for t in by_theme})),
                            (_("By commune"), _ranked(by_commune))])]
    for theme in ranked:
        found = sorted(by_theme[theme], key=lambda r: (same_name_key(r["commune"]), same_name_key(r["name"])))
        places = len({r["commune"] for r in found if r["commune"]})
        made.append(poster.Listing(title, theme, f"{count(len(found))} · {in_communes(places)}",
                                   [poster.Entry(r["name"], r["commune"], r["description"]) for r in found]))
    return made


def posters(view) -> list:
    census = _census(view)
    if not census:
        return []
    form = census["form"]
    theme = next((f for f in form["fields"] if f["id"] == form.get("theme_field")), None)
    return census_posters(view, form["title"], initiatives(form, census["entries"]), theme["choices"] if theme else [])
