"""The situation review: notes in buckets from the step's options, the moderation inbox, one +1 per
person per note, merges that keep the voters' union and what they absorbed, moves, hidden notes,
a removed participant forgotten, refusals that change nothing; then over the protocol."""

from __future__ import annotations

import json

import pytest
from conftest import events, refused, restarted
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import instances, workshop
from kiosk.activities.review import domain as review
from kiosk.programmes import Step


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    return db


def opened(db, **payload):
    return review.open_review(db, payload, None, None, 100.0)[0]["review"]


def post(db, who, text, bucket="Freins"):
    return review.post(db, {"bucket": bucket, "text": text}, who)[0]["note"]


def plus(db, who, note_id, on=True):
    return review.plus(db, {"note_id": note_id, "on": on}, who)


def test_the_default_buckets_are_in_the_workshop_language_and_a_step_names_its_own(db):
    assert opened(db)["buckets"] == ["Freins", "Leviers", "Moyens", "Besoins", "Attentes"]
    step = Step(title="Exemples", phase="review", duration_s=600, options={
        "prompt": "Vos exemples", "buckets": ["Table 1", "Table 2"], "moderation": True})
    view = review.open_review(db, {}, step, 4, 200.0)[0]["review"]
    assert (view["prompt"], view["buckets"], view["moderation"]) == ("Vos exemples", ["Table 1", "Table 2"], True)
    assert review.buckets(db) == ["Table 1", "Table 2"] and review.buckets(db, review=1)[0] == "Freins"
    assert instances.current(db, review.REVIEWS)["step"] == 4
    english = TinyDB(storage=MemoryStorage)
    workshop.initialise(english, "en")
    assert opened(english)["buckets"] == ["Brakes", "Levers", "Means", "Needs", "Expectations"]


def test_a_note_goes_into_one_of_the_buckets_and_a_double_tap_makes_one_note(db):
    opened(db)
    note = post(db, 1, "Pas de bus après 19 h", "Freins")
    _, evts = review.post(db, {"bucket": "Freins", "text": "pas de bus  après 19 h"}, 1)
    assert evts == [] and [n["id"] for n in review.notes(db)] == [note["id"]]
    post(db, 1, "Pas de bus après 19 h", "Besoins")  # the same text in another bucket is another note
    assert [n["bucket"] for n in review.notes(db)] == ["Freins", "Besoins"]
    assert review.notes(db, bucket="Besoins")[0] == {"id": 2, "bucket": "Besoins", "text": "Pas de bus après 19 h",
                                                     "plus_ones": 0, "author": 1}


@pytest.mark.parametrize("payload", [{"bucket": "Envies", "text": "x"}, {"bucket": "Freins", "text": "x" * 201},
                                     {"bucket": "Freins", "text": "   "}, {"bucket": "Freins", "text": 3},
                                     {"bucket": "Freins"}, {"text": "Bus"}])
def test_a_note_out_of_the_buckets_too_long_or_empty_is_refused_and_changes_nothing(db, payload):
    opened(db)
    refused("bad_input", review.post, db, payload, 1)
    assert review.console(db)["notes"] == []


def test_invisible_characters_are_removed_and_a_person_has_a_ceiling_of_notes(db):
    opened(db)
    assert post(db, 1, "Bus\u202e du soir\u200b")["text"] == "Bus du soir"
    for n in range(review.NOTES_PER_PERSON - 1):
        post(db, 1, f"Note {n}")
    refused("too_many_notes", review.post, db, {"bucket": "Freins", "text": "Encore une"}, 1)
    assert len(review.mine(db, 1)["notes"]) == review.NOTES_PER_PERSON


def test_no_note_before_a_review_opens_or_after_it_closes(db):
    refused("no_review", review.post, db, {"bucket": "Freins", "text": "Bus"}, 1)
    opened(db)
    note = post(db, 1, "Bus")
    review.close_review(db, {}, 200.0)
    refused("review_closed", review.post, db, {"bucket": "Freins", "text": "Train"}, 1)
    refused("review_closed", plus, db, 2, note["id"])
    refused("review_closed", review.edit_own, db, {"note_id": note["id"], "text": "Car"}, 1)


