"""Project seeds: votes over another source than the issues (the needs), groups around the top
needs, seed cards written by several members at once without loss, action groups, the referent
rule, forgetting a participant, and the export."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from conftest import events, refused
from pypdf import PdfReader
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import export, participants, workshop
from kiosk.activities.groups import domain as groups
from kiosk.activities.issues import domain as issues
from kiosk.activities.seeds import domain as seeds
from kiosk.activities.vote import domain as votes

NEEDS = {11: "Un local partagé pour les associations", 12: "Des transports entre les vallées",
         13: "Un annuaire des acteurs du territoire", 14: "Former les bénévoles"}


@pytest.fixture
def needs(monkeypatch):
    """A vote source of needs (the review's, once its unit is there): `[{id, text}]` of one bucket."""
    asked = []

    def source(db, bucket):
        asked.append(bucket)
        return [{"id": i, "text": t} for i, t in NEEDS.items()] if bucket == "Besoins" else []

    monkeypatch.setitem(votes.SOURCES, "needs", source)
    return asked


@pytest.fixture
def db():
    """Six participants and one shown issue."""
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    for name in ["Ana Martin", "Bruno", "Chloé Durand", "Djamel", "Élise", "François"]:
        participants.join(db, {"name": name})
    issues.propose(db, {"text": "Mobilité"}, None)
    return db


def needs_vote(db):
    """A closed dots vote on the needs: 12 first, then 14, then 11."""
    votes.open_vote(db, {"method": "dots", "source": "needs", "bucket": "Besoins"})
    for participant, item, dots in [(1, 12, 2), (2, 12, 1), (2, 14, 2), (3, 11, 1)]:
        votes.cast(db, {"issue_id": item, "dots": dots}, participant)
    return votes.close_vote(db, {})[0]["vote"]


# --- Vote sources ---------------------------------------------------------------------------------

def test_a_vote_on_the_issues_is_as_it_was(db):
    view = votes.open_vote(db, {"method": "dots"})[0]["vote"]
    assert set(view) == {"id", "method", "status", "issue_ids", "voters", "dots", "max_per_issue", "results"}
    assert view["issue_ids"] == [1]


def test_a_vote_on_the_needs_carries_their_texts_and_takes_ballots_on_them(db, needs):
    view, evts = votes.open_vote(db, {"method": "dots", "source": "needs", "bucket": "Besoins"})
    view = view["vote"]
    assert needs == ["Besoins"]
    assert (view["source"], view["bucket"], view["issue_ids"]) == ("needs", "Besoins", list(NEEDS))
    assert view["items"] == [{"id": i, "text": t} for i, t in NEEDS.items()]
    assert evts[0].data["vote"]["items"] == view["items"]  # phones show the needs without the review's state
    votes.cast(db, {"issue_id": 12, "dots": 2}, 1)
    refused("not_found", votes.cast, db, {"issue_id": 1, "dots": 1}, 2)  # an issue is not in this vote
    # Issues are not frozen by a vote on the needs.
    issues.propose(db, {"text": "Logement"}, None)
    closed = votes.close_vote(db, {})[0]["vote"]
    assert closed["results"][0]["issue_id"] == 12 and closed["items"] == view["items"]


def test_an_unknown_or_empty_source_is_refused_and_opens_nothing(db, needs):
    refused("bad_input", votes.open_vote, db, {"method": "dots", "source": "nowhere"})
    error = refused("no_items", votes.open_vote, db, {"method": "dots", "source": "needs", "bucket": "Freins"})
    assert error.values == {"what": "Freins"}
    assert votes.current(db) is None


def test_a_needs_vote_forms_groups_named_after_the_top_needs(db, needs):
    needs_vote(db)
    formed = groups.form(db, {"count": 2, "from": "vote"})[0]["groups"]
    assert [(g["name"], g["source"], g["source_id"], g["issue_id"]) for g in formed] == [
        (NEEDS[12], "needs", 12, None), (NEEDS[14], "needs", 14, None)]
    # The default source is the same vote: `groups.form {count}` does it too.
    assert [g["name"] for g in groups.form(db, {"count": 3})[0]["groups"]] == [NEEDS[12], NEEDS[14], NEEDS[11]]


def test_the_review_source_gives_the_needs_bucket_once_the_review_unit_is_there(db):
    review = pytest.importorskip("kiosk.activities.review.domain")
    review.open_review(db, {"buckets": ["Freins", "Besoins"]}, None)
    for who, bucket, text in [(1, "Besoins", "Un local partagé"), (2, "Freins", "Le coût"), (3, "Besoins", "Des navettes")]:
        review.post(db, {"bucket": bucket, "text": text}, who)
    view = votes.open_vote(db, {"method": "dots", "source": "review", "bucket": "Besoins"})[0]["vote"]
    assert [item["text"] for item in view["items"]] == ["Un local partagé", "Des navettes"]
    votes.cast(db, {"issue_id": view["items"][1]["id"], "dots": 2}, 1)
    votes.close_vote(db, {})
    formed = groups.form(db, {"count": 2})[0]["groups"]
    assert [(g["name"], g["source"]) for g in formed] == [("Des navettes", "review"), ("Un local partagé", "review")]


def test_the_vote_step_carries_a_source_and_a_bucket(tmp_path, needs):
    from kiosk import programmes

    path = tmp_path / "apres-midi.toml"
    body = '''title = "Après-midi"
lang = "fr"

[[steps]]
title = "Vote sur les besoins"
minutes = 10
phase = "vote"
{options}
'''
    path.write_text(body.format(options='source = "needs"\nbucket = "Besoins"'), encoding="utf-8")
    step = programmes.load_programme(path).steps[0]
    assert step.options == {"method": "dots", "dots": 3, "max_per_issue": 2, "source": "needs", "bucket": "Besoins"}
    db = TinyDB(storage=MemoryStorage)
    view = votes.open_vote(db, {"method": "majority"}, step)[0]["vote"]
    assert (view["source"], view["bucket"], len(view["items"])) == ("needs", "Besoins", 4)
    for wrong in ('source = "nowhere"', 'source = ["needs"]', "bucket = 3"):
        path.write_text(body.format(options=wrong), encoding="utf-8")
        problems = programmes.check_programmes([path])
        assert len(problems) == 1 and f"steps[1].{wrong.split()[0]}" in problems[0], problems
    path.write_text(body.format(options=""), encoding="utf-8")
    assert "source" not in programmes.load_programme(path).steps[0].options


# --- Seed cards -----------------------------------------------------------------------------------

@pytest.fixture
def room(db, needs):
    """Groups around the two top needs: Ana and Bruno in the first, Chloé in the second; the cards open."""
    needs_vote(db)
    groups.form(db, {"count": 2})
    groups.join(db, {"group_id": 1}, 1)
    groups.join(db, {"group_id": 1}, 2)
    groups.join(db, {"group_id": 2}, 3)
    seeds.open_seeds(db, {})
    return db


def card(db, seed_id=1):
    return next(s for s in seeds.all_seeds(db) if s["id"] == seed_id)


def edit(db, who, field, value, version, seed_id=1):
    return seeds.edit(db, {"seed_id": seed_id, "field": field, "value": value, "version": version}, who)


def test_each_group_gets_a_card_with_its_need_prefilled(room):
    cards = seeds.all_seeds(room)
    assert [(c["group_id"], c["need"], c["title"], c["open"], c["members"]) for c in cards] == [
        (1, NEEDS[12], "", True, []), (2, NEEDS[14], "", True, [])]
    # Opening again (entering the phase) adds nothing for groups that have a card.
    assert len(seeds.open_seeds(room, {})[0]["seeds"]) == 2
    assert seeds.on_enter(room, "seeds") == []


def test_seeds_need_groups_first():
    db = TinyDB(storage=MemoryStorage)
    refused("no_groups", seeds.open_seeds, db, {})
    assert seeds.on_enter(db, "seeds") == []


def test_two_writers_of_one_field_lose_nothing(room):
    # Ana and Bruno both start writing the pitch on version 0.
    version = card(room)["versions"]["pitch"]
    saved, evts = edit(room, 1, "pitch", "Un local au centre de Briançon.", version)
    assert saved["seed"]["versions"]["pitch"] == 1 and [e.name for e in evts] == ["seed.updated"]
    # Bruno's save on the outdated version is refused: Ana's text stays, his is his to merge.
    error = refused("conflict", edit, room, 2, "pitch", "Ouvert le samedi, partagé entre associations.", version)
    assert error.values["field"] == "Pitch"
    assert card(room)["pitch"] == "Un local au centre de Briançon."
    # He merged the two on the version he was shown: both texts are on the card.
    merged = "Un local au centre de Briançon.\nOuvert le samedi, partagé entre associations."
    edit(room, 2, "pitch", merged, 1)
    assert (card(room)["pitch"], card(room)["versions"]["pitch"]) == (merged, 2)


def test_writers_of_different_fields_do_not_hinder_each_other(room):
    edit(room, 1, "title", "La Maison des assos", 0)
    edit(room, 2, "first_step", "Visiter l'ancienne école", 0)
    edit(room, 2, "meeting_date", "2026-12-14", 0)
    edit(room, 1, "meeting_place", "Mairie de Briançon", 0)
    edit(room, 1, "open", False, 0)
    seed = card(room)
    assert (seed["title"], seed["first_step"], seed["meeting_date"], seed["meeting_place"], seed["open"]) == (
        "La Maison des assos", "Visiter l'ancienne école", "2026-12-14", "Mairie de Briançon", False)
    # Saving the text already there on an old version is no conflict, and no event.
    assert edit(room, 2, "title", "La Maison des assos", 0)[1] == []


@pytest.mark.parametrize("field,value", [("title", "x" * 81), ("meeting_date", "14/12/2026"),
                                         ("meeting_date", "20261214"), ("meeting_date", "2026-02-30"), ("open", "oui"),
                                         ("pitch", 3), ("colour", "rouge")])
def test_bad_values_are_refused_and_change_nothing(room, field, value):
    before = card(room)
    refused("bad_input", edit, room, 1, field, value, 0)
    assert card(room) == before


def test_only_the_group_its_action_group_and_the_facilitator_write_a_card(room):
    refused("forbidden", edit, room, 3, "title", "Pas mon groupe", 0)  # Chloé is in the other group
    seeds.join(room, {"seed_id": 1}, 3)
    edit(room, 3, "title", "Rejointe par Chloé", 0)
    edit(room, None, "title", "Par l'animation", 1)
    assert card(room)["title"] == "Par l'animation"
    refused("not_found", edit, room, 1, "title", "?", 0, seed_id=9)


def test_anyone_joins_and_leaves_an_action_group(room):
    seeds.join(room, {"seed_id": 1}, 5)  # Élise is in no group
    seeds.join(room, {"seed_id": 2}, 5)  # and may join several
    assert seeds.join(room, {"seed_id": 1}, 5)[1] == []  # twice: nothing changes
    seeds.join(room, {"seed_id": 1, "participant_id": 6}, None)  # the facilitator adds François
    assert card(room)["members"] == [5, 6] and card(room, 2)["members"] == [5]
    seeds.leave(room, {"seed_id": 1}, 5)
    assert card(room)["members"] == [6]
    refused("not_member", seeds.leave, room, {"seed_id": 1}, 5)


def test_the_referent_is_a_member_of_the_action_group(room):
    refused("not_member", seeds.set_referent, room, {"seed_id": 1, "participant_id": 1}, None)
    refused("not_member", seeds.set_referent, room, {"seed_id": 1, "participant_id": 1}, 1)
    seeds.join(room, {"seed_id": 1}, 1)
    seeds.join(room, {"seed_id": 1}, 2)
    refused("forbidden", seeds.set_referent, room, {"seed_id": 1, "participant_id": 2}, 1)
    seeds.set_referent(room, {"seed_id": 1, "participant_id": 1}, 1)  # Ana volunteers
    error = refused("taken", seeds.set_referent, room, {"seed_id": 1, "participant_id": 2}, 2)
    assert error.values == {"name": "Ana Martin"}
    seeds.set_referent(room, {"seed_id": 1, "participant_id": 2}, None)  # the facilitator picks Bruno
    assert card(room)["referent"] == 2
    seeds.leave(room, {"seed_id": 1}, 2)  # a referent who leaves stops being one
    assert card(room)["referent"] is None
    seeds.set_referent(room, {"seed_id": 1, "participant_id": 1}, None)
    seeds.set_referent(room, {"seed_id": 1, "participant_id": None}, None)
    assert card(room)["referent"] is None


def test_the_wall_shows_one_seed_large_then_every_seed(room):
    assert seeds.show(room, {"seed_id": 2})[1][0].data == {"seed_id": 2}
    assert seeds.shown(room) == 2
    refused("not_found", seeds.show, room, {"seed_id": 7})
    seeds.show(room, {"seed_id": None})
    assert seeds.shown(room) is None


def test_a_removed_participant_leaves_every_action_group_and_the_referents_seat(room):
    for seed_id in (1, 2):
        seeds.join(room, {"seed_id": seed_id}, 1)
    seeds.set_referent(room, {"seed_id": 1, "participant_id": 1}, 1)
    evts = seeds.forget(room, 1)
    assert [e.name for e in evts] == ["seed.updated", "seed.updated"]
    assert [(s["members"], s["referent"]) for s in seeds.all_seeds(room)] == [([], None), ([], None)]
    assert seeds.forget(room, 1) == []


def test_the_public_seeds_give_first_names_and_no_contact(room):
    seeds.join(room, {"seed_id": 1}, 1)
    seeds.join(room, {"seed_id": 1}, 3)
    seeds.set_referent(room, {"seed_id": 1, "participant_id": 3}, None)
    edit(room, 1, "title", "La Maison des assos", 0)
    first = seeds.seeds(room)[0]
    assert set(first) >= {*seeds.FIELDS, "referent", "referent_name", "members"}
    assert (first["title"], first["referent"], first["referent_name"], first["members"]) == (
        "La Maison des assos", 3, "Chloé", ["Ana", "Chloé"])
    assert not any("contact" in seed for seed in seeds.seeds(room))


# --- Export ---------------------------------------------------------------------------------------

def test_the_export_holds_every_seed_with_its_columns(room, deck):
    seeds.join(room, {"seed_id": 1}, 1)
    seeds.join(room, {"seed_id": 1}, 2)
    seeds.set_referent(room, {"seed_id": 1, "participant_id": 2}, None)
    for field, value in [("title", "La Maison des assos"), ("pitch", "Un local partagé"), ("first_step", "Visiter"),
                         ("meeting_date", "2026-12-14"), ("meeting_place", "Mairie"), ("open", False)]:
        edit(room, 1, field, value, 0)
    bundle = export.build(export.collect(room, deck))
    rows = list(csv.reader(io.StringIO(bundle.files["seeds.csv"].decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Titre", "Besoin", "Pitch", "Premier pas", "Référent·e", "Membres", "Prochaine réunion",
                       "Ouvert aux nouveaux"]
    assert rows[1] == ["La Maison des assos", NEEDS[12], "Un local partagé", "Visiter", "Bruno", "Ana, Bruno",
                       "2026-12-14 · Mairie", "non"]
    assert rows[2][:2] == ["", NEEDS[14]] and rows[2][7] == "oui"
    with zipfile.ZipFile(io.BytesIO(bundle.files["results.xlsx"])) as workbook:
        assert "Graines de projet" in workbook.read("xl/workbook.xml").decode()
    groups_csv = list(csv.reader(io.StringIO(bundle.files["groups.csv"].decode("utf-8-sig")), delimiter=";"))
    assert groups_csv[1][1:3] == [NEEDS[12], ""]  # a group around a need has no issue
    report = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bundle.files["report.pdf"])).pages)
    assert "Graines de projet" in report and "La Maison des assos" in report


