"""The DOMINO activities played by the demo on a programme of their three steps, then exported:
debate.csv, criteria.csv, radar.png, recommendations.csv, their sheets, report and absentees
sections hold what the room did."""

from __future__ import annotations

import csv
import io
import json

from PIL import Image

from conftest import PIN
from kiosk import auth, create_app, demo
from kiosk.export import build, collect
from kiosk.activities.debate import demo as debate_demo

PROGRAMME = '''title = "Débat mouvant et préconisations"
lang = "fr"

[[steps]]
title = "Débat mouvant"
minutes = 30
phase = "debate"
statements = ["Le covoiturage est une pratique collaborative durable.", "Une pratique durable doit être gratuite."]

[[steps]]
title = "Critères"
minutes = 20
phase = "criteria"
criteria = [["Lien social", "Rencontres entre voisins par mois"], ["Sobriété", "Déchets évités par an"]]

[[steps]]
title = "Préconisations"
minutes = 40
phase = "recommendations"
question = "Que faire pour soutenir les pratiques collaboratives durables ?"

[[steps]]
title = "Clôture"
minutes = 5
phase = "closing"
'''


def table(files, name):
    return list(csv.reader(io.StringIO(files[name].decode("utf-8-sig")), delimiter=";"))


def test_the_demo_plays_the_three_steps_and_the_export_holds_them(tmp_path):
    path = tmp_path / "domino.toml"
    path.write_text(PROGRAMME, encoding="utf-8")
    app = create_app({"data": str(tmp_path / "data"), "pin": PIN, "public_url": "http://kiosk.test:8000/",
                      "async_mode": "threading", "tally_interval": 0, "programme": str(path)})
    box = app.extensions["kiosk_box"]
    assert demo.fill(box) is True
    state = box.state(auth.Actor(auth.FACILITATOR))
    assert [d["text"] for d in state["debates"]] == ["Le covoiturage est une pratique collaborative durable."]
    assert state["debate"]["status"] == "closed" and state["debate"]["moves"] > 0
    names = [i["name"] for i in state["criteria"]["items"]]
    assert names[:2] == ["Lien social", "Sobriété"] and len(names) >= 3 and state["criteria"]["status"] == "closed"
    assert state["recommendations"]["prompt"].startswith("Que faire")
    assert {i["quadrant"] for i in state["recommendations"]["items"]} >= {"quick_win", "major_project", "fill_in",
                                                                           "thankless"}

    files = build(box.store.read(lambda db: collect(db, box.deck))).files
    debate = table(files, "debate.csv")
    assert debate[0][:3] == ["Affirmation", "D’accord au départ", "D’accord à la fin"] and len(debate) == 3
    first = debate[1]
    people = len(demo.PEOPLE) - 2  # two never take a side
    assert sum(int(first[n]) for n in (1, 3, 5)) == people == sum(int(first[n]) for n in (2, 4, 6))
    assert int(first[7]) >= int(first[8]) > 0
    assert set(first[9:12]) == {text for _, text in debate_demo.ARGUMENTS[0]}  # one argument per side
    criteria = table(files, "criteria.csv")
    assert criteria[0][:5] == ["Critère", "Indicateur", "Médiane", "Premier quartile", "Troisième quartile"]
    lien = next(row for row in criteria if row[0] == "Lien social")
    assert lien[1] == "Rencontres entre voisins par mois" and float(lien[3]) <= float(lien[2]) <= float(lien[4])
    assert int(lien[5]) + int(lien[-1]) == people and sum(int(v) for v in lien[6:11]) == int(lien[5])
    radar = Image.open(io.BytesIO(files["radar.png"]))
    assert radar.size[0] >= 1200
    roadmap = table(files, "recommendations.csv")
    assert roadmap[0] == ["Préconisation", "Impact (médiane, 1–4)", "Effort (médiane, 1–4)", "Case", "Qui", "Quand", "Notes"]
    assert roadmap[1][3] == "Gains rapides" and roadmap[1][5] == "Mars 2027" and "Comité d'animation" in roadmap[1][4]
    assert {row[3] for row in roadmap[1:]} == {"Gains rapides", "Grands projets", "Petites tâches", "Tâches ingrates"}
    results = json.loads(files["results.json"])
    assert len(results["debate_moves"]) >= people and results["radar"][0]["ratings"]
    page = files["absentees.html"].decode("utf-8")
    assert "Débat mouvant" in page and "Critères et radar" in page and "feuille de route" in page
    assert files["report.pdf"][:4] == b"%PDF"
