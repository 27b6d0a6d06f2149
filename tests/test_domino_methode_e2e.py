"""The DOMINO method (seed 002), one territory's year played end to end against a real box (`kiosk
serve` in its own process with the `domino-methode` programme): twelve phones, the wall and three
consoles (volunteers typing paper forms), all python-socketio clients, from joining to `kiosk
export`. A census of 1,500 entries typed through the protocol (paper forms at the consoles, phones
meanwhile) with its duplicates flagged and one merged, a moving debate over three statements with
moves and arguments, six criteria rated with some "je ne sais pas", twelve recommendations rated
and planned; then every DOMINO file of the bundle (posters.pdf included), checked against figures
computed here."""

from __future__ import annotations

import csv
import io
import json
import struct
import subprocess
import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_programme_e2e import NAMES, PHONES, PIN, Client, export, next_step, post_json, room  # noqa: F401

from kiosk.activities.census import codes
from kiosk.boxprocess import free_port, start_box

pytestmark = pytest.mark.slow

PAPER_PER_CONSOLE, CONSOLES = 400, 3  # 1,200 paper forms typed in by three volunteers at once
PHONE_TYPISTS, PHONE_ENTRIES = 11, 300  # the twelfth phone only checks it is answered while they type
TOTAL = CONSOLES * PAPER_PER_CONSOLE + PHONE_ENTRIES
PROBE_EVERY = 50  # the twelfth phone asks for its state every 50 entries acknowledged
COMMUNES = ["Allaire", "Avessac", "Bains-sur-Oust", "Béganne", "Fégréac", "Guémené-Penfao", "Langon", "Peillac",
            "Pipriac", "Plessé", "Redon", "Rieux", "Saint-Just", "Saint-Nicolas-de-Redon", "Sixt-sur-Aff"]
THEMES = ["Alimentation", "Mobilité", "Habitat et fabrique de la ville", "Énergie", "Réemploi et réparation",
          "Culture et loisirs", "Solidarité et entraide", "Emploi et économie", "Autre"]
KINDS = ["Jardin partagé", "Repair café", "Covoiturage", "Épicerie solidaire", "Atelier vélo", "Boîte à livres"]
SIDES = ("agree", "doubt", "disagree")
STATEMENTS = ["Une pratique collaborative est forcément durable.",
              "Le covoiturage par une plateforme privée est une pratique collaborative durable.",
              "Une pratique durable crée du lien entre des personnes qui ne se parlent pas."]
ADDED = [("Accessibilité", "Part des habitants à moins de 15 min"),
         ("Gouvernance partagée", "Décisions prises en collectif"), ("Transmission", "Personnes formées dans l'année")]
QUADRANTS = {"quick_win": "Gains rapides", "major_project": "Grands projets", "fill_in": "Petites tâches",
             "thankless": "Tâches ingrates"}


@pytest.fixture
def box(tmp_path):
    port = free_port()
    running = start_box(tmp_path / "data", port=port,
                        env={"KIOSK_PIN": PIN, "KIOSK_PUBLIC_URL": f"http://127.0.0.1:{port}/",
                             "KIOSK_PROGRAMME": "domino-methode"})
    yield running
    running.stop()


def table(bundle: Path, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((bundle / name).read_text(encoding="utf-8-sig")), delimiter=";"))


def entry(n: int) -> dict:
    """Entry `n` of the census: its name carries its number, so no two are alike by accident (names
    whose numbers differ are never close), except the duplicates planted on purpose."""
    return {"name": f"{KINDS[n % len(KINDS)]} n° {n}", "theme": THEMES[n % len(THEMES)],
            "commune": COMMUNES[n % len(COMMUNES)], "description": f"Initiative {n}, recensée pendant l’atelier.",
            "people": n % 120}


