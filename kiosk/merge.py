"""`kiosk merge`: the export bundles of several boxes, one per territory, as one bundle.

The DOMINO method runs in several territories, each with its own box; at the end of the year
`kiosk merge BUNDLE… [--to DIR]` reads their bundles (the folders `kiosk export` wrote, or the
console's zip files) and writes `kiosk-merged-<YYYYMMDD-HHMM>/` (in the current folder by default):

- every CSV of the bundles under its own name, a first column naming the territory, the columns
  matched by their header (a CSV that only some bundles have is merged from those);
- in `census.csv`, a last column naming, for an initiative, the entries of *other* territories that
  may be the same one (`census.domain.duplicates`: same commune, same or close name): flagged, never
  merged; each territory's own possible duplicates stay its facilitator's to review;
- `results.xlsx`: the same tables, one sheet each;
- `radar.png`: the territories' radars overlaid (criteria matched by name, a colour each), and
  `radars.png`: one small radar per territory side by side, in the same colours; both rebuilt from
  each bundle's `results.json` (its exact medians and quartiles, where criteria.csv rounds them);
- `report.pdf`: the territories compared: participants, census counts by theme and the possible
  duplicates, the radars and their medians, each territory's first recommendations;
- `results.json`: `kiosk_merge`, the territories and their bundles, the duplicates, each radar.

Everything is read and checked before anything is written, and each refusal is a sentence in the
command line's language: a path that is no Kiosk bundle, bundles of different Kiosk versions
(`results.json`'s `kiosk_version`) or languages, a file missing from a bundle (its results.json
lists its files) or damaged, a bundle with no territory or two of one territory, a target folder
that cannot be written. The bundle is written as `kiosk export` writes one (a hidden partial
folder renamed at the end): never half a bundle.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import __version__
from .activities.census import domain as census_domain
from .activities.census import forms
from .activities.criteria.export import HEIGHT, WIDTH, number, radar_png
from .activities.recommendations import export as recommendations
from .errors import N_, KioskError
from .export import FORMAT as EXPORT_FORMAT
from .export import Bundle, write_bundle
from .export import tables as bundle_tables
from .export import pictures as paint
from .export.sheets import FORMULA_START, Table, to_csv, to_xlsx
from .export.view import View, same_name_key
from .i18n import message, translator

FORMAT = 1
RESULTS = "results.json"
CENSUS_CSV = "census.csv"
#: A territory's recommendations in the report: the first of its roadmap (quick wins first).
TOP_RECOMMENDATIONS = 5
#: Cross-territory duplicates the report lists (census.csv flags them all).
DUPLICATES_SHOWN = 40
#: A side-by-side radar's size, as a share of radar.png's.
TILE = 0.6

MESSAGES = {
    "merge_few": N_("Give at least two bundles to merge, one per territory (the folders kiosk export wrote)."),
    "merge_not_found": N_("%(bundle)s: there is no such folder or file."),
    "merge_not_bundle": N_("%(bundle)s is not a Kiosk bundle: it has no results.json. Give the folder kiosk export "
                           "wrote (kiosk-…-YYYYMMDD-HHMM) or the console's zip file."),
    "merge_merged": N_("%(bundle)s is already a merged bundle: give the territories' own bundles."),
    "merge_damaged": N_("%(bundle)s: the file %(file)s is damaged (%(reason)s): copy the whole folder again from the "
                        "box's stick."),
    "merge_missing": N_("%(bundle)s lacks %(files)s, which its results.json lists: copy the whole folder again from "
                        "the box's stick."),
    "merge_newer": N_("%(bundle)s was made by a newer Kiosk (%(version)s; this one is %(this)s): merge it with that "
                      "version."),
    "merge_versions": N_("The bundles were made by different versions of Kiosk (%(versions)s): their files may not "
                         "line up. Export every box with the same version, then merge."),
    "merge_languages": N_("The bundles are in different languages (%(languages)s): choose the same language in each "
                          "box's console, export again, then merge."),
    "merge_no_territory": N_("%(bundle)s has no territory: type it in the console's workshop details, export again, "
                             "then merge."),
    "merge_same_territory": N_("%(first)s and %(second)s are both of the territory “%(territory)s”: give one bundle "
                               "per territory."),
    "merge_not_writable": N_("Cannot write into %(path)s: choose a folder you may write in with --to."),
    "merge_failed": N_("The merged bundle could not be written: %(reason)s."),
}
TITLE = N_("Territories compared")
REASONS = {"same name": N_("same name"), "close spelling": N_("close spelling")}


def _refusal(code: str, **values) -> KioskError:
    return KioskError(code, MESSAGES[code], **values)


# --- Reading a bundle --------------------------------------------------------------------------------

@dataclass
class Territory:
    """One bundle, read and checked: its territory, what the merge takes from its results.json, its CSVs."""

    bundle: str  # the path as given
    name: str
    results: dict
    tables: dict[str, list[list[str]]]  # file → header row and rows, as written
    census: dict | None = None  # {"theme": {theme: n}, "total": n, "kept": {entry id: (name, commune)}}
    radar: list[dict] = field(default_factory=list)
    roadmap: list[dict] = field(default_factory=list)

    @property
    def version(self) -> str | None:
        return self.results.get("kiosk_version")

    @property
    def lang(self) -> str:
        return self.results["workshop"].get("lang") or "fr"

    @property
    def workshop(self) -> dict:
        return self.results["workshop"]


def _files(path: Path, shown: str) -> dict[str, bytes]:
    """results.json and the CSV files of a bundle: a folder, or a zip file holding one folder."""
    wanted = re.compile(r"^(results\.json|[^/]+\.csv)$")
    if path.is_dir():
        return {p.name: p.read_bytes() for p in path.iterdir() if wanted.match(p.name) and p.is_file()}
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.count("/") == 1 and wanted.match(n.split("/")[1])]
            return {n.split("/")[1]: archive.read(n) for n in names}
    if not path.exists():
        raise _refusal("merge_not_found", bundle=shown)
    raise _refusal("merge_not_bundle", bundle=shown)


def _csv(data: bytes) -> list[list[str]]:
    rows = [row for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";") if row]
    if not rows or not rows[0]:
        raise ValueError("no header row")
    return rows


def _expected(results: dict) -> list[str]:
    """The CSV files the bundle must hold: those its results.json lists, else (a bundle exported
    before Kiosk listed them) those its data says it has."""
    if isinstance(results.get("files"), list):
        return [str(name) for name in results["files"] if str(name).endswith(".csv")]
    return ["participants.csv", "contacts.csv", *[CENSUS_CSV] * bool(results.get("census_entries")),
            *["criteria.csv"] * bool(results.get("radar"))]


def _number(value):
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise TypeError(f"not a number: {value!r}")
    return value


def _parts(territory: Territory) -> None:
    """What the merge reads of results.json, checked (a KeyError or TypeError is a damaged file)."""

    results = territory.results
    entries = results.get("census_entries")
    if entries:
        form = forms.from_dict(entries["form"])
        kept = {int(e["id"]): (str(e["values"].get(form.name_field) or ""),
                               str(e["values"].get(form.commune_field) or ""))
                for e in entries["entries"] if e["status"] == "kept"}
        theme = {str(k): int(v) for k, v in entries["counts"]["theme"].items()}
        territory.census = {"theme": theme, "total": int(entries["counts"]["total"]), "kept": kept}
    territory.radar = [{"name": str(i["name"]), "indicator": str(i.get("indicator") or ""),
                        "median": _number(i["median"]), "q1": _number(i["q1"]), "q3": _number(i["q3"]),
                        "n": int(i["n"]), "unknown": int(i["unknown"])} for i in results.get("radar") or []]
    view = View(results)
    territory.roadmap = [{"text": str(i["text"]), "quadrant": i["quadrant"], "impact": _number(i["impact"]),
                          "effort": _number(i["effort"]), "who": recommendations.who(view, i),
                          "when": str(i["when"] or "")} for i in results.get("roadmap") or []]


def read_bundle(path: str) -> Territory:
    """One bundle, read and checked on its own; a KioskError naming the bundle when it cannot be merged."""
    files = _files(Path(path), path)
    if RESULTS not in files:
        raise _refusal("merge_not_bundle", bundle=path)
    try:
        results = json.loads(files[RESULTS].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _refusal("merge_damaged", bundle=path, file=RESULTS, reason=str(exc).splitlines()[0][:120]) from None
    if not isinstance(results, dict):
        raise _refusal("merge_not_bundle", bundle=path)
    if "kiosk_merge" in results:
        raise _refusal("merge_merged", bundle=path)
    if not isinstance(results.get("kiosk_export"), int) or not isinstance(results.get("workshop"), dict):
        raise _refusal("merge_not_bundle", bundle=path)
    version = results.get("kiosk_version")
    if results["kiosk_export"] > EXPORT_FORMAT or (isinstance(version, str) and _later(version, __version__)):
        raise _refusal("merge_newer", bundle=path, version=version or f"format {results['kiosk_export']}",
                       this=__version__)
    missing = [name for name in _expected(results) if name not in files]
    if missing:
        raise _refusal("merge_missing", bundle=path, files=", ".join(missing))
    tables = {}
    for name in sorted(n for n in files if n.endswith(".csv")):
        try:
            tables[name] = _csv(files[name])
        except (UnicodeDecodeError, csv.Error, ValueError) as exc:
            raise _refusal("merge_damaged", bundle=path, file=name, reason=str(exc).splitlines()[0][:120]) from None
    territory = Territory(path, str(results["workshop"].get("territory") or "").strip(), results, tables)
    try:
        _parts(territory)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        reason = f"{type(exc).__name__}: {exc}"[:120]
        raise _refusal("merge_damaged", bundle=path, file=RESULTS, reason=reason) from None
    if territory.census is not None:
        in_csv = tables.get(CENSUS_CSV, [[]])[1:]
        ids = [row[0] for row in in_csv]
        if sorted(ids) != sorted(str(i) for i in territory.census["kept"]):
            raise _refusal("merge_damaged", bundle=path, file=CENSUS_CSV, reason="its entries are not results.json's")
    return territory


def _later(version: str, than: str) -> bool:
    def numbers(text):
        return tuple(int(n) for n in re.findall(r"\d+", text))
    return numbers(version) > numbers(than)


def check(territories: list[Territory], _) -> list[KioskError]:
    """What forbids merging these bundles together: versions, languages, territories."""
    problems = []
    versions = {t.version for t in territories}
    if len(versions) > 1:
        unknown = _("unknown")  # a bundle exported before Kiosk recorded its version
        problems.append(_refusal("merge_versions", versions=", ".join(
            f"{t.bundle}: {t.version or unknown}" for t in territories)))
    if len({t.lang for t in territories}) > 1:
        problems.append(_refusal("merge_languages", languages=", ".join(f"{t.bundle}: {t.lang}" for t in territories)))
    seen: dict[str, Territory] = {}
    for territory in territories:
        if not territory.name:
            problems.append(_refusal("merge_no_territory", bundle=territory.bundle))
            continue
        key = same_name_key(territory.name)
        if key in seen:
            problems.append(_refusal("merge_same_territory", first=seen[key].bundle, second=territory.bundle,
                                     territory=territory.name))
        else:
            seen[key] = territory
    return problems


# --- Merging -----------------------------------------------------------------------------------------

def cross_duplicates(territories: list[Territory]) -> list[dict]:
    """The census's possible duplicates across territories: `[{reason, entries: [{territory, entry,
    name, commune}]}]`, each group holding entries of two territories at least."""
    rows = [{"territory": t.name, "entry": entry, "name": name, "commune": commune}
            for t in territories if t.census for entry, (name, commune) in t.census["kept"].items()]
    return [group for group in census_domain.duplicates(rows)
            if len({row["territory"] for row in group["entries"]}) > 1]


def entry_label(view: View, row: dict) -> str:
    """A census entry of a territory, as the merged files name it: Pays de Redon #12 “Repair café”."""
    return view._("%(territory)s #%(entry)s “%(name)s”") % {"territory": row["territory"], "entry": row["entry"],
                                                              "name": row["name"]}


def _cell(value: str):
    """A CSV cell as it was before the export wrote it: a number again (a cell starting with - was
    written unquoted only for a number), a formula-like text without the ' the export added."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    if re.fullmatch(r"0|-?[1-9]\d{0,14}", value):  # as str() writes an int: no 0 first, no -0
        return int(value)
    if re.fullmatch(r"-?(0|[1-9]\d{0,14})\.\d{0,5}[1-9]", value):  # and a float: no 0 last
        return float(value)
    return value


def _keyed(header: list[str]) -> list[tuple[str, int]]:
    """A header row's columns as (name, how many before it had that name): two columns of one name stay two."""
    counts: dict[str, int] = {}
    keys = []
    for name in header:
        keys.append((name, counts.get(name, 0)))
        counts[name] = counts.get(name, 0) + 1
    return keys


def merged_tables(territories: list[Territory], duplicates: list[dict], view: View) -> list[Table]:
    """Every CSV of the bundles, the territory first, the columns matched by header; census.csv with
    the possible duplicates of other territories last."""
    _ = view._
    order: list[str] = []
    for territory in territories:
        listed = [n for n in territory.results.get("files") or [] if n in territory.tables]
        order += [n for n in [*listed, *territory.tables] if n not in order]
    flags: dict[tuple[str, str], list[str]] = {}
    for group in duplicates:
        reason = _(REASONS[group["reason"]])
        for row in group["entries"]:
            flags[(row["territory"], str(row["entry"]))] = [
                f"{entry_label(view, other)} ({reason})" for other in group["entries"]
                if other["territory"] != row["territory"]]
    sheets = _sheet_names(territories)
    out = []
    for name in order:
        having = [t for t in territories if name in t.tables]
        keys: list[tuple[str, int]] = []
        for territory in having:
            keys += [k for k in _keyed(territory.tables[name][0]) if k not in keys]
        headers = [_("Territory"), *(k[0] for k in keys)]
        rows = []
        for territory in having:
            header, *lines = territory.tables[name]
            places = {key: n for n, key in enumerate(_keyed(header))}
            for line in lines:
                cells = [_cell(line[places[k]]) if k in places and places[k] < len(line) else "" for k in keys]
                if name == CENSUS_CSV:
                    cells.append(" ; ".join(flags.get((territory.name, line[0]), [])))
                rows.append([territory.name, *cells])
        if name == CENSUS_CSV:
            headers.append(_("Possible duplicate in another territory"))
        out.append(Table(name, sheets.get(name) or name.removesuffix(".csv"), headers, rows))
    return out


def _sheet_names(territories: list[Territory]) -> dict[str, str]:
    """Each CSV's sheet name in the bundles' results.xlsx ("Recensement" for census.csv), rendered again
    from their results.json; a table this Kiosk cannot render again keeps its file's name."""

    names: dict[str, str] = {}
    for territory in territories:
        if set(territory.tables) <= set(names):
            continue
        try:
            names.update({t.file: t.sheet for t in bundle_tables(View(territory.results)) if t.file not in names})
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            continue
    return names


def radars(territories: list[Territory]) -> list[tuple[str, list[dict]]]:
    return [(t.name, t.radar) for t in territories if t.radar]


def criteria_names(shown: list[tuple[str, list[dict]]]) -> list[str]:
    """Every criterion of the radars, in the order the overlaid radar draws its axes (radar_png's)."""
    names: list[str] = []
    for _label, items in shown:
        names += [i["name"] for i in items if i["name"] not in names]
    return names


def side_by_side(shown: list[tuple[str, list[dict]]], view: View) -> bytes:
    """One small radar per territory, titled with its name, in its colour of the overlaid radar, on the
    overlaid radar's axes in its order (a criterion a territory did not rate is its gap): shapes compare."""
    from PIL import Image


    columns = 1 if len(shown) == 1 else 2 if len(shown) <= 4 else 3
    lines = -(-len(shown) // columns)
    tile = (round(WIDTH * TILE), round(HEIGHT * TILE))
    image = Image.new("RGB", (tile[0] * columns, tile[1] * lines), "white")
    names = criteria_names(shown)
    for n, (label, items) in enumerate(shown):
        by_name = {i["name"]: i for i in items}
        axes = [by_name.get(name) or {"name": name, "median": None, "q1": None, "q3": None, "unknown": 0}
                for name in names]
        picture = Image.open(io.BytesIO(radar_png([("", axes)], label, view._("Don't know:"), first_color=n)))
        image.paste(picture.resize(tile, Image.LANCZOS), ((n % columns) * tile[0], (n // columns) * tile[1]))
    return paint.png(image)


def _figure(value) -> str:
    return number(value) or "—"


def report_pdf(territories: list[Territory], duplicates: list[dict], pictures: dict[str, bytes], view: View,
               now: datetime) -> bytes:
    """The territories compared: who came, the census by theme and its cross-territory duplicates, the
    radars and their medians, each territory's first recommendations."""
    from .export.pdf import Report

    _ = view._
    report = Report(view, now)
    report.paragraph(_("Results of several territories"), 11, False, 6)
    report.paragraph(view.title(), 22, True, 11)
    report.paragraph(view.labelled(_("Merged on"), f"{view.date(now)} {now.strftime('%H:%M')}"), 11, False, 6)
    report.ln(3)
    width = report.width
    report.text_table(
        [_("Territory"), _("Workshop"), _("Participants"), _("Initiatives"), _("Criteria"), _("Exported on")],
        [[t.name, " · ".join(v for v in (t.workshop.get("title"), view.date(t.workshop.get("date") or "")) if v),
          len(t.results.get("participants") or []), t.census["total"] if t.census else "—", len(t.radar) or "—",
          view.date(str(t.results.get("exported_at") or "")[:10])] for t in territories],
        [width * share for share in (0.17, 0.265, 0.15, 0.127, 0.104, 0.184)], align="LLRRRL")

    counted = [t for t in territories if t.census]
    if counted:
        report.heading(_("Census by theme"))
        themes = sorted({theme for t in counted for theme in t.census["theme"]},
                        key=lambda theme: (-sum(t.census["theme"].get(theme, 0) for t in counted), theme))
        first = width * 0.3
        rest = (width - first) / (len(counted) + 1)
        rows = [[theme, *(t.census["theme"].get(theme, 0) for t in counted),
                 sum(t.census["theme"].get(theme, 0) for t in counted)] for theme in themes]
        rows.append([_("All themes"), *(t.census["total"] for t in counted), sum(t.census["total"] for t in counted)])
        report.text_table([_("Theme"), *(t.name for t in counted), _("Total")], rows,
                          [first, *[rest] * (len(counted) + 1)], align="L" + "R" * (len(counted) + 1))
        report.paragraph(_("Possible duplicates across territories"), 11, True, 6)
        if not duplicates:
            report.paragraph(_("None: no initiative of one territory has the name of another's in the same commune."),
                             10, False, 5.5)
        else:
            groups = view.ngettext("%(n)d initiative may be counted in two territories",
                                   "%(n)d initiatives may be counted in several territories", len(duplicates))
            report.paragraph(groups % {"n": len(duplicates)} + " " + _(
                "(same commune, same or close name): check them before adding the territories' counts; census.csv "
                "names them in its last column."), 9.5, False, 5)
            for group in duplicates[:DUPLICATES_SHOWN]:
                names = " · ".join(entry_label(view, row) for row in group["entries"])
                commune = group["entries"][0]["commune"]
                report.paragraph(f"{names} — {commune} ({_(REASONS[group['reason']])})", 9.5, False, 5, indent=3)
            if len(duplicates) > DUPLICATES_SHOWN:
                report.paragraph(_("… and %(n)d more in census.csv.") % {"n": len(duplicates) - DUPLICATES_SHOWN},
                                 9.5, False, 5, indent=3)

    shown = radars(territories)
    if shown:
        size = width * 0.85
        if report.will_page_break(size * HEIGHT / WIDTH + 20):  # the heading with its picture
            report.add_page()
        report.heading(_("Criteria and radar"))
        picture = radar_png(shown, "", _("Don't know:"))  # the section's heading is its title
        report.image(io.BytesIO(picture), x=report.l_margin + width * 0.075, w=size)
        report.paragraph(_("Median and, in brackets, first to third quartile of the ratings from 0 to 4; “—”: a "
                           "criterion that territory did not rate."), 9, False, 5)
        names = criteria_names(shown)
        first = width * 0.28
        rest = (width - first) / len(shown)
        rows = []
        for name in names:
            row = [name]
            for _label, items in shown:
                item = next((i for i in items if i["name"] == name), None)
                row.append("—" if item is None or item["median"] is None else
                           f"{_figure(item['median'])} ({_figure(item['q1'])}–{_figure(item['q3'])})")
            rows.append(row)
        report.text_table([_("Criterion"), *(label for label, _items in shown)], rows, [first, *[rest] * len(shown)],
                          align="L" + "C" * len(shown))
        if "radars.png" in pictures:
            report.add_page()
            report.paragraph(_("Each territory's radar"), 15, True, 8)
            report.image(io.BytesIO(pictures["radars.png"]), x=report.l_margin, w=width)

    planned = [t for t in territories if t.roadmap]
    if planned:
        report.heading(_("Recommendations: the first of each roadmap"))
        report.paragraph(_("Quick wins first, then major projects, fill-ins and thankless tasks; the highest impact "
                           "first."), 9, False, 5)
        for territory in planned:
            report.ln(2)
            report.paragraph(territory.name, 12, True, 6)
            for item in territory.roadmap[:TOP_RECOMMENDATIONS]:
                report.paragraph(item["text"], 10.5, True, 5.5, indent=3)
                facts = [recommendations.quadrant_label(view, item["quadrant"]) if item["quadrant"] in
                         ("quick_win", "major_project", "fill_in", "thankless") else recommendations.quadrant_label(view, None),
                         _("impact %(impact)s · effort %(effort)s") % {"impact": _figure(item["impact"]),
                                                                       "effort": _figure(item["effort"])}]
                if item["who"]:
                    facts.append(view.labelled(_("Who"), item["who"]))
                if item["when"]:
                    facts.append(view.labelled(_("When"), item["when"]))
                report.paragraph(" · ".join(facts), 9.5, False, 5, indent=3)
            if len(territory.roadmap) > TOP_RECOMMENDATIONS:
                more = len(territory.roadmap) - TOP_RECOMMENDATIONS
                report.paragraph(_("… and %(n)d more in recommendations.csv.") % {"n": more}, 9.5, False, 5, indent=3)
    return report.output_bytes()


def build(territories: list[Territory], now: datetime | None = None):
    """The merged bundle, in memory (`export.Bundle`)."""

    now = now or datetime.now().astimezone()
    lang = territories[0].lang
    view = View({"workshop": {"title": translator(lang)(TITLE), "lang": lang}})
    _ = view._
    duplicates = cross_duplicates(territories)
    tables = merged_tables(territories, duplicates, view)
    bundle = Bundle(f"kiosk-merged-{now.strftime('%Y%m%d-%H%M')}")
    shown = radars(territories)
    results = {
        "kiosk_merge": FORMAT, "kiosk_version": __version__, "merged_at": now.isoformat(timespec="seconds"),
        "territories": [{"territory": t.name, "bundle": os.path.basename(os.path.normpath(t.bundle)),
                         "workshop": t.workshop, "exported_at": t.results.get("exported_at"),
                         "kiosk_version": t.version, "participants": len(t.results.get("participants") or []),
                         "census": {"total": t.census["total"], "theme": t.census["theme"]} if t.census else None,
                         "radar": t.radar} for t in territories],
        "duplicates": duplicates}
    bundle.files[RESULTS] = json.dumps(results, ensure_ascii=False, indent=2).encode("utf-8")
    for table in tables:
        bundle.files[table.file] = to_csv(table)
    bundle.files["results.xlsx"] = to_xlsx(tables)
    pictures = {}
    if shown:
        pictures["radar.png"] = radar_png(shown, _("Criteria and radar: the territories"), _("Don't know:"))
        if len(shown) > 1:
            pictures["radars.png"] = side_by_side(shown, view)
    bundle.files.update(pictures)
    bundle.files["report.pdf"] = report_pdf(territories, duplicates, pictures, view, now)
    return bundle


# --- `kiosk merge` -------------------------------------------------------------------------------------

def _target(to: str | None) -> Path:
    """The folder to write into (made when missing), or a refusal when it cannot be written in."""
    target = Path(to or ".")
    probe = target.absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise _refusal("merge_not_writable", path=str(target))
    return target


def _cli_lang() -> str:
    from .settings import load_settings

    try:
        return load_settings()["lang"]
    except Exception:  # a bad KIOSK_* setting must not hide the merge's own sentences
        return "fr"


def run_cli(paths: list[str], to: str | None, out=None, err=None) -> int:
    """`kiosk merge BUNDLE… [--to DIR]`: print the merged bundle's path, or one line per refusal and exit 1."""

    out, err = out or sys.stdout, err or sys.stderr
    lang = _cli_lang()
    problems: list[KioskError] = []
    territories = []
    if len(paths) < 2:
        problems.append(_refusal("merge_few"))
    for path in paths:
        try:
            territories.append(read_bundle(path))
        except KioskError as error:
            problems.append(error)
    problems += check(territories, translator(lang))  # among the bundles that could be read
    try:
        target = _target(to)
    except KioskError as error:
        problems.append(error)
    for problem in problems:
        print(f"kiosk merge: {message(problem, lang)}", file=err)
    if problems:
        return 1
    try:
        bundle = build(territories)
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise _refusal("merge_not_writable", path=str(target)) from None
        path = write_bundle(bundle, target)
    except KioskError as error:
        if error.code == "target_read_only":  # the export's sentence speaks of a USB stick
            error = _refusal("merge_not_writable", path=str(target))
        print(f"kiosk merge: {message(error, lang)}", file=err)
        return 1
    except Exception as exc:  # what the code did not foresee: one line, as `kiosk export` does
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        print(f"kiosk merge: {message(_refusal('merge_failed', reason=reason), lang)}", file=err)
        return 1
    print(path, file=out)
    return 0
