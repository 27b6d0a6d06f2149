"""The export bundle: every file readable by Excel, LibreOffice and a printer, consent respected,
all-or-nothing on the stick, consistent while the room writes, from the CLI and the console."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import zipfile
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import PIN
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from kiosk import auth, cli, export, exportjob, i18n, usb
from kiosk.activities import ACTIVITIES, Activity
from kiosk.export import sheets
from kiosk.export.view import View
from kiosk.errors import KioskError

FACILITATOR = auth.Actor(auth.FACILITATOR)
TITLE = "Inventer votre territoire collaboratif"
ISSUES = ["Créer un jardin partagé à l'école", "Covoiturage pour les élèves", "Un tiers-lieu au cœur du village",
          "-Réparer ensemble les vélos"]
CONTRACT_FILES = {"results.json", "issues.csv", "votes.csv", "families.csv", "wall.csv", "contacts.csv",
                  "results.xlsx", "report.pdf", "wall.png"}
SECRET_CONTACT = "bruno.prive@exemple.fr"
fr = i18n.translator("fr")


def ok(answer):
    assert answer["ok"], answer
    return answer


def fill_workshop(box):
    """A workshop with every activity: people (consenting or not), two votes, groups, experts,
    a board, commitments and buddies. Returns the participants' actors by name, and their tokens."""
    ok(box.execute(FACILITATOR, "workshop.update", {"title": TITLE, "date": "2026-11-27",
                                                    "territory": "Communauté de communes du Val d'Ouche"}))
    people, tokens = {}, []
    for name, contact, share in [("Ana", "ana@exemple.fr", True), ("Bruno", SECRET_CONTACT, False),
                                 ('=HYPERLINK("x")', "+33 6 12 34 56 78", True), ("Élise", "", False)]:
        answer = ok(box.execute(auth.ANONYMOUS, "participant.join", {"name": name, "contact": contact,
                                                                      "share_contact": share}))
        people[name] = auth.Actor(auth.PARTICIPANT, answer["participant"]["id"])
        tokens.append(answer["token"])
    ana, bruno, hyper, elise = people.values()
    for text in ISSUES:
        ok(box.execute(ana, "issue.propose", {"text": text}))
    ok(box.execute(FACILITATOR, "vote.open", {"method": "dots"}))
    ok(box.execute(ana, "vote.cast", {"issue_id": 1, "dots": 2}))
    ok(box.execute(bruno, "vote.cast", {"issue_id": 2, "dots": 2}))
    ok(box.execute(hyper, "vote.cast", {"issue_id": 1, "dots": 1}))
    ok(box.execute(FACILITATOR, "vote.close", {}))
    ok(box.execute(FACILITATOR, "vote.open", {"method": "majority", "replace": True}))
    for person in people.values():
        for issue_id, grade in zip((1, 2, 3, 4), ("excellent", "bien", "passable", "a_rejeter")):
            ok(box.execute(person, "vote.cast", {"issue_id": issue_id, "grade": grade}))
    ok(box.execute(FACILITATOR, "vote.close", {}))
    ok(box.execute(FACILITATOR, "groups.form", {"count": 2}))
    ok(box.execute(ana, "group.join", {"group_id": 1}))
    ok(box.execute(bruno, "group.join", {"group_id": 1}))
    ok(box.execute(hyper, "group.join", {"group_id": 2}))
    ok(box.execute(ana, "group.secretary", {"group_id": 1, "participant_id": ana.participant_id}))
    family = box.deck.families[0]
    card = box.deck.cards_of(family.id)[0]
    ok(box.execute(ana, "family.claim", {"family_id": family.id}))
    ok(box.execute(ana, "board.place", {"group_id": 1, "card_id": card.id}))
    ok(box.execute(ana, "board.note", {"group_id": 1, "card_id": card.id, "field": "steps",
                                       "text": "Rencontrer l'élu à la mairie"}))
    ok(box.execute(ana, "wall.post", {"text": "Je lance un jardin partagé dans mon quartier", "family_id": family.id}))
    ok(box.execute(bruno, "wall.post", {"text": "Un jardin partagé avec les voisins"}))
    ok(box.execute(hyper, "wall.post", {"text": "=1+1 réparer les vélos"}))
    ok(box.execute(ana, "buddy.choose", {"participant_id": hyper.participant_id}))
    ok(box.execute(hyper, "buddy.choose", {"participant_id": ana.participant_id}))
    return people, tokens


