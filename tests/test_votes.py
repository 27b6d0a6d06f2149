"""Votes: the dot budget and cap, moving dots, closing, late ballots, ties, majority judgment."""

from __future__ import annotations

import pytest
from conftest import refused, restarted
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from kiosk.activities.issues import domain as issues
from kiosk.activities.vote import domain as votes
from kiosk.errors import KioskError


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    for n, text in enumerate(["Mobilité", "Logement", "Alimentation", "Énergie"]):
        issues.propose(db, {"text": text}, n + 100)
    return db


def cast(db, participant, issue_id, dots):
    return votes.cast(db, {"issue_id": issue_id, "dots": dots}, participant)[0]


def grade(db, participant, issue_id, value):
    return votes.cast(db, {"issue_id": issue_id, "grade": value}, participant)[0]



def test_a_dots_vote_opens_with_three_dots_and_two_per_issue_by_default(db):
    vote = votes.open_vote(db, {"method": "dots"})[0]["vote"]
    assert (vote["dots"], vote["max_per_issue"], vote["status"]) == (3, 2, "open")
    assert vote["issue_ids"] == [1, 2, 3, 4]


def test_fourth_dot_is_refused_when_budget_is_three(db):
    votes.open_vote(db, {"method": "dots", "dots": 3, "max_per_issue": 2})
    cast(db, 1, 1, 2)
    cast(db, 1, 2, 1)
    error = refused("budget", cast, db, 1, 3, 1)
    assert error.values["left"] == 0
    assert votes.ballot_of(db, votes.current(db), 1) == {"1": 2, "2": 1}


def test_third_dot_on_one_issue_is_refused_when_cap_is_two(db):
    votes.open_vote(db, {"method": "dots", "dots": 3, "max_per_issue": 2})
    refused("cap", cast, db, 1, 1, 3)
    assert votes.ballot_of(db, votes.current(db), 1) == {}


def test_dots_move_from_one_issue_to_another(db):
    votes.open_vote(db, {"method": "dots", "dots": 3, "max_per_issue": 2})
    cast(db, 1, 1, 2)
    cast(db, 1, 2, 1)
    assert cast(db, 1, 1, 0) == {"ballot": {"2": 1}, "dots_left": 2}
    assert cast(db, 1, 3, 2) == {"ballot": {"2": 1, "3": 2}, "dots_left": 0}


def test_setting_the_same_dots_twice_counts_once(db):
    votes.open_vote(db, {"method": "dots"})
    cast(db, 1, 1, 2)
    cast(db, 1, 1, 2)
    assert votes.tally(db, votes.current(db))[0] == {"issue_id": 1, "rank": 1, "dots": 2}


@pytest.mark.parametrize("payload", [{"issue_id": 1, "dots": -1}, {"issue_id": 1, "dots": "2"},
                                     {"issue_id": 1, "dots": 1.5}, {"issue_id": 1}, {"issue_id": 99, "dots": 1},
                                     {"issue_id": True, "dots": 1}])
def test_a_malformed_ballot_is_refused(db, payload):
    votes.open_vote(db, {"method": "dots"})
    with pytest.raises(KioskError):
        votes.cast(db, payload, 1)
    assert votes.ballot_of(db, votes.current(db), 1) == {}


@pytest.mark.parametrize("payload", [{"method": "raffle"}, {"method": "dots", "dots": 0},
                                     {"method": "dots", "dots": 2, "max_per_issue": 3},
                                     {"method": "dots", "dots": 21}])
def test_a_vote_with_bad_settings_does_not_open(db, payload):
    refused("bad_input", votes.open_vote, db, payload)
    assert votes.current(db) is None


def test_no_vote_without_issues():
    refused("no_issues", votes.open_vote, TinyDB(storage=MemoryStorage), {"method": "dots"})


def test_one_vote_at_a_time(db):
    votes.open_vote(db, {"method": "dots"})
    refused("vote_open", votes.open_vote, db, {"method": "majority"})


def test_no_ballot_before_a_vote_opens(db):
    refused("no_vote", cast, db, 1, 1, 1)


def test_after_closing_the_ranking_is_final_and_late_votes_are_refused(db):
    votes.open_vote(db, {"method": "dots", "dots": 3, "max_per_issue": 2})
    cast(db, 1, 2, 2)
    cast(db, 2, 2, 1)
    cast(db, 2, 3, 2)
    closed = votes.close_vote(db, {})[0]["vote"]
    assert closed["status"] == "closed"
    assert closed["results"][:2] == [{"issue_id": 2, "rank": 1, "dots": 3}, {"issue_id": 3, "rank": 2, "dots": 2}]
    error = refused("vote_closed", cast, db, 3, 1, 1)
    assert "final" in error.message
    assert votes.public(db, votes.current(db))["results"] == closed["results"]
    refused("no_vote", votes.close_vote, db, {})


def test_ties_are_shown_as_ties(db):
    votes.open_vote(db, {"method": "dots", "dots": 2, "max_per_issue": 2})
    cast(db, 1, 1, 2)
    cast(db, 2, 3, 2)
    results = votes.close_vote(db, {})[0]["vote"]["results"]
    assert [(r["issue_id"], r["rank"]) for r in results] == [(1, 1), (3, 1), (2, 3), (4, 3)]


def test_the_wall_sees_totals_and_no_voter(db):
    votes.open_vote(db, {"method": "dots"})
    cast(db, 41, 1, 2)
    view = votes.public(db, votes.current(db))
    assert "41" not in repr(view) and view["voters"] == 1