def test_the_socket_protocol_sends_a_save_to_every_screen(actions):
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    console, wall = actions.facilitator(), actions.wall()
    console.emit("issue.propose", {"text": "Un local partagé"}, callback=True)
    assert console.emit("groups.form", {"count": 1, "from": "issues"}, callback=True)["ok"]
    for phone in (ana, bruno):
        assert phone.emit("group.join", {"group_id": 1}, callback=True)["ok"]
    assert console.emit("phase.set", {"phase": "seeds"}, callback=True)["ok"]
    opened = events(wall, "seeds.opened")[-1]["seeds"]
    assert [s["need"] for s in opened] == ["Un local partagé"]
    events(ana), events(bruno)
    answer = ana.emit("seed.edit", {"seed_id": 1, "field": "title", "value": "La Maison", "version": 0}, callback=True)
    assert answer["ok"] and answer["seed"]["title"] == "La Maison"
    assert events(bruno, "seed.updated")[-1]["seed"]["title"] == "La Maison"
    late = bruno.emit("seed.edit", {"seed_id": 1, "field": "title", "value": "Le Local", "version": 0}, callback=True)
    assert (late["ok"], late["code"]) == (False, "conflict") and "Titre" in late["error"]
    assert bruno.emit("seed.join", {"seed_id": 1}, callback=True)["seed"]["members"] == [bruno.participant["id"]]
    assert events(wall, "seed.updated")[-1]["seed"]["members"] == [bruno.participant["id"]]
