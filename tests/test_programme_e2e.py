"""The whole default programme, played end to end against a real box (`kiosk serve` in its own
process): twelve phones, one wall and the console, all python-socketio clients, from joining to
the export. At each step the test checks what the wall received; at the end, that the bundle
written by `kiosk export` holds what the phones did."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
import socketio

from kiosk.boxprocess import ROOT, free_port, start_box

PIN = "135790"
PHONES = 12
NAMES = ["Ana", "Bruno", "Chloé", "Driss", "Élise", "Fatou", "Gaël", "Hélène", "Inès", "Jules", "Karim", "Léa"]
ISSUES = ["Covoiturage vers la gare", "Un jardin partagé au collège", "Un tiers-lieu dans l’ancienne poste",
          "Réparer plutôt que jeter", "Des paniers de producteurs locaux", "Une monnaie locale"]
WAIT_S = 15


class Client:
    """A python-socketio client that keeps every event it receives, in order."""

    def __init__(self, url: str, token: str | None = None, name: str = "wall"):
        self.name = name
        self.received: list[tuple[str, dict]] = []
        self._changed = threading.Condition()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("*", self._record)
        self.sio.connect(url, auth={"token": token} if token else None, transports=["websocket"], wait_timeout=10)

    def _record(self, event, data=None):
        with self._changed:
            self.received.append((event, data))
            self._changed.notify_all()

    def mark(self) -> int:
        """Where the events from now on start (for `since`)."""
        with self._changed:
            return len(self.received)

    def seen(self, name: str, since: int = 0) -> list[dict]:
        with self._changed:
            return [data for event, data in self.received[since:] if event == name]

    def wait(self, name: str, match=lambda data: True, since: int = 0) -> dict:
        """The first event `name` since `since` that `match`es, waiting for it (never a blind sleep)."""
        def found():
            return next((data for data in self.seen(name, since) if match(data)), None)

        with self._changed:
            if not self._changed.wait_for(lambda: found() is not None, timeout=WAIT_S):
                names = [event for event, _ in self.received[since:]]
                raise AssertionError(f"{self.name} never received a matching {name!r}; got {names}")
        return found()

    def call(self, name: str, payload: dict | None = None) -> dict:
        return self.sio.call(name, payload or {}, timeout=10)

    def ok(self, name: str, payload: dict | None = None) -> dict:
        answer = self.call(name, payload)
        assert answer["ok"], (self.name, name, payload, answer)
        return answer


def post_json(base: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def export(box, target: Path) -> Path:
    """`kiosk export` of the running box's data to `target` (a stick), as a facilitator runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    done = subprocess.run([sys.executable, "-m", "kiosk", "export", "--data", str(box.data), "--to", str(target)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


@pytest.fixture
def box(tmp_path):
    port = free_port()
    running = start_box(tmp_path / "data", port=port,
                        env={"KIOSK_PIN": PIN, "KIOSK_PUBLIC_URL": f"http://127.0.0.1:{port}/"})
    yield running
    running.stop()


@pytest.fixture
def room(box):
    """The wall, the console and twelve joined phones (the wall connected first: it sees them join)."""
    url = box.base_url
    wall = Client(url)
    clients = {"wall": wall, "phones": [], "people": []}
    try:
        console = Client(url, post_json(url, "/api/facilitator", {"pin": PIN})["token"], "console")
        clients["console"] = console
        for n, name in enumerate(NAMES):
            contact = f"{name.lower()}@exemple.fr" if n % 3 == 0 else ""
            joined = post_json(url, "/api/join", {"name": name, "contact": contact, "share_contact": bool(contact)})
            assert joined["ok"], joined
            clients["people"].append(joined["participant"])
            clients["phones"].append(Client(url, joined["token"], name))
        yield clients
    finally:
        # A python-socketio client takes seconds to leave a live server, and none once it is gone.
        box.stop()
        for client in [wall, clients.get("console"), *clients["phones"]]:
            if client is not None:
                client.sio.disconnect()