def test_with_moderation_a_note_waits_in_the_inbox_until_accepted_and_a_rejected_one_never_shows(db):
    opened(db, moderation=True)
    first, second = post(db, 1, "Manque de locaux"), post(db, 2, "Propos injurieux")
    assert first["status"] == "pending" and review.notes(db) == [] and review.public(db)["notes"] == []
    assert [n["status"] for n in review.console(db)["notes"]] == ["pending", "pending"]
    _, evts = review.moderate(db, {"note_id": first["id"]}, True)
    assert {(e.name, e.to) for e in evts} == {("review.note", ("wall", "phones")), ("review.note", ("facilitator",)),
                                              ("review.mine", ("participant:1",))}
    review.moderate(db, {"note_id": second["id"]}, False)
    assert [n["text"] for n in review.notes(db)] == ["Manque de locaux"]
    assert review.mine(db, 2)["notes"][0]["status"] == "rejected"
    # Edited with moderation on, an accepted note goes back to the inbox (and leaves the room's view).
    _, evts = review.edit_own(db, {"note_id": first["id"], "text": "Manque de locaux l'hiver"}, 1)
    assert "review.removed" in [e.name for e in evts] and review.notes(db) == []


def test_a_person_gives_one_plus_one_per_note_and_can_take_it_back(db):
    opened(db)
    note = post(db, 1, "Manque de locaux")
    other = post(db, 2, "Peu de bénévoles")
    plus(db, 2, note["id"])
    _, evts = plus(db, 2, note["id"])  # a second tap: still one
    assert evts == [] and review.notes(db)[0]["plus_ones"] == 1
    plus(db, 3, note["id"])
    _, evts = plus(db, 3, other["id"])
    assert [n["plus_ones"] for n in review.notes(db)] == [2, 1]
    counts = next(e for e in evts if e.name == "review.counts")
    assert counts.data == {"review_id": 1, "counts": {"1": 2, "2": 1}} and counts.to == ("wall", "facilitator", "phones")
    plus(db, 2, note["id"], on=False)
    assert [n["plus_ones"] for n in review.notes(db)] == [1, 1] and review.mine(db, 2)["plus"] == []
    refused("bad_input", plus, db, 1, note["id"])  # one's own note
    refused("not_found", plus, db, 2, 99)


def test_notes_are_sorted_by_plus_ones_for_other_activities(db):
    opened(db)
    for n, text in enumerate(["Locaux", "Bénévoles", "Transport"], start=1):
        post(db, n, text, "Besoins")
    for who in (5, 6):
        plus(db, who, 3)
    plus(db, 5, 2)
    assert [n["text"] for n in review.notes(db, bucket="Besoins")] == ["Transport", "Bénévoles", "Locaux"]
    assert review.notes(db, bucket="Freins") == [] and review.notes(db, review=9) == []


def test_a_merge_keeps_the_union_of_voters_and_remembers_what_it_absorbed(db):
    opened(db)
    kept, duplicate, third = post(db, 1, "Manque de locaux"), post(db, 2, "Pas de salle"), post(db, 3, "Plus de salles")
    for who in (4, 5):
        plus(db, who, kept["id"])
    for who in (5, 6):  # 5 gave a +1 to both: counted once after the merge
        plus(db, who, duplicate["id"])
    plus(db, 7, third["id"])
    result, evts = review.merge(db, {"note_id": duplicate["id"], "into": kept["id"]})
    assert result["note"]["plus_ones"] == 3 and result["note"]["merged_from"] == ["Pas de salle"]
    assert {"review.removed", "review.note", "review.counts", "review.mine"} <= {e.name for e in evts}
    review.merge(db, {"note_id": kept["id"], "into": third["id"]})
    final = review.notes(db)
    assert final == [{"id": third["id"], "bucket": "Freins", "text": "Plus de salles", "plus_ones": 4, "author": 3}]
    assert review.console(db)["notes"][2]["merged_from"] == ["Manque de locaux", "Pas de salle"]
    assert review.mine(db, 2)["notes"][0]["status"] == "merged"
    refused("note_settled", review.merge, db, {"note_id": kept["id"], "into": third["id"]})
    refused("bad_input", review.merge, db, {"note_id": third["id"], "into": third["id"]})
    refused("note_settled", review.edit_own, db, {"note_id": third["id"], "text": "Autre"}, 3)  # it holds others' notes