def data_dir_digest(app) -> dict:
    """Every file of the box's data directory with its content's hash."""
    root = Path(app.config["KIOSK"]["data"])
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no UTF-8 BOM"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def readable_text(path: Path) -> str:
    """What a person could read in a file of the bundle (the xlsx unzipped, the PDF's text)."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    if path.suffix == ".pdf":
        return pdf_text(path)
    return path.read_bytes().decode("utf-8", "replace")


@pytest.fixture
def filled(box):
    return fill_workshop(box)


@pytest.fixture
def stick(tmp_path):
    path = tmp_path / "stick"
    path.mkdir()
    return path


@pytest.fixture
def bundle(box, filled, stick) -> Path:
    return export.export_box(box, stick)


@contextmanager
def tmpfs(path: Path, options: str):
    """A real filesystem mounted at `path` (root only): yields False when mounting is not allowed."""
    path.mkdir(exist_ok=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True)
    except OSError:
        done = None
    if done is None or done.returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def write_here(box, target: Path) -> Path:
    """What the export's own process does (`export.run_job`), run in this process so that a test can
    break the stick under it."""
    data = box.store.read(lambda db: export.collect(db, box.deck))
    return Path(export.run_job({"data": data, "now": datetime.now().astimezone(), "target": str(target)}))


def nothing_left(target: Path):
    """No bundle under its final name, no partial folder."""
    if target.exists():
        assert [p.name for p in target.iterdir()] == []


# --- The files ---------------------------------------------------------------------------------------

def test_bundle_folder_is_named_after_the_workshop_and_holds_every_contract_file(bundle):
    assert re.fullmatch(r"kiosk-inventer-votre-territoire-collaboratif-\d{8}-\d{4}", bundle.name)
    names = {p.name for p in bundle.iterdir()}
    assert CONTRACT_FILES <= names
    assert {"participants.csv", "groups.csv", "boards.csv", "buddies.csv", "vote-1.png", "vote-2.png",
            "absentees.html"} <= names
    assert not [p for p in bundle.parent.iterdir() if p.name.startswith(".")]


def test_csv_files_are_utf8_with_bom_and_semicolons_and_keep_accents(bundle):
    for path in bundle.glob("*.csv"):
        rows = read_csv(path)
        assert rows and all(len(row) == len(rows[0]) for row in rows), path.name
    participants = read_csv(bundle / "participants.csv")
    assert participants[0][:2] == [fr("Id"), "Prénom"]
    assert "Élise" in [row[1] for row in participants]
    assert [row[1] for row in read_csv(bundle / "issues.csv")[1:4]] == ISSUES[:3]


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_prefixed_with_a_quote(bundle):
    participants = read_csv(bundle / "participants.csv")
    hyper = next(row for row in participants if "HYPERLINK" in row[1])
    assert hyper[1] == "'=HYPERLINK(\"x\")"
    assert hyper[-1] == "'+33 6 12 34 56 78"
    assert read_csv(bundle / "issues.csv")[4][1] == "'" + ISSUES[3]
    assert read_csv(bundle / "wall.csv")[3][1] == "'=1+1 réparer les vélos"
    for path in bundle.glob("*.csv"):
        for row in read_csv(path):
            assert not any(cell.startswith(sheets.FORMULA_START) for cell in row), (path.name, row)


@pytest.mark.parametrize("title, expected", [("Atelier d’été à Briançon", "atelier-d-ete-a-briancon"),
                                             ("Un tiers-lieu au cœur du village", "un-tiers-lieu-au-coeur-du-village"),
                                             ("  ¿?  ", "atelier"), ("x" * 60, "x" * 40)])
def test_slug_keeps_the_words_of_the_title_in_plain_letters(title, expected):
    assert export.slug(title) == expected


@pytest.mark.parametrize("text, expected", [("=1+1", "'=1+1"), ("+33", "'+33"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
                                            ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""), (None, "")])
def test_neutralise_prefixes_exactly_the_dangerous_starts(text, expected):
    assert sheets.neutralise(text) == expected


def test_votes_csv_has_one_row_per_issue_per_vote_with_dots_or_grade_counts(bundle):
    rows = read_csv(bundle / "votes.csv")
    header, dots, majority = rows[0], [r for r in rows[1:] if r[0] == "1"], [r for r in rows[1:] if r[0] == "2"]
    assert header[:8] == [fr(h) for h in ("Vote", "Method", "Status", "Rank", "Issue id", "Issue", "Dots", "Median grade")]
    assert header[1] == "Méthode"
    assert header[8:] == ["Excellent", "Très bien", "Bien", "Assez bien", "Passable", "Insuffisant", "À rejeter"]
    assert len(dots) == len(majority) == 4
    assert dots[0][1:7] == ["Vote par gommettes", fr("closed"), "1", "1", ISSUES[0], "3"]
    assert majority[0][7:9] == ["Excellent", "4"]
    assert majority[3][7] == "À rejeter" and majority[3][-1] == "4"


def test_groups_csv_lists_each_member_and_the_secretary(bundle):
    rows = read_csv(bundle / "groups.csv")
    assert rows[1][1:] == [ISSUES[0], ISSUES[0], "Ana", "oui"]
    assert rows[2][3:] == ["Bruno", "non"]


def test_families_and_wall_csv_hold_the_experts_and_the_commitments(bundle, box):
    families = read_csv(bundle / "families.csv")
    assert families[1] == [box.deck.families[0].name, str(len(box.deck.cards_of(box.deck.families[0].id))), "1", "Ana"]
    assert len(families) == 1 + len(box.deck.families)
    wall = read_csv(bundle / "wall.csv")
    assert [row[1] for row in wall[1:3]] == ["Je lance un jardin partagé dans mon quartier",
                                            "Un jardin partagé avec les voisins"]
    assert wall[1][4] == box.deck.families[0].name


def test_headers_follow_the_workshop_language(box, filled, stick):
    ok(box.execute(FACILITATOR, "workshop.update", {"lang": "en"}))
    path = export.export_box(box, stick)
    assert read_csv(path / "participants.csv")[0] == ["Id", "First name", "Group", "Secretary", "Expert families",
                                                      "Contact"]
    assert "Results of the workshop" in pdf_text(path / "report.pdf")


def test_xlsx_has_one_sheet_per_activity_bold_frozen_headers_and_no_formula(bundle):
    book = load_workbook(bundle / "results.xlsx")
    assert book.sheetnames == [fr(name)[:31] for name in (
        "Participants", "Issues", "Votes", "Groups", "Project seeds", "Expert families", "Group boards",
        "Report-back reactions", "Commitments wall", "Motivation buddies", "Contacts")]
    assert "Enjeux" in book.sheetnames
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    people = book["Participants"]
    assert people["B4"].value == '=HYPERLINK("x")' and people["B4"].data_type == "s"
    assert people.column_dimensions["B"].width > 8


def test_xlsx_prints_landscape_one_page_wide_with_headers_repeated_and_texts_wrapped(bundle):
    from kiosk.export.sheets import LINE_PT, PAGE_WIDTH, lines_in

    book = load_workbook(bundle / "results.xlsx")
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert sum(widths) <= PAGE_WIDTH or max(widths) <= 16, (sheet.title, widths)
        for row in sheet.iter_rows():
            needed = max(lines_in(c.value, widths[c.column - 1]) for c in row)
            assert all(c.alignment.wrap_text for c in row)
            # A row whose text wraps is tall enough for all its lines: nothing overprints the row above.
            height = sheet.row_dimensions[row[0].row].height
            assert needed == 1 or height >= needed * LINE_PT, (sheet.title, row[0].row, needed, height)


def test_a_long_text_wraps_in_a_bounded_column_and_its_row_grows():
    from kiosk.export.sheets import WIDE, Table, column_widths, lines_in, to_xlsx

    commitment = "Je lance un jardin partagé avec les voisins de la rue des Tilleuls. " * 4 + "\nEt une AMAP."
    assert column_widths(["Texte"], [[commitment]]) == [WIDE]
    assert lines_in(commitment, WIDE) == 6  # 272 characters on 5 lines of 59, then the line after the break
    sheet = load_workbook(io.BytesIO(to_xlsx([Table("wall.csv", "Mur", ["Texte"], [[commitment]])])))["Mur"]
    assert sheet.row_dimensions[2].height == 6 * 15


def test_pdf_report_holds_title_details_accents_issues_and_every_activity(bundle):
    text = pdf_text(bundle / "report.pdf")
    for expected in [TITLE, "Communauté de communes du Val d'Ouche", "27 novembre 2026", *ISSUES, "Vote par gommettes",
                     "Jugement majoritaire", fr("Groups"), "Secrétaire", fr("Expert families"),
                     "Rencontrer l'élu à la mairie", "Mur des engagements", "Je lance un jardin partagé",
                     fr("Motivation buddies"), fr("Results of the workshop")]:
        assert expected in text, expected
    assert re.search(r"Participants\s:\s4", text)


def test_pngs_are_a_wide_wall_poster_and_one_chart_per_vote(bundle):
    with Image.open(bundle / "wall.png") as poster:
        assert poster.format == "PNG" and poster.width >= 1920
    for name in ("vote-1.png", "vote-2.png"):
        with Image.open(bundle / name) as chart:
            assert chart.format == "PNG" and chart.width >= 1000


def test_an_empty_workshop_still_gives_every_file_with_headers_and_a_poster(box, stick):
    path = export.export_box(box, stick)
    assert CONTRACT_FILES <= {p.name for p in path.iterdir()}
    assert read_csv(path / "wall.csv") == [[fr(h) for h in ("Id", "Commitment", "Author", "Group", "Family", "Status",
                                                            "Pinned", "Contact")]]
    assert read_csv(path / "wall.csv")[0][1] == "Engagement"
    assert len(read_csv(path / "families.csv")) == 1 + len(box.deck.families)
    assert path.name.startswith("kiosk-atelier-")
    with Image.open(path / "wall.png") as poster:
        assert poster.width >= 1920
    assert fr("No commitment yet.") in pdf_text(path / "report.pdf")


def test_text_typed_by_participants_is_text_in_the_report_never_markup(box, stick):
    typed = "**gras** <b>balise</b> {{x}} %(y)s"
    person = auth.Actor(auth.PARTICIPANT, ok(box.execute(auth.ANONYMOUS, "participant.join", {"name": "Zoé"}))
                        ["participant"]["id"])
    ok(box.execute(person, "wall.post", {"text": typed}))
    path = export.export_box(box, stick)
    assert typed in pdf_text(path / "report.pdf").replace("\n", " ")


def test_emoji_typed_on_a_phone_do_not_break_the_report_or_the_poster(box, stick):
    person = auth.Actor(auth.PARTICIPANT, ok(box.execute(auth.ANONYMOUS, "participant.join", {"name": "Lou 🌱"}))
                        ["participant"]["id"])
    ok(box.execute(person, "wall.post", {"text": "🚲 Réparer les vélos du quartier 🔧"}))
    path = export.export_box(box, stick)
    assert "Réparer les vélos du quartier" in pdf_text(path / "report.pdf")
    with Image.open(path / "wall.png") as poster:
        assert poster.width >= 1920


# --- Consent and secrets -----------------------------------------------------------------------------

def test_a_participant_who_did_not_consent_has_no_contact_anywhere_in_the_bundle(bundle):
    for path in bundle.iterdir():
        if path.suffix != ".png":
            assert SECRET_CONTACT not in readable_text(path), path.name
    contacts = read_csv(bundle / "contacts.csv")
    assert [row[:2] for row in contacts[1:]] == [["Ana", "ana@exemple.fr"], ["'=HYPERLINK(\"x\")", "'+33 6 12 34 56 78"]]
    people = json.loads((bundle / "results.json").read_text(encoding="utf-8"))["participants"]
    assert {p["name"]: p["contact"] for p in people}["Bruno"] == ""


def test_a_contact_shared_on_a_commitment_only_goes_to_no_export_file(box, stick):
    """Ticked on a commitment, sharing is for the matching participants' phones, not for a file."""
    people, _ = fill_workshop(box)
    bruno = people["Bruno"]
    ok(box.execute(bruno, "wall.post", {"text": "Atelier vélo le samedi", "share_contact": True}))
    path = export.export_box(box, stick)
    wall = read_csv(path / "wall.csv")
    assert [row[-1] for row in wall if row[1] == "Atelier vélo le samedi"] == [""]
    for file in path.iterdir():
        if file.suffix != ".png":
            assert SECRET_CONTACT not in readable_text(file), file.name


