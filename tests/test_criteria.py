"""Criteria and radar: quartiles by linear interpolation, the radar's geometry, ratings with
"je ne sais pas", the rating's status, the step's criteria, the picture."""

from __future__ import annotations

import io
import math

import pytest
from conftest import refused
from PIL import Image
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import rooms, workshop
from kiosk.activities.criteria import domain as criteria
from kiosk.activities.criteria import export


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    return db


@pytest.mark.parametrize("values,expected", [
    ([2], (2, 2, 2)),
    ([0, 4], (1, 2, 3)),
    ([1, 2, 3, 4], (1.75, 2.5, 3.25)),
    ([0, 0, 1, 3, 4], (0, 1, 3)),
    ([4, 0, 2, 2, 3, 1, 2], (1.5, 2, 2.5)),
    ([3, 3, 3, 3], (3, 3, 3)),
])
def test_quartiles_interpolate_between_the_sorted_ratings(values, expected):
    assert criteria.quartiles(values) == pytest.approx(expected)


def test_no_rating_has_no_quartiles():
    assert criteria.quartiles([]) is None


def test_the_radars_axes_start_up_and_turn_clockwise():
    points = criteria.axis_points([4, 4, 4, 4], (500, 500), 400)
    assert points == [pytest.approx(p) for p in [(500, 100), (900, 500), (500, 900), (100, 500)]]
    half = criteria.axis_points([2, 0, None], (0, 0), 100)
    assert half[0] == pytest.approx((0, -50)) and half[1] == pytest.approx((0, 0)) and half[2] is None
    # Five axes: 72° apart, all at the same distance for the same value.
    five = criteria.axis_points([3] * 5, (0, 0), 100)
    assert all(math.hypot(x, y) == pytest.approx(75) for x, y in five)
    assert math.degrees(math.atan2(five[1][1], five[1][0])) == pytest.approx(-90 + 72)


def added(db, *names):
    for name in names:
        criteria.add(db, {"name": name, "indicator": f"Indicateur de {name}"})
    return [i["id"] for i in criteria.radar(db)]


def test_ratings_and_dont_know_make_the_radar(db):
    ids = added(db, "Lien social", "Sobriété", "Gouvernance")
    criteria.set_status(db, criteria.RATING)
    for pid, value in enumerate([0, 1, 3, 4, None], start=1):
        criteria.rate(db, {"criterion_id": ids[0], "value": value}, pid)
    criteria.rate(db, {"criterion_id": ids[1], "value": 2}, 1)
    criteria.rate(db, {"criterion_id": ids[1], "value": 3}, 1)  # rating again replaces it
    first, second, third = criteria.radar(db)
    assert (first["median"], first["q1"], first["q3"], first["n"], first["unknown"]) == (2, 0.75, 3.25, 4, 1)
    assert (second["median"], second["n"]) == (3, 1)
    assert (third["median"], third["q1"], third["n"], third["unknown"]) == (None, None, 0, 0)
    assert criteria.mine(db, 5) == {str(ids[0]): None} and criteria.public(db)["people"] == 5


def test_a_rating_goes_to_the_phone_and_the_radar_to_the_screens(db):
    ids = added(db, "A", "B", "C")
    criteria.set_status(db, criteria.RATING)
    answer, (mine, radar) = criteria.rate(db, {"criterion_id": ids[2], "value": 4}, 7)
    assert answer == {"ratings": {str(ids[2]): 4}} and mine.to == (rooms.participant(7),)
    assert radar.name == "criteria.radar" and set(radar.to) == {"wall", "facilitator"}
    assert radar.data["radar"][2]["median"] == 4 and radar.data["people"] == 1


@pytest.mark.parametrize("value", [5, -1, 2.5, "3", True, "missing"])
def test_a_rating_outside_0_to_4_is_refused(db, value):
    ids = added(db, "A", "B", "C")
    criteria.set_status(db, criteria.RATING)
    payload = {"criterion_id": ids[0]} if value == "missing" else {"criterion_id": ids[0], "value": value}
    refused("bad_input", criteria.rate, db, payload, 1)
    assert criteria.radar(db)[0]["n"] == 0 and criteria.mine(db, 1) == {}


