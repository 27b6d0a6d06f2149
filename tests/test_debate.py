"""The moving debate: sides taken and moves counted in place, statements kept, arguments noted,
the step's statements, the protocol."""

from __future__ import annotations

import pytest
from conftest import PIN, JoinActions, events, refused
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import instances, rooms, workshop
from kiosk.activities.debate import domain as debate


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    return db


def read(db, text="Le covoiturage est une pratique durable."):
    return debate.open_statement(db, {"statement": text}, None, None, 100.0)[0]["debate"]


def current(db):
    return debate.view(db, instances.current(db, debate.STATEMENTS))


def test_moves_are_counted_as_people_change_sides(db):
    read(db)
    debate.take(db, {"side": "agree"}, 1)
    debate.take(db, {"side": "agree"}, 2)
    debate.take(db, {"side": "disagree"}, 3)
    assert debate.take(db, {"side": "agree"}, 1) == ({"side": "agree"}, [])  # the same side: no move
    debate.take(db, {"side": "doubt"}, 1)
    debate.take(db, {"side": "disagree"}, 1)
    debate.take(db, {"side": "agree"}, 3)
    line = current(db)
    assert line["counts"] == {"agree": 2, "doubt": 0, "disagree": 1}
    assert line["start"] == {"agree": 2, "doubt": 0, "disagree": 1}
    assert (line["moves"], line["movers"], line["people"]) == (3, 2, 3)
    logged = [(m["participant"], m["from"], m["to"]) for m in debate.moves(db)]
    assert logged == [(1, None, "agree"), (2, None, "agree"), (3, None, "disagree"), (1, "agree", "doubt"),
                      (1, "doubt", "disagree"), (3, "disagree", "agree")]
    positions = {p["participant"]: p for p in debate.statements(db)[0]["positions"]}
    assert positions[1] == {"participant": 1, "side": "disagree", "first": "agree", "moves": 2}
    assert debate.side_of(db, 1) == "disagree" and debate.side_of(db, 9) is None


def test_a_move_sends_the_line_to_the_screens_and_the_side_to_the_phone(db):
    read(db)
    _, evts = debate.take(db, {"side": "doubt"}, 4)
    side, line = evts
    assert (side.name, side.data, side.to) == ("debate.side", {"statement_id": 1, "side": "doubt"},
                                               (rooms.participant(4),))
    assert line.name == "debate.line" and set(line.to) == {"wall", "facilitator"}
    assert line.data["counts"]["doubt"] == 1 and line.data["people"] == 1


def test_a_move_costs_the_same_in_a_big_room(db):
    """The line's figures live in the statement's document: a move never re-reads the moves log."""
    read(db)
    for pid in range(1, 301):
        debate.take(db, {"side": debate.SIDES[pid % 3]}, pid)
    calls = []
    search = db.table(debate.MOVES).search
    db.table(debate.MOVES).search = lambda *a, **k: calls.append(a) or search(*a, **k)
    debate.take(db, {"side": "agree"}, 2)
    assert calls == [] and current(db)["people"] == 300 and current(db)["moves"] == 1


@pytest.mark.parametrize("payload", [{}, {"side": "pour"}, {"side": ["agree"]}, {"side": None}])
def test_a_side_that_is_not_one_of_the_three_is_refused(db, payload):
    read(db)
    refused("bad_input", debate.take, db, payload, 1)
    assert current(db)["people"] == 0 and debate.moves(db) == []


def test_no_side_before_a_statement_nor_after_its_close(db):
    refused("no_statement", debate.take, db, {"side": "agree"}, 1)
    read(db)
    debate.close_statement(db, {}, 200.0)
    refused("statement_closed", debate.take, db, {"side": "agree"}, 1)


def test_a_new_statement_closes_the_open_one_and_keeps_it(db):
    read(db, "Première affirmation")
    debate.take(db, {"side": "agree"}, 1)
    debate.argue(db, {"side": "agree", "text": "Moins de voitures"})
    _, evts = debate.open_statement(db, {"statement": "Deuxième affirmation"}, None, None, 300.0)
    assert [e.name for e in evts] == ["debate.closed", "debate.opened"]
    assert debate.earlier(db) == [{"id": 1, "text": "Première affirmation", "counts": {"agree": 1, "doubt": 0, "disagree": 0},
                                   "moves": 0, "movers": 0}]
    assert current(db)["people"] == 0 and current(db)["arguments"] == [] and debate.side_of(db, 1) is None
    assert [s["status"] for s in debate.statements(db)] == ["closed", "open"]


def test_arguments_are_noted_by_side_and_removed(db):
    read(db)
    first = debate.argue(db, {"side": "disagree", "text": "  Dépend   d'une plateforme privée "})[0]["argument"]
    debate.argue(db, {"side": "agree", "text": "Crée du lien"})
    assert first["text"] == "Dépend d'une plateforme privée"
    refused("bad_input", debate.argue, db, {"side": "agree", "text": "x" * 141})
    refused("bad_input", debate.argue, db, {"side": "contre", "text": "Trop cher"})
    refused("bad_input", debate.argue, db, {"side": "agree", "text": "   "})
    debate.unargue(db, {"argument_id": first["id"]})
    refused("not_found", debate.unargue, db, {"argument_id": first["id"]})
    assert [a["text"] for a in current(db)["arguments"]] == ["Crée du lien"]