def test_the_report_prints_no_contact_even_a_shared_one(box, stick):
    people, _ = fill_workshop(box)
    for name in ("Ana", "Bruno"):
        ok(box.execute(people[name], "wall.post", {"text": "Atelier vélo partagé le samedi", "share_contact": True}))
    path = export.export_box(box, stick)
    report = readable_text(path / "report.pdf")
    assert "Atelier vélo" in report
    assert "ana@exemple.fr" not in report and SECRET_CONTACT not in report
    assert "ana@exemple.fr" in (path / "contacts.csv").read_text(encoding="utf-8-sig")  # she agreed to that one


def test_results_json_holds_all_the_data_but_tokens(bundle, filled):
    _, tokens = filled
    results = json.loads((bundle / "results.json").read_text(encoding="utf-8"))
    assert results["workshop"]["title"] == TITLE and results["seq"] > 0
    assert {"keys", "facilitator_sessions"}.isdisjoint(results["tables"])
    assert {"participants", "issues", "votes", "ballots", "groups", "claims", "posts"} <= set(results["tables"])
    assert len(results["votes"]) == 2 and results["votes"][1]["results"][0]["median"] == "excellent"

    def keys(value):
        if isinstance(value, dict):
            return set(value) | set().union(*map(keys, value.values()))
        if isinstance(value, list):
            return set().union(*map(keys, value)) if value else set()
        return set()

    assert "token" not in keys(results)
    for path in bundle.iterdir():
        if path.suffix != ".png":
            text = readable_text(path)
            assert not [t for t in tokens if t in text], path.name


