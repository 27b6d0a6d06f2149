"""The DOMINO launch day (seed 001), played end to end against a real box (`kiosk serve` in its own
process): twelve phones, one wall and the console, all python-socketio clients, from joining to
`kiosk export`. The phones propose axes, vote, join the four axes' groups and fill their grids (two
members in one cell at once, flags, an edit, the secretary's order, resources); `grid.csv`, the
workbook's sheet of each axis and the posters of `grid.pdf` (rendered, read back page by page)
hold what the phones wrote."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_programme_e2e import NAMES, PIN, PHONES, export, next_step, room  # noqa: F401  (room: the twelve phones)

from kiosk.boxprocess import free_port, start_box

pytestmark = pytest.mark.slow

AXES = ["Se loger", "Se déplacer", "Se nourrir", "Consommer autrement"]
COLUMNS = {"examples": "Exemples emblématiques", "stakes": "Enjeux territoriaux", "innovation": "Pistes d’innovation",
           "regulatory": "Limites réglementaires", "cultural": "Freins culturels"}
FLAGS = {None: "", "pepite": "Pépite", "opportunite": "Opportunité", "vigilance": "Point de vigilance"}
MARKERS = {"pepite": "★", "opportunite": "↗", "vigilance": "⚠"}


@pytest.fixture
def box(tmp_path):
    port = free_port()
    running = start_box(tmp_path / "data", port=port,
                        env={"KIOSK_PIN": PIN, "KIOSK_PUBLIC_URL": f"http://127.0.0.1:{port}/",
                             "KIOSK_PROGRAMME": "domino-lancement"})
    yield running
    running.stop()


def table(bundle: Path, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((bundle / name).read_text(encoding="utf-8-sig")), delimiter=";"))


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, its words joined by single spaces."""
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def test_the_domino_launch_day_from_joining_to_the_export(box, room, tmp_path):
    wall, console, phones, people = room["wall"], room["console"], room["phones"], room["people"]
    ids = [p["id"] for p in people]
    wall.wait("participant.joined", lambda d: d["count"] == PHONES)
    next_step(console, wall, phones, 0, "welcome")
    console.ok("workshop.update", {"title": "DOMINO : lancement", "date": "2015-09-29", "territory": "Morlaix"})

    # --- 1. The phones propose axes; a duplicate is merged.
    mark = wall.mark()
    next_step(console, wall, phones, 1, "review")
    assert wall.wait("review.opened", since=mark)["review"]["buckets"] == ["Axes"]
    notes = {text: phones[n].ok("review.post", {"bucket": "Axes", "text": text})["note"]["id"]
             for n, text in enumerate(AXES)}
    duplicate = phones[5].ok("review.post", {"bucket": "Axes", "text": "se loger"})["note"]["id"]
    console.ok("review.merge", {"note_id": duplicate, "into": notes["Se loger"]})

    # --- 2. The vote ranks them in the order of AXES.
    mark = wall.mark()
    next_step(console, wall, phones, 2, "vote")
    items = {i["text"]: i["id"] for i in wall.wait("vote.opened", since=mark)["vote"]["items"]}
    assert set(items) == set(AXES)
    for n, phone in enumerate(phones):
        phone.ok("vote.cast", {"issue_id": items[AXES[0]], "dots": 2})
        if n < 9:
            phone.ok("vote.cast", {"issue_id": items[AXES[1] if n < 5 else AXES[2] if n < 8 else AXES[3]], "dots": 1})
    console.ok("vote.close")

    # --- 3. Next validates the axes (six at most: all four here).
    mark = wall.mark()
    next_step(console, wall, phones, 3, "axes")
    axes = wall.wait("grid.axes", since=mark)["grid"]["axes"]
    assert [a["title"] for a in axes] == AXES
    assert phones[0].wait("grid.axes")["grid"]["axes"] == axes

    # --- 4. One group per axis, joined from the phones; the first four phones are the secretaries.
    mark = wall.mark()
    next_step(console, wall, phones, 4, "groups")
    groups = wall.wait("groups.formed", since=mark)["groups"]
    assert [(g["name"], g["source"], g["source_id"]) for g in groups] == [(a["title"], "grid", a["id"]) for a in axes]
    for n, phone in enumerate(phones):
        phone.ok("group.join", {"group_id": groups[n % 4]["id"]})
    for k in range(4):
        phones[k].ok("group.secretary", {"group_id": groups[k]["id"], "participant_id": ids[k]})
    axis_of = {n: axes[n % 4] for n in range(PHONES)}  # phones n, n+4, n+8 share axis n

    # --- 5. The grids: each group two practices, every column, flags; written at once.
    next_step(console, wall, phones, 5, "grid")
    expected = []  # (axis, practice, column, text, flag, group)
    rows = {}
    for k, axis in enumerate(axes):
        for p in range(2):
            row = phones[k + 4 * p].ok("grid.row", {"axis_id": axis["id"], "practice": f"Pratique {k}.{p}"})["row"]
            rows[(k, p)] = row
        for p in range(2):
            for c, column in enumerate(COLUMNS):
                writer = k + 4 * ((p + c) % 3)
                flag = [None, "pepite", "opportunite", "vigilance"][(k + p + c) % 4]
                text = f"{AXES[k]} {p} {column} par {NAMES[writer]}"
                phones[writer].ok("grid.add", {"row_id": rows[(k, p)]["id"], "column": column, "text": text, "flag": flag})
                expected.append((AXES[k], f"Pratique {k}.{p}", column, text, flag))
    # Two members write in one cell at the same moment: both texts stay.
    together = [phones[1 + 4 * m].call("grid.add", {"row_id": rows[(1, 0)]["id"], "column": "stakes",
                                                    "text": f"En même temps {m}"}) for m in range(2)]
    assert all(answer["ok"] for answer in together)
    expected += [(AXES[1], "Pratique 1.0", "stakes", f"En même temps {m}", None) for m in range(2)]
    # A member rewrites their own entry; another member changes its flag; an outsider is refused.
    mine = together[0]["entry"]
    phones[1].ok("grid.edit", {"entry_id": mine["id"], "text": "En même temps, relu", "base": "En même temps 0"})
    phones[9].ok("grid.flag", {"entry_id": mine["id"], "flag": "pepite"})
    expected[-2] = (AXES[1], "Pratique 1.0", "stakes", "En même temps, relu", "pepite")
    refused = phones[2].call("grid.add", {"row_id": rows[(1, 0)]["id"], "column": "stakes", "text": "Intrus"})
    assert refused["code"] == "not_member"
    # The secretary of the first axis puts its second practice first; a member may not.
    assert phones[4].call("grid.order", {"axis_id": axes[0]["id"], "row_ids": [rows[(0, 1)]["id"], rows[(0, 0)]["id"]]}
                          )["code"] == "not_secretary"
    phones[0].ok("grid.order", {"axis_id": axes[0]["id"], "row_ids": [rows[(0, 1)]["id"], rows[(0, 0)]["id"]]})
    for k, axis in enumerate(axes):
        phones[k + 8].ok("grid.resource", {"axis_id": axis["id"], "text": f"Étude à collecter {k}"})
    # Every member's phone heard its axis's entries, and only its axis's.
    heard = phones[5].wait("grid.entries", lambda d: any(e["text"] == "En même temps, relu" for e in d["entries"]))
    assert {e["axis_id"] for d in phones[5].seen("grid.entries") for e in d["entries"]} == {axes[1]["id"]}
    assert heard["entries"][-1]["flag"] in (None, "pepite")

    # --- 6. The report-back: the wall shows one axis's grid.
    mark = wall.mark()
    next_step(console, wall, phones, 6, "grid")
    assert wall.wait("grid.wall", since=mark)["grid_wall"] == {"view": "axis", "axis_id": axes[0]["id"]}
    mark = wall.mark()
    console.ok("grid.show", {"view": "axis", "axis_id": axes[1]["id"]})
    # The wall has it before the next step is measured (it could arrive after the next mark).
    assert wall.wait("grid.wall", since=mark)["grid_wall"] == {"view": "axis", "axis_id": axes[1]["id"]}

    # --- 7. The flagged entries of every axis; 8. the closing.
    mark = wall.mark()
    next_step(console, wall, phones, 7, "grid")
    assert wall.wait("grid.wall", since=mark)["grid_wall"] == {"view": "flags", "axis_id": None}
    next_step(console, wall, phones, 8, "closing")

    # --- The export, written beside the running box.
    bundle = export(box, tmp_path / "stick")
    lines = table(bundle, "grid.csv")
    assert lines[0] == ["Axe", "Pratique", "Colonne", "Texte", "Marque", "Groupe de l’auteur"]
    assert sorted(lines[1:]) == sorted([axis, practice, COLUMNS[column], text, FLAGS[flag], axis]
                                       for axis, practice, column, text, flag in expected)
    # The first axis's practices in the secretary's order.
    assert [line[1] for line in lines[1:] if line[0] == AXES[0]][0] == "Pratique 0.1"

    # The workbook: one sheet per axis, laid out as the grid.
    book = load_workbook(bundle / "results.xlsx")
    for k, title in enumerate(AXES):
        sheet = book[title]
        assert [c.value for c in sheet[1]] == ["Pratique", *COLUMNS.values()]
        practices = [sheet.cell(row=r, column=1).value for r in (2, 3)]
        assert sorted(practices) == [f"Pratique {k}.0", f"Pratique {k}.1"]
        for r, practice in zip((2, 3), practices):
            for c, column in enumerate(COLUMNS, start=2):
                wanted = [(text, flag) for axis, prac, col, text, flag in expected
                          if axis == title and prac == practice and col == column]
                cell = sheet.cell(row=r, column=c).value.split("\n")
                assert cell == [f"{MARKERS[flag]} {FLAGS[flag]}\u00a0: {text}" if flag else text for text, flag in wanted]
        assert sheet.cell(row=5, column=1).value == "À collecter d’ici le prochain atelier"
        assert sheet.cell(row=5, column=2).value == f"Étude à collecter {k}"

    # The posters: one A3 landscape page per axis, then the flagged entries; rendered and read back.
    poster = bundle / "grid.pdf"
    info = subprocess.run(["pdfinfo", str(poster)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           5" in info and "(A3)" in info and "1190.55 x 841.89" in info
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(poster), str(tmp_path / "poster")], check=True)
    assert len(list(tmp_path.glob("poster-*.png"))) == 5
    pages = pdf_pages(poster)
    assert len(pages) == 5
    for k, title in enumerate(AXES):
        assert title in pages[k] and f"Pratique {k}.0" in pages[k] and f"Étude à collecter {k}" in pages[k]
        assert all(text.split(" par ")[0] in pages[k] for axis, _, _, text, _ in expected if axis == title)
    assert "Pépites, opportunités et points de vigilance" in pages[4]
    flagged = [text for _, _, _, text, flag in expected if flag]
    assert all(text in pages[4] for text in flagged)
    assert not any(text in pages[4] for _, _, _, text, flag in expected if not flag)

    report = " ".join(subprocess.run(["pdftotext", str(bundle / "report.pdf"), "-"], capture_output=True, text=True,
                                     check=True).stdout.split())
    assert "Grille d’analyse" in report and "En même temps, relu" in report and "Pratique 3.1" in report
