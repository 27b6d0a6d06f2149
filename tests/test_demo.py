"""`--demo` plays the whole programme with a sample room and stops on its last step; it never
touches a real workshop, and says so in one line when its port is taken."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from kiosk import auth, create_app, demo
from kiosk.activities import ACTIVITIES
from kiosk.boxprocess import ROOT

from conftest import PIN

PROGRAMMES = ["sharitories", "ateliers-participatifs", "domino-lancement", "societe-contributive"]


def demo_box(tmp_path, programme):
    app = create_app({"data": str(tmp_path / "data"), "pin": PIN, "public_url": "http://kiosk.test:8000/",
                      "async_mode": "threading", "tally_interval": 0, "programme": programme})
    return app.extensions["kiosk_box"]


def played(programme) -> list:
    """The activities of the programme's steps (those without a phase are checked with their room)."""
    phases = {step.phase for step in programme.steps}
    return [a for a in ACTIVITIES if phases & set(a.phases)]


@pytest.mark.parametrize("name", PROGRAMMES)
def test_the_demo_plays_the_programme_to_its_last_step_with_data_in_every_activity(tmp_path, name):
    box = demo_box(tmp_path, name)
    assert demo.fill(box) is True
    state = box.state(auth.Actor(auth.FACILITATOR))
    steps = box.programme.steps
    assert state["step"]["index"] == len(steps) - 1 and state["phase"] == steps[-1].phase
    assert len(state["participants"]) == len(demo.PEOPLE) == 30
    assert state["workshop"]["title"] == box.programme.title and state["workshop"]["territory"]
    activities = played(box.programme)
    assert len(activities) >= 4
    assert all(activity.demo is not None for activity in activities)
    for activity in activities:
        shown = {key: state.get(key) for key in (*activity.keys, *activity.console_keys)}
        assert any(shown.values()), f"{activity.name} has nothing after the demo: {shown}"
    ROOMS[name](state)


def sharitories_room(state):
    assert len(state["issues"]) == 20
    assert state["vote"]["status"] == "closed" and state["vote"]["voters"] == 30
    groups = state["groups"]
    assert len(groups) >= 3 and all(g["secretary"] in g["members"] for g in groups)
    assert sum(len(g["members"]) for g in groups) == 30
    assert set(state["claims"]) == {f["id"] for f in state["deck"]["families"]}
    assert all(state["claims"].values())
    boards = state["boards"]
    assert all(boards[str(g["id"])] for g in groups)
    assert all(item["steps"] and item["partners"] and item["success"] and item["blockers"]
               for board in boards.values() for item in board)
    assert {r["group_id"] for r in state["reactions"]} == {g["id"] for g in groups}
    assert len(state["posts"]) >= 20 and len(state["buddies"]) >= 5
    assert state["report"] is None  # the report-back went to its end




def test_the_demo_leaves_a_workshop_with_participants_alone(box, client, actions):
    actions.join("Vraie personne")
    assert demo.fill(box) is False
    assert [p["name"] for p in client.get("/api/state").json["participants"]] == ["Vraie personne"]


def test_the_demo_leaves_a_started_programme_alone(box):
    box.execute(auth.Actor(auth.FACILITATOR), "programme.next", {})
    assert demo.fill(box) is False
    state = box.state(auth.Actor(auth.FACILITATOR))
    assert state["participants"] == [] and state["step"]["index"] == 0


def test_serve_demo_on_a_port_already_taken_says_so_in_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "kiosk", "serve", "--demo", "--programme", "ateliers-participatifs",
                               "--host", "127.0.0.1", "--port", str(port), "--data", str(tmp_path / "data")],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(port) in lines[0] and "--port" in lines[0], done.stderr
    assert not (tmp_path / "data").exists()


def ateliers_room(state):
    cloud = state["wordcloud"]
    assert cloud["prompt"] and len(cloud["words"]) >= 10
    book = state["addressbook"]
    assert book["filled"] >= 25 and 0 < book["consents"]["absentees"] < book["consents"]["report"] < book["filled"]
    assert len([c for c in book["cards"] if c["kind"] != "participant"]) == 2  # the useful contacts
    table = state["roundtable"]
    assert table["spoken"] == table["total"] == 30 and table["later"] == []
    review = state["review"]
    assert review["buckets"] == ["Freins", "Leviers", "Moyens", "Besoins", "Attentes"]
    assert all(any(n["bucket"] == b for n in review["notes"]) for b in review["buckets"])
    assert sum(n["plus_ones"] for n in review["notes"]) >= 30
    assert len([n for n in review["notes"] if n["merged_from"]]) == 2
    vote = state["vote"]
    assert vote["status"] == "closed" and vote["source"] == "review" and vote["bucket"] == "Besoins"
    groups = state["groups"]
    assert len(groups) == 4 and all(g["source"] == "review" and g["secretary"] in g["members"] for g in groups)
    seeds = state["seeds"]
    assert len(seeds) == len(groups)
    assert all(s["title"] and s["pitch"] and s["referent"] in s["members"] and s["meeting_date"] for s in seeds)
    assert [s["open"] for s in seeds].count(False) == 1
    assert {r["group_id"] for r in state["reactions"]} == {g["id"] for g in groups}


def domino_room(state):
    review = state["review"]
    assert review["buckets"] == ["Axes"] and len([n for n in review["notes"] if n["merged_from"]]) == 2
    vote = state["vote"]
    assert vote["status"] == "closed" and vote["source"] == "review" and vote["bucket"] == "Axes"
    axes = state["grid"]["axes"]
    text_of = {item["id"]: item["text"] for item in vote["items"]}
    assert [a["title"] for a in axes] == [text_of[r["issue_id"]] for r in vote["results"][:6]]
    groups = {g["id"]: g for g in state["groups"]}
    assert [groups[a["group_id"]]["name"] for a in axes] == [a["title"] for a in axes]
    assert sum(len(g["members"]) for g in groups.values()) == 30
    entries = state["grid"]["entries"]
    assert all(a["rows"] and a["resources"] for a in axes)
    assert {e["axis_id"] for e in entries} == {a["id"] for a in axes}
    assert {e["flag"] for e in entries} == {None, "pepite", "opportunite", "vigilance"}
    assert all({e["column"] for e in entries if e["axis_id"] == a["id"]} == {"examples", "stakes", "innovation",
                                                                             "regulatory", "cultural"} for a in axes)
    assert state["grid_wall"] == {"view": "flags", "axis_id": None}


def societe_room(state):
    pads = state["examples"]
    assert len(pads["examples"]) >= 8 and pads["remote"] and len(pads["categories"]) == 3
    assert {e["table"] for e in pads["examples"]} >= {"Table 1", "Table 2", "Table 3"}
    assert any(e["what"].endswith("300 langues") for e in pads["examples"])  # a member completed another's
    assert len([e for e in pads["examples"] if e["category"] is not None]) >= 8
    assert len(state["surprises"]["items"]) >= 8 and len({s["table"] for s in state["surprises"]["items"]}) == 5
    board = state["forces"]
    assert {i["kind"] for i in board["items"]} == {"blocker", "trigger"}
    assert [i for i in board["items"] if i["hidden"]]
    assert all(g["source"] == "forces" for g in state["groups"])  # the levers groups replaced the tables
    assert state["seeds"] and state["reactions"]


ROOMS = {"sharitories": sharitories_room, "ateliers-participatifs": ateliers_room, "domino-lancement": domino_room,
         "societe-contributive": societe_room}