# --- The activities' parts ----------------------------------------------------------------------------

CORE_FILES = {"results.json", "participants.csv", "contacts.csv", "results.xlsx", "report.pdf", "absentees.html"}


def test_the_bundle_is_the_cores_files_plus_each_activitys_sheets_and_pictures(box, filled):
    data = box.store.read(lambda db: export.collect(db, box.deck))
    view = export.View(data)
    tables = [t for a in ACTIVITIES if a.sheets for t in a.sheets(view)]
    pictures = {name for a in ACTIVITIES if a.pictures for name in a.pictures(view)}
    pictures |= {name for a in ACTIVITIES if a.files for name in a.files(view)}
    bundle = export.build(data)
    assert set(bundle.files) == CORE_FILES | {t.file for t in tables} | pictures
    book = load_workbook(io.BytesIO(bundle.files["results.xlsx"]))
    assert book.sheetnames == [fr("Participants"), *[t.sheet for t in tables], fr("Contacts")]
    for table in tables:
        assert bundle.files[table.file] == sheets.to_csv(table)


def test_a_new_activity_adds_its_sheet_section_and_picture_with_no_edit_to_the_core(box, filled):
    def pdf(report, view):
        report.heading("Nuage de mots")
        report.paragraph("jardin · partage")

    cloud = Activity("wordcloud", sheets=lambda view: [sheets.Table("words.csv", "Mots", ["Mot"], [["jardin"]])],
                     pdf=pdf, pictures=lambda view: {"words.png": b"png"})
    data = box.store.read(lambda db: export.collect(db, box.deck))
    bundle = export.build(data, activities=(*ACTIVITIES, cloud))
    assert bundle.files["words.csv"].decode("utf-8-sig") == "Mot\r\njardin\r\n"
    assert bundle.files["words.png"] == b"png"
    assert load_workbook(io.BytesIO(bundle.files["results.xlsx"])).sheetnames[-2:] == ["Mots", fr("Contacts")]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(bundle.files["report.pdf"])).pages)
    assert text.index(fr("Motivation buddies")) < text.index("Nuage de mots") < text.index("jardin · partage")


# --- Safety on the stick ----------------------------------------------------------------------------

def test_the_final_name_appears_only_once_every_file_and_the_folder_are_synced(box, filled, stick, monkeypatch):
    steps = []
    real_write, real_sync, real_rename = export._write_file, export._sync_dir, os.rename

    def write(path, content):
        assert path.parent.name.startswith(".kiosk-") and path.parent.name.endswith("-partial")
        assert not [p for p in stick.iterdir() if not p.name.startswith(".")]
        real_write(path, content)
        steps.append(("file", path.name))

    monkeypatch.setattr(export, "_write_file", write)
    monkeypatch.setattr(export, "_sync_dir", lambda d: (steps.append(("sync", Path(d).name)), real_sync(d)))
    monkeypatch.setattr(export.os, "rename", lambda a, b: (steps.append(("rename", Path(b).name)), real_rename(a, b)))
    path = write_here(box, stick)
    files = [s for s in steps if s[0] == "file"]
    assert steps[:len(files)] == files and len(files) == len(list(path.iterdir()))
    assert steps[len(files):] == [("sync", f".{path.name}-partial"), ("rename", path.name), ("sync", "stick")]


def test_two_exports_in_the_same_minute_make_two_folders(box, filled, stick):
    minute = datetime(2026, 5, 16, 17, 45, tzinfo=timezone(timedelta(hours=2)))  # each export takes seconds
    first = export.export_box(box, stick, now=minute)
    second = export.export_box(box, stick, now=minute.replace(second=40))
    assert first != second and second.name.startswith(first.name)
    assert {p.name for p in first.iterdir()} == {p.name for p in second.iterdir()}


