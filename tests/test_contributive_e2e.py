"""The société contributive's three days, played end to end against a real box (`kiosk serve` in
its own process) switched off every evening and on again every morning: twelve phones, the wall
and the console (python-socketio clients, which reconnect each morning with their tokens). Each
day starts where the last one stopped, and `kiosk export` after the third holds all three: the
words and the tables' examples sorted into the typology (Wednesday), the surprises and the
reactions (Thursday), the board of blockers and triggers and the levers groups (Friday)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_programme_e2e import NAMES, PHONES, PIN, Client, export, post_json

from kiosk import programmes
from kiosk.app import PROGRAMMES_DIR
from kiosk.boxprocess import free_port, start_box

pytestmark = pytest.mark.slow

TABLES = 4
CATEGORIES = ["Lieux partagés", "Communs de la connaissance", "Dons et gratuité"]


class Days:
    """The box, switched off and on again, with the clients of one day."""

    def __init__(self, tmp_path: Path):
        self.data = tmp_path / "data"
        self.path = PROGRAMMES_DIR / "societe-contributive.fr.toml"
        self.programme = programmes.load_programme(self.path)
        self.box = None
        self.clients: list[Client] = []
        self.tokens: list[str] = []
        self.people: list[dict] = []
        self.index = -1  # the step the room is at

    def switch_on(self):
        port = free_port()
        self.box = start_box(self.data, port=port, env={"KIOSK_PIN": PIN, "KIOSK_PUBLIC_URL": f"http://127.0.0.1:{port}/",
                                                        "KIOSK_PROGRAMME": str(self.path)})
        url = self.box.base_url
        self.wall = Client(url)
        self.console = Client(url, post_json(url, "/api/facilitator", {"pin": PIN})["token"], "console")
        if not self.tokens:
            for name in NAMES:
                joined = post_json(url, "/api/join", {"name": name})
                self.people.append(joined["participant"])
                self.tokens.append(joined["token"])
        self.phones = [Client(url, token, name) for name, token in zip(NAMES, self.tokens)]
        self.clients = [self.wall, self.console, *self.phones]

    def switch_off(self):
        self.box.stop()
        for client in self.clients:
            client.sio.disconnect()
        self.clients = []

    def next(self, phase: str) -> dict:
        """Press Next, passing a statements step (the statements unit's tests play it); the wall and
        every phone hear the new step."""
        while True:
            marks = [self.wall.mark(), *[p.mark() for p in self.phones]]
            ack = self.console.ok("programme.next")
            self.index += 1
            assert ack["step"]["index"] == self.index
            if ack["step"]["phase"] == "statements" and phase != "statements":
                continue
            assert ack["step"]["phase"] == phase, ack["step"]
            for client, since in zip([self.wall, *self.phones], marks):
                client.wait("step.changed", lambda d: d["step"]["index"] == self.index, since)
            return ack["step"]


@pytest.fixture
def days(tmp_path):
    played = Days(tmp_path)
    yield played
    if played.clients:
        played.switch_off()


def rows(bundle: Path, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((bundle / name).read_text(encoding="utf-8-sig")), delimiter=";"))


def test_three_days_with_the_box_off_every_night_and_one_export(days, tmp_path):
    # --- Wednesday.
    days.switch_on()
    console, wall, phones = days.console, days.wall, days.phones
    step = days.next("welcome")
    assert step["part"].startswith("Mercredi")
    console.ok("workshop.update", {"title": "Société contributive", "date": "2026-05-13", "territory": "Brest"})
    days.next("wordcloud")
    for phone in phones:
        phone.ok("wordcloud.send", {"words": ["Partage"]})
    mark = wall.mark()
    days.next("groups")
    tables = wall.wait("groups.formed", since=mark)["groups"]
    assert [t["name"] for t in tables] == [f"Table {n}" for n in range(1, 6)]  # Next formed the step's five
    console.ok("groups.form", {"from": "tables", "count": TABLES})  # the room is smaller: four tables
    tables = wall.wait("groups.formed", lambda d: len(d["groups"]) == TABLES, mark)["groups"]
    for n, phone in enumerate(phones):
        phone.ok("group.join", {"group_id": tables[n % TABLES]["id"]})
    mark = wall.mark()
    days.next("examples")
    assert wall.wait("examples.status", since=mark)["examples"]["status"] == "open"
    phones[3].ok("examples.remote", {"on": True})  # Table 4 is another room
    example = {}
    for n, phone in enumerate(phones):
        example[n] = phone.ok("examples.add", {"title": f"Exemple {n}", "where": f"Lieu {n}", "who": f"Porteur {n}"})["example"]
    # Two members of Table 1 complete the same example at once: neither text is lost.
    first = example[0]
    phones[4].ok("examples.edit", {"example_id": first["id"], "field": "what", "base": "", "text": "Un atelier"})
    clash = phones[8].call("examples.edit", {"example_id": first["id"], "field": "what", "base": "", "text": "ouvert à tous"})
    assert clash["ok"] is False and clash["code"] == "conflict"
    phones[8].ok("examples.edit", {"example_id": first["id"], "field": "what", "base": "Un atelier",
                                   "text": "Un atelier ouvert à tous"})
    wall.wait("examples.changed", lambda d: any(e.get("what") == "Un atelier ouvert à tous" for e in d["examples"]), mark)
    days.next("typology")
    categories = [console.ok("examples.category", {"label": label})["category"] for label in CATEGORIES]
    for n in range(PHONES - 1):  # the last one stays unsorted
        console.ok("examples.sort", {"example_id": example[n]["id"], "category_id": categories[n % 3]["id"]})
    wall.wait("examples.changed", lambda d: any(e.get("id") == example[PHONES - 2]["id"] and e["category"] is not None
                                                for e in d["examples"]))
    wednesday = days.index
    days.switch_off()

    # --- Thursday: the box starts where it stopped.
    days.switch_on()
    console, wall, phones = days.console, days.wall, days.phones
    state = console.wait("state")  # on connecting
    assert state["step"]["index"] == wednesday
    assert len(state["examples"]["examples"]) == PHONES and state["examples"]["remote"] == ["Table 4"]
    step = days.next("typology")
    assert step["part"].startswith("Jeudi")
    days.next("examples")
    phones[1].ok("examples.edit", {"example_id": example[1]["id"], "field": "who", "base": "Porteur 1",
                                   "text": "Porteur 1 et la mairie"})
    mark = wall.mark()
    days.next("surprises")
    wall.wait("surprises.status", lambda d: d["surprises"]["status"] == "open", mark)
    for n, phone in enumerate(phones):
        phone.ok("surprises.post", {"text": f"Étonnement {n} de la table {n % TABLES + 1}"})
    mark = wall.mark()
    days.next("report")
    report = wall.wait("report.changed", since=mark)["report"]
    presented = []
    while report is not None:
        if report["part"] == "react":
            group = next(t for t in tables if t["id"] == report["group_id"])
            phones[(tables.index(group) + 1) % TABLES].ok("reaction.post", {"group_id": group["id"], "kind": "positive",
                                                                          "text": f"Merci {group['name']}"})
            presented.append(group["name"])
        report = console.ok("report.next")["report"]
    assert presented == [f"Table {n}" for n in range(1, TABLES + 1)]
    thursday = days.index
    days.switch_off()

    # --- Friday.
    days.switch_on()
    console, wall, phones = days.console, days.wall, days.phones
    assert console.wait("state")["step"]["index"] == thursday
    step = days.next("welcome")
    assert step["part"].startswith("Vendredi")
    mark = wall.mark()
    days.next("forces")
    assert wall.wait("forces.status", since=mark)["forces"]["status"] == "open"
    for n, phone in enumerate(phones):
        phone.ok("forces.add", {"kind": "blocker" if n % 2 else "trigger", "text": f"Force {n}",
                                "strength": n % 5 + 1, "actionable": 5 - n % 5})
    off_topic = phones[0].ok("forces.add", {"kind": "blocker", "text": "Hors sujet", "strength": 1, "actionable": 1})
    console.ok("forces.hide", {"item_id": off_topic["item"]["id"]})
    mark = wall.mark()
    days.next("groups")
    assert wall.seen("groups.formed", mark) == []  # Next never forms again over the tables
    levers = console.ok("groups.form", {"from": "forces", "count": 3})["groups"]
    assert [g["name"] for g in levers] == ["Force 0", "Force 5", "Force 10"]  # the most actionable first
    for n, phone in enumerate(phones):
        phone.ok("group.join", {"group_id": levers[n % 3]["id"]})
    days.next("seeds")
    mark = wall.mark()
    days.next("report")
    report = wall.wait("report.changed", since=mark)["report"]
    while report is not None:
        report = console.ok("report.next")["report"]
    days.next("closing")
    assert console.call("programme.next")["code"] == "last_step"

    # --- One export for the three days.
    bundle = export(days.box, tmp_path / "stick")
    files = {p.name for p in bundle.iterdir()}
    assert {"words.csv", "examples.csv", "surprises.csv", "forces.csv", "reactions.csv", "groups.csv",
            "report.pdf", "absentees.html", "results.xlsx"} <= files
    assert [r[0] for r in rows(bundle, "words.csv")[1:]] == ["Partage"]
    examples = rows(bundle, "examples.csv")
    assert examples[0] == ["Table", "Catégorie", "Titre", "Ce que c’est", "Qui le porte", "Où", "Lien ou contact"]
    by_title = {r[2]: r for r in examples[1:]}
    assert len(by_title) == PHONES
    assert by_title["Exemple 0"][:6] == ["Table 1", "Lieux partagés", "Exemple 0", "Un atelier ouvert à tous",
                                         "Porteur 0", "Lieu 0"]
    assert by_title["Exemple 1"][4] == "Porteur 1 et la mairie"
    assert by_title["Exemple 3"][0] == "Table 4 (à distance)" and by_title["Exemple 11"][1] == ""
    surprises = rows(bundle, "surprises.csv")
    assert len(surprises) == PHONES + 1 and surprises[1][:2] == ["Table 1", "Étonnement 0 de la table 1"]
    forces = rows(bundle, "forces.csv")
    assert forces[0] == ["Type", "Texte", "Force", "Peut-on agir dessus\u00a0?", "État"]
    assert [r[1] for r in forces[1:] if r[0] == "déclencheur"] == ["Force 4", "Force 8", "Force 2", "Force 6",
                                                                   "Force 0", "Force 10"]
    assert ["blocage", "Hors sujet", "1", "1", "masqué"] in forces
    assert len([r for r in rows(bundle, "reactions.csv")[1:]]) == TABLES
    page = (bundle / "absentees.html").read_text("utf-8")
    assert "Un atelier ouvert à tous" in page and "Étonnement 5 de la table 2" in page and "Force 4" in page
    assert "Hors sujet" not in page
    sheets = load_workbook(bundle / "results.xlsx").sheetnames
    assert {"Exemples", "Étonnements", "Blocages et déclencheurs"} <= set(sheets)
