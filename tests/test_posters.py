"""posters.pdf: a DOMINO box's census (300 initiatives over several themes), criteria and roadmap
exported, then read back with poppler: A3 pages, a summary, one poster per theme with every one of
its initiatives, the radar's picture above its table, the four quadrants holding their
recommendations, the workshop on every page, and never a contact."""

from __future__ import annotations

import re
import subprocess
import time
import tracemalloc

import pytest
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import activities, export, workshop
from kiosk.activities.census import domain as census
from kiosk.activities.census import export as census_export
from kiosk.activities.criteria import domain as criteria
from kiosk.activities.recommendations import domain as recs
from kiosk.export import posters
from kiosk.export.view import View

KINDS = ("Jardin partagé", "Repair café", "Épicerie coopérative", "Covoiturage", "AMAP", "Ressourcerie", "Atelier vélo",
         "Café associatif", "Troc de graines", "Boîte à livres", "Fab lab", "Habitat participatif")
WORDS = ("les habitants cultivent réparent partagent et échangent chaque semaine avec les familles, les jeunes et les "
         "anciens du quartier, dans un esprit convivial et solidaire").split()
#: (text, impact, effort, who, when): one per quadrant at least, and one never rated.
ROADMAP = [
    ("Une carte des initiatives du territoire 🗺️", 4, 1, "Le réseau DOMINO", "printemps 2027"),
    ("Former les élus à la coopération", 3, 2, "", "2027"),
    ("Un poste de coordination pour les quatre territoires", 4, 4, "La communauté de communes", "2028"),
    ("Une fête annuelle des initiatives", 2, 1, "Les associations", "juin"),
    ("Réécrire tous les statuts types", 1, 4, "", ""),
    ("Un guichet unique pour les démarches", None, None, "", ""),
]


def domino_box(entries: int, lang: str = "fr") -> TinyDB:
    """A box after the DOMINO workshops: `entries` initiatives (every fifth with a consented
    contact, some with emoji), seven criteria rated by 20 people, the roadmap above."""
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, lang)
    workshop.update_details(db, {"title": "Atelier DOMINO 🌱", "territory": "Pays de Redon", "date": "2026-11-30"})
    census.open_census(db, {}, None, None, 100.0)
    form = census.form(db)
    themes, communes = form.field("theme").choices, form.field("commune").communes
    for n in range(entries):
        values = {"name": f"{KINDS[n % len(KINDS)]} n° {n + 1}" + (" 🚲" if n % 50 == 0 else ""),
                  "commune": communes[(n * 7) % len(communes)],
                  "theme": themes[(n * n) % 5 if n % 3 else n % len(themes)],
                  "description": " ".join(WORDS[: 4 + n % len(WORDS)])}
        if n % 5 == 0:
            values["contact"] = {"address": f"porteur{n}@exemple.fr", "consent": True}
        census.add(db, {"values": values}, n % 40 + 1, None, 200.0 + n)
    for name in ("Lien social", "Sobriété", "Gouvernance partagée", "Ouverture à tous", "Ancrage local", "Pérennité",
                 "Coopération"):
        criteria.add(db, {"name": name, "indicator": f"{name} mesuré chaque année"})
    criteria.set_status(db, criteria.RATING)
    for item in criteria.radar(db):
        for person in range(1, 21):
            criteria.rate(db, {"criterion_id": item["id"], "value": (0, 1, 2, 3, 4, None)[(person * item["id"]) % 6]},
                          person)
    for text, impact, effort, who, when in ROADMAP:
        rid = recs.propose(db, {"text": text}, 1)[0]["recommendation"]["id"]
        if impact is not None:
            for person in range(1, 4):
                recs.rate(db, {"recommendation_id": rid, "impact": impact, "effort": effort}, person)
        if who or when:
            recs.plan(db, {"recommendation_id": rid, "who": who, "when": when})
    return db


def pdf_text(path, *options) -> str:
    return subprocess.run(["pdftotext", "-layout", *options, str(path), "-"], capture_output=True, check=True,
                          encoding="utf-8", errors="replace").stdout


def pages(path) -> list[str]:
    """Each page's text."""
    return pdf_text(path).split("\f")[:-1]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """(the box's data, the folder holding its posters.pdf)."""
    db = domino_box(300)
    data = export.collect(db, None)
    bundle = export.build(data)
    folder = tmp_path_factory.mktemp("posters")
    (folder / posters.FILE).write_bytes(bundle.files[posters.FILE])
    return data, folder


def test_every_page_is_a3_and_carries_the_workshop_territory_and_date_in_words(exported):
    _, folder = exported
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "100", str(folder / posters.FILE)], capture_output=True,
                          text=True, check=True).stdout
    sizes = re.findall(r"Page +\d+ size: +(.*)", info)
    assert len(sizes) > 10 and all(size.startswith("841.89 x 1190.55 pts (A3)") for size in sizes)
    for page in pages(folder / posters.FILE):
        assert "Atelier DOMINO 🌱 · Pays de Redon · 30 novembre 2026" in " ".join(page.split())