def test_a_partial_folder_left_by_a_pulled_stick_is_replaced(box, filled, stick):
    data = box.store.read(lambda db: export.collect(db, box.deck))
    built = export.build(data)
    leftover = stick / f".{built.name}-partial"
    leftover.mkdir()
    (leftover / "results.json").write_text("{half")
    path = export.write_bundle(built, stick)
    assert not leftover.exists() and json.loads((path / "results.json").read_text())["workshop"]["title"] == TITLE


def test_read_only_stick_is_refused_with_a_clear_message_and_nothing_changes(app, box, filled, tmp_path, monkeypatch):
    before = data_dir_digest(app)
    target = tmp_path / "locked"
    with tmpfs(target, "ro,size=64m") as mounted:
        if not mounted:  # not root: a stick whose mkdir says EROFS, as a locked stick does
            real_mkdir = os.mkdir

            def mkdir(path, *args):
                if Path(path).parent == target:
                    raise OSError(errno.EROFS, "Read-only file system")
                real_mkdir(path, *args)

            monkeypatch.setattr(export.os, "mkdir", mkdir)
        with pytest.raises(KioskError) as error:
            (export.export_box if mounted else write_here)(box, target)
        assert error.value.code == "target_read_only"
        assert i18n.message(error.value, "fr") == fr(export.MESSAGES["target_read_only"])
        assert "lecture seule" in i18n.message(error.value, "fr")
        nothing_left(target)
    assert data_dir_digest(app) == before


def test_full_stick_is_refused_before_writing_anything(app, box, filled, tmp_path, monkeypatch):
    before = data_dir_digest(app)
    target = tmp_path / "tiny"
    with tmpfs(target, "size=128k") as mounted:
        if not mounted:
            monkeypatch.setattr(export.usb, "free_bytes", lambda path: 100_000)
        with pytest.raises(KioskError) as error:
            (export.export_box if mounted else write_here)(box, target)
        assert error.value.code == "target_full"
        assert re.fullmatch(r"The USB stick is full: the export needs \d+ MB\. Free some space or use another stick\.",
                            i18n.message(error.value, "en"))
        nothing_left(target)
    assert data_dir_digest(app) == before


@pytest.mark.parametrize("how", ["simulated", "tmpfs"])
def test_stick_filling_up_midway_gives_a_clear_message_and_leaves_no_folder(app, box, filled, tmp_path, monkeypatch, how):
    before = data_dir_digest(app)
    target = tmp_path / "filling"
    monkeypatch.setattr(export.usb, "free_bytes", lambda path: 10**12)  # the stick claims room it has not
    with tmpfs(target, "size=160k") if how == "tmpfs" else _plain(target) as mounted:
        if not mounted:
            pytest.skip("mounting a tmpfs needs root")
        if how == "simulated":
            written = {"bytes": 0}
            real_write = export._write_file

            def write(path, content):
                if written["bytes"] + len(content) > 40_000:
                    with open(path, "xb") as handle:
                        handle.write(content[:100])
                    raise OSError(errno.ENOSPC, "No space left on device")
                written["bytes"] += len(content)
                real_write(path, content)

            monkeypatch.setattr(export, "_write_file", write)
        with pytest.raises(KioskError) as error:
            write_here(box, target)
        assert error.value.code == "target_full"
        nothing_left(target)
    assert data_dir_digest(app) == before


@contextmanager
def _plain(path: Path):
    path.mkdir()
    yield True


@pytest.mark.parametrize("failure", [errno.ENOENT, errno.EIO])
def test_stick_pulled_out_midway_gives_a_clear_message_and_leaves_no_folder(app, box, filled, stick, monkeypatch, failure):
    before = data_dir_digest(app)
    real_write, count = export._write_file, {"n": 0}

    def write(path, content):
        count["n"] += 1
        if count["n"] == 3:
            if failure == errno.ENOENT:  # the mount point goes away: the next file has nowhere to go
                import shutil

                shutil.rmtree(stick)
            else:
                raise OSError(errno.EIO, "Input/output error")
        real_write(path, content)

    monkeypatch.setattr(export, "_write_file", write)
    with pytest.raises(KioskError) as error:
        write_here(box, stick)
    assert error.value.code == "target_removed"
    assert "removed" in i18n.message(error.value, "en")
    nothing_left(stick)
    assert data_dir_digest(app) == before


def test_a_missing_target_folder_is_refused(box, tmp_path):
    with pytest.raises(KioskError) as error:
        export.export_box(box, tmp_path / "nowhere")
    assert error.value.code == "target_missing"


def test_exporting_leaves_the_data_dir_untouched(app, box, filled, stick):
    before = data_dir_digest(app)
    export.export_box(box, stick)
    export.zip_box(box)
    assert data_dir_digest(app) == before


# --- In a process of its own -----------------------------------------------------------------------

EXPORTED = datetime(2026, 5, 16, 17, 45, tzinfo=timezone(timedelta(hours=2)))


def comparable(name: str, content: bytes):
    """A file of the bundle byte for byte, but for the clock's second the PDF and the workbook stamp
    when they are made (two renderings here in a row differ by it too)."""
    if name.endswith(".pdf"):
        return re.sub(rb"/CreationDate \([^)]*\)|/ID \[<[0-9A-F]+><[0-9A-F]+>\]", b"", content)
    if name.endswith(".xlsx"):
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            return [(member, workbook.read(member)) for member in workbook.namelist() if member != "docProps/core.xml"]
    return content


