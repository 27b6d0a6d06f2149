"""The round table: an order fixed once, the floor given in turn or to anyone, skipped speakers
coming back after the others, a countdown per turn, and no contact detail in what it exports."""

from __future__ import annotations

import json

import pytest
from conftest import events, refused
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import participants, workshop
from kiosk.activities.roundtable import domain as table


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    for name in ("Ana", "Bruno", "Chloé", "Driss"):
        participants.join(db, {"name": name})
    return db


def state(db):
    return table.public(db)


def test_join_order_then_next_gives_the_floor_in_turn_with_a_countdown(db):
    refused("no_roundtable", table.next_speaker, db, {}, 10.0)
    table.start(db, {"order": "join", "seconds": 45}, None, 10.0)
    assert state(db)["order"] == [1, 2, 3, 4] and state(db)["current"] is None and state(db)["next"] == 1
    table.next_speaker(db, {}, 20.0)
    view = state(db)
    assert (view["current"], view["next"], view["spoken"], view["total"]) == (1, 2, 1, 4)
    assert (view["duration_s"], view["ends_at"]) == (45, 65.0)
    table.next_speaker(db, {}, 70.0)
    assert (state(db)["current"], state(db)["done"]) == (2, [1])


def test_a_random_order_is_drawn_once_and_kept(db):
    table.start(db, {"order": "random"}, None, 0.0, seed=7)
    first = state(db)["order"]
    assert sorted(first) == [1, 2, 3, 4]
    refused("roundtable_started", table.start, db, {"order": "random"}, None, 0.0, seed=8)
    table.next_speaker(db, {}, 1.0)
    assert state(db)["order"] == first and state(db)["current"] == first[0]


def test_skip_sends_the_speaker_after_the_others_and_pick_gives_the_floor_to_anyone(db):
    table.start(db, {}, None, 0.0)
    refused("nobody_speaking", table.skip, db, {}, 1.0)
    table.next_speaker(db, {}, 1.0)  # Ana
    table.skip(db, {}, 2.0)  # Ana comes back later; Bruno speaks
    view = state(db)
    assert (view["current"], view["later"], view["done"]) == (2, [1], [])
    table.pick(db, {"participant_id": 4}, 3.0)  # Driss, out of turn; Bruno is done
    assert (state(db)["current"], state(db)["done"]) == (4, [2])
    refused("speaking", table.pick, db, {"participant_id": 4}, 3.0)
    refused("not_found", table.pick, db, {"participant_id": 99}, 3.0)
    table.next_speaker(db, {}, 4.0)  # Chloé: the queue before the ones skipped
    table.next_speaker(db, {}, 5.0)  # Ana, back
    assert (state(db)["current"], state(db)["later"], state(db)["next"]) == (1, [], None)
    table.next_speaker(db, {}, 6.0)  # Ana is done: the round table is over
    assert state(db)["current"] is None and state(db)["spoken"] == 4
    refused("roundtable_over", table.next_speaker, db, {}, 7.0)


def test_newcomers_queue_at_the_end_and_the_removed_leave(db):
    table.start(db, {}, None, 0.0)
    table.next_speaker(db, {}, 1.0)
    participants.join(db, {"name": "Emma"})
    table.next_speaker(db, {}, 2.0)
    assert state(db)["order"] == [1, 2, 3, 4, 5]
    evts = table.forget(db, 2)  # the speaker is removed: nobody has the floor
    assert [e.name for e in evts] == ["roundtable.changed"] and evts[0].data["now"] is None
    assert state(db)["current"] is None and 2 not in state(db)["order"] and "ends_at" not in state(db)
    assert table.forget(db, 2) == []


def test_the_countdown_is_the_timers_while_someone_speaks(db):
    table.start(db, {}, None, 0.0)
    assert not table.running(db)
    table.next_speaker(db, {}, 100.0)
    assert table.running(db)
    from kiosk.countdown import add
    result, evts = table.change_countdown(db, lambda c: add(c, 30, 110.0), 110.0)
    assert result["roundtable"]["ends_at"] == 190.0 and evts[0].to == ("wall", "facilitator", "phones")


def test_results_hold_the_order_and_who_spoke_with_first_names_only(db):
    participants.join(db, {"name": "Zoé", "contact": "zoe@example.org", "share_contact": True})
    table.start(db, {}, None, 0.0)
    table.next_speaker(db, {}, 1.0)
    table.next_speaker(db, {}, 2.0)
    results = table.results(db)["roundtable"]
    assert [p["name"] for p in results["spoke"]] == ["Ana", "Bruno"]
    assert [p["name"] for p in results["not_spoken"]] == ["Chloé", "Driss", "Zoé"]
    assert "zoe@example.org" not in json.dumps(results)


@pytest.mark.parametrize("value,ok", [(60, True), (10, True), (600, True), (5, False), (601, False), ("60", False),
                                      (True, False)])
def test_the_step_option_seconds(tmp_path, value, ok):
    from kiosk import programmes

    path = tmp_path / "p.toml"
    path.write_text(f'title = "Tour"\nlang = "fr"\n\n[[steps]]\ntitle = "Tour de table"\nminutes = 20\n'
                    f'phase = "roundtable"\nseconds = {json.dumps(value)}\n', encoding="utf-8")
    problems = programmes.check_programmes([path])
    assert (problems == []) is ok, problems
    if ok:
        assert programmes.load_programme(path).steps[0].options == {"seconds": value, "order": "join"}


def test_over_the_protocol_the_speaker_hears_their_turn_and_timer_acts_on_it(actions):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    actions.phone("Bruno")
    assert ana.emit("roundtable.start", {}, callback=True)["code"] == "forbidden"
    assert console.emit("roundtable.start", {"order": "join", "seconds": 30}, callback=True)["ok"]
    answer = console.emit("roundtable.next", {}, callback=True)
    assert answer["ok"] and answer["roundtable"]["current"] == answer["roundtable"]["order"][0]
    assert events(ana, "roundtable.changed")[-1]["roundtable"]["duration_s"] == 30
    assert console.emit("timer.add", {"seconds": 30}, callback=True)["ok"]
    changed = events(wall, "roundtable.changed")[-1]["roundtable"]
    assert changed["ends_at"] - changed["started_at"] == 60
    assert events(ana, "roundtable.changed")[-1]["roundtable"]["ends_at"] == changed["ends_at"]  # the speaker's time
    assert console.emit("roundtable.start", {}, callback=True)["code"] == "roundtable_started"