def test_the_facilitator_moves_hides_restores_and_corrects_a_note(db):
    opened(db)
    note = post(db, 1, "Manqe de locaux")
    review.move(db, {"note_id": note["id"], "bucket": "Besoins"})
    review.fix(db, {"note_id": note["id"], "text": "Manque de locaux"})
    assert review.notes(db) == [{"id": 1, "bucket": "Besoins", "text": "Manque de locaux", "plus_ones": 0, "author": 1}]
    refused("bad_input", review.move, db, {"note_id": note["id"], "bucket": "Ailleurs"})
    review.set_hidden(db, {"note_id": note["id"]}, True)
    assert review.notes(db) == [] and review.console(db)["notes"][0]["status"] == "hidden"
    refused("note_settled", review.set_hidden, db, {"note_id": note["id"]}, True)
    refused("note_settled", review.withdraw, db, {"note_id": note["id"]}, 1)
    review.set_hidden(db, {"note_id": note["id"]}, False)
    assert len(review.notes(db)) == 1


def test_a_participant_edits_and_withdraws_only_their_own_note(db):
    opened(db)
    note = post(db, 1, "Manque de locaux")
    plus(db, 2, note["id"])
    refused("forbidden", review.edit_own, db, {"note_id": note["id"], "text": "Vandalisme"}, 2)
    refused("forbidden", review.withdraw, db, {"note_id": note["id"]}, 2)
    review.edit_own(db, {"note_id": note["id"], "text": "Manque de locaux partagés"}, 1)
    assert review.notes(db)[0]["text"] == "Manque de locaux partagés" and review.notes(db)[0]["plus_ones"] == 1
    _, evts = review.withdraw(db, {"note_id": note["id"]}, 1)
    assert review.notes(db) == [] and review.mine(db, 1)["notes"] == []
    assert next(e for e in evts if e.name == "review.counts").data["counts"] == {}
    refused("not_found", review.withdraw, db, {"note_id": note["id"]}, 1)


def test_a_removed_participant_loses_their_plus_ones_and_their_notes_their_author(db):
    opened(db)
    theirs, other, gathering = post(db, 1, "Bruit"), post(db, 2, "Locaux"), post(db, 1, "Transport")
    review.merge(db, {"note_id": post(db, 3, "Bus")["id"], "into": gathering["id"]})
    plus(db, 1, other["id"])
    plus(db, 2, theirs["id"])
    evts = review.forget(db, 1)
    console = {n["id"]: n for n in review.console(db)["notes"]}
    assert console[theirs["id"]]["status"] == "hidden" and console[theirs["id"]]["author"] is None
    assert console[gathering["id"]]["status"] == "public" and console[gathering["id"]]["author"] is None
    assert console[other["id"]]["plus_ones"] == 0
    assert "review.counts" in {e.name for e in evts} and review.mine(db, 1) == {"notes": [], "plus": []}
    assert review.forget(db, 1) == []


@pytest.mark.parametrize("options,problem", [('buckets = "Freins"', "buckets"), ("buckets = []", "buckets"),
                                             ('buckets = ["A", "a"]', "buckets"), ('buckets = ["' + "x" * 41 + '"]',
                                                                                    "buckets"),
                                             ('moderation = "oui"', "moderation")])
def test_a_wrong_step_option_is_one_line_of_the_check(tmp_path, options, problem):
    from kiosk import programmes

    path = tmp_path / "p.toml"
    path.write_text(PROGRAMME.replace('buckets = ["Freins", "Leviers", "Besoins"]\nmoderation = true', options), encoding="utf-8")
    problems = programmes.check_programmes([path])
    assert len(problems) == 1 and f"steps[1].{problem}" in problems[0], problems


PROGRAMME = '''title = "État des lieux"
lang = "fr"

[[steps]]
title = "État des lieux"
minutes = 30
phase = "review"
prompt = "Sur la mobilité du territoire"
buckets = ["Freins", "Leviers", "Besoins"]
moderation = true
'''


