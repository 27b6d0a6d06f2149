"""The ateliers-participatifs day (seed 004), played end to end against a real box (`kiosk serve`
in its own process): twelve phones, one wall and the console, all python-socketio clients, from
joining to `kiosk export`. Each exported file is checked against what the phones did: the
address book's consents, the words, the situation review, the needs vote, the seeds and their
action groups, the page for those who could not come, the workbook and the printed report."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_programme_e2e import NAMES, PIN, PHONES, export, next_step, room  # noqa: F401  (room: the twelve phones)

from kiosk.boxprocess import free_port, start_box

pytestmark = pytest.mark.slow

TITLE = "Ateliers participatifs du Grand Briançonnais"
PLACE = "Briançon, tiers-lieu La Cordée"
NEEDS = "Besoins"
STRUCTURES = ["Mairie de Briançon", "Centre social", "Biocoop des Écrins", "Lycée d'Altitude"]


@pytest.fixture
def box(tmp_path):
    port = free_port()
    running = start_box(tmp_path / "data", port=port,
                        env={"KIOSK_PIN": PIN, "KIOSK_PUBLIC_URL": f"http://127.0.0.1:{port}/",
                             "KIOSK_PROGRAMME": "ateliers-participatifs"})
    yield running
    running.stop()


def table(bundle: Path, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((bundle / name).read_text(encoding="utf-8-sig")), delimiter=";"))


def card(n: int) -> dict:
    """Phone n's card: every phone a card; the consents vary, each use on its own."""
    return {"name": NAMES[n], "structure": STRUCTURES[n % 4], "role": f"Rôle {n}", "email": f"contact{n}@exemple.fr",
            "phone": f"06 00 00 00 {n:02d}", "bring": f"Apport {n}", "seek": f"Recherche {n}",
            "room": n % 2 == 0, "report": n % 3 == 0, "absentees": n % 4 == 0}


