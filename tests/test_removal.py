"""A join flood cannot take over the vote or the wall: a cap per address, and `participant.remove`.

Each activity forgets a removed participant its own way (`Activity.forget`); the core removes their
row, their token with it, and keeps a trace for the export.
"""

from __future__ import annotations

import json

import pytest
from conftest import PIN, events, refused
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import auth, create_app, export, participants
from kiosk.activities import ACTIVITIES


# --- The cap per address (domain) ---------------------------------------------------------------------

@pytest.fixture
def db():
    return TinyDB(storage=MemoryStorage)


def join(db, name, address="10.0.0.7", cap=3):
    return participants.join(db, {"name": name}, None, address, cap)[0]


def test_the_fourth_join_from_one_address_is_refused_when_the_cap_is_three(db):
    for name in ("Ana", "Bruno", "Chloé"):
        join(db, name)
    error = refused("join_cap", join, db, "Driss")
    assert error.values == {"max": 3}
    assert participants.count(db) == 3
    assert join(db, "Driss", address="10.0.0.8")["participant"]["name"] == "Driss"  # another phone


def test_the_box_own_address_and_a_cap_of_zero_have_no_cap(db):
    for n in range(6):
        join(db, f"Local {n}", address="127.0.0.1")
        join(db, f"Free {n}", cap=0)
    assert participants.count(db) == 12


def test_renaming_a_joined_phone_is_not_a_new_join(db):
    tokens = [join(db, name)["token"] for name in ("Ana", "Bruno", "Chloé")]
    assert participants.join(db, {"name": "Anna"}, tokens[0], "10.0.0.7", 3)[0]["participant"]["name"] == "Anna"


def test_the_console_sees_who_joined_from_one_address_and_nobody_else_does(db):
    join(db, "Ana")
    _, evts = participants.join(db, {"name": "Bruno"}, None, "10.0.0.7", 3)
    join(db, "Chloé", address="10.0.0.9")
    assert participants.shared_addresses(db) == [{"address": "10.0.0.7", "ids": [1, 2]}]
    console = next(e for e in evts if e.to == ("facilitator",))
    assert console.data["same_address"] == {"address": "10.0.0.7", "ids": [1, 2]}
    wall = next(e for e in evts if e.to == ("wall",))
    assert "same_address" not in wall.data and "address" not in json.dumps(wall.data)


def test_removed_participants_still_count_for_their_address_and_their_id_is_never_given_again(db):
    for name in ("Ana", "Bruno", "Chloé"):
        join(db, name)
    participants.remove(db, {"participant_id": 3}, lambda db, pid: [], 0.0)
    refused("join_cap", join, db, "Driss")
    assert join(db, "Driss", address="10.0.0.8")["participant"]["id"] == 4
    assert participants.removed(db) == [{"id": 3, "name": "Chloé", "removed_at": 0.0}]


def test_removing_an_unknown_participant_is_refused(db):
    refused("not_found", participants.remove, db, {"participant_id": 9}, lambda db, pid: [], 0.0)
    refused("not_found", participants.remove, db, {"participant_id": "1"}, lambda db, pid: [], 0.0)


def test_every_activity_that_holds_participants_forgets_them():
    holders = {"wordcloud", "addressbook", "roundtable", "review", "statements", "debate", "criteria", "recommendations",
               "examples", "vote", "forces", "groups", "grid", "seeds", "census", "families", "surprises", "report", "wall",
               "buddies"}
    assert {a.name for a in ACTIVITIES if a.forget is not None} == holders


# --- participant.remove through the box -------------------------------------------------------------

def ok(answer):
    assert answer["ok"], answer
    return answer


FACILITATOR = auth.Actor(auth.FACILITATOR)


