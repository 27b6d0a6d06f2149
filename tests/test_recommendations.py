"""Recommendations: proposals, impact and effort rated 1–4, the quadrant rule on the medians, the
roadmap's who and when, volunteers."""

from __future__ import annotations

import pytest
from conftest import refused
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import workshop
from kiosk.activities.recommendations import domain as recs


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    db.table("participants").insert({"name": "Ana"})
    db.table("participants").insert({"name": "Bruno"})
    return db


@pytest.mark.parametrize("impact,effort,quadrant", [
    (4, 1, "quick_win"), (3, 2.5, "quick_win"), (2.5, 1, "fill_in"), (1, 1, "fill_in"), (3, 3, "major_project"),
    (2.5, 2.5, "fill_in"), (2, 4, "thankless"), (2.5, 3, "thankless"), (3, 2.6, "major_project"), (None, 2, None),
])
def test_the_quadrant_rule(impact, effort, quadrant):
    assert recs.quadrant(impact, effort) == quadrant


def proposed(db, text, by=1):
    return recs.propose(db, {"text": text}, by)[0]["recommendation"]["id"]


def test_medians_of_the_ratings_place_a_recommendation(db):
    card = proposed(db, "Une carte des initiatives")
    for pid, (impact, effort) in enumerate([(4, 1), (3, 2), (4, 4), (1, 1)], start=1):
        recs.rate(db, {"recommendation_id": card, "impact": impact, "effort": effort}, pid)
    item = recs.public(db)["items"][0]
    assert (item["impact"], item["effort"], item["n"], item["quadrant"]) == (3.5, 1.5, 4, "quick_win")
    recs.rate(db, {"recommendation_id": card, "impact": 1, "effort": 4}, 1)  # rating again replaces it
    recs.rate(db, {"recommendation_id": card, "impact": 1, "effort": 4}, 2)
    item = recs.public(db)["items"][0]
    assert (item["impact"], item["effort"], item["quadrant"]) == (1, 4, "thankless")
    assert recs.mine(db, 1) == {str(card): [1, 4]}


@pytest.mark.parametrize("payload", [{"impact": 0, "effort": 2}, {"impact": 2, "effort": 5}, {"impact": 2},
                                     {"impact": 2.5, "effort": 1}, {"impact": "3", "effort": 1}])
def test_a_rating_outside_1_to_4_is_refused(db, payload):
    card = proposed(db, "Un fonds local")
    refused("bad_input", recs.rate, db, {"recommendation_id": card, **payload}, 1)
    assert recs.public(db)["items"][0]["n"] == 0


def test_a_proposal_comes_back_in_the_ack_under_its_noun(db):
    answer, _ = recs.propose(db, {"text": "  Une carte   des initiatives "}, 1)
    assert answer["recommendation"] == {"id": recs.public(db)["items"][0]["id"], "text": "Une carte des initiatives"}


def test_proposals_are_checked_and_stop_at_the_close(db):
    proposed(db, "Un fonds local")
    refused("duplicate", recs.propose, db, {"text": "UN FONDS  LOCAL"}, 2)
    refused("bad_input", recs.propose, db, {"text": "x" * 201}, 2)
    refused("bad_input", recs.propose, db, {"text": " \u200b "}, 2)
    recs.set_status(db, recs.CLOSED)
    refused("recommendations_closed", recs.propose, db, {"text": "Autre"}, 2)
    refused("recommendations_closed", recs.rate, db, {"recommendation_id": 1, "impact": 1, "effort": 1}, 2)
    recs.plan(db, {"recommendation_id": 1, "who": "La mairie", "when": "Mars 2027"})  # the roadmap stays editable
    assert len(recs.public(db)["items"]) == 1


def test_the_roadmap_keeps_who_what_when_in_the_quadrants_order(db):
    thankless = proposed(db, "Un grand rapport")
    quick = proposed(db, "Une soirée par trimestre")
    unrated = proposed(db, "Une idée neuve")
    major = proposed(db, "Un tiers-lieu")
    for item, (impact, effort) in ((thankless, (1, 4)), (quick, (4, 1)), (major, (4, 4))):
        recs.rate(db, {"recommendation_id": item, "impact": impact, "effort": effort}, 1)
    recs.plan(db, {"recommendation_id": quick, "who": "Comité d'animation", "when": "Mars 2027"})
    recs.volunteer(db, {"recommendation_id": quick}, 2)
    recs.volunteer(db, {"recommendation_id": major}, 1)
    recs.volunteer(db, {"recommendation_id": major, "on": False}, 1)
    road = recs.roadmap(db)
    assert [i["id"] for i in road] == [quick, major, thankless, unrated]
    assert (road[0]["who"], road[0]["when"], road[0]["volunteer_names"]) == ("Comité d'animation", "Mars 2027", ["Bruno"])
    assert road[1]["volunteers"] == [] and road[3]["quadrant"] is None
    refused("bad_input", recs.plan, db, {"recommendation_id": quick, "when": "x" * 41})
    refused("not_found", recs.plan, db, {"recommendation_id": 99, "who": "x"})
    recs.plan(db, {"recommendation_id": quick, "who": ""})
    assert recs.roadmap(db)[0]["who"] == "" and recs.roadmap(db)[0]["when"] == "Mars 2027"


