"""Motivation buddies: choices, mutual pairs, suggestions, and the facilitator's one click."""

from __future__ import annotations

import pytest
from conftest import events
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import participants
from kiosk.activities.buddies import domain as buddies
from kiosk.errors import KioskError


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    for name in ["Ana", "Bruno", "Chloé", "Djamel", "Élise"]:
        participants.join(db, {"name": name})
    return db


def choose(db, who, whom):
    return buddies.choose(db, {"participant_id": whom}, who)[0]["buddy"]


def test_a_one_sided_choice_is_not_a_pair(db):
    assert choose(db, 1, 2)["chosen"] == 2
    assert buddies.pairs(db) == []
    assert buddies.mine(db, 2)["chosen_by"] == [1]


def test_mutual_choices_make_a_pair(db):
    choose(db, 1, 2)
    assert choose(db, 2, 1)["buddies"] == [1]
    assert buddies.pairs(db) == [[1, 2]]


def test_changing_ones_mind_breaks_the_pair(db):
    choose(db, 1, 2)
    choose(db, 2, 1)
    choose(db, 1, 3)
    assert buddies.pairs(db) == []
    buddies.choose(db, {"participant_id": None}, 1)
    assert buddies.mine(db, 1)["chosen"] is None


def test_choosing_oneself_or_nobody_known_is_refused(db):
    with pytest.raises(KioskError) as error:
        choose(db, 1, 1)
    assert error.value.code == "self"
    with pytest.raises(KioskError):
        choose(db, 1, 99)
    assert buddies.choices(db) == {}


def test_someone_who_chose_you_is_offered_first(db):
    choose(db, 4, 1)
    assert buddies.mine(db, 1)["suggestion"] == 4


def test_one_click_pairs_everyone_left_and_honours_one_sided_choices(db):
    choose(db, 1, 2)
    choose(db, 2, 1)
    choose(db, 3, 5)
    result = buddies.pair_rest(db, {})[0]
    assert [3, 5] in result["made"]
    assert buddies.paired(db) == {1, 2, 3, 4, 5}
    with pytest.raises(KioskError) as error:
        buddies.pair_rest(db, {})
    assert error.value.code == "all_paired"


def test_the_events_reach_both_phones_concerned(actions):
    ana, bruno, chloe = actions.phone("Ana"), actions.phone("Bruno"), actions.phone("Chloé")
    ana.emit("buddy.choose", {"participant_id": bruno.participant["id"]}, callback=True)
    assert events(bruno, "buddy.chosen")[0]["buddy"]["chosen_by"] == [ana.participant["id"]]
    assert events(chloe) == []
    ack = bruno.emit("buddy.choose", {"participant_id": ana.participant["id"]}, callback=True)
    assert ack["buddy"]["buddies"] == [ana.participant["id"]]