@pytest.fixture
def room(box, deck):
    people = {}
    for name in ("Ana", "Bruno", "Chloé", "Driss"):
        joined = ok(box.execute(auth.ANONYMOUS, "participant.join", {"name": name, "contact": f"{name}@x.fr",
                                                                    "share_contact": True}))
        people[name] = auth.Actor(auth.PARTICIPANT, joined["participant"]["id"])
    ana, bruno, chloe, driss = people.values()
    for who, text in ((ana, "Covoiturage"), (bruno, "Jardin partagé")):
        ok(box.execute(who, "issue.propose", {"text": text}))
    ok(box.execute(FACILITATOR, "vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2}))
    ok(box.execute(ana, "vote.cast", {"issue_id": 1, "dots": 2}))
    ok(box.execute(bruno, "vote.cast", {"issue_id": 2, "dots": 1}))
    ok(box.execute(FACILITATOR, "vote.close", {}))
    groups = ok(box.execute(FACILITATOR, "groups.form", {"count": 2}))["groups"]
    ok(box.execute(ana, "group.join", {"group_id": groups[0]["id"]}))
    ok(box.execute(ana, "group.secretary", {"group_id": groups[0]["id"], "participant_id": ana.participant_id}))
    ok(box.execute(bruno, "group.join", {"group_id": groups[1]["id"]}))
    family = deck.families[0].id
    ok(box.execute(ana, "family.claim", {"family_id": family}))
    ok(box.execute(ana, "wall.post", {"text": "Jardin partagé au collège", "share_contact": True}))
    ok(box.execute(ana, "buddy.choose", {"participant_id": bruno.participant_id}))
    ok(box.execute(bruno, "buddy.choose", {"participant_id": ana.participant_id}))
    statement = ok(box.execute(FACILITATOR, "statements.seed", {"text": "Le local reste ouvert le soir."}))
    ok(box.execute(ana, "statements.answer", {"id": statement["statement"]["id"], "vote": 1}))
    ok(box.execute(bruno, "statements.answer", {"id": statement["statement"]["id"], "vote": -1}))
    ok(box.execute(ana, "statements.propose", {"text": "Une navette pour le marché du samedi."}))
    ok(box.execute(FACILITATOR, "phase.set", {"phase": "report"}))
    ok(box.execute(FACILITATOR, "report.start", {}))
    ok(box.execute(ana, "reaction.post", {"group_id": groups[1]["id"], "kind": "positive", "text": "Bravo"}))
    return people, groups, family


def test_a_removed_participant_leaves_every_list_and_their_ballots_go_back(box, room):
    people, groups, family = room
    ana = people["Ana"]
    ok(box.execute(FACILITATOR, "participant.remove", {"participant_id": ana.participant_id}))
    state = box.state(FACILITATOR)
    assert "Ana" not in [p["name"] for p in state["participants"]]
    assert [(r["issue_id"], r["dots"]) for r in state["vote"]["results"] if r["dots"]] == [(2, 1)]
    assert state["vote"]["voters"] == 1
    assert all(ana.participant_id not in g["members"] and g["secretary"] != ana.participant_id
               for g in state["groups"])
    assert all(ana.participant_id not in holders for holders in state["claims"].values())
    assert state["buddies"] == [] and state["buddy_choices"] == {} or ana.participant_id not in json.dumps(state["buddies"])
    assert [p for p in state["wall"] if p["author"] == ana.participant_id] == []
    assert [r for r in state["reactions"] if r["author"] == ana.participant_id and not r["hidden"]] == []
    # Her answer leaves the statement's counts, her waiting statement the inbox.
    assert [(s["agree"], s["disagree"]) for s in state["statements"]["items"]] == [(0, 1)]
    assert state["statements"]["pending"] == [] and state["statements"]["voters"] == 1
    assert box.state(auth.ANONYMOUS)["reactions"] == []


def test_a_removed_participant_can_no_longer_act_nor_ask(box, room):
    people, groups, _ = room
    ana = people["Ana"]
    token = box.store.read(lambda db: participants.token_of(db, ana.participant_id))
    ok(box.execute(FACILITATOR, "participant.remove", {"participant_id": ana.participant_id}))
    for name, payload in (("wall.post", {"text": "Encore moi"}), ("group.join", {"group_id": groups[0]["id"]}),
                          ("matches.mine", {})):
        answer = box.execute(ana, name, payload)
        assert answer["code"] == "removed", (name, answer)
    assert box.store.read(lambda db: auth.resolve(db, token)) == auth.ANONYMOUS
    assert box.state(ana).get("me") is None


def test_only_the_facilitator_removes(box, room):
    people, _, _ = room
    assert box.execute(people["Bruno"], "participant.remove", {"participant_id": 1})["code"] == "forbidden"
    assert box.execute(FACILITATOR, "participant.remove", {"participant_id": 99})["code"] == "not_found"


def test_the_export_keeps_a_trace_of_the_removed_and_never_their_address(box, room, tmp_path):
    people, _, _ = room
    ok(box.execute(FACILITATOR, "participant.remove", {"participant_id": people["Ana"].participant_id}))
    path = export.export_box(box, tmp_path)
    results = json.loads((path / "results.json").read_text(encoding="utf-8"))
    assert [(r["id"], r["name"]) for r in results["removed"]] == [(people["Ana"].participant_id, "Ana")]
    assert "removed_participants" not in results["tables"]
    rows = (path / "participants.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].endswith(";Retrait") or rows[0].endswith(";Removed")
    assert [row for row in rows if row.startswith("1;Ana;")][0].split(";")[-1] in ("retiré", "removed")
    wall = (path / "wall.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [row.split(";")[2] for row in wall if row.startswith("1;")] == ["Ana"]  # her hidden post keeps her name
    for file in path.iterdir():
        if file.suffix != ".png":
            text = file.read_bytes().decode("utf-8", "ignore") if file.suffix != ".pdf" else ""
            assert "Ana@x.fr" not in text, file.name
            assert "127.0.0.1" not in text, file.name


def test_an_export_without_removal_has_no_removed_column(box, room, tmp_path):
    path = export.export_box(box, tmp_path)
    assert "removed" not in json.loads((path / "results.json").read_text(encoding="utf-8"))
    assert (path / "participants.csv").read_text(encoding="utf-8-sig").splitlines()[0].count(";") == 5


# --- With several socket clients ----------------------------------------------------------------------

def test_the_wall_and_the_console_see_the_name_go_the_tally_change_and_the_phone_stop(app, actions):
    wall, console = actions.wall(), actions.facilitator()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    ana.token = app.extensions["kiosk_box"].store.read(lambda db: participants.token_of(db, ana.participant["id"]))
    for who, text in ((ana, "Covoiturage"), (bruno, "Jardin")):
        assert who.emit("issue.propose", {"text": text}, callback=True)["ok"]
    assert console.emit("vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2}, callback=True)["ok"]
    assert ana.emit("vote.cast", {"issue_id": 1, "dots": 2}, callback=True)["ok"]
    assert bruno.emit("vote.cast", {"issue_id": 2, "dots": 1}, callback=True)["ok"]
    assert ana.emit("wall.post", {"text": "Un pas"}, callback=True)["ok"]
    for sock in (wall, console, ana, bruno):
        sock.get_received()

    answer = console.emit("participant.remove", {"participant_id": ana.participant["id"]}, callback=True)
    assert answer["ok"] and answer["participant"]["name"] == "Ana"
    for sock in (wall, console):
        received = sock.get_received()
        names = [m["name"] for m in received]
        assert names[-1] == "participant.removed", names
        assert received[-1]["args"][0]["participant_id"] == ana.participant["id"]
        tally = [m["args"][0]["vote"] for m in received if m["name"] == "tally.updated"][-1]
        assert {r["issue_id"]: r["dots"] for r in tally["results"]} == {1: 0, 2: 1}
        assert any(m["name"] == "wall.updated" for m in received)
    assert "participant.removed" in [m["name"] for m in ana.get_received()]
    assert "participant.removed" in [m["name"] for m in bruno.get_received()]

    assert ana.emit("vote.cast", {"issue_id": 2, "dots": 1}, callback=True)["code"] == "removed"
    assert ana.emit("matches.mine", {}, callback=True)["code"] == "removed"
    assert bruno.emit("vote.cast", {"issue_id": 1, "dots": 1}, callback=True)["ok"]
    assert events(ana) == []  # out of every room: it hears nothing more
    again = app.extensions["kiosk_socketio"].test_client(app, auth={"token": ana.token})
    state = events(again, "state")[-1]  # reconnecting, its token names nobody: a read-only client
    assert state["role"] == "wall" and "me" not in state
    assert "Ana" not in [p["name"] for p in state["participants"]]
    assert console.emit("state.get", {}, callback=True)["ok"]
    console_state = events(console, "state")[-1]
    assert [p["name"] for p in console_state["participants"]] == ["Bruno"]


def test_the_console_lists_participants_who_joined_from_one_address(app, actions):
    console = actions.facilitator()
    for name in ("Ana", "Bruno"):
        http = app.test_client()
        assert http.post("/api/join", json={"name": name}, environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 200
    joined = events(console, "participant.joined")
    assert joined[-1]["same_address"] == {"address": "10.1.2.3", "ids": [1, 2]}
    assert console.emit("state.get", {}, callback=True)["ok"]
    assert events(console, "state")[-1]["shared_addresses"] == [{"address": "10.1.2.3", "ids": [1, 2]}]
    assert "shared_addresses" not in app.test_client().get("/api/state").json
    assert "10.1.2.3" not in json.dumps(app.test_client().get("/api/state").json)


def test_a_join_over_the_cap_is_refused_politely_in_the_users_language(tmp_path):
    app = create_app({"data": str(tmp_path / "data"), "pin": PIN, "async_mode": "threading", "join_cap": 2})
    http = app.test_client()
    env = {"REMOTE_ADDR": "10.1.2.3"}
    for name in ("Ana", "Bruno"):
        assert http.post("/api/join", json={"name": name}, environ_base=env).status_code == 200
        http = app.test_client()
    refused_fr = http.post("/api/join", json={"name": "Chloé"}, environ_base=env)
    assert refused_fr.status_code == 403 and refused_fr.json["code"] == "join_cap"
    assert "animat" in refused_fr.json["error"]
    refused_en = http.post("/api/join?lang=en", json={"name": "Chloé"}, environ_base=env,
                           headers={"Accept-Language": "en"})
    assert "facilitator" in refused_en.json["error"]
    assert len(app.test_client().get("/api/state").json["participants"]) == 2
