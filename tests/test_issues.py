"""Issues of the territory: proposing, duplicates, and the facilitator's curation."""

from __future__ import annotations

import pytest
from conftest import refused
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