def next_step(console: Client, wall: Client, phones: list[Client], index: int, phase: str) -> dict:
    """Press Next: the wall and every phone hear the phase and the step, with the server's time."""
    mark = [wall.mark(), *[phone.mark() for phone in phones]]
    ack = console.ok("programme.next")
    assert ack["step"]["index"] == index and ack["step"]["phase"] == phase
    for client, since in zip([wall, *phones], mark):
        assert client.wait("phase.changed", lambda d: d["phase"] == phase, since)["seq"] <= ack["seq"]
        changed = client.wait("step.changed", lambda d: d["step"]["index"] == index, since)
        assert changed["step"] == ack["step"] and isinstance(changed["now"], float)
    return ack["step"]


def test_the_sharitories_hour_from_joining_to_the_export(box, room, tmp_path):
    wall, console, phones, people = room["wall"], room["console"], room["phones"], room["people"]
    ids = [p["id"] for p in people]

    # --- Joining: the wall saw everyone arrive.
    wall.wait("participant.joined", lambda d: d["count"] == PHONES)
    assert sorted(d["participant"]["name"] for d in wall.seen("participant.joined")) == sorted(NAMES)
    assert all("contact" not in d["participant"] for d in wall.seen("participant.joined"))

    # --- 1. Objectives (welcome). The countdown moves on the wall, not on the phones.
    step = next_step(console, wall, phones, 0, "welcome")
    assert step["duration_s"] == 300 and step["ends_at"] is not None
    console.ok("workshop.update", {"title": "Sharitories à Die", "date": "2026-11-27", "territory": "Diois"})
    mark, phone_mark = wall.mark(), phones[0].mark()
    ack = console.ok("timer.add", {"seconds": 60})
    assert wall.wait("timer.changed", since=mark)["step"]["ends_at"] == pytest.approx(step["ends_at"] + 60, abs=2)
    assert ack["step"]["ends_at"] == pytest.approx(step["ends_at"] + 60, abs=2)
    phones[0].call("state.get")  # a round trip: anything meant for the phone has arrived by now
    phones[0].wait("state", since=phone_mark)
    assert phones[0].seen("timer.changed", phone_mark) == []

    # --- 2. Issues: reflection. Six phones propose; the wall shows each one.
    next_step(console, wall, phones, 1, "issues")
    mark = wall.mark()
    for phone, text in zip(phones, ISSUES):
        phone.ok("issue.propose", {"text": text})
    wall.wait("issue.proposed", lambda d: d["issue"]["text"] == ISSUES[-1], mark)
    assert [d["issue"]["text"] for d in wall.seen("issue.proposed", mark)] == ISSUES

    # --- 3. Issues: vote. Next opens it with the step's settings; dots from every phone; the wall
    # sees the tally, then the results.
    mark = wall.mark()
    next_step(console, wall, phones, 2, "vote")
    opened = wall.wait("vote.opened", since=mark)["vote"]
    assert (opened["method"], opened["dots"], opened["max_per_issue"], opened["status"]) == ("dots", 3, 2, "open")
    for n, phone in enumerate(phones):
        phone.ok("vote.cast", {"issue_id": 1 + n % 3, "dots": 2})
        phone.ok("vote.cast", {"issue_id": 4 + n % 2, "dots": 1})
    wall.wait("tally.updated", lambda d: d["vote"]["voters"] == PHONES, mark)
    console.ok("vote.close")
    closed = wall.wait("vote.closed", since=mark)["vote"]
    assert {r["issue_id"]: r["dots"] for r in closed["results"]} == {1: 8, 2: 8, 3: 8, 4: 6, 5: 6, 6: 0}

    # --- 4. Subgroups and secretaries: three groups of four, each with its secretary.
    # Next forms them from the vote's results, as many as the step says.
    mark = wall.mark()
    next_step(console, wall, phones, 3, "groups")
    formed = wall.wait("groups.formed", since=mark)["groups"]
    group_ids = [g["id"] for g in formed]
    assert [g["issue_id"] for g in formed] == [1, 2, 3]
    group_of = {}
    for n, phone in enumerate(phones):
        group_of[ids[n]] = group_ids[n % 3]
        phone.ok("group.join", {"group_id": group_ids[n % 3]})
    for n in range(3):
        phones[n].ok("group.secretary", {"group_id": group_ids[n], "participant_id": ids[n]})
    for n, group_id in enumerate(group_ids):
        wall.wait("group.updated", lambda d, g=group_id, s=ids[n]: d["group"]["id"] == g and d["group"]["secretary"] == s
                  and len(d["group"]["members"]) == 4, mark)

    # --- 5. Experts: every phone claims a family; the wall sees who holds which.
    next_step(console, wall, phones, 4, "families")
    mark = wall.mark()
    deck = json.loads(urllib.request.urlopen(box.base_url + "/api/deck", timeout=10).read())
    families = [f["id"] for f in deck["families"]]
    cards = {f["id"]: [c["id"] for c in f["cards"]] for f in deck["families"]}
    for n, phone in enumerate(phones):
        phone.ok("family.claim", {"family_id": families[n % len(families)]})
    wall.wait("family.claimed", lambda d: d["participant_id"] == ids[-1], mark)
    claimed = wall.seen("family.claimed", mark)
    assert sorted(d["participant_id"] for d in claimed) == sorted(ids)

    # --- 6. Group board: the secretaries place two cards each, with steps and partners.
    next_step(console, wall, phones, 5, "board")
    mark = wall.mark()
    placed = {}
    for n, group_id in enumerate(group_ids):
        secretary = phones[n]
        chosen = [cards[families[n]][0], cards[families[n + 3]][0]]
        placed[group_id] = chosen
        for card in chosen:
            secretary.ok("board.place", {"group_id": group_id, "card_id": card})
            secretary.ok("board.note", {"group_id": group_id, "card_id": card, "field": "steps",
                                        "text": f"Réunir les habitants ({group_id})"})
        phones[n + 3].ok("board.note", {"group_id": group_id, "card_id": chosen[0], "field": "partners",
                                        "text": "La mairie, l’association locale"})
    for group_id in group_ids:
        wall.wait("board.updated", lambda d, g=group_id: d["group_id"] == g and len(d["board"]) == 2
                  and d["board"][0]["partners"], mark)

    # --- 7. Success factors and blockers.
    next_step(console, wall, phones, 6, "board")
    mark = wall.mark()
    for n, group_id in enumerate(group_ids):
        phones[n].ok("board.note", {"group_id": group_id, "card_id": placed[group_id][0], "field": "success",
                                    "text": "Un porteur motivé"})
        phones[n].ok("board.note", {"group_id": group_id, "card_id": placed[group_id][0], "field": "blockers",
                                    "text": "Le financement"})
    for group_id in group_ids:
        wall.wait("board.updated", lambda d, g=group_id: d["group_id"] == g and d["board"][0]["blockers"], mark)

    # --- 8. Report-back: each group presents (its board on the wall), then the room reacts.
    # Next starts it with the first group.
    mark = wall.mark()
    report_step = next_step(console, wall, phones, 7, "report")
    assert report_step["duration_s"] == 900
    started = wall.wait("report.changed", since=mark)["report"]
    assert started["group_id"] == group_ids[0] and started["part"] == "present" and started["duration_s"] == 120
    assert wall.wait("wall.board", since=mark)["group_id"] == group_ids[0]
    assert wall.wait("report.changed", since=mark)["report"] == started
    reactions = []
    for n, group_id in enumerate(group_ids):
        if n:
            mark = wall.mark()
            ack = console.ok("report.next")
            assert ack["report"]["group_id"] == group_id and ack["report"]["part"] == "present"
            assert wall.wait("wall.board", since=mark)["group_id"] == group_id
        # A member of the group presenting cannot react to it; the others can.
        refused = phones[n].call("reaction.post", {"group_id": group_id, "kind": "positive", "text": "Bravo nous"})
        assert refused["code"] == "own_group"
        mark = wall.mark()
        ack = console.ok("report.next")
        assert ack["report"]["part"] == "react" and ack["report"]["duration_s"] == 120
        ack = console.ok("timer.add", {"seconds": -60})
        assert wall.wait("report.changed", lambda d: d["report"] and d["report"]["ends_at"] == ack["report"]["ends_at"], mark)
        for kind, phone in (("positive", phones[n + 1]), ("improve", phones[n + 2])):
            text = f"{kind} pour le groupe {group_id}"
            phone.ok("reaction.post", {"group_id": group_id, "kind": kind, "text": text})
            reactions.append((group_id, kind, text, phone.name))
            shown = wall.wait("reaction.posted", lambda d, t=text: d["reaction"]["text"] == t, mark)
            assert "author" not in shown["reaction"]
    mark = wall.mark()
    assert console.ok("report.next")["report"] is None
    assert wall.wait("report.changed", since=mark)["report"] is None
    assert wall.wait("wall.board", since=mark)["group_id"] is None

    # --- 9. Commitments and buddies: every phone posts; pairs choose each other.
    next_step(console, wall, phones, 8, "wall")
    mark = wall.mark()
    commitments = {}
    for n, phone in enumerate(phones):
        text = f"Mon premier pas n°{n + 1} : en parler à mes voisins"
        phone.ok("wall.post", {"text": text, "group_id": group_of[ids[n]], "share_contact": n % 3 == 0})
        commitments[NAMES[n]] = text
    for n in range(0, PHONES, 2):
        phones[n].ok("buddy.choose", {"participant_id": ids[n + 1]})
        phones[n + 1].ok("buddy.choose", {"participant_id": ids[n]})
    wall.wait("wall.posted", lambda d: d["post"]["text"] == commitments[NAMES[-1]], mark)
    assert sorted(d["post"]["text"] for d in wall.seen("wall.posted", mark)) == sorted(commitments.values())
    pairs = wall.wait("buddies.updated", lambda d: len(d["buddies"]) == PHONES // 2, mark)["buddies"]
    assert pairs == [[ids[n], ids[n + 1]] for n in range(0, PHONES, 2)]

    # --- 10. Closing round: the last step; Next goes no further.
    next_step(console, wall, phones, 9, "closing")
    assert console.call("programme.next")["code"] == "last_step"
    wall.call("state.get")
    final = wall.wait("state", lambda d: d["phase"] == "closing")
    assert final["step"]["index"] == 9 and len(final["wall"]) == PHONES and len(final["reactions"]) == 6

    # --- The export, written beside the running box, holds what the phones did.
    target = tmp_path / "stick"
    bundle = export(box, target)
    assert bundle.parent == target and bundle.name.startswith("kiosk-sharitories-a-die-")
    results = json.loads((bundle / "results.json").read_text(encoding="utf-8"))
    assert results["workshop"]["title"] == "Sharitories à Die"
    assert sorted(p["name"] for p in results["participants"]) == sorted(NAMES)
    assert [i["text"] for i in results["issues"]] == ISSUES
    assert {r["issue_id"]: r["dots"] for r in results["votes"][0]["results"]} == {1: 8, 2: 8, 3: 8, 4: 6, 5: 6, 6: 0}
    assert [(g["id"], sorted(g["members"]), g["secretary"]) for g in results["groups"]] == [
        (group_ids[n], sorted(ids[n::3]), ids[n]) for n in range(3)]
    assert sorted(p for holders in results["claims"].values() for p in holders) == sorted(ids)
    for group_id in group_ids:
        board = results["boards"][str(group_id)]
        assert [c["card_id"] for c in board] == placed[group_id]
        assert board[0]["partners"] and board[0]["success"] == "Un porteur motivé" and board[0]["blockers"]
    assert sorted(p["text"] for p in results["posts"]) == sorted(commitments.values())
    assert results["buddies"] == pairs
    assert [(r["group_id"], r["kind"], r["text"]) for r in results["reactions"]] == [r[:3] for r in reactions]

    def table(name):
        return list(csv.reader(io.StringIO((bundle / name).read_text(encoding="utf-8-sig")), delimiter=";"))

    assert sorted(row[1] for row in table("issues.csv")[1:]) == sorted(ISSUES)
    assert [(row[1], row[3], row[4]) for row in table("reactions.csv")[1:]] == [
        (results["groups"][group_ids.index(g)]["name"], text, author) for g, _, text, author in reactions]
    assert sorted(row[1] for row in table("wall.csv")[1:]) == sorted(commitments.values())
    assert len(table("buddies.csv")) == 1 + PHONES // 2
    assert len(table("boards.csv")) == 1 + 2 * len(group_ids)
    assert {"report.pdf", "results.xlsx", "wall.png", "vote-1.png", "contacts.csv", "absentees.html"} <= {
        p.name for p in bundle.iterdir()}
    page = (bundle / "absentees.html").read_text(encoding="utf-8")
    assert "Sharitories à Die" in page and "Diois" in page and "<script" not in page