def job_answers(monkeypatch, answer):
    """The export's process replaced by one that reads its job and gives `answer`."""
    monkeypatch.setattr(export, "JOB", [sys.executable, "-c", "import pickle, sys; pickle.load(sys.stdin.buffer); "
                                                              f"pickle.dump({answer!r}, sys.stdout.buffer)"])


def test_the_bundle_is_rendered_by_another_process_at_a_lower_priority_byte_for_byte(box, filled, stick, monkeypatch):
    real_build, real_popen, seen = export.build, subprocess.Popen, {}

    class Watched(real_popen):
        def communicate(self, *args, **kwargs):
            # The export's process lowers its priority first, then waits for its job: it is waiting now.
            for _ in range(6000):
                fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[16]) != os.nice(0):
                    break
                time.sleep(0.01)
            seen.update(pid=self.pid, nice=int(fields[16]))
            return super().communicate(*args, **kwargs)

    real_collect, collected = export.collect, []
    monkeypatch.setattr(export, "collect", lambda *args: collected.append(real_collect(*args)) or collected[-1])
    monkeypatch.setattr(export.subprocess, "Popen", Watched)
    monkeypatch.setattr(export, "build", lambda *args, **kwargs: pytest.fail("the box rendered the bundle itself"))
    path = export.export_box(box, stick, now=EXPORTED)
    assert seen["pid"] != os.getpid() and seen["nice"] == min(19, os.nice(0) + exportjob.NICE)
    built = real_build(collected[0], EXPORTED)  # what the box copied, rendered here
    assert path == stick / built.name
    assert sorted(p.name for p in path.iterdir()) == sorted(built.files)
    assert [name for name, content in built.files.items()
            if comparable(name, (path / name).read_bytes()) != comparable(name, content)] == []


def test_the_zip_is_written_by_the_export_process_into_a_file_gone_once_closed(box, filled, monkeypatch):
    real_collect, collected = export.collect, []
    monkeypatch.setattr(export, "collect", lambda *args: collected.append(real_collect(*args)) or collected[-1])
    name, zip_file = export.zip_box(box, now=EXPORTED)
    built = export.build(collected[0], EXPORTED)
    assert name == f"{built.name}.zip" and zip_file.tell() == 0
    assert Path(f"/proc/self/fd/{zip_file.fileno()}").readlink().name.endswith("(deleted)")
    with zip_file, zipfile.ZipFile(zip_file) as archive:
        assert archive.namelist() == [f"{built.name}/{file}" for file in built.files]
        assert all(comparable(file, archive.read(f"{built.name}/{file}")) == comparable(file, content)
                   for file, content in built.files.items())


def test_an_export_process_that_dies_is_reported_and_its_hidden_folder_removed(box, filled, stick, monkeypatch):
    data = box.store.read(lambda db: export.collect(db, box.deck))
    partial = stick / f".{export.folder_name(View(data), EXPORTED)}-partial"
    monkeypatch.setattr(export, "JOB", [sys.executable, "-c", (
        f"import os, signal; os.mkdir({str(partial)!r}); "
        f"open(os.path.join({str(partial)!r}, 'results.json'), 'w').write('{{half'); os.kill(os.getpid(), signal.SIGKILL)")])
    with pytest.raises(KioskError) as error:
        export.export_box(box, stick, now=EXPORTED)
    assert error.value.code == "export_stopped"
    assert i18n.message(error.value, "en") == "The export stopped before its end: nothing was written. Export again."
    assert i18n.message(error.value, "fr") == fr(export.MESSAGES["export_stopped"]) != export.MESSAGES["export_stopped"]
    nothing_left(stick)
    with pytest.raises(KioskError) as error:
        export.zip_box(box)
    assert error.value.code == "export_stopped"