class Progress:
    """How many census entries were acknowledged so far; the phones pace themselves on it (a count,
    not a clock)."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()
        self.errors: list = []

    def acked(self):
        with self.changed:
            self.count += 1
            self.changed.notify_all()

    def reach(self, n: int):
        with self.changed:
            self.changed.wait_for(lambda: self.count >= n or self.errors, timeout=120)

    def now(self) -> int:
        with self.changed:
            return self.count


def quartiles(values: list[int]) -> tuple[float, float, float]:
    """(Q1, median, Q3) by linear interpolation at position (n − 1)·k/4 of the sorted values, as a
    spreadsheet's QUARTILE does; written here without the box's code."""
    ordered = sorted(values)

    def at(k: int) -> float:
        position = (len(ordered) - 1) * k / 4
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    return at(1), at(2), at(3)


def number(value: float) -> str:
    return f"{value:g}" if value == round(value, 2) else f"{value:.2f}"


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def type_census(box, phones: list[Client], probe: Client, ids: list[int]) -> dict:
    """1,500 entries at once: three consoles type 1,200 paper forms, eleven phones send 300 entries
    paced on the count, the twelfth phone asks for its state every 50 entries. Returns what each
    entry is (`{n: (source, code)}`) and, per probe, how many entries were acknowledged while it
    waited for its answer."""
    url, progress = box.base_url, Progress()
    consoles = [Client(url, post_json(url, "/api/facilitator", {"pin": PIN})["token"], f"volunteer {v}")
                for v in range(CONSOLES)]
    paper_codes = codes.new_codes(CONSOLES * PAPER_PER_CONSOLE)
    made: dict[int, tuple[str, str]] = {}
    waits: list[int] = []

    def guarded(work):
        def run():
            try:
                work()
            except BaseException as error:  # seen by the test's thread, which fails with it
                with progress.changed:
                    progress.errors.append(error)
                    progress.changed.notify_all()
        return threading.Thread(target=run)

    def volunteer(v: int):
        for k in range(PAPER_PER_CONSOLE):
            n = v * PAPER_PER_CONSOLE + k
            consoles[v].ok("census.add", {"values": entry(n), "code": paper_codes[n]})
            made[n] = ("paper", paper_codes[n])
            progress.acked()

    def phone(p: int):
        mine = range(CONSOLES * PAPER_PER_CONSOLE + p, TOTAL, PHONE_TYPISTS)
        for k, n in enumerate(mine):
            progress.reach(k * (TOTAL - PHONE_ENTRIES) // len(mine))  # a phone sends an entry now and then
            phones[p].ok("census.add", {"values": entry(n)})
            made[n] = ("phone", "")
            progress.acked()

    def probing():
        for target in range(PROBE_EVERY, TOTAL, PROBE_EVERY):
            progress.reach(target)
            before = progress.now()
            mark = probe.mark()
            probe.ok("state.get")
            assert probe.wait("state", since=mark)["me"]["id"] == ids[-1]
            waits.append(progress.now() - before)

    threads = [guarded(lambda v=v: volunteer(v)) for v in range(CONSOLES)]
    threads += [guarded(lambda p=p: phone(p)) for p in range(PHONE_TYPISTS)] + [guarded(probing)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    for console in consoles:
        console.sio.disconnect()
    assert not progress.errors, progress.errors[:3]
    assert progress.now() == TOTAL and len(made) == TOTAL
    return {"made": made, "waits": waits}


def test_the_domino_method_year_from_joining_to_the_export(box, room, tmp_path):
    wall, console, phones, people = room["wall"], room["console"], room["phones"], room["people"]
    ids = [p["id"] for p in people]
    wall.wait("participant.joined", lambda d: d["count"] == PHONES)

    # --- First meeting: the census.
    next_step(console, wall, phones, 0, "welcome")
    console.ok("workshop.update", {"title": "DOMINO : recensement", "date": "2016-01-21", "territory": "Pays de Redon"})
    mark = wall.mark()
    next_step(console, wall, phones, 1, "census")
    census = wall.wait("census.opened", since=mark)["census"]
    assert census["status"] == "open" and census["form"]["id"] == "domino"

    typed = type_census(box, phones[:PHONE_TYPISTS], phones[-1], ids)
    made = typed["made"]
    # The twelfth phone was answered throughout: 29 probes, each while a few dozen entries at most
    # went through (the box takes the writers in turn; a phone never waits for the whole census).
    assert len(typed["waits"]) == TOTAL // PROBE_EVERY - 1
    assert max(typed["waits"]) <= 120, typed["waits"]
    # The wall's count went up to 1,500, by source.
    counts = wall.wait("census.counts", lambda d: d["counts"]["total"] == TOTAL)["counts"]
    assert counts["source"] == {"paper": CONSOLES * PAPER_PER_CONSOLE, "phone": PHONE_ENTRIES}
    assert counts["theme"] == {theme: sum(1 for n in range(TOTAL) if n % len(THEMES) == t)
                               for t, theme in enumerate(THEMES)}
    assert console.seen("census.review") == []  # no two entries alike yet

    # Three entries already in the census: the same name in the same commune (the case, the accents
    # and the article aside), a close spelling, and the same name in another commune (not flagged).
    same = {**entry(7), "name": "Le " + entry(7)["name"].upper().replace("É", "E"),
            "description": "Ressaisi depuis un formulaire papier."}
    close = {**entry(8), "name": entry(8)["name"].replace("o", "oo", 1)}
    elsewhere = {**entry(9), "commune": COMMUNES[(9 + 1) % len(COMMUNES)]}
    mark = console.mark()
    extra = codes.new_codes(3, set(code for _, code in made.values()))
    assert console.ok("census.add", {"values": same, "code": extra[0]})["duplicates"] == 1
    assert phones[0].ok("census.add", {"values": close})["duplicates"] == 1
    assert console.ok("census.add", {"values": elsewhere, "code": extra[1]})["duplicates"] == 0
    review = console.wait("census.review", lambda d: d["review"]["pending"] == 2, since=mark)["review"]
    reasons = {pair["b"]["name"]: pair["reason"] for pair in review["pairs"]}
    assert reasons == {same["name"]: "same name", close["name"]: "close spelling"}
    # A paper form typed twice is refused, and changes nothing.
    again = console.call("census.add", {"values": entry(10), "code": extra[0]})
    assert again["ok"] is False and again["code"] == "code_typed"
    # The facilitator merges the first pair, keeping the older entry; the second stays to review.
    pair = next(p for p in review["pairs"] if p["reason"] == "same name")
    console.ok("census.merge", {"pair": pair["id"], "keep": pair["a"]["id"]})
    assert console.wait("census.review", lambda d: d["review"]["pending"] == 1)["review"]["pairs"][0]["b"]["name"] \
        == close["name"]

    next_step(console, wall, phones, 2, "census")  # the paper forms step: the census stays open
    console.ok("census.close")

    # --- Second meeting: the census's counts, then the moving debate and the criteria.
    console.ok("workshop.update", {"title": "DOMINO : débat mouvant", "date": "2016-02-25"})
    mark = wall.mark()
    next_step(console, wall, phones, 3, "census")  # Next reopens it: late paper forms may come in
    assert wall.wait("census.opened", since=mark)["census"]["status"] == "open"
    console.ok("census.close")

    mark = wall.mark()
    next_step(console, wall, phones, 4, "debate")
    expected_debate = []
    for s, text in enumerate(STATEMENTS):
        if s:
            mark = wall.mark()
            console.ok("debate.open")  # the step's next statement
        opened = wall.wait("debate.opened", since=mark)["debate"]
        assert opened["text"] == text
        first = {n: SIDES[(n + s) % 3] for n in range(PHONES - 1)}  # the last phone stays off the line
        for n, side in first.items():
            phones[n].ok("debate.take", {"side": side})
        arguments = [("agree", f"Argument pour {s}"), ("disagree", f"Argument contre {s}")]
        now, moves = dict(first), 0
        for side, argument in arguments:
            console.ok("debate.argument", {"side": side, "text": argument})
        # After the arguments, the first three phones go to "agree", phone 3 comes back to its side.
        for n in range(3):
            if now[n] != "agree":
                phones[n].ok("debate.take", {"side": "agree"})
                now[n], moves = "agree", moves + 1
        phones[3].ok("debate.take", {"side": "disagree" if first[3] != "disagree" else "doubt"})
        phones[3].ok("debate.take", {"side": first[3]})
        moves += 2
        movers = sum(1 for n in range(3) if first[n] != "agree") + 1
        line = wall.wait("debate.line", lambda d: d["moves"] == moves and d["counts"] == {
            side: list(now.values()).count(side) for side in SIDES})
        assert line["movers"] == movers and line["people"] == PHONES - 1
        expected_debate.append((text, {side: list(first.values()).count(side) for side in SIDES},
                                {side: list(now.values()).count(side) for side in SIDES}, moves, movers, arguments))
    console.ok("debate.close")

    mark = wall.mark()
    next_step(console, wall, phones, 5, "criteria")
    started = wall.wait("criteria.changed", since=mark)["criteria"]
    assert [i["name"] for i in started["items"]] == ["Lien social", "Sobriété", "Économie locale"]
    for name, indicator in ADDED:
        console.ok("criteria.add", {"name": name, "indicator": indicator})
    console.ok("criteria.open")
    items = phones[0].wait("criteria.changed", lambda d: d["criteria"]["status"] == "rating")["criteria"]["items"]
    assert len(items) == 6
    ratings = {item["name"]: [] for item in items}
    unknown = {item["name"]: 0 for item in items}
    for n, phone in enumerate(phones):
        for k, item in enumerate(items):
            value = None if (n + k) % 7 == 0 else (n * (k + 1) + k) % 5 if k % 2 else min(4, 2 + n % 3)
            phone.ok("criteria.rate", {"criterion_id": item["id"], "value": value})
            if value is None:
                unknown[item["name"]] += 1
            else:
                ratings[item["name"]].append(value)
    radar = wall.wait("criteria.radar", lambda d: sum(r["n"] + r["unknown"] for r in d["radar"]) == PHONES * 6)
    by_id = {r["id"]: r for r in radar["radar"]}
    for item in items:
        q1, median, q3 = quartiles(ratings[item["name"]])
        assert (by_id[item["id"]]["q1"], by_id[item["id"]]["median"], by_id[item["id"]]["q3"]) == \
            pytest.approx((q1, median, q3))
    console.ok("criteria.close")

    # --- Third meeting: the radar again, then the recommendations and the roadmap.
    next_step(console, wall, phones, 6, "criteria")
    mark = wall.mark()
    next_step(console, wall, phones, 7, "recommendations")
    opened = wall.wait("recommendations.changed", since=mark)["recommendations"]
    assert opened["status"] == "open" and opened["prompt"].startswith("Que faire pour soutenir")
    leaning = [(4, 1), (3, 2), (4, 4), (2, 1), (2, 4), (3, 3), (1, 1), (4, 2), (1, 4), (3, 1), (2, 3), (4, 3)]
    proposed = [phones[n].ok("recommendations.propose", {"text": f"Préconisation {n} : agir ensemble"})
                ["recommendation"]["id"] for n in range(12)]
    scores: dict[int, tuple[list, list]] = {rid: ([], []) for rid in proposed}
    for n, phone in enumerate(phones):
        for k, rid in enumerate(proposed):
            impact, effort = leaning[k]
            wobble = (n + k) % 3 - 1  # −1, 0 or +1: the room does not quite agree
            pair = (min(4, max(1, impact + wobble)), min(4, max(1, effort + wobble)))
            phone.ok("recommendations.rate", {"recommendation_id": rid, "impact": pair[0], "effort": pair[1]})
            scores[rid][0].append(pair[0])
            scores[rid][1].append(pair[1])
    next_step(console, wall, phones, 8, "recommendations")
    phones[5].ok("recommendations.volunteer", {"recommendation_id": proposed[0]})
    for k, rid in enumerate(proposed):
        console.ok("recommendations.plan", {"recommendation_id": rid, "who": f"Porteur {k}", "when": f"2017-T{k % 4 + 1}"})
    console.ok("recommendations.close")

    # --- Fourth meeting: the radar and the roadmap, the closing.
    next_step(console, wall, phones, 9, "criteria")
    next_step(console, wall, phones, 10, "closing")

    # --- The export, written beside the running box.
    bundle = export(box, tmp_path / "stick")

    # census.csv: every kept entry once, with its source and its paper form's code; the merged one
    # named on the entry it was merged into.
    lines = table(bundle, "census.csv")
    head = lines[0]
    name_at, commune_at = head.index("Nom de l’initiative"), head.index("Commune")
    source_at, code_at = head.index("Source"), head.index("Code du formulaire papier")
    also_at, workshop_at = head.index("Saisie aussi sous"), head.index("Atelier")
    rows = {(line[name_at], line[commune_at]): line for line in lines[1:]}
    assert len(lines) - 1 == len(rows) == TOTAL + 2  # 1,503 entered, one merged
    for n, (source, code) in made.items():
        row = rows[(entry(n)["name"], entry(n)["commune"])]
        assert row[source_at] == {"paper": "Formulaire papier", "phone": "Téléphone"}[source] and row[code_at] == code
    assert rows[(entry(7)["name"], entry(7)["commune"])][also_at] == extra[0]
    assert (same["name"], same["commune"]) not in rows
    assert rows[(close["name"], close["commune"])][source_at] == "Téléphone"
    assert rows[(close["name"], close["commune"])][also_at] == ""
    assert rows[(elsewhere["name"], elsewhere["commune"])][code_at] == extra[1]
    # results.json keeps every entry, the merged one marked, and both pairs with what was decided.
    census_results = json.loads((bundle / "results.json").read_text(encoding="utf-8"))["census_entries"]
    assert len(census_results["entries"]) == TOTAL + 3
    merged = [e for e in census_results["entries"] if e["status"] == "merged"]
    assert [(e["values"]["name"], e["code"]) for e in merged] == [(same["name"], extra[0])]
    assert sorted((p["reason"], p["status"]) for p in census_results["pairs"]) == [("close spelling", "pending"),
                                                                                   ("same name", "merged")]
    assert {line[workshop_at] for line in lines[1:]} == {"DOMINO : recensement · 2016-01-21"}

    # debate.csv: each statement's sides at the start and at the end, its moves and arguments.
    lines = table(bundle, "debate.csv")
    assert len(lines) == 1 + len(STATEMENTS)
    for line, (text, start, end, moves, movers, arguments) in zip(lines[1:], expected_debate):
        assert line[0] == text
        assert [int(v) for v in line[1:7]] == [count for side in SIDES for count in (start[side], end[side])]
        assert [int(line[7]), int(line[8])] == [moves, movers]
        assert line[9] == arguments[0][1] and line[10] == "" and line[11] == arguments[1][1]

    # criteria.csv: medians and quartiles as computed here, the ratings by value, the "don't know".
    lines = table(bundle, "criteria.csv")
    assert len(lines) == 7
    for line in lines[1:]:
        values = ratings[line[0]]
        assert line[2:5] == [number(v) for v in (quartiles(values)[1], quartiles(values)[0], quartiles(values)[2])]
        assert int(line[5]) == len(values)
        assert [int(v) for v in line[6:11]] == [values.count(v) for v in range(5)]
        assert int(line[11]) == unknown[line[0]]
    width, height = png_size(bundle / "radar.png")
    assert width >= 1200 and height >= 800

    # recommendations.csv: each in the quadrant of its medians (above 2.5 is high), with who and when.
    lines = table(bundle, "recommendations.csv")
    assert len(lines) == 13
    for line in lines[1:]:
        k = int(line[0].split()[1])
        impact, effort = (quartiles(v)[1] for v in scores[proposed[k]])
        quadrant = ("major_project" if effort > 2.5 else "quick_win") if impact > 2.5 else \
            ("thankless" if effort > 2.5 else "fill_in")
        assert line[1:4] == [number(impact), number(effort), QUADRANTS[quadrant]], line
        assert line[4] == f"Porteur {k}" + (", " + NAMES[5] if k == 0 else "") and line[5] == f"2017-T{k % 4 + 1}"
        assert int(line[6]) == PHONES
    assert {line[3] for line in lines[1:]} == set(QUADRANTS.values())

    # posters.pdf: A3 pages, the census by theme (every theme's initiatives), the radar, the roadmap.
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "200", str(bundle / "posters.pdf")], capture_output=True,
                          text=True, check=True).stdout
    sizes = [line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Page") and "size" in line]
    assert len(sizes) > len(THEMES) and all(size.startswith("841.89 x 1190.55 pts (A3)") for size in sizes)
    posters = " ".join(subprocess.run(["pdftotext", str(bundle / "posters.pdf"), "-"], capture_output=True, text=True,
                                      check=True).stdout.split())
    assert all(theme in posters for theme in THEMES) and entry(1499)["name"] in posters
    assert "Gouvernance partagée" in posters and "Préconisation 11 : agir ensemble" in posters

    # The workbook has a sheet for each; the report a section for each.
    sheets = load_workbook(bundle / "results.xlsx", read_only=True).sheetnames
    assert {"Recensement", "Débat mouvant", "Critères", "Préconisations"} <= set(sheets), sheets
    report = " ".join(subprocess.run(["pdftotext", str(bundle / "report.pdf"), "-"], capture_output=True, text=True,
                                     check=True).stdout.split())
    assert "Recensement" in report and STATEMENTS[1] in report and "Gouvernance partagée" in report
    assert "Préconisation 11 : agir ensemble" in report and "Doublons possibles non examinés" in report