def test_the_census_has_a_summary_and_a_poster_per_theme_with_each_of_its_initiatives(exported):
    data, folder = exported
    entries = data["census_entries"]["entries"]
    by_theme: dict[str, list[str]] = {}
    for entry in entries:
        by_theme.setdefault(entry["values"]["theme"], []).append(entry["values"]["name"])
    assert len(by_theme) >= 5
    texts = pages(folder / posters.FILE)
    summary = next(page for page in texts if "Le recensement en chiffres" in page)
    assert "300 initiatives" in summary and "Par thème" in summary and "Par commune" in summary
    for theme, names in by_theme.items():
        assert re.search(rf"{re.escape(theme)}\s+{len(names)}\b", summary), theme
        # Its pages: the theme as their title (under the census form's name), the count under it.
        own = [page for page in texts if re.search(rf"PRATIQUES COLLABORATIVES\n\s*{re.escape(theme)}\n", page)]
        assert own and f"{len(names)} initiatives" in own[0], theme
        words = " ".join(" ".join(own).split())
        # An emoji (from the fallback font) comes out of pdftotext beside its line: the name without it.
        missing = [name for name in names if name.removesuffix(" 🚲") not in words]
        assert not missing, f"{theme}: {missing[:3]}"
    assert "🚲" in " ".join(texts)
    # A theme of many initiatives goes on to further A3 pages, numbered.
    biggest = max(by_theme, key=lambda t: len(by_theme[t]))
    assert f"{biggest} · 2/" in " ".join(texts)


def test_no_contact_is_on_any_poster(exported):
    data, folder = exported
    assert any("contact" in e["values"] for e in data["census_entries"]["entries"])  # the export holds them…
    text = pdf_text(folder / posters.FILE)
    assert "@exemple.fr" not in text and "porteur" not in text  # …the posters never
    assert "recontacte" not in text


def test_the_radar_poster_holds_the_picture_and_the_criteria_table(exported):
    data, folder = exported
    texts = pages(folder / posters.FILE)
    number = next(n for n, page in enumerate(texts, start=1) if "Critères et radar" in page)
    images = subprocess.run(["pdfimages", "-list", "-f", str(number), "-l", str(number), str(folder / posters.FILE)],
                            capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in images] == [["1600", "1200"]]
    page = texts[number - 1]
    assert "Médiane" in page and "Q1–Q3" in page and "Notes" in page
    for item in data["radar"]:
        line = next(line for line in page.splitlines() if line.strip().startswith(item["name"]))
        median = f"{item['median']:g}"
        assert re.search(rf"{item['name']}\s+{re.escape(median)}\s+{item['q1']:g}–{item['q3']:g}\s+{item['n']}\b", line)
        assert f"Indicateur : {item['name']} mesuré chaque année" in page


def quadrant_text(path, page: int, corner: tuple[float, float], size: tuple[float, float]) -> str:
    x, y = corner
    return " ".join(pdf_text(path, "-f", str(page), "-l", str(page), "-x", str(round(x)), "-y", str(round(y)),
                             "-W", str(round(size[0])), "-H", str(round(size[1]))).split())


def test_the_roadmap_puts_each_recommendation_in_its_quadrant_with_who_and_when(exported):
    _, folder = exported
    path = folder / posters.FILE
    number = next(n for n, page in enumerate(pages(path), start=1) if "la feuille de route" in page)
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(path), "-"],
                           capture_output=True, check=True, encoding="utf-8", errors="replace").stdout
    found = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<', boxes)
    words = [(float(x), float(y), word) for x, y, word in found]

    def at(word):
        return next((x, y) for x, y, w in words if w == word)

    quick, major, fill, thankless = at("Gains"), at("Grands"), at("Petites"), at("ingrates")
    width, height = major[0] - quick[0], fill[1] - quick[1]
    inside = {
        "quick": quadrant_text(path, number, quick, (width, height)),
        "major": quadrant_text(path, number, major, (width, height)),
        "fill": quadrant_text(path, number, fill, (width, height)),
        "thankless": quadrant_text(path, number, (major[0], thankless[1]), (width, height)),
    }
    assert "Une carte des initiatives du territoire" in inside["quick"]
    assert "Qui : Le réseau DOMINO · Quand : printemps 2027" in inside["quick"]
    assert "Former les élus à la coopération" in inside["quick"] and "Quand : 2027" in inside["quick"]
    assert "Un poste de coordination pour les quatre territoires" in inside["major"]
    assert "Qui : La communauté de communes · Quand : 2028" in inside["major"]
    assert "Une fête annuelle des initiatives" in inside["fill"] and "Qui : Les associations" in inside["fill"]
    assert "Réécrire tous les statuts types" in inside["thankless"]
    for name, text in inside.items():
        assert "Un guichet unique" not in text, name
    assert "Non évaluée (1)" in pdf_text(path) and "Un guichet unique pour les démarches" in pdf_text(path)