def test_the_rating_opens_with_three_criteria_and_closes(db):
    ids = added(db, "A", "B")
    refused("criteria_closed", criteria.rate, db, {"criterion_id": ids[0], "value": 1}, 1)
    refused("no_items", criteria.set_status, db, criteria.RATING)
    added(db, "C")
    criteria.set_status(db, criteria.RATING)
    criteria.set_status(db, criteria.CLOSED)
    refused("criteria_closed", criteria.rate, db, {"criterion_id": ids[0], "value": 1}, 1)
    refused("criteria_closed", criteria.add, db, {"name": "D"})
    refused("criteria_closed", criteria.remove, db, {"criterion_id": ids[0]})


def test_an_added_criterion_comes_back_in_the_ack_under_its_noun(db):
    answer, _ = criteria.add(db, {"name": "Lien social", "indicator": "Rencontres par mois"})
    (item,) = criteria.radar(db)
    assert answer["criterion"] == {"id": item["id"], "name": "Lien social", "indicator": "Rencontres par mois"}


def test_criteria_names_are_checked(db):
    added(db, "Lien social")
    refused("duplicate", criteria.add, db, {"name": "LIEN SOCIAL"})
    refused("bad_input", criteria.add, db, {"name": "x" * 61})
    refused("bad_input", criteria.add, db, {"name": "  "})
    refused("bad_input", criteria.add, db, {"name": "Bon", "indicator": "y" * 141})
    added(db, *[f"C{n}" for n in range(11)])
    refused("too_many", criteria.add, db, {"name": "Treizième"})
    assert len(criteria.radar(db)) == 12


def test_edit_keeps_the_ratings_and_remove_drops_them(db):
    ids = added(db, "A", "B", "C")
    criteria.set_status(db, criteria.RATING)
    criteria.rate(db, {"criterion_id": ids[0], "value": 3}, 1)
    criteria.edit(db, {"criterion_id": ids[0], "name": "Lien", "indicator": "Rencontres"})
    assert criteria.radar(db)[0]["name"] == "Lien" and criteria.radar(db)[0]["median"] == 3
    refused("duplicate", criteria.edit, db, {"criterion_id": ids[0], "name": "b"})
    criteria.remove(db, {"criterion_id": ids[0]})
    refused("not_found", criteria.remove, db, {"criterion_id": ids[0]})
    assert [i["name"] for i in criteria.radar(db)] == ["B", "C"] and criteria.mine(db, 1) == {}


def test_a_removed_participants_ratings_leave_the_radar(db):
    ids = added(db, "A", "B", "C")
    criteria.set_status(db, criteria.RATING)
    criteria.rate(db, {"criterion_id": ids[0], "value": 0}, 1)
    criteria.rate(db, {"criterion_id": ids[0], "value": 4}, 2)
    assert [e.name for e in criteria.forget(db, 1)] == ["criteria.radar"]
    assert criteria.radar(db)[0]["median"] == 4 and criteria.forget(db, 1) == []


def test_the_radar_picture_is_wide_and_draws_the_band(db):
    ids = added(db, "Lien social", "Sobriété", "Gouvernance partagée", "Économie locale")
    criteria.set_status(db, criteria.RATING)
    for pid, values in enumerate([(0, 1, 2, 3), (2, 1, 4, 3), (4, 1, 0, 3), (None, 1, 2, 3)], start=1):
        for criterion, value in zip(ids, values):
            criteria.rate(db, {"criterion_id": criterion, "value": value}, pid)
    radar = criteria.radar(db)
    picture = Image.open(io.BytesIO(export.radar_png([("", radar)], "Critères")))
    assert picture.size[0] >= 1200
    centre = (export.WIDTH / 2, 130 + (export.HEIGHT - 130) / 2)
    radius = min(export.WIDTH / 2 - 330, (export.HEIGHT - 130) / 2 - export.MARGIN)
    # The first axis (up): quartiles 1 and 3, median 2: inside the band is tinted, beyond it white.
    inside = criteria.axis_points([2.5, None, None, None], centre, radius)[0]
    outside = criteria.axis_points([3.6, None, None, None], centre, radius)[0]
    r, g, b = picture.convert("RGB").getpixel((round(inside[0]) + 4, round(inside[1])))
    assert b > r and min(r, g, b) < 240
    # The paper (white, or within the 256-colour palette's rounding of it).
    assert min(picture.convert("RGB").getpixel((round(outside[0]) + 12, round(outside[1])))) >= 250
    # Two territories overlaid: both colours are there.
    both = Image.open(io.BytesIO(export.radar_png([("Redon", radar), ("Morlaix", [{**i, "median": 1, "q1": 0.5, "q3": 1.5}
                                                                                  for i in radar])])))
    colours = {c for _, c in both.convert("RGB").getcolors(1 << 20)}
    assert export.COLORS and {(11, 92, 173), (165, 42, 38)} <= colours


