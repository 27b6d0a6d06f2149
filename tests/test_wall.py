"""The commitments wall: length, ties to a group or family, moderation and pre-moderation."""

from __future__ import annotations

import pytest
from conftest import events, refused, restarted
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import participants
from kiosk.activities.wall import domain as wall
from kiosk.app import ROOT
from kiosk.decks import DEFAULT_DECK, find_deck, load_deck

DECK = load_deck(find_deck(DEFAULT_DECK, ROOT / "decks"))


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    participants.join(db, {"name": "Ana", "contact": "ana@example.fr", "share_contact": True})
    participants.join(db, {"name": "Bruno"})
    return db


def post(db, text, author=1, **fields):
    return wall.post(db, {"text": text, **fields}, author, DECK)



def test_a_commitment_of_280_characters_is_posted_and_281_refused(db):
    assert post(db, "é" * 280)[0]["status"] == "shown"
    refused("bad_input", post, db, "é" * 281)
    assert len(wall.shown(db)) == 1


@pytest.mark.parametrize("text", ["", "   ", None, 5, ["x"]])
def test_an_empty_or_malformed_commitment_is_refused(db, text):
    refused("bad_input", wall.post, db, {"text": text}, 1, DECK)
    assert wall.shown(db) == []


def test_markup_is_kept_as_the_text_typed(db):
    text = '<img src=x onerror="alert(1)"> <script>alert(2)</script>'
    post(db, text)
    assert wall.public(wall.shown(db)[0])["text"] == text


def test_a_commitment_can_be_tied_to_a_family_of_the_deck_only(db):
    assert post(db, "Lancer un repair café", family_id="reemploi-reparation")[0]["post"]["id"] == 1
    refused("bad_input", post, db, "Autre chose", family_id="nope")


def test_a_commitment_can_be_tied_to_the_authors_own_group_only(db):
    refused("bad_input", post, db, "Un engagement", group_id=1)


def test_sharing_a_contact_needs_one(db):
    refused("bad_input", post, db, "Un engagement", author=2, share_contact=True)
    assert post(db, "Un engagement", author=1, share_contact=True)[0]["status"] == "shown"


def test_a_hidden_post_leaves_the_wall_and_can_be_restored(db):
    post_id = post(db, "Blague")[0]["post"]["id"]
    _, events_ = wall.hide(db, {"post_id": post_id})
    assert wall.shown(db) == []
    wall_event = [e for e in events_ if e.to == ("wall",)][0]
    assert wall_event.data == {"post": {"id": post_id}, "hidden": True}
    wall.restore(db, {"post_id": post_id})
    assert len(wall.shown(db)) == 1


def test_pinned_posts_come_first(db):
    post(db, "Premier")
    second = post(db, "Second")[0]["post"]["id"]
    wall.pin(db, {"post_id": second})
    assert [d["text"] for d in wall.shown(db)] == ["Second", "Premier"]
    wall.pin(db, {"post_id": second, "pinned": False})
    assert [d["text"] for d in wall.shown(db)] == ["Premier", "Second"]


def test_premoderation_holds_posts_until_the_facilitator_shows_them(db):
    wall.set_premoderation(db, {"on": True})
    result, events_ = post(db, "Tenu en attente")
    assert result["status"] == "pending"
    assert all("wall" not in e.to for e in events_)
    assert wall.shown(db) == []
    wall.restore(db, {"post_id": result["post"]["id"]})
    assert [d["text"] for d in wall.shown(db)] == ["Tenu en attente"]


def test_unknown_post_is_refused(db):
    refused("not_found", wall.hide, db, {"post_id": 99})
    refused("not_found", wall.pin, db, {"post_id": "1"})


def test_the_wall_mode_switches_between_grid_and_slideshow(db):
    assert wall.set_mode(db, {"mode": "slideshow"})[0] == {"mode": "slideshow"}
    refused("bad_input", wall.set_mode, db, {"mode": "disco"})
    assert wall.settings(db)["mode"] == "slideshow"


def test_a_post_reaches_the_wall_and_the_console_not_other_phones(actions):
    wall_client, facilitator = actions.wall(), actions.facilitator()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    ack = ana.emit("wall.post", {"text": "Créer un jardin partagé"}, callback=True)
    assert ack["ok"] and ack["post"]["text"] == "Créer un jardin partagé"
    assert events(wall_client, "wall.posted")[0]["post"]["author"] == ana.participant["id"]
    assert events(facilitator, "wall.posted")[0]["post"]["status"] == "shown"
    assert events(bruno) == []


def test_a_replayed_post_key_posts_once(actions, client):
    ana = actions.phone("Ana")
    first = ana.emit("wall.post", {"text": "Un pas", "key": "w1"}, callback=True)
    assert ana.emit("wall.post", {"text": "Un pas", "key": "w1"}, callback=True) == first
    assert len(client.get("/api/state").json["wall"]) == 1


def test_only_the_facilitator_moderates(actions):
    ana = actions.phone("Ana")
    ana.emit("wall.post", {"text": "Un pas"}, callback=True)
    for name, payload in [("wall.hide", {"post_id": 1}), ("wall.pin", {"post_id": 1}),
                          ("wall.premoderation", {"on": True}), ("wall.mode", {"mode": "grid"}),
                          ("buddies.pair_rest", {})]:
        assert ana.emit(name, payload, callback=True)["code"] == "forbidden"


def test_the_public_state_never_holds_a_shared_contact(actions, client):
    ana = actions.phone("Ana", contact="ana@example.fr", share_contact=True)
    ana.emit("wall.post", {"text": "Un pas", "share_contact": True}, callback=True)
    assert "ana@example.fr" not in client.get("/api/state").get_data(as_text=True)


def test_each_authors_posts_from_the_index_equal_a_reading_of_the_table_after_any_sequence():
    """Posts, hides, restores, pins, removed participants and restarts, in a seeded random order:
    after each step each author's posts (`me.posts`) and the limit per author, read from the running
    index, equal what reading every post gives."""
    import random

    from kiosk.activities.wall import ACTIVITY
    from kiosk.errors import KioskError

    rng = random.Random(17)
    db = TinyDB(storage=MemoryStorage)
    people = [participants.join(db, {"name": f"P{n}"})[0]["participant"]["id"] for n in range(12)]
    for _ in range(400):
        every = db.table("posts").all()
        roll = rng.random()
        if roll < 0.55 or not every:
            author = rng.choice(people)
            mine = [d for d in every if d["author"] == author]
            try:
                post(db, f"Je m'engage {rng.randrange(1000)}", author)
            except KioskError as error:
                assert error.code == "too_many" and len(mine) >= wall.PER_PARTICIPANT_MAX
            else:
                assert len(mine) < wall.PER_PARTICIPANT_MAX
        elif roll < 0.7:
            wall.hide(db, {"post_id": rng.choice(every).doc_id})
        elif roll < 0.8:
            wall.restore(db, {"post_id": rng.choice(every).doc_id})
        elif roll < 0.85:
            wall.pin(db, {"post_id": rng.choice(every).doc_id})
        elif roll < 0.9:
            wall.forget(db, rng.choice(people))
        else:  # a restart: the box opens its data file again, without the index
            db = restarted(db)
        for author in people:
            expected = [wall.private(d) for d in sorted(db.table("posts").all(), key=lambda d: d.doc_id)
                        if d["author"] == author]
            assert ACTIVITY.personal(db, author)["posts"] == expected
    assert len(db.table("posts")) > 100
