"""Expert families: claimed within a limit, released, assigned by the facilitator, shown live."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import events, refused
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import participants, snapshot
from kiosk.activities.families import domain as families

ROOT = Path(__file__).resolve().parent.parent
AGRI, TRAVAIL, MOBILITE = "agriculture-urbaine", "nouvelles-formes-de-travail", "mobilite-partagee"



@pytest.fixture
def db():
    """Three participants: Ana (1), Bruno (2), Chloé (3)."""
    db = TinyDB(storage=MemoryStorage)
    for name in ["Ana", "Bruno", "Chloé"]:
        participants.join(db, {"name": name})
    return db



def claim(db, deck, family_id, who):
    return families.claim(db, deck, {"family_id": family_id}, who)


def test_a_third_claim_is_refused_when_the_limit_is_two(db, deck):
    claim(db, deck, AGRI, 1)
    claim(db, deck, TRAVAIL, 1)
    error = refused("too_many", claim, db, deck, MOBILITE, 1)
    assert error.values == {"max": 2}
    assert str(error) == "You already hold 2 families: release one first."
    assert families.held_by(db, deck, 1) == [AGRI, TRAVAIL]


def test_claiming_a_family_you_hold_again_changes_nothing(db, deck):
    claim(db, deck, AGRI, 1)
    claim(db, deck, TRAVAIL, 1)
    result, evts = claim(db, deck, AGRI, 1)  # at the limit, yet not refused: nothing to add
    assert result["claims"] == [1] and evts == []
    assert families.holders(db, AGRI) == [1]


def test_several_participants_hold_the_same_family_in_claiming_order(db, deck):
    claim(db, deck, AGRI, 2)
    result, _ = claim(db, deck, AGRI, 1)
    assert result == {"family_id": AGRI, "participant_id": 1, "claims": [2, 1]}


def test_releasing_frees_a_place_under_the_limit(db, deck):
    claim(db, deck, AGRI, 1)
    claim(db, deck, TRAVAIL, 1)
    result, evts = families.release(db, deck, {"family_id": AGRI}, 1)
    assert result["claims"] == [] and [e.name for e in evts] == ["family.released"]
    claim(db, deck, MOBILITE, 1)
    assert families.held_by(db, deck, 1) == [TRAVAIL, MOBILITE]


def test_releasing_a_family_you_do_not_hold_is_refused(db, deck):
    claim(db, deck, AGRI, 2)
    refused("not_claimed", families.release, db, deck, {"family_id": AGRI}, 1)
    assert families.holders(db, AGRI) == [2]


def test_the_facilitator_assigns_a_family_beyond_the_limit(db, deck):
    claim(db, deck, AGRI, 1)
    claim(db, deck, TRAVAIL, 1)
    result, evts = families.assign(db, deck, {"family_id": MOBILITE, "participant_id": 1})
    assert result["claims"] == [1] and evts[0].name == "family.claimed"
    assert families.held_by(db, deck, 1) == [AGRI, TRAVAIL, MOBILITE]
    assert families.assign(db, deck, {"family_id": MOBILITE, "participant_id": 1})[1] == []  # again: no change
    refused("not_found", families.assign, db, deck, {"family_id": MOBILITE, "participant_id": 99})


def test_the_facilitator_releases_a_family_for_someone(db, deck):
    claim(db, deck, AGRI, 2)
    families.release(db, deck, {"family_id": AGRI, "participant_id": 2}, None)
    assert families.holders(db, AGRI) == []
    refused("not_claimed", families.release, db, deck, {"family_id": AGRI, "participant_id": 2}, None)
    refused("not_found", families.release, db, deck, {"family_id": AGRI}, None)  # whose?


def test_the_facilitator_changes_the_limit(db, deck):
    assert families.set_limit(db, {"max": 1})[0] == {"max": 1}
    claim(db, deck, AGRI, 1)
    assert refused("too_many", claim, db, deck, TRAVAIL, 1).values == {"max": 1}
    families.set_limit(db, {"max": 3})
    claim(db, deck, TRAVAIL, 1)
    claim(db, deck, MOBILITE, 1)
    assert len(families.held_by(db, deck, 1)) == 3


def test_lowering_the_limit_keeps_the_families_already_held(db, deck):
    claim(db, deck, AGRI, 1)
    claim(db, deck, TRAVAIL, 1)
    families.set_limit(db, {"max": 1})
    assert families.held_by(db, deck, 1) == [AGRI, TRAVAIL]
    refused("too_many", claim, db, deck, MOBILITE, 1)


@pytest.mark.parametrize("limit", [0, 11, "2", None, True, 1.5])
def test_a_limit_outside_one_to_ten_is_refused(db, limit):
    refused("bad_input", families.set_limit, db, {"max": limit})
    assert families.limit(db) == 2


@pytest.mark.parametrize("family_id", ["jardin-partage", "inconnue", "", None, 3, ["agriculture-urbaine"]])
def test_an_unknown_family_is_refused_and_changes_nothing(db, deck, family_id):
    refused("not_found", families.claim, db, deck, {"family_id": family_id}, 1)
    refused("not_found", families.release, db, deck, {"family_id": family_id}, 1)
    assert db.table("claims").all() == []


def test_claims_are_in_the_snapshot_for_every_family_of_the_deck(db, deck):
    claim(db, deck, AGRI, 1)
    claim(db, deck, AGRI, 3)
    claim(db, deck, MOBILITE, 2)
    state = snapshot.public_state(db, deck)
    assert set(state["claims"]) == {f.id for f in deck.families}
    assert state["claims"][AGRI] == [1, 3] and state["claims"][MOBILITE] == [2] and state["claims"][TRAVAIL] == []
    assert state["families_limit"] == 2


def test_claim_events_go_to_the_screens_and_that_participants_phones_only(db, deck):
    _, evts = claim(db, deck, AGRI, 2)
    assert set(evts[0].to) == {"wall", "facilitator", "participant:2"}
    assert evts[0].data == {"family_id": AGRI, "participant_id": 2, "claims": [2]}


# --- Over Socket.IO --------------------------------------------------------------------------

def test_a_claim_reaches_the_wall_the_console_and_the_claimers_phone_but_not_other_phones(actions, client):
    wall, facilitator = actions.wall(), actions.facilitator()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    wall.get_received(), facilitator.get_received(), ana.get_received()
    ack = ana.emit("family.claim", {"family_id": AGRI}, callback=True)
    assert ack["ok"] and ack["claims"] == [ana.participant["id"]]
    expected = {"family_id": AGRI, "participant_id": ana.participant["id"], "claims": [ana.participant["id"]],
                "seq": ack["seq"]}
    for sock in (wall, facilitator, ana):
        assert events(sock, "family.claimed") == [expected]
    assert events(bruno) == []
    assert client.get("/api/state").json["claims"][AGRI] == [ana.participant["id"]]


def test_a_refused_claim_names_the_limit_in_the_callers_language(actions):
    ana = actions.phone("Ana")
    for family_id in (AGRI, TRAVAIL):
        assert ana.emit("family.claim", {"family_id": family_id}, callback=True)["ok"]
    ack = ana.emit("family.claim", {"family_id": MOBILITE}, callback=True)
    assert ack["ok"] is False and ack["code"] == "too_many" and "2" in ack["error"]


def test_only_the_facilitator_assigns_and_sets_the_limit(actions, client):
    facilitator, ana = actions.facilitator(), actions.phone("Ana")
    assert ana.emit("family.assign", {"family_id": AGRI, "participant_id": ana.participant["id"]},
                    callback=True)["code"] == "forbidden"
    assert ana.emit("families.limit", {"max": 5}, callback=True)["code"] == "forbidden"
    assert facilitator.emit("family.claim", {"family_id": AGRI}, callback=True)["code"] == "forbidden"
    ack = facilitator.emit("families.limit", {"max": 3}, callback=True)
    assert ack["ok"] and events(ana, "families.limit") == [{"max": 3, "seq": ack["seq"]}]
    assert facilitator.emit("family.assign", {"family_id": AGRI, "participant_id": ana.participant["id"]},
                            callback=True)["ok"]
    state = client.get("/api/state").json
    assert state["families_limit"] == 3 and state["claims"][AGRI] == [ana.participant["id"]]


def test_a_replayed_claim_key_claims_once(actions, client):
    ana = actions.phone("Ana")
    first = ana.emit("family.claim", {"family_id": AGRI, "key": "c1"}, callback=True)
    ana.get_received()
    again = ana.emit("family.claim", {"family_id": AGRI, "key": "c1"}, callback=True)
    assert first == again and events(ana) == []
    assert client.get("/api/state").json["claims"][AGRI] == [ana.participant["id"]]


def test_the_deck_route_gives_every_cards_full_text_and_may_be_cached(client):
    response = client.get("/api/deck")
    assert response.status_code == 200
    deck = response.json
    card = deck["families"][0]["cards"][0]
    assert {"id", "title", "description", "examples"} <= set(card) and card["examples"]
    assert "public" in response.headers["Cache-Control"]
    again = client.get("/api/deck", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