def test_the_ateliers_participatifs_day_from_joining_to_the_export(box, room, tmp_path):
    wall, console, phones, people = room["wall"], room["console"], room["phones"], room["people"]
    ids = [p["id"] for p in people]
    wall.wait("participant.joined", lambda d: d["count"] == PHONES)

    # --- Morning 1. Welcome.
    next_step(console, wall, phones, 0, "welcome")
    console.ok("workshop.update", {"title": TITLE, "date": "2026-03-14", "territory": PLACE})

    # --- 2. Ice-breaker word cloud: spellings of one word group together, the most sent shown.
    mark = wall.mark()
    next_step(console, wall, phones, 1, "wordcloud")
    cloud = wall.wait("wordcloud.opened", since=mark)["wordcloud"]
    assert cloud["prompt"] == "En un mot, ce qui vous amène"
    for n, phone in enumerate(phones):
        words = ["Rencontres" if n < 7 else "rencontre"] + (["Réseau" if n < 4 else "réseaux"] if n < 6 else [])
        phone.ok("wordcloud.send", {"words": words + (["Coopération"] if n == 0 else [])})
    shown = wall.wait("wordcloud.words", lambda d: d["people"] == PHONES, mark)
    assert {w["text"]: w["count"] for w in shown["words"]} == {"Rencontres": 12, "Réseau": 6, "Coopération": 1}

    # --- 3. Address book: every phone fills its card, each consent on its own.
    next_step(console, wall, phones, 2, "addressbook")
    for n, phone in enumerate(phones):
        phone.ok("addressbook.save", card(n))
    console.ok("addressbook.add_contact", {"organisation": "France Services", "kind": "public_contact",
                                           "email": "accueil@franceservices.exemple.fr", "offers": "Démarches"})

    # --- 4. Round table: the floor goes round in joining order.
    mark = wall.mark()
    next_step(console, wall, phones, 3, "roundtable")
    assert wall.wait("roundtable.changed", since=mark)  # Next started the round, in joining order
    for _ in range(3):
        console.ok("roundtable.next")
    assert wall.wait("roundtable.changed", since=mark)

    # --- 5. Situation review: notes in the five buckets, +1s, a duplicate merged (its +1s kept).
    mark = wall.mark()
    next_step(console, wall, phones, 4, "review")
    review = wall.wait("review.opened", since=mark)["review"]
    buckets = review["buckets"]
    assert buckets == ["Freins", "Leviers", "Moyens", NEEDS, "Attentes"]
    notes = {}
    for n, phone in enumerate(phones[:10]):
        bucket = buckets[n % 5]
        text = f"{bucket} : note {n}"
        notes[text] = phone.ok("review.post", {"bucket": bucket, "text": text})["note"]["id"]
    duplicate = phones[10].ok("review.post", {"bucket": NEEDS, "text": "Besoins : note 3 (bis)"})["note"]["id"]
    phones[0].ok("review.plus", {"note_id": duplicate})
    for phone in phones[4:8]:
        phone.ok("review.plus", {"note_id": notes["Besoins : note 3"]})
    console.ok("review.merge", {"note_id": duplicate, "into": notes["Besoins : note 3"]})

    # --- 6. The list of needs: more needs, more +1s.
    next_step(console, wall, phones, 5, "review")
    extra = phones[11].ok("review.post", {"bucket": NEEDS, "text": "Un lieu pour se retrouver"})["note"]["id"]
    for phone in phones[:3]:
        phone.ok("review.plus", {"note_id": extra})

    # --- 7. Lunch.
    next_step(console, wall, phones, 6, "welcome")

    # --- Afternoon 8. The vote on the needs (the review's "Besoins" bucket).
    mark = wall.mark()
    next_step(console, wall, phones, 7, "vote")
    vote = wall.wait("vote.opened", since=mark)["vote"]
    items = {item["text"]: item["id"] for item in vote["items"]}
    assert set(items) == {"Besoins : note 3", "Besoins : note 8", "Un lieu pour se retrouver"}
    for n, phone in enumerate(phones):
        phone.ok("vote.cast", {"issue_id": items["Un lieu pour se retrouver"], "dots": 2})
        phone.ok("vote.cast", {"issue_id": items["Besoins : note 3" if n < 8 else "Besoins : note 8"], "dots": 1})
    console.ok("vote.close")
    closed = wall.wait("vote.closed", since=mark)["vote"]
    assert [r["issue_id"] for r in closed["results"]] == [items["Un lieu pour se retrouver"], items["Besoins : note 3"],
                                                          items["Besoins : note 8"]]

    # --- 9. Groups around the top needs; everyone joins one, each has a secretary.
    mark = wall.mark()
    next_step(console, wall, phones, 8, "groups")
    groups = wall.wait("groups.formed", since=mark)["groups"]
    assert [g["name"] for g in groups] == ["Un lieu pour se retrouver", "Besoins : note 3", "Besoins : note 8"]
    group_ids = [g["id"] for g in groups]
    for n, phone in enumerate(phones):
        phone.ok("group.join", {"group_id": group_ids[n % 3]})
    for n in range(3):
        phones[n].ok("group.secretary", {"group_id": group_ids[n], "participant_id": ids[n]})

    # --- 10. Project seeds: one card per group, written by its secretary.
    mark = wall.mark()
    next_step(console, wall, phones, 9, "seeds")
    seeds = wall.wait("seeds.opened", since=mark)["seeds"]
    seed_of = {s["group_id"]: s for s in seeds}
    titles = {}
    for n, group_id in enumerate(group_ids):
        seed = seed_of[group_id]
        titles[group_id] = f"Graine {n + 1}"
        for field, value in (("title", titles[group_id]), ("pitch", f"Pitch {n + 1}"),
                             ("first_step", f"Premier pas {n + 1}"), ("who_does_what", f"Qui fait quoi {n + 1}")):
            answer = phones[n].ok("seed.edit", {"seed_id": seed["id"], "field": field, "value": value,
                                                "version": seed["versions"][field]})
            seed = answer["seed"]
        seed_of[group_id] = seed

    # --- 11. Action groups: phones join, each seed gets a referent and its next meeting.
    next_step(console, wall, phones, 10, "seeds")
    for n, phone in enumerate(phones):
        phone.ok("seed.join", {"seed_id": seed_of[group_ids[n % 3]]["id"]})
    phones[11].ok("seed.join", {"seed_id": seed_of[group_ids[0]]["id"]})
    for n, group_id in enumerate(group_ids):
        seed = seed_of[group_id]
        phones[n].ok("seed.referent", {"seed_id": seed["id"], "participant_id": ids[n]})
        for field, value in (("meeting_date", f"2026-04-0{n + 1}"), ("meeting_place", f"Salle {n + 1}"),
                             ("open", n != 2)):
            seed = phones[n].ok("seed.edit", {"seed_id": seed["id"], "field": field, "value": value,
                                              "version": seed["versions"][field]})["seed"]

    # --- 12. Report-back: each group presents, the others react.
    mark = wall.mark()
    next_step(console, wall, phones, 11, "report")
    report = wall.wait("report.changed", since=mark)["report"]
    reactions = 0
    while report is not None:
        if report["part"] == "react":
            n = group_ids.index(report["group_id"])
            phones[(n + 1) % 3].ok("reaction.post", {"group_id": report["group_id"], "kind": "positive",
                                                     "text": f"Bravo groupe {n + 1}"})
            reactions += 1
        report = console.ok("report.next")["report"]
    assert reactions == 3

    # --- 13. Closing: the last step.
    next_step(console, wall, phones, 12, "closing")
    assert console.call("programme.next")["code"] == "last_step"

    # --- The export, written beside the running box.
    bundle = export(box, tmp_path / "stick")
    files = {p.name for p in bundle.iterdir()}
    assert {"address-book.vcf", "address-book.csv", "words.csv", "words.png", "review.csv", "seeds.csv",
            "absentees.html", "results.xlsx", "report.pdf"} <= files

    # The address book: the report's cards and the useful contact, nobody else's.
    report_cards = [n for n in range(PHONES) if card(n)["report"]]
    book = table(bundle, "address-book.csv")
    book_text = "\n".join(";".join(row) for row in book)
    for n in range(PHONES):
        assert (f"contact{n}@exemple.fr" in book_text) == (n in report_cards), n
    assert "France Services" in book_text
    vcf = (bundle / "address-book.vcf").read_text(encoding="utf-8")
    assert vcf.count("BEGIN:VCARD") == len(report_cards) + 1 and "VERSION:4.0" in vcf
    for n in range(PHONES):
        assert (f"contact{n}@exemple.fr" in vcf) == (n in report_cards), n

    # The words.
    words = {row[0]: int(row[1]) for row in table(bundle, "words.csv")[1:]}
    assert words == {"Rencontres": 12, "Réseau": 6, "Coopération": 1}

    # The situation review: the merged duplicate in its original's row, the +1s of both kept.
    review_rows = table(bundle, "review.csv")
    merged = next(row for row in review_rows if row[1] == "Besoins : note 3")
    assert merged[0] == NEEDS and int(merged[2]) == 5 and "Besoins : note 3 (bis)" in merged[3]
    assert not any(row[1] == "Besoins : note 3 (bis)" for row in review_rows)
    assert {row[1] for row in review_rows[1:]} == {*notes, "Un lieu pour se retrouver"}

    # The seeds, with their referents, members and next meetings.
    seed_rows = {row[0]: row for row in table(bundle, "seeds.csv")[1:]}
    assert set(seed_rows) == {"Graine 1", "Graine 2", "Graine 3"}
    for n, group_id in enumerate(group_ids):
        row = seed_rows[f"Graine {n + 1}"]
        assert row[1] == groups[n]["name"] and row[2] == f"Pitch {n + 1}" and row[3] == f"Premier pas {n + 1}"
        assert row[4] == NAMES[n]
        members = {NAMES[m] for m in range(PHONES) if m % 3 == n} | ({NAMES[11]} if n == 0 else set())
        assert set(row[5].split(", ")) == members
        assert f"2026-04-0{n + 1}" in row[6] and f"Salle {n + 1}" in row[6]

    # The page for those who could not come: only the cards ticked for them.
    page = (bundle / "absentees.html").read_text(encoding="utf-8")
    assert TITLE in page and PLACE in page and "<script" not in page
    for n in range(PHONES):
        assert (f"contact{n}@exemple.fr" in page) == card(n)["absentees"], n
    for n in range(3):
        assert f"Graine {n + 1}" in page and f"Salle {n + 1}" in page
    assert "Un lieu pour se retrouver" in page and "Rencontres" in page and "Leviers : note 1" in page
    for structure in STRUCTURES:
        assert structure.replace("'", "&#39;") in page

    # The workbook and the printed report.
    sheets = load_workbook(bundle / "results.xlsx").sheetnames
    assert {"Mots", "État des lieux", "Graines de projet"} <= set(sheets), sheets
    assert any(re.match("Carnet d", name) for name in sheets), sheets
    text = " ".join(subprocess.run(["pdftotext", str(bundle / "report.pdf"), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for needle in ("Graine 1", "Besoins : note 3", "Rencontres", "Un lieu pour se retrouver", "Mairie de Briançon"):
        assert needle in text, needle
