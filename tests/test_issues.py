"""Issues of the territory: proposing, duplicates, and the facilitator's curation."""

from __future__ import annotations

import pytest
from conftest import refused, restarted
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk.activities.issues import domain as issues
from kiosk.activities.vote import domain as votes
from kiosk.errors import KioskError


@pytest.fixture
def db():
    return TinyDB(storage=MemoryStorage)


def propose(db, text, author=1):
    return issues.propose(db, {"text": text}, author)[0]["issue"]



def test_a_proposal_is_listed_with_its_text(db):
    issue = propose(db, "  Se déplacer sans voiture  ")
    assert issue == {"id": 1, "text": "Se déplacer sans voiture"}
    assert [d["text"] for d in issues.visible(db)] == ["Se déplacer sans voiture"]


@pytest.mark.parametrize("text", ["", "  ", "ab", "x" * 141, None, 12, "!!!"])
def test_an_empty_short_or_long_proposal_is_refused(db, text):
    refused("bad_input", issues.propose, db, {"text": text}, 1)
    assert issues.visible(db) == []


def test_the_same_issue_written_differently_is_a_duplicate(db):
    propose(db, "Mobilité rurale")
    refused("duplicate", issues.propose, db, {"text": "mobilite RURALE !"}, 2)
    assert len(issues.visible(db)) == 1


def test_proposals_closed_refuse_participants_but_not_the_facilitator(db):
    issues.set_proposals(db, {"open": False})
    refused("proposals_closed", issues.propose, db, {"text": "Alimentation locale"}, 1)
    assert propose(db, "Alimentation locale", author=None)["id"] == 1


def test_no_proposal_while_a_vote_is_open(db):
    propose(db, "Alimentation locale")
    votes.open_vote(db, {"method": "dots"})
    refused("vote_open", issues.propose, db, {"text": "Logement"}, 1)
    refused("vote_open", issues.propose, db, {"text": "Logement"}, None)


def test_a_participant_proposes_ten_issues_at_most(db):
    for n in range(10):
        propose(db, f"Enjeu numéro {n}")
    refused("too_many", issues.propose, db, {"text": "Enjeu de trop"}, 1)
    assert propose(db, "Enjeu d'une autre personne", author=2)


def test_the_facilitator_edits_an_issue(db):
    issue = propose(db, "Mobilte")
    assert issues.edit(db, {"issue_id": issue["id"], "text": "Mobilité"})[0]["issue"]["text"] == "Mobilité"


def test_editing_into_a_duplicate_is_refused(db):
    propose(db, "Mobilité")
    other = propose(db, "Logement")
    refused("duplicate", issues.edit, db, {"issue_id": other["id"], "text": "mobilité"})


def test_a_hidden_issue_leaves_the_list_and_can_be_restored(db):
    issue = propose(db, "Blague")
    _, events = issues.set_hidden(db, {"issue_id": issue["id"]}, True)
    assert issues.visible(db) == []
    assert any(e.data.get("hidden") for e in events)
    issues.set_hidden(db, {"issue_id": issue["id"]}, False)
    assert len(issues.visible(db)) == 1


def test_merging_hides_the_duplicate_and_remembers_the_target(db):
    keep = propose(db, "Mobilité douce")
    dup = propose(db, "Vélo et marche", author=2)
    result, _ = issues.merge(db, {"issue_id": dup["id"], "into": keep["id"]})
    assert result["issue"]["hidden"] and result["issue"]["merged_into"] == keep["id"]
    assert [d.doc_id for d in issues.visible(db)] == [keep["id"]]
    refused("merged", issues.set_hidden, db, {"issue_id": dup["id"]}, False)


@pytest.mark.parametrize("payload", [{"issue_id": 1, "into": 1}, {"issue_id": 1, "into": 99}, {"issue_id": "1", "into": 2}])
def test_a_bad_merge_is_refused(db, payload):
    propose(db, "Mobilité")
    propose(db, "Logement")
    with pytest.raises(KioskError):
        issues.merge(db, payload)
    assert len(issues.visible(db)) == 2


def test_hiding_an_issue_during_a_dots_vote_gives_its_dots_back(db):
    a, b = propose(db, "Mobilité"), propose(db, "Logement")
    votes.open_vote(db, {"method": "dots", "dots": 3, "max_per_issue": 2})
    votes.cast(db, {"issue_id": a["id"], "dots": 2}, 7)
    votes.cast(db, {"issue_id": b["id"], "dots": 1}, 7)
    issues.set_hidden(db, {"issue_id": a["id"]}, True)
    vote = votes.current(db)
    assert vote["issue_ids"] == [b["id"]]
    assert votes.dots_left(vote, votes.ballot_of(db, vote, 7)) == 2
    refused("vote_open", issues.set_hidden, db, {"issue_id": a["id"]}, False)


# --- A participant's own issue: reword, withdraw, and the hint of a look-alike ----------------------

def _room():
    from tinydb import TinyDB
    from tinydb.storages import MemoryStorage

    from kiosk import participants
    db = TinyDB(storage=MemoryStorage)
    for name in ["Ana", "Bruno"]:
        participants.join(db, {"name": name})
    return db