def step(criteria_pairs):
    from kiosk.programmes import Step

    return Step("Critères", "criteria", 600, options={"criteria": criteria_pairs})


def test_next_records_the_steps_criteria_once_and_never_after_the_rating_began(db):
    added(db, "Lien social")
    events = criteria.start(db, step([["lien SOCIAL", "x"], ["Sobriété", "Déchets évités"]]), 0, 1.0)
    assert [e.name for e in events] == ["criteria.changed"]
    assert [(i["name"], i["indicator"]) for i in criteria.radar(db)] == [
        ("Lien social", "Indicateur de Lien social"), ("Sobriété", "Déchets évités")]
    assert criteria.start(db, step([["Sobriété", "y"]]), 0, 2.0) == []  # a second Next changes nothing
    added(db, "Gouvernance")
    criteria.set_status(db, criteria.RATING)
    assert criteria.start(db, step([["Nouveau", "z"]]), 0, 3.0) == [] and len(criteria.radar(db)) == 3


PROGRAMME = '''title = "Radar"
lang = "fr"

[[steps]]
title = "Critères"
minutes = 20
phase = "criteria"
OPTION
'''


@pytest.mark.parametrize("option", ['criteria = [["Lien social"]]', 'criteria = "Lien social"',
                                    'criteria = [["Lien", "a"], ["lien", "b"]]', 'criteria = [["' + "x" * 61 + '", "a"]]',
                                    'criteria = []'])
def test_a_wrong_criteria_option_is_one_line_of_the_check(tmp_path, option):
    from kiosk import programmes

    path = tmp_path / "p.toml"
    path.write_text(PROGRAMME.replace("OPTION", option), encoding="utf-8")
    problems = programmes.check_programmes([path])
    assert len(problems) == 1 and "steps[1].criteria" in problems[0], problems
    path.write_text(PROGRAMME.replace("OPTION", 'criteria = [["Lien social", "Rencontres"]]'), encoding="utf-8")
    assert programmes.check_programmes([path]) == []


def test_the_running_histograms_equal_a_recount_after_any_sequence(db):
    """Ratings, changed ratings and "je ne sais pas", removed participants, criteria added, edited
    and removed, and restarts, in a seeded random order: after each step the radar (medians and
    quartiles exact, from the histograms), the number of people and each phone's ratings equal what
    the stored ratings give, counted again with `quartiles`."""
    import random

    from conftest import restarted

    rng = random.Random(17)
    added(db, "Lien social", "Emploi", "Santé", "Culture")
    criteria.set_status(db, criteria.RATING)
    people = list(range(1, 31))
    for step in range(400):
        ids = [i["id"] for i in criteria.radar(db)]
        roll = rng.random()
        if roll < 0.75:
            criteria.rate(db, {"criterion_id": rng.choice(ids), "value": rng.choice([None, 0, 1, 2, 3, 4, 4, 3])},
                          rng.choice(people))
        elif roll < 0.8:
            criteria.forget(db, rng.choice(people))
        elif roll < 0.84 and len(ids) > 3:
            criteria.remove(db, {"criterion_id": rng.choice(ids)})
        elif roll < 0.88 and len(ids) < criteria.CRITERIA_MAX:
            criteria.add(db, {"name": f"Critère {step}"})
        elif roll < 0.9:
            criteria.edit(db, {"criterion_id": rng.choice(ids), "name": f"Renommé {step}"})
        else:
            db = restarted(db)
        docs = sorted(db.table(criteria.CRITERIA).all(), key=lambda d: d.doc_id)
        for doc, item in zip(docs, criteria.radar(db), strict=True):
            values = list(doc.get("ratings", {}).values())
            found = criteria.quartiles([v for v in values if v is not None]) or (None, None, None)
            assert (item["id"], item["q1"], item["median"], item["q3"], item["n"], item["unknown"]) == \
                (doc.doc_id, *found, sum(v is not None for v in values), values.count(None))
        assert criteria.public(db)["people"] == len({p for d in docs for p in d.get("ratings", {})})
        for person in people:
            assert criteria.mine(db, person) == {str(d.doc_id): d["ratings"][str(person)] for d in docs
                                                 if str(person) in d.get("ratings", {})}