def test_over_the_protocol_the_step_gives_the_buckets_and_each_screen_hears_what_concerns_it(tmp_path):
    from kiosk import create_app

    path = tmp_path / "etat.toml"
    path.write_text(PROGRAMME, encoding="utf-8")
    app = create_app({"data": str(tmp_path / "data"), "pin": "246810", "programme": str(path),
                      "async_mode": "threading", "tally_interval": 0})
    from conftest import JoinActions

    actions = JoinActions(app)
    console, wall = actions.facilitator(), actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    assert console.emit("programme.next", {}, callback=True)["ok"]
    opened_view = console.emit("review.open", {}, callback=True)["review"]
    assert (opened_view["buckets"], opened_view["moderation"]) == (["Freins", "Leviers", "Besoins"], True)
    assert ana.emit("review.open", {}, callback=True)["code"] == "forbidden"
    events(wall), events(ana), events(bruno), events(console)
    note = ana.emit("review.post", {"bucket": "Besoins", "text": "Un local partagé"}, callback=True)["note"]
    assert note["status"] == "pending"
    assert events(wall, "review.note") == [] and events(bruno, "review.note") == []
    inbox = events(console, "review.note")[-1]["notes"][0]
    assert (inbox["status"], inbox["author"]) == ("pending", ana.participant["id"])
    assert console.emit("review.accept", {"note_id": note["id"]}, callback=True)["ok"]
    shown = events(wall, "review.note")[-1]["notes"][0]
    assert shown == {"id": note["id"], "bucket": "Besoins", "text": "Un local partagé", "plus_ones": 0}
    assert events(ana, "review.mine")[-1]["note"]["status"] == "public"
    assert bruno.emit("review.plus", {"note_id": note["id"]}, callback=True)["ok"]
    assert events(wall, "review.counts")[-1]["counts"] == {str(note["id"]): 1}
    plussed = events(bruno, "review.plussed")[-1]
    assert (plussed["note_id"], plussed["on"]) == (note["id"], True)
    assert events(ana, "review.plussed") == []
    bruno.emit("state.get", {}, callback=True)
    state = events(bruno, "state")[-1]
    assert state["review"]["notes"][0]["plus_ones"] == 1 and state["me"]["review"]["plus"] == [note["id"]]
    assert "author" not in str(state["review"])
    # A phone posting in a burst: the core's rate and the ceiling per person refuse the rest, and
    # nothing refused is stored.
    answers = [bruno.emit("review.post", {"bucket": "Freins", "text": f"Note {n}"}, callback=True) for n in range(35)]
    accepted = [a for a in answers if a["ok"]]
    assert {a["code"] for a in answers if not a["ok"]} <= {"too_many_requests", "too_many_notes"}
    assert len(accepted) < 35
    console.emit("state.get", {}, callback=True)
    theirs = [n for n in events(console, "state")[-1]["review"]["notes"] if n["author"] == bruno.participant["id"]]
    assert len(theirs) == len(accepted) <= review.NOTES_PER_PERSON


def test_the_export_has_a_csv_per_review_a_sheet_each_and_the_shown_notes_in_the_report(box):
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from kiosk import auth, export

    def ok(actor, name, payload=None):
        answer = box.execute(actor, name, payload or {})
        assert answer["ok"], answer
        return answer

    console = auth.Actor(auth.FACILITATOR)
    people = [auth.Actor(auth.PARTICIPANT, ok(auth.ANONYMOUS, "participant.join", {"name": name})["participant"]["id"])
              for name in ("Ana", "Bruno", "Chloé")]
    ana, bruno, chloe = people
    ok(console, "review.open", {"prompt": "La mobilité", "moderation": True})
    kept = ok(ana, "review.post", {"bucket": "Besoins", "text": "Un local partagé"})["note"]["id"]
    twin = ok(bruno, "review.post", {"bucket": "Besoins", "text": "=Une salle commune"})["note"]["id"]
    spam = ok(chloe, "review.post", {"bucket": "Freins", "text": "Publicité"})["note"]["id"]
    waiting = ok(chloe, "review.post", {"bucket": "Freins", "text": "Pas de bus"})["note"]["id"]
    for note in (kept, twin):
        ok(console, "review.accept", {"note_id": note})
    ok(console, "review.reject", {"note_id": spam})
    ok(chloe, "review.plus", {"note_id": kept})
    ok(chloe, "review.plus", {"note_id": twin})
    ok(ana, "review.plus", {"note_id": twin})
    ok(console, "review.merge", {"note_id": twin, "into": kept})
    assert waiting
    data = box.store.read(lambda db: export.collect(db, box.deck))
    bundle = export.build(data)
    rows = bundle.files["review.csv"].decode("utf-8-sig").splitlines()
    assert rows == ["Rubrique;Note;Soutiens (+1);Fusionnée avec;État", "Freins;Publicité;0;;refusée",
                    "Freins;Pas de bus;0;;en attente de validation", "Besoins;Un local partagé;2;'=Une salle commune;affiché"]
    assert "review-2.csv" not in bundle.files
    ok(console, "review.open", {"prompt": "Et ensuite ?", "buckets": ["Envies"]})
    ok(ana, "review.post", {"bucket": "Envies", "text": "Se revoir"})
    bundle = export.build(box.store.read(lambda db: export.collect(db, box.deck)))
    assert bundle.files["review.csv"].decode("utf-8-sig").splitlines()[0] == \
        "Rubrique;Note;Soutiens (+1);Fusionnée avec;État;Question;Étape du programme"
    assert bundle.files["review-2.csv"].decode("utf-8-sig").splitlines()[1] == "Envies;Se revoir;0;;affiché;Et ensuite ?;"
    sheetnames = load_workbook(io.BytesIO(bundle.files["results.xlsx"])).sheetnames
    assert {"État des lieux", "État des lieux 2"} <= set(sheetnames)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(bundle.files["report.pdf"])).pages)
    assert "Un local partagé (+2)" in text and "Se revoir" in text
    assert "Publicité" not in text and "Pas de bus" not in text  # rejected and pending notes stay off paper
    results = json.loads(bundle.files["results.json"])
    assert [len(r["notes"]) for r in results["situation_reviews"]] == [4, 1]
    assert "author" not in json.dumps(results["situation_reviews"])


