"""Golden files of the Sharitories hour: what each role receives, and the export, frozen.

The same hour as test_programme_e2e (twelve phones, the wall, the console, from joining to the
export) played in-process against a box whose clock stands still unless the test moves it, so
every figure is repeatable. For each role (the wall, the console, two phones) the test records
the snapshot at the end of every step and every event received in between; then it renders the
export bundle and records its files: CSV bytes, XLSX cells, PDF text, picture sizes.

These files were written before the activities moved into their own units and must stay the
same through any change that is not meant to change the protocol, the data or the export.
JSON is compared as data (object members carry no order in JSON); CSV, XLSX cells and PDF text
are compared as they are. `KIOSK_GOLDEN=write pytest tests/test_golden.py` writes them again,
for a change that does mean to change them: say so in its commit.
"""

from __future__ import annotations

import io
import json
import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from kiosk import create_app, export

from conftest import PIN

GOLDEN = Path(__file__).resolve().parent / "golden" / "sharitories"
NAMES = ["Ana", "Bruno", "Chloé", "Driss", "Élise", "Fatou", "Gaël", "Hélène", "Inès", "Jules", "Karim", "Léa"]
ISSUES = ["Covoiturage vers la gare", "Un jardin partagé au collège", "Un tiers-lieu dans l’ancienne poste",
          "Réparer plutôt que jeter", "Des paniers de producteurs locaux", "Une monnaie locale"]
START = 1795000000.0  # 2026-11-18, a Wednesday morning
PHONES_RECORDED = {"ana": 0, "elise": 4}  # a secretary's phone and a plain member's, by joining order


class Clock:
    """The box's time: it moves only when the test says so."""

    def __init__(self):
        self.now = START

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds


def _clean(value):
    """Tokens are random: they leave the record (their absence where they belong is tested elsewhere)."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k != "token"}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


class Recorder:
    """Every event a role's client received, and its snapshot at the end of each step."""

    def __init__(self, sock):
        self.sock = sock
        self.log: list = []
        self.snapshots: dict[str, dict] = {}

    def drain(self, label: str) -> None:
        for message in self.sock.get_received():
            self.log.append([label, message["name"], _clean(message["args"][0])])

    def snapshot(self, label: str) -> None:
        self.drain(label)
        assert self.sock.emit("state.get", {}, callback=True)["ok"]
        states = [m["args"][0] for m in self.sock.get_received() if m["name"] == "state"]
        assert len(states) == 1
        state = _clean(states[0])
        if self.snapshots and state.get("deck"):  # the deck, whole in the first snapshot only
            state["deck"] = {"id": state["deck"]["id"], "families": len(state["deck"]["families"])}
        self.snapshots[label] = state


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    # Documents note when they were made with time.time(): the same frozen clock for them.
    monkeypatch.setattr(time, "time", clock)
    return clock