def test_a_participant_rewords_and_withdraws_only_their_own_issue_while_proposals_are_open():
    from conftest import refused
    from kiosk.activities.issues import domain as issues

    db = _room()
    mine = issues.propose(db, {"text": "Transports en commun"}, 1)[0]["issue"]
    other = issues.propose(db, {"text": "Logement des jeunes"}, 2)[0]["issue"]
    result, events = issues.reword(db, {"issue_id": mine["id"], "text": "Des bus le dimanche"}, 1)
    assert result["issue"]["text"] == "Des bus le dimanche"
    assert {e.name for e in events} == {"issue.updated"}
    refused("forbidden", issues.reword, db, {"issue_id": other["id"], "text": "Autre chose"}, 1)
    refused("forbidden", issues.withdraw, db, {"issue_id": other["id"]}, 1)
    refused("duplicate", issues.reword, db, {"issue_id": mine["id"], "text": "logement des JEUNES"}, 1)
    refused("bad_input", issues.reword, db, {"issue_id": mine["id"], "text": "x" * 141}, 1)
    refused("bad_input", issues.reword, db, {"issue_id": mine["id"], "text": ["liste"]}, 1)
    refused("not_found", issues.withdraw, db, {"issue_id": 99}, 1)
    issues.set_proposals(db, {"open": False})
    refused("proposals_closed", issues.withdraw, db, {"issue_id": mine["id"]}, 1)
    issues.set_proposals(db, {"open": True})
    result, events = issues.withdraw(db, {"issue_id": mine["id"]}, 1)
    assert [d["text"] for d in issues.visible(db)] == ["Logement des jeunes"]
    # It leaves the wall and the phones; the console sees it hidden.
    assert {e.to: bool(e.data.get("hidden") or e.data["issue"].get("hidden")) for e in events} == {
        ("wall", "phones"): True, ("facilitator",): True}
    refused("forbidden", issues.withdraw, db, {"issue_id": mine["id"]}, 1)  # once withdrawn, no more


def test_no_reword_or_withdraw_while_a_vote_is_open():
    from conftest import refused
    from kiosk.activities.issues import domain as issues
    from kiosk.activities.vote import domain as votes

    db = _room()
    mine = issues.propose(db, {"text": "Transports en commun"}, 1)[0]["issue"]
    votes.open_vote(db, {"method": "dots"})
    refused("vote_open", issues.withdraw, db, {"issue_id": mine["id"]}, 1)


def test_a_proposal_that_looks_like_a_shown_issue_comes_back_with_a_hint_accents_and_plurals_aside():
    from kiosk.activities.issues import domain as issues

    db = _room()
    issues.propose(db, {"text": "Les transports en commun ruraux"}, 2)
    issues.propose(db, {"text": "Logement des jeunes"}, 2)
    result, _ = issues.propose(db, {"text": "TRANSPORT en commun"}, 1)
    assert [s["text"] for s in result["similar"]] == ["Les transports en commun ruraux"]
    assert issues.propose(db, {"text": "Énergie citoyenne"}, 1)[0]["similar"] == []
    assert [s["text"] for s in issues.similar(db, "le logement des jeûnes")] == ["Logement des jeunes"]


def test_the_index_of_shown_issues_equals_a_reading_of_the_table_after_any_sequence():
    """Proposals, rewordings, edits, withdrawals, hides, restores, merges and restarts, in a seeded
    random order: after each step the duplicate check, the similar issues (the closest
    SIMILAR_MAX) and each author's shown issues, read from the running index, equal what reading
    every issue gives."""
    import random

    rng = random.Random(17)
    db = TinyDB(storage=MemoryStorage)
    words = ["transports", "commun", "jardins", "partagés", "école", "village", "eau", "potable", "forêt",
             "logement", "jeunes", "santé"]
    authors = list(range(1, 9))

    def text():
        return " ".join(rng.sample(words, rng.randint(1, 3)))

    def check(probe):
        shown = [d for d in db.table("issues").all() if not d.get("hidden")]
        for author in authors:
            assert issues.authored(db, author) == [d.doc_id for d in shown if d.get("author") == author]
        mine = issues._words(probe)
        close = [(-shared, len(theirs), d.doc_id, issues.public(d)) for d in shown
                 if (shared := len(mine & (theirs := issues._words(d["text"]))))
                 and shared * 2 >= min(len(mine), len(theirs))]
        expected = [found[3] for found in sorted(close, key=lambda found: found[:3])[:issues.SIMILAR_MAX]]
        assert issues.similar(db, probe) == expected
        capped[0] += len(close) > issues.SIMILAR_MAX
        duplicate = any(issues._fold(d["text"]) == issues._fold(probe) for d in shown)
        try:
            issues._check_text(db, {"text": probe})
        except KioskError as error:
            assert error.code == "duplicate" and duplicate
        else:
            assert not duplicate

    capped = [0]  # how many hints had more candidates than they name: the cap was put to the test
    for _ in range(400):
        every = db.table("issues").all()
        shown = [d for d in every if not d.get("hidden")]
        roll = rng.random()
        try:
            if roll < 0.45 or not every:
                issues.propose(db, {"text": text()}, rng.choice(authors + [None]))
            elif roll < 0.55:
                doc = rng.choice(every)
                issues.reword(db, {"issue_id": doc.doc_id, "text": text()}, doc.get("author"))
            elif roll < 0.62:
                issues.edit(db, {"issue_id": rng.choice(every).doc_id, "text": text()})
            elif roll < 0.68:
                doc = rng.choice(every)
                issues.withdraw(db, {"issue_id": doc.doc_id}, doc.get("author"))
            elif roll < 0.78:
                issues.set_hidden(db, {"issue_id": rng.choice(every).doc_id}, rng.random() < 0.5)
            elif roll < 0.86 and len(shown) > 1:
                doc, into = rng.sample(shown, 2)
                issues.merge(db, {"issue_id": doc.doc_id, "into": into.doc_id})
            elif roll < 0.92:  # a restart: the box opens its data file again, without the index
                db = restarted(db)
        except KioskError as error:
            assert error.code in ("duplicate", "forbidden", "too_many", "merged", "bad_input")
        check(text())
    assert len(db.table("issues")) > 50 and capped[0] > 50