def test_the_posters_are_in_the_workshops_language():
    db = domino_box(12, "en")
    view = View(export.collect(db, None))
    made = [poster for activity in activities.ACTIVITIES if activity.posters for poster in activity.posters(view)]
    text = " ".join(block for poster in made for block in (poster.kicker, poster.title, poster.subtitle))
    assert "The census in figures" in text and "Criteria and radar" in text and "Recommendations: the roadmap" in text
    summary = next(poster for poster in made if isinstance(poster, posters.Summary))
    assert [title for title, _ in summary.charts] == ["By theme", "By commune"]
    roadmap = next(poster for poster in made if isinstance(poster, posters.Quadrants))
    assert [box.label for box in roadmap.boxes] == ["Quick wins", "Major projects", "Fill-ins", "Thankless tasks"]
    assert roadmap.boxes[0].entries[0].place == "Who: Le réseau DOMINO · When: printemps 2027"
    assert posters.render(view, made).startswith(b"%PDF")


def test_only_the_activities_with_data_have_posters_and_none_no_file():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    assert posters.FILE not in export.build(export.collect(db, None)).files
    census.open_census(db, {}, None, None, 100.0)  # a census without an initiative: still nothing to print
    assert posters.FILE not in export.build(export.collect(db, None)).files
    for name in ("Lien social", "Sobriété", "Gouvernance"):
        criteria.add(db, {"name": name})
    made = [poster for activity in activities.ACTIVITIES if activity.posters
            for poster in activity.posters(View(export.collect(db, None)))]
    assert [type(poster) for poster in made] == [posters.Figure]
    assert posters.FILE in export.build(export.collect(db, None)).files


def test_the_census_posters_take_plain_rows_for_a_merged_bundle():
    view = View({"workshop": {"title": "Quatre territoires", "territory": "Redon, Vitré, Guingamp, Lorient",
                              "lang": "fr"}})
    rows = [{"name": "Repair café", "commune": "Redon", "theme": "Réemploi", "description": "Le samedi."},
            {"name": "AMAP du Pont", "commune": "Vitré", "theme": "Alimentation", "description": ""},
            {"name": "Troc", "commune": "", "theme": "", "description": ""}]
    made = census_export.census_posters(view, "Recensement", rows, ["Alimentation", "Réemploi"])
    assert [poster.title for poster in made] == ["Le recensement en chiffres", "Alimentation", "Réemploi", "Sans thème"]
    assert made[0].subtitle == "3 initiatives · 2 communes"
    assert made[0].charts[1][1] == [("Redon", 1), ("Vitré", 1)]
    assert census_export.census_posters(view, "Recensement", []) == []
    assert posters.render(view, made).startswith(b"%PDF")


@pytest.mark.slow
def test_1500_initiatives_print_in_seconds_and_little_memory(tmp_path):
    db = domino_box(1500)
    view = View(export.collect(db, None))
    posters.render(view, [])  # fpdf2 and the fonts loaded, as after report.pdf in an export
    start = time.process_time()  # CPU time: the machine running the tests may be busy with others
    made = [poster for activity in activities.ACTIVITIES if activity.posters for poster in activity.posters(view)]
    pdf = posters.render(view, made)
    seconds = time.process_time() - start
    tracemalloc.start()
    posters.render(view, made)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seconds < 5 and peak < 80 * 2**20, (seconds, peak)  # 1.5 s and 34 MB measured
    (tmp_path / posters.FILE).write_bytes(pdf)
    text = pdf_text(tmp_path / posters.FILE)
    assert "1500 initiatives" in text and f"{KINDS[1499 % len(KINDS)]} n° 1500" in " ".join(text.split())


@pytest.mark.parametrize("text,width,max_lines", [
    ("Un repair café où les habitants réparent ensemble leurs objets du quotidien", 40, None),
    ("Deux  espaces, puis\nune ligne, puis un mot anticonstitutionnellementinterminable", 25, None),
    ("Court", 80, 1),
    ("Une initiative 🌱 qui tient sur trois lignes au plus et pas une de plus, coupée avec une ellipse", 35, 2),
    ("", 30, None),
])
def test_the_fast_wrapping_cuts_lines_where_the_pictures_wrap_does(text, width, max_lines):
    from kiosk.export.pdf import Writer
    from kiosk.export.pictures import wrap

    writer = Writer(View({}), "P", "A4")
    writer.set_font("DejaVu", "", 11)

    def measure(line):
        return writer.get_string_width(line)

    assert writer.lines(text, width, max_lines) == wrap(measure, text, width - 2 * writer.c_margin, max_lines)
    assert all(measure(line) <= width - 2 * writer.c_margin for line in writer.lines(text, width, max_lines))


def test_a_line_never_breaks_at_a_french_no_break_space():
    from kiosk.export.pdf import Writer

    writer = Writer(View({}), "P", "A4")
    writer.set_font("DejaVu", "", 11)
    text = "Ouvert à tous\u00a0: le samedi, «\u00a0oui\u00a0» disent-ils\u00a0!"
    for width in range(35, 90, 3):  # every word (with its no-break neighbours) fits a line
        lines = writer.lines(text, width)
        assert not any(line.startswith((":", "»", "!")) or line.endswith("«") for line in lines), (width, lines)