def test_each_persons_notes_and_plus_ones_equal_a_recount_after_any_sequence():
    """Notes, double taps, edits, withdrawals, +1s given and taken back, moderation, hides, merges,
    removed participants, new reviews and restarts, in a seeded random order: after each step each
    phone's `me.review` and the +1 counts, read from the running figures, equal what reading every
    note gives."""
    import random

    from kiosk import participants
    from kiosk.errors import KioskError

    rng = random.Random(17)
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    people = [participants.join(db, {"name": f"P{n}"})[0]["participant"]["id"] for n in range(12)]
    everyone = list(people)
    opened(db, moderation=False)
    texts = ["Pas de bus", "Des bénévoles", "Un local", "La mairie", "Le marché", "Trop de voitures"]

    def check():
        doc = instances.current(db, review.REVIEWS)
        notes = [d for d in review.every_note(db, doc) if d["status"] != review.WITHDRAWN]
        for person in everyone:  # the removed too: nothing of theirs may stay
            assert review.mine(db, person) == {
                "notes": [review.own_note(d) for d in notes if d.get("author") == person],
                "plus": [d.doc_id for d in notes if person in d.get("voters", [])]}
        assert doc.get("counts", {}) == {str(d.doc_id): len(d["voters"]) for d in notes if d.get("voters")}

    for step in range(400):
        doc = instances.current(db, review.REVIEWS)
        notes = [d for d in review.every_note(db, doc) if d["status"] != review.WITHDRAWN]
        roll = rng.random()
        try:
            if roll < 0.35 or not notes:
                post(db, rng.choice(people), rng.choice(texts), rng.choice(doc["buckets"]))
            elif roll < 0.6:
                plus(db, rng.choice(people), rng.choice(notes).doc_id, rng.random() < 0.8)
            elif roll < 0.66:
                note = rng.choice(notes)
                review.edit_own(db, {"note_id": note.doc_id, "text": rng.choice(texts)}, note.get("author"))
            elif roll < 0.71:
                note = rng.choice(notes)
                review.withdraw(db, {"note_id": note.doc_id}, note.get("author"))
            elif roll < 0.76:
                review.set_hidden(db, {"note_id": rng.choice(notes).doc_id}, rng.random() < 0.5)
            elif roll < 0.82 and len(notes) > 1:
                one, into = rng.sample(notes, 2)
                review.merge(db, {"note_id": one.doc_id, "into": into.doc_id})
            elif roll < 0.86 and len(people) > 4:
                gone = rng.choice(people)
                participants.remove(db, {"participant_id": gone}, review.forget, 100.0 + step)
                people.remove(gone)
            elif roll < 0.9:
                review.open_review(db, {"moderation": rng.random() < 0.3}, None, None, 100.0 + step)
            elif roll < 0.93 and doc["moderation"]:
                review.moderate(db, {"note_id": rng.choice(notes).doc_id}, rng.random() < 0.7)
            else:  # a restart: the box opens its data file again, without the running figures
                db = restarted(db)
        except KioskError as error:
            assert error.code in ("not_found", "bad_input", "forbidden", "note_settled", "too_many_notes")
        check()
    assert len(db.table(review.NOTES)) > 100