def test_majority_grades_stay_hidden_until_the_vote_closes(db):
    votes.open_vote(db, {"method": "majority"})
    grade(db, 1, 1, "excellent")
    assert votes.public(db, votes.current(db))["results"] == []
    results = votes.close_vote(db, {})[0]["vote"]["results"]
    assert results[0]["issue_id"] == 1 and results[0]["median"] == "excellent"


def test_majority_ranks_by_median_and_counts_missing_grades_as_a_rejeter(db):
    votes.open_vote(db, {"method": "majority"})
    for participant, grades in {1: ["bien", "passable", "tres_bien", "excellent"],
                                2: ["bien", "bien", "tres_bien"],
                                3: ["assez_bien", "excellent", "bien", "a_rejeter"]}.items():
        for issue_id, value in enumerate(grades, start=1):
            grade(db, participant, issue_id, value)
    results = votes.close_vote(db, {})[0]["vote"]["results"]
    by_issue = {r["issue_id"]: r for r in results}
    assert by_issue[4]["grades"]["a_rejeter"] == 2  # one cast, one missing
    assert [r["issue_id"] for r in results] == [3, 1, 2, 4]
    assert sum(by_issue[1]["grades"].values()) == 3


def test_an_unknown_grade_is_refused(db):
    votes.open_vote(db, {"method": "majority"})
    refused("bad_input", grade, db, 1, 1, "super")


def test_a_cleared_grade_no_longer_counts(db):
    votes.open_vote(db, {"method": "majority"})
    grade(db, 1, 1, "excellent")
    assert grade(db, 1, 1, None) == {"ballot": {}, "dots_left": None}
    assert votes.public(db, votes.current(db))["voters"] == 0


def test_a_second_vote_starts_with_empty_ballots(db):
    votes.open_vote(db, {"method": "dots"})
    cast(db, 1, 1, 2)
    votes.close_vote(db, {})
    votes.open_vote(db, {"method": "dots", "replace": True})
    assert votes.ballot_of(db, votes.current(db), 1) == {}


@pytest.mark.parametrize("method", ["dots", "majority"])
def test_the_running_tally_equals_a_recount_after_any_sequence(method):
    """Casts, withdrawals, issues leaving the vote, removed participants, restarts, closes and new
    votes, in a seeded random order: after each step the running tally, every sheet, the vote's
    items and the results equal what the ballots add up to, counted again from scratch."""
    import random

    from kiosk.activities.vote.tally import tally_dots, tally_majority

    rng = random.Random(17)
    db = TinyDB(storage=MemoryStorage)
    for n in range(40):
        issues.propose(db, {"text": f"Sujet {n}"}, 100 + n)
    people = list(range(1, 41))
    votes.open_vote(db, {"method": method, "dots": 4, "max_per_issue": 3})

    def check():
        vote = votes.current(db)
        tally, sheets = votes.recount(db, vote)
        figures = votes._running(db, vote)
        assert figures.tally == tally and figures.items == set(vote["issue_ids"])
        assert {p: s["ballot"] for p, s in figures.sheets.items() if s["ballot"]} == \
            {p: s["ballot"] for p, s in sheets.items() if s["ballot"]}
        assert {p: s["rows"] for p, s in figures.sheets.items() if s["rows"]} == \
            {p: s["rows"] for p, s in sheets.items() if s["rows"]}
        assert not db.table(votes.TALLIES) and not db.table(votes.SHEETS)  # derived, never stored
        for participant in people:
            assert votes.ballot_of(db, vote, participant) == sheets.get(participant, {"ballot": {}})["ballot"]
        cast_now = [(b["participant"], b["issue_id"], b["value"]) for b in votes._ballots(db, vote.doc_id)
                    if b["value"] not in (0, None)]
        if vote["status"] == "open":
            if method == "dots":
                expected = tally_dots(vote["issue_ids"], cast_now)
            else:
                expected = tally_majority(vote["issue_ids"], cast_now, voters={p for p, _, _ in cast_now})
            assert votes.tally(db, vote) == expected
            assert votes.public(db, vote)["voters"] == len({p for p, _, _ in cast_now})

    steps = 0
    for _ in range(600):
        vote = votes.current(db)
        roll = rng.random()
        if vote["status"] == "closed":
            votes.open_vote(db, {"method": method, "dots": 4, "max_per_issue": 3, "replace": True})
        elif roll < 0.8:
            issue_id = rng.choice(vote["issue_ids"])
            value = rng.choice([0, 1, 2, 3]) if method == "dots" else rng.choice([None, *votes.GRADES])
            field = "dots" if method == "dots" else "grade"
            try:
                votes.cast(db, {"issue_id": issue_id, field: value}, rng.choice(people))
            except KioskError as error:
                assert error.code in ("budget", "cap")
        elif roll < 0.86 and len(people) > 5:
            gone = rng.choice(people)
            votes.forget(db, gone)
            people.remove(gone)
            assert not db.table("ballots").search(Query().participant == gone)
        elif roll < 0.9 and len(vote["issue_ids"]) > 2:
            issue_id = rng.choice(vote["issue_ids"])
            issues.set_hidden(db, {"issue_id": issue_id}, True)  # it leaves the vote, its dots go back
            assert issue_id not in votes.current(db)["issue_ids"]
        elif roll < 0.93:  # a restart: the box opens its data file again, without the running figures
            db = restarted(db)
        else:
            votes.close_vote(db, {})
            closed = votes.current(db)
            assert closed["results"] == votes._results(closed, votes.recount(db, closed)[0])
        check()
        steps += 1
    assert steps == 600 and len(db.table("votes")) > 1