def play_the_hour(tmp_path, clock) -> tuple[dict[str, Recorder], dict]:
    app = create_app({"data": str(tmp_path / "data"), "pin": PIN, "public_url": "http://kiosk.test:8000/",
                      "async_mode": "threading", "tally_interval": 0, "clock": clock})
    socketio = app.extensions["kiosk_socketio"]
    box = app.extensions["kiosk_box"]
    box.command_rate.clock = clock  # a phone's rate, measured on the hour's own clock (a second per command)
    recorders: dict[str, Recorder] = {}
    wall = socketio.test_client(app)
    recorders["wall"] = Recorder(wall)
    pin = app.test_client().post("/api/facilitator", json={"pin": PIN}).json
    console = socketio.test_client(app, auth={"token": pin["token"]})
    recorders["console"] = Recorder(console)
    phones, ids = [], []
    for n, name in enumerate(NAMES):
        contact = f"{name.lower()}@exemple.fr" if n % 3 == 0 else ""
        joined = app.test_client().post("/api/join", json={"name": name, "contact": contact,
                                                         "share_contact": bool(contact)}).json
        assert joined["ok"], joined
        ids.append(joined["participant"]["id"])
        phones.append(socketio.test_client(app, auth={"token": joined["token"]}))
        for role, index in PHONES_RECORDED.items():
            if index == n:
                recorders[role] = Recorder(phones[n])
        clock.tick(7)

    def ok(sock, name, payload=None):
        answer = sock.emit(name, payload or {}, callback=True)
        assert answer["ok"], (name, payload, answer)
        clock.tick(1)
        return answer

    def step(label):
        for recorder in recorders.values():
            recorder.snapshot(label)
        for n, sock in enumerate(phones):  # phones that are not recorded keep no backlog
            if n not in PHONES_RECORDED.values():
                sock.get_received()
        clock.tick(45)

    step("0-joined")
    ok(console, "programme.next")
    ok(console, "workshop.update", {"title": "Sharitories à Die", "date": "2026-11-27", "territory": "Diois"})
    ok(console, "timer.add", {"seconds": 60})
    step("1-welcome")

    ok(console, "programme.next")
    for phone, text in zip(phones, ISSUES):
        ok(phone, "issue.propose", {"text": text})
    step("2-issues")

    ok(console, "programme.next")  # opens the vote with the step's settings: 3 dots, at most 2 per issue
    for n, phone in enumerate(phones):
        ok(phone, "vote.cast", {"issue_id": 1 + n % 3, "dots": 2})
        ok(phone, "vote.cast", {"issue_id": 4 + n % 2, "dots": 1})
    step("3-vote-open")
    ok(console, "vote.close")
    step("3-vote-closed")

    ok(console, "programme.next")  # forms the step's 3 groups from the vote's results
    group_ids = box.store.read(lambda db: [g.doc_id for g in db.table("groups").all()])
    group_of = {}
    for n, phone in enumerate(phones):
        group_of[ids[n]] = group_ids[n % 3]
        ok(phone, "group.join", {"group_id": group_ids[n % 3]})
    for n in range(3):
        ok(phones[n], "group.secretary", {"group_id": group_ids[n], "participant_id": ids[n]})
    step("4-groups")

    ok(console, "programme.next")
    deck = box.deck.public()
    families = [f["id"] for f in deck["families"]]
    cards = {f["id"]: [c["id"] for c in f["cards"]] for f in deck["families"]}
    for n, phone in enumerate(phones):
        ok(phone, "family.claim", {"family_id": families[n % len(families)]})
    step("5-families")

    ok(console, "programme.next")
    placed = {}
    for n, group_id in enumerate(group_ids):
        chosen = [cards[families[n]][0], cards[families[n + 3]][0]]
        placed[group_id] = chosen
        for card in chosen:
            ok(phones[n], "board.place", {"group_id": group_id, "card_id": card})
            ok(phones[n], "board.note", {"group_id": group_id, "card_id": card, "field": "steps",
                                         "text": f"Réunir les habitants ({group_id})"})
        ok(phones[n + 3], "board.note", {"group_id": group_id, "card_id": chosen[0], "field": "partners",
                                         "text": "La mairie, l’association locale"})
    ok(phones[0], "board.move", {"group_id": group_ids[0], "card_id": placed[group_ids[0]][1], "position": 0})
    step("6-board")

    ok(console, "programme.next")
    for n, group_id in enumerate(group_ids):
        card = placed[group_id][0]
        ok(phones[n], "board.note", {"group_id": group_id, "card_id": card, "field": "success",
                                     "text": "Un porteur motivé"})
        ok(phones[n], "board.note", {"group_id": group_id, "card_id": card, "field": "blockers",
                                     "text": "Le financement"})
    step("7-board")

    ok(console, "programme.next")  # starts the report-back with the first group
    for n, group_id in enumerate(group_ids):
        if n:
            ok(console, "report.next")
        ok(console, "report.next")
        ok(console, "timer.add", {"seconds": -60})
        for kind, phone in (("positive", phones[n + 1]), ("improve", phones[n + 2])):
            ok(phone, "reaction.post", {"group_id": group_id, "kind": kind, "text": f"{kind} pour le groupe {group_id}"})
    reaction = ok(phones[6], "reaction.post", {"group_id": group_ids[2], "kind": "improve", "text": "Hors sujet"})
    ok(console, "reaction.hide", {"reaction_id": reaction["reaction"]["id"]})
    ok(console, "report.next")
    step("8-report")

    ok(console, "programme.next")
    for n, phone in enumerate(phones):
        ok(phone, "wall.post", {"text": f"Mon premier pas n°{n + 1} : en parler à mes voisins",
                                "group_id": group_of[ids[n]], "share_contact": n % 3 == 0})
    ok(console, "wall.pin", {"post_id": 3})
    ok(console, "wall.hide", {"post_id": 5})
    for n in range(0, len(phones), 2):
        ok(phones[n], "buddy.choose", {"participant_id": ids[n + 1]})
        ok(phones[n + 1], "buddy.choose", {"participant_id": ids[n]})
    step("9-wall")

    ok(console, "programme.next")
    step("10-closing")

    data = box.store.read(lambda db: export.collect(db, box.deck))
    bundle = export.build(data, datetime.fromtimestamp(clock.now, timezone(timedelta(hours=1))))
    return recorders, bundle_record(bundle)


def bundle_record(bundle) -> dict:
    """What the golden files keep of each exported file."""
    files = {"name": bundle.name}
    for name, content in sorted(bundle.files.items()):
        if name.endswith(".csv"):
            files[name] = content.decode("utf-8")
        elif name.endswith(".json"):
            files[name] = json.loads(content)
        elif name.endswith(".xlsx"):
            book = load_workbook(io.BytesIO(content))
            files[name] = {sheet.title: [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
                           for sheet in book.worksheets}
        elif name.endswith(".pdf"):
            files[name] = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
        elif name.endswith(".png"):
            files[name] = list(Image.open(io.BytesIO(content)).size)
        else:
            raise AssertionError(f"no golden form for {name}")
    return files


def _read(name: str):
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))


def _write(name: str, value) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    (GOLDEN / name).write_text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def test_the_sharitories_hour_gives_the_golden_snapshots_events_and_export(tmp_path, clock):
    recorders, bundle = play_the_hour(tmp_path, clock)
    records = {f"{role}.snapshots.json": r.snapshots for role, r in recorders.items()}
    records |= {f"{role}.events.json": r.log for role, r in recorders.items()}
    records["export.json"] = bundle
    if os.environ.get("KIOSK_GOLDEN") == "write":
        for name, value in records.items():
            _write(name, value)
    assert sorted(p.name for p in GOLDEN.glob("*.json")) == sorted(records)
    for name, value in records.items():
        golden = _read(name)
        if name.endswith(".events.json"):
            # Event by event, so that a difference names the first one that changed.
            assert len(value) == len(golden), name
            for n, (got, want) in enumerate(zip(json.loads(json.dumps(value)), golden)):
                assert got == want, (name, n)
        elif name == "export.json":
            for file, content in golden.items():
                assert json.loads(json.dumps(bundle.get(file))) == content, file
            assert sorted(bundle) == sorted(golden)
        else:
            for label, snap in golden.items():
                assert json.loads(json.dumps(value.get(label))) == snap, (name, label)
            assert sorted(value) == sorted(golden)