def test_an_export_process_that_hangs_is_stopped_and_reported(box, filled, stick, monkeypatch):
    real_popen, real_job, started = subprocess.Popen, export.JOB, []

    class Kept(real_popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(export.subprocess, "Popen", Kept)
    monkeypatch.setattr(export, "JOB", [sys.executable, "-c", "import time; time.sleep(120)"])
    monkeypatch.setattr(export, "JOB_TIMEOUT_S", 1)
    began = time.monotonic()
    with pytest.raises(KioskError) as error:
        export.export_box(box, stick)
    assert time.monotonic() - began < 60
    assert error.value.code == "export_timeout"
    assert i18n.message(error.value, "en").startswith("The export took more than 1 minutes and was stopped")
    assert started[0].returncode is not None  # killed and reaped, not left running
    nothing_left(stick)
    monkeypatch.setattr(export, "JOB_TIMEOUT_S", 600)  # the box exports again afterwards
    monkeypatch.setattr(export, "JOB", real_job)
    assert (export.export_box(box, stick) / "results.json").exists()


def test_a_refusal_comes_back_from_the_export_process_in_the_users_language(app, box, filled, stick):
    with pytest.raises(KioskError) as error:
        export.export_box(box, stick / "unplugged")
    assert error.value.code == "target_missing"
    assert i18n.message(error.value, "fr") == fr(export.MESSAGES["target_missing"]) % {"path": str(stick / "unplugged")}
    nothing_left(stick)


# --- Consistency --------------------------------------------------------------------------------------

def test_export_while_participants_join_gives_a_results_json_whose_seq_matches_its_content(box, stick):
    stop = threading.Event()

    def joins():
        n = 0
        while not stop.is_set():
            n += 1
            ok(box.execute(auth.ANONYMOUS, "participant.join", {"name": f"P{n}"}))

    writer = threading.Thread(target=joins)
    writer.start()
    try:
        seen = set()
        for _ in range(6):
            results = box.store.read(lambda db: export.collect(db, box.deck))
            # Every change of this workshop is a join: seq counts them.
            assert results["seq"] == len(results["participants"]) == len(results["tables"]["participants"])
            seen.add(results["seq"])
        path = export.export_box(box, stick)
    finally:
        stop.set()
        writer.join()
    written = json.loads((path / "results.json").read_text(encoding="utf-8"))
    assert written["seq"] == len(written["participants"]) > 0
    assert len(read_csv(path / "participants.csv")) == 1 + written["seq"]


# --- USB sticks -----------------------------------------------------------------------------------------

def test_find_drives_lists_removable_mounts_under_the_roots_with_label_and_free_space(tmp_path):
    media = tmp_path / "media"
    for name in ("ana/CLÉ USB", "ana/DISK", "ana/SDCARD"):
        (media / name).mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    mounts = "\n".join([
        f"/dev/sdb1 {media}/ana/CLÉ\\040USB vfat rw,nosuid 0 0",
        f"/dev/sda2 {media}/ana/DISK ext4 rw 0 0",
        f"/dev/sdc1 {tmp_path}/elsewhere vfat rw 0 0",
        f"/dev/mmcblk1p1 {media}/ana/SDCARD exfat rw 0 0",
        f"/dev/sdd1 {media}/ana/GONE vfat rw 0 0",
        "proc /proc proc rw 0 0",
    ])
    removable = {"/dev/sdb1": True, "/dev/sda2": False, "/dev/sdc1": True, "/dev/mmcblk1p1": None, "/dev/sdd1": True}
    drives = usb.find_drives(roots=(str(media),), mounts=mounts, removable=removable.get)
    assert [(d.label, d.path) for d in drives] == [("CLÉ USB", f"{media}/ana/CLÉ USB"), ("SDCARD", f"{media}/ana/SDCARD")]
    assert all(d.free > 0 for d in drives)
    assert drives[0].public() == {"label": "CLÉ USB", "path": f"{media}/ana/CLÉ USB", "free": drives[0].free}


def test_lsblk_output_gives_the_removable_or_hotplugged_partitions(tmp_path):
    text = json.dumps({"blockdevices": [
        {"name": "sda", "rm": False, "hotplug": False, "mountpoint": "/", "label": None, "children": []},
        {"name": "sdb", "rm": True, "hotplug": True, "mountpoint": None, "label": None, "children": [
            {"name": "sdb1", "rm": True, "hotplug": True, "mountpoint": "/media/pi/KIOSK", "label": "KIOSK"}]},
        {"name": "sdc", "rm": "0", "hotplug": "1", "mountpoint": None, "children": [
            {"name": "sdc1", "rm": "0", "hotplug": "1", "mountpoint": "/mnt/usb", "label": ""}]},
        {"name": "sdd", "rm": False, "hotplug": False, "children": [
            {"name": "sdd1", "rm": False, "hotplug": False, "mountpoint": "/mnt/data", "label": "DATA"}]},
    ]})
    assert usb.parse_lsblk(text, usb.ROOTS) == [("KIOSK", "/media/pi/KIOSK"), ("", "/mnt/usb")]


# --- The command line --------------------------------------------------------------------------------

def test_cli_export_to_a_folder_prints_the_bundle_path_and_leaves_the_data_alone(app, box, filled, tmp_path, capsys):
    before = data_dir_digest(app)
    target = tmp_path / "out" / "here"
    assert cli.main(["export", "--data", app.config["KIOSK"]["data"], "--to", str(target)]) == 0
    printed = capsys.readouterr().out.strip()
    path = Path(printed)
    assert path.parent == target and CONTRACT_FILES <= {p.name for p in path.iterdir()}
    results = json.loads((path / "results.json").read_text(encoding="utf-8"))
    assert results["seq"] == box.store.read(lambda db: db.table("meta").get(doc_id=1)["seq"])
    assert data_dir_digest(app) == before


def test_cli_without_a_stick_says_so_in_one_line_and_exits_1(app, filled, monkeypatch, capsys):
    monkeypatch.setattr(usb, "find_drives", lambda: [])
    assert cli.main(["export", "--data", app.config["KIOSK"]["data"]]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "clé USB" in err and "--to" in err


def test_cli_with_several_sticks_lists_them_and_asks_for_to(app, filled, tmp_path, monkeypatch, capsys):
    drives = [usb.Drive("A", str(tmp_path / "a"), 10**9), usb.Drive("B", str(tmp_path / "b"), 10**9)]
    monkeypatch.setattr(usb, "find_drives", lambda: drives)
    assert cli.main(["export", "--data", app.config["KIOSK"]["data"]]) == 1
    err = capsys.readouterr().err
    assert str(tmp_path / "a") in err and str(tmp_path / "b") in err and "--to" in err


def test_cli_writes_onto_the_only_stick(app, filled, stick, monkeypatch, capsys):
    monkeypatch.setattr(usb, "find_drives", lambda: [usb.Drive("KIOSK", str(stick), 10**9)])
    assert cli.main(["export", "--data", app.config["KIOSK"]["data"]]) == 0
    assert Path(capsys.readouterr().out.strip()).parent == stick


def test_cli_on_an_empty_data_dir_exits_1(tmp_path, capsys):
    assert cli.main(["export", "--data", str(tmp_path / "none"), "--to", str(tmp_path / "out")]) == 1
    assert "kiosk export:" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()


def test_cli_on_an_unforeseen_error_prints_one_line_and_exits_1(app, filled, tmp_path, monkeypatch, capsys):
    def too_large(data):
        raise OSError(27, "File too large")

    monkeypatch.setattr(export, "build", too_large)
    assert cli.main(["export", "--data", app.config["KIOSK"]["data"], "--to", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kiosk export:") and "File too large" in err
    assert "Traceback" not in err


# --- The console's routes --------------------------------------------------------------------------

def facilitator_token(client) -> str:
    return client.post("/api/facilitator", json={"pin": PIN}).json["token"]


def test_export_routes_refuse_anyone_but_the_facilitator(app, filled):
    _, tokens = filled
    for headers in ({}, {"Authorization": f"Bearer {tokens[0]}"}, {"Authorization": "Bearer nope"}):
        client = app.test_client()
        for response in (client.get("/api/export/targets", headers=headers),
                         client.post("/api/export", json={"target": "/tmp"}, headers=headers),
                         client.get("/api/export.zip", headers=headers)):
            assert response.status_code == 403
            assert response.json["code"] == "forbidden"


def test_export_targets_lists_the_sticks_for_a_bearer_token(app, stick, monkeypatch):
    monkeypatch.setattr(usb, "find_drives", lambda: [usb.Drive("KIOSK", str(stick), 123)])
    token = facilitator_token(app.test_client())
    response = app.test_client().get("/api/export/targets", headers={"Authorization": f"Bearer {token}"})
    assert response.json == {"ok": True, "targets": [{"label": "KIOSK", "path": str(stick), "free": 123}]}


def test_export_post_writes_onto_the_chosen_stick_with_the_login_cookie(app, filled, stick, monkeypatch):
    monkeypatch.setattr(usb, "find_drives", lambda: [usb.Drive("KIOSK", str(stick), 10**9)])
    client = app.test_client()
    facilitator_token(client)
    answer = client.post("/api/export", json={"target": str(stick)}).json
    assert answer["ok"] and Path(answer["path"]).parent == stick
    assert CONTRACT_FILES <= {p.name for p in Path(answer["path"]).iterdir()}


def test_export_post_refuses_a_folder_that_is_not_a_listed_stick(app, tmp_path, monkeypatch):
    monkeypatch.setattr(usb, "find_drives", lambda: [])
    client = app.test_client()
    facilitator_token(client)
    response = client.post("/api/export", json={"target": str(tmp_path)}, headers={"Accept-Language": "en"})
    assert response.status_code == 404 and response.json["code"] == "not_found"
    assert list(tmp_path.iterdir()) == [Path(app.config["KIOSK"]["data"])]


def test_export_post_failure_is_a_sentence_in_the_callers_language(app, filled, stick, monkeypatch):
    monkeypatch.setattr(usb, "find_drives", lambda: [usb.Drive("KIOSK", str(stick), 10**9)])
    job_answers(monkeypatch, ("refused", "target_full", export.MESSAGES["target_full"], {"mb": 3}))
    client = app.test_client()
    facilitator_token(client)
    english = client.post("/api/export", json={"target": str(stick)}, headers={"Accept-Language": "en"})
    assert english.status_code == 507 and english.json["code"] == "target_full"
    assert english.json["error"].startswith("The USB stick is full")
    french = client.post("/api/export", json={"target": str(stick)})
    assert french.json["error"].startswith("La clé USB")


def test_export_zip_streams_the_same_bundle_in_its_folder(app, filled):
    client = app.test_client()
    token = facilitator_token(client)
    response = app.test_client().get("/api/export.zip", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = archive.namelist()
        folder = names[0].split("/")[0]
        assert folder.startswith("kiosk-inventer-votre-territoire-collaboratif-")
        assert {f"{folder}/{name}" for name in CONTRACT_FILES} <= set(names)
        assert json.loads(archive.read(f"{folder}/results.json"))["workshop"]["title"] == TITLE


def test_console_has_an_export_section_with_the_zip_link(client):
    page = client.get("/facilitator?lang=en").get_data(as_text=True)
    assert 'id="export-heading"' in page and 'href="/api/export.zip"' in page


def test_people_who_share_a_name_are_told_apart_in_every_file():
    from kiosk.export.view import View

    view = View({"participants": [{"id": 1, "name": "Chloé"}, {"id": 2, "name": "Bruno"}, {"id": 4, "name": "chloe"}],
                 "removed": [{"id": 3, "name": "Chloe"}]})
    # Told apart whatever the case and accents, in the order they joined; a unique name stays as it is.
    assert [view.name(i) for i in (1, 2, 3, 4)] == ["Chloé (1)", "Bruno", "Chloe (2)", "chloe (3)"]
    participants, contacts = export.people_tables(view)
    assert [row[1] for row in participants.rows] == ["Chloé (1)", "Bruno", "Chloe (2)", "chloe (3)"]


def test_report_paragraphs_are_ranged_left_not_justified():
    import fpdf

    calls = []
    original = fpdf.FPDF.cell

    def spy(self, *args, **kwargs):
        calls.append(str(kwargs.get("align", "default")))
        return original(self, *args, **kwargs)

    fpdf.FPDF.cell = spy
    try:
        from kiosk.export.pdf import Report
        from kiosk.export.view import View
        from datetime import datetime
        report = Report(View({"workshop": {"title": "Atelier « Mobilités » du Val d’Ouche à Pouilly-en-Auxois"}}),
                        datetime(2026, 11, 27))
        report.cover(View({"workshop": {"title": "Atelier"}}))
        report.heading("Les enjeux retenus par les participantes et les participants")
    finally:
        fpdf.FPDF.cell = original
    assert calls and set(calls) == {"L"}