def test_a_statement_is_typed_or_taken_from_the_step(db):
    refused("bad_input", debate.open_statement, db, {}, None)
    refused("bad_input", debate.open_statement, db, {"statement": "x" * 201}, None)
    assert instances.current(db, debate.STATEMENTS) is None


def test_a_removed_participant_leaves_the_line(db):
    read(db)
    debate.take(db, {"side": "agree"}, 1)
    debate.take(db, {"side": "doubt"}, 1)
    debate.take(db, {"side": "doubt"}, 2)
    evts = debate.forget(db, 1)
    line = current(db)
    assert (line["counts"], line["start"], line["moves"], line["movers"]) == (
        {"agree": 0, "doubt": 1, "disagree": 0}, {"agree": 0, "doubt": 1, "disagree": 0}, 0, 0)
    assert [e.name for e in evts] == ["debate.line"] and all(m["participant"] != 1 for m in debate.moves(db))


PROGRAMME = '''title = "Débat"
lang = "fr"

[[steps]]
title = "Débat mouvant"
minutes = 30
phase = "debate"
statements = ["Le covoiturage est durable.", "Une pratique durable est gratuite."]

[[steps]]
title = "Fin"
minutes = 5
phase = "closing"
'''


@pytest.fixture
def programmed(tmp_path):
    from kiosk import create_app

    path = tmp_path / "debat.toml"
    path.write_text(PROGRAMME, encoding="utf-8")
    app = create_app({"data": str(tmp_path / "data"), "pin": PIN, "programme": str(path),
                      "async_mode": "threading", "tally_interval": 0})
    return app, JoinActions(app).facilitator()


def test_next_reads_the_steps_first_statement_then_the_console_reads_the_next(programmed):
    app, console = programmed
    assert console.emit("programme.next", {}, callback=True)["ok"]
    state = console.emit("state.get", {}, callback=True)
    assert state["ok"]
    opened = [e for e in events(console, "debate.opened")]
    assert [e["debate"]["text"] for e in opened] == ["Le covoiturage est durable."]
    second = console.emit("debate.open", {}, callback=True)
    assert second["ok"] and second["debate"]["text"] == "Une pratique durable est gratuite."
    refused_answer = console.emit("debate.open", {}, callback=True)
    assert not refused_answer["ok"] and refused_answer["code"] == "bad_input"
    # Next and Back again read nothing more.
    events(console)
    assert console.emit("programme.next", {}, callback=True)["ok"]
    assert console.emit("programme.back", {}, callback=True)["ok"]
    assert events(console, "debate.opened") == []
    assert console.emit("state.get", {}, callback=True)["ok"]
    snapshot = events(console, "state")[-1]
    assert snapshot["debate"]["text"] == "Une pratique durable est gratuite." and len(snapshot["debates"]) == 1


def test_phones_take_sides_through_the_protocol(app, actions):
    console, wall = actions.facilitator(), actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    refused_answer = ana.emit("debate.take", {"side": "agree"}, callback=True)
    assert (refused_answer["ok"], refused_answer["code"]) == (False, "no_statement")
    opened = console.emit("debate.open", {"statement": "Le vélo est l'avenir."}, callback=True)
    assert opened["ok"]
    assert not ana.emit("debate.open", {"statement": "Non"}, callback=True)["ok"]
    taken = ana.emit("debate.take", {"side": "agree"}, callback=True)
    assert taken == {"ok": True, "side": "agree", "seq": taken["seq"]} and taken["seq"] > opened["seq"]
    assert bruno.emit("debate.take", {"side": "disagree"}, callback=True)["ok"]
    assert ana.emit("debate.take", {"side": "disagree"}, callback=True)["ok"]
    assert console.emit("debate.argument", {"side": "disagree", "text": "Trop de côtes"}, callback=True)["ok"]
    mine = events(ana, "debate.side")
    assert [e["side"] for e in mine] == ["agree", "disagree"]
    assert not events(bruno, "debate.line")  # phones hear their own side, not every move
    lines = events(wall, "debate.line")
    assert lines and lines[-1]["counts"] == {"agree": 0, "doubt": 0, "disagree": 2} and lines[-1]["moves"] == 1
    state = console.emit("state.get", {}, callback=True)
    assert state["ok"]


@pytest.mark.parametrize("option", ['statements = "Une seule"', "statements = []", 'statements = ["' + "x" * 201 + '"]',
                                    'statements = ["a", 3]', "statements = [" + ", ".join(['"a"'] * 13) + "]"])
def test_a_wrong_statements_option_is_one_line_of_the_check(tmp_path, option):
    from kiosk import programmes

    path = tmp_path / "p.toml"
    path.write_text(PROGRAMME.replace('statements = ["Le covoiturage est durable.", "Une pratique durable est gratuite."]',
                                      option), encoding="utf-8")
    problems = programmes.check_programmes([path])
    assert len(problems) == 1 and "steps[1].statements" in problems[0], problems