def test_ratings_reach_the_screens_and_the_phone(db):
    card = proposed(db, "Un fonds local")
    answer, (mine, scores) = recs.rate(db, {"recommendation_id": card, "impact": 3, "effort": 2}, 2)
    assert mine.name == "recommendations.mine" and scores.name == "recommendations.scores"
    assert set(scores.to) == {"wall", "facilitator"} and scores.data["scores"][0]["quadrant"] == "quick_win"


def test_a_removed_participant_leaves_ratings_and_volunteers(db):
    card = proposed(db, "Un fonds local", by=1)
    recs.rate(db, {"recommendation_id": card, "impact": 4, "effort": 4}, 1)
    recs.rate(db, {"recommendation_id": card, "impact": 1, "effort": 1}, 2)
    recs.volunteer(db, {"recommendation_id": card}, 1)
    recs.forget(db, 1)
    item = recs.public(db)["items"][0]
    assert (item["impact"], item["volunteers"], item["author"], item["n"]) == (1, [], None, 1)


def test_next_opens_the_recommendations_with_the_steps_question(db):
    from kiosk.programmes import Step

    question = Step("Préconisations", "recommendations", 600, options={"question": "Que faire ?"})
    recs.set_status(db, recs.CLOSED)
    assert [e.name for e in recs.start(db, question, 0, 1.0)] == ["recommendations.changed"]
    assert (recs.status(db), recs.prompt(db)) == ("open", "Que faire ?")
    assert recs.start(db, question, 0, 2.0) == []  # a second Next changes nothing
    proposed(db, "Un fonds local")
    assert recs.start(db, Step("Suite", "recommendations", 600, options={"question": ""}), 1, 3.0) == []
    assert recs.prompt(db) == "Que faire ?" and len(recs.public(db)["items"]) == 1


def test_a_wrong_question_is_one_line_of_the_check(tmp_path):
    from kiosk import programmes

    path = tmp_path / "p.toml"
    path.write_text('title = "P"\nlang = "fr"\n\n[[steps]]\ntitle = "Préconisations"\nminutes = 20\n'
                    'phase = "recommendations"\nquestion = "' + "x" * 141 + '"\n', encoding="utf-8")
    problems = programmes.check_programmes([path])
    assert len(problems) == 1 and "steps[1].question" in problems[0], problems


def test_the_running_medians_equal_a_recount_after_any_sequence(db):
    """Ratings and changed ratings, removed participants and recommendations, new proposals and
    restarts, in a seeded random order: after each step every score (medians of impact and effort,
    from the running histograms, int or float as statistics.median gives them) equals a recount
    of the stored ratings."""
    import random
    import statistics

    from conftest import restarted

    from kiosk import participants

    rng = random.Random(17)
    people = [participants.join(db, {"name": f"P{n}"})[0]["participant"]["id"] for n in range(20)]
    for n in range(6):
        proposed(db, f"Recommandation {n}", people[n])
    for step in range(400):
        ids = [d.doc_id for d in db.table(recs.ITEMS).all()]
        roll = rng.random()
        if roll < 0.78:
            recs.rate(db, {"recommendation_id": rng.choice(ids), "impact": rng.randint(1, 4),
                           "effort": rng.randint(1, 4)}, rng.choice(people))
        elif roll < 0.83 and len(people) > 4:
            gone = rng.choice(people)
            participants.remove(db, {"participant_id": gone}, recs.forget, 100.0 + step)
            people.remove(gone)
        elif roll < 0.86 and len(ids) > 2:
            recs.remove(db, {"recommendation_id": rng.choice(ids)})
        elif roll < 0.9:
            proposed(db, f"Nouvelle {step}", rng.choice(people))
        else:
            db = restarted(db)
        for doc, item in zip(sorted(db.table(recs.ITEMS).all(), key=lambda d: d.doc_id), recs.public(db)["items"],
                             strict=True):
            ratings = list(doc.get("ratings", {}).values())
            impact = statistics.median([r[0] for r in ratings]) if ratings else None
            effort = statistics.median([r[1] for r in ratings]) if ratings else None
            assert (item["id"], item["impact"], item["effort"], item["n"]) == (doc.doc_id, impact, effort, len(ratings))
            assert type(item["impact"]) is type(impact) and item["quadrant"] == recs.quadrant(impact, effort)
