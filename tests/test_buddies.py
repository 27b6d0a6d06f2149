"""Motivation buddies: choices, mutual pairs, suggestions, and the facilitator's one click."""

from __future__ import annotations

import pytest
from conftest import events, restarted
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


def _recount_mine(db, person):
    """`me.buddy` read from every choice, pair and participant, from scratch."""
    chosen = {doc["chooser"]: doc["chosen"] for doc in db.table("buddy_choices").all()}
    every = sorted([[a, b] for a, b in chosen.items() if a < b and chosen.get(b) == a]
                   + [list(doc["pair"]) for doc in db.table("buddy_pairs").all()])
    buddies_of = sorted({p for pair in every if person in pair for p in pair if p != person})
    chosen_by = sorted(a for a, b in chosen.items() if b == person)
    suggestion = None
    if not buddies_of:
        taken = {p for pair in every for p in pair} | set(chosen.values())
        free = [doc.doc_id for doc in db.table("participants").all() if doc.doc_id not in taken | {person}]
        group = next((g for g in db.table("groups").all() if person in g["members"]), None)
        same = [p for p in free if group is not None and p in group["members"]]
        suggestion = chosen_by[0] if chosen_by else (same or free or [None])[0]
    return every, {"chosen": chosen.get(person), "chosen_by": chosen_by, "buddies": buddies_of,
                   "suggestion": suggestion}


def test_the_running_choices_equal_a_recount_after_any_sequence():
    """Choices, changed and cleared choices, removed participants, the facilitator's pairing and
    restarts, in a seeded random order: after each step the pairs and every phone's `me.buddy`,
    read from the running index, equal what reading every choice and pair gives."""
    import random

    rng = random.Random(17)
    db = TinyDB(storage=MemoryStorage)
    people = [participants.join(db, {"name": f"P{n}"})[0]["participant"]["id"] for n in range(16)]
    db.table("groups").insert({"name": "G", "members": people[4:9]})
    for step in range(400):
        roll = rng.random()
        try:
            if roll < 0.7:
                choose(db, rng.choice(people), rng.choice(people + [None, 999]))
            elif roll < 0.78 and len(people) > 4:
                gone = rng.choice(people)
                participants.remove(db, {"participant_id": gone}, buddies.forget, 100.0 + step)
                people.remove(gone)
            elif roll < 0.83:
                buddies.pair_rest(db, {})
            elif roll < 0.9:
                db = TinyDB(storage=MemoryStorage)  # a new room, everyone free again
                people = [participants.join(db, {"name": f"Q{n}"})[0]["participant"]["id"] for n in range(16)]
                db.table("groups").insert({"name": "G", "members": people[2:7]})
            else:  # a restart: the box opens its data file again, without the index
                db = restarted(db)
        except KioskError as error:
            assert error.code in ("self", "not_found", "all_paired", "alone")
        for person in people:
            every, expected = _recount_mine(db, person)
            assert buddies.mine(db, person) == expected
        assert buddies.pairs(db) == every
