"""The wall's spotlight (`wall.spotlight`): one item of one activity shown large, for every activity with items."""

from __future__ import annotations

import pytest

from kiosk import spotlight
from kiosk.activities import ACTIVITIES

from conftest import events

LONG = ("Un covoiturage solidaire entre les hameaux et la gare, le matin et le soir, pour les jeunes "
        "sans permis et les anciens sans voiture, partout")  # 140 characters, as long as an issue gets


def ok(sock, name, payload=None):
    answer = sock.emit(name, payload or {}, callback=True)
    assert answer["ok"], answer
    return answer


def snapshot(sock):
    sock.emit("state.get", {}, callback=True)
    return events(sock, "state")[-1]


def shown(sock):
    """The spotlight events a client received since last asked."""
    return [e["spotlight"] for e in events(sock, "spotlight.changed")]


def test_every_activity_with_items_can_show_one_large():
    assert set(spotlight.hooks()) == {"issues", "vote", "review", "seeds", "board", "wall"}
    # Not yet shown large: the activities that came with the DOMINO and société contributive formats
    # (issue 15 keeps them open: their wall views cut long texts at a few lines).
    assert {a.name for a in ACTIVITIES if a.spotlight is None} == {
        "wordcloud", "addressbook", "roundtable", "groups", "families", "report", "buddies",
        "debate", "criteria", "recommendations", "examples", "statements", "forces", "grid", "census", "surprises"}


def test_the_wall_and_every_console_see_an_issue_shown_large_and_taken_off_the_phones_do_not(actions):
    console, other_console, wall = actions.facilitator(), actions.facilitator(), actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    assert len(LONG) == 140
    issue = ok(ana, "issue.propose", {"text": LONG})["issue"]["id"]
    for sock in (console, other_console, wall, ana, bruno):
        sock.get_received()

    answer = ok(console, "wall.spotlight", {"activity": "issues", "id": issue})
    expected = {"activity": "issues", "id": issue, "item": {"text": LONG}}
    assert answer["spotlight"] == expected
    assert shown(wall) == [expected] and shown(other_console) == [expected] and shown(console) == [expected]
    assert shown(ana) == [] and shown(bruno) == []
    assert snapshot(wall)["spotlight"] == expected and snapshot(bruno)["spotlight"] == expected
    assert "author" not in str(snapshot(wall)["spotlight"])  # the wall never names who proposed an issue

    ok(console, "wall.spotlight", {"activity": None})
    assert shown(wall) == [None] and shown(other_console) == [None]
    assert snapshot(console)["spotlight"] is None
    ok(console, "wall.spotlight", {"activity": "issues", "id": issue})
    ok(console, "wall.spotlight", {})
    assert shown(wall) == [expected, None]
    ok(console, "wall.spotlight", {})  # nothing shown: nothing changes
    assert shown(wall) == []


def test_another_phase_takes_the_item_off_the_wall_but_a_change_elsewhere_does_not(actions):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    ok(console, "phase.set", {"phase": "issues"})
    issue = ok(ana, "issue.propose", {"text": "Un jardin partagé"})["issue"]["id"]
    ok(console, "wall.spotlight", {"activity": "issues", "id": issue})
    wall.get_received()
    ok(ana, "issue.propose", {"text": "Un tiers-lieu"})
    ok(console, "phase.set", {"phase": "issues"})  # the same phase again
    assert shown(wall) == [] and snapshot(wall)["spotlight"]["id"] == issue
    ok(console, "phase.set", {"phase": "vote"})
    assert shown(wall) == [None]
    assert snapshot(wall)["spotlight"] is None


@pytest.mark.parametrize("payload, code, words", [
    ({"activity": "wordcloud", "id": 1}, "bad_input", "wordcloud"),
    ({"activity": "nothing", "id": 1}, "bad_input", "nothing"),
    ({"activity": "issues", "id": 999}, "not_found", "enjeu"),
    ({"activity": "issues"}, "bad_input", "id"),
    ({"activity": "issues", "id": True}, "bad_input", "id"),
    ({"activity": "issues", "id": "x" * 101}, "bad_input", "id"),
    ({"activity": "board", "id": "1:nope"}, "not_found", "carte"),
    ({"activity": "wall", "id": 999}, "not_found", "engagement"),
    ({"activity": "vote", "id": 1}, "not_found", "vote"),
    ({"activity": "review", "id": 1}, "not_found", "note"),
    ({"activity": "seeds", "id": 1}, "not_found", "graine"),
])
def test_an_unknown_activity_or_item_is_refused_and_changes_nothing(actions, payload, code, words):
    console, wall = actions.facilitator(), actions.wall()
    before = snapshot(console)
    wall.get_received()
    answer = console.emit("wall.spotlight", payload, callback=True)
    assert answer["code"] == code and words in answer["error"], answer  # in French, the box's language
    assert shown(wall) == [] and snapshot(console)["seq"] == before["seq"]


def test_refusals_are_in_the_callers_language_and_a_phone_may_not_spotlight(actions, app):
    french = actions.facilitator()
    answer = french.emit("wall.spotlight", {"activity": "issues", "id": 999}, callback=True)
    assert answer["error"] == "Cet enjeu n’est pas à l’écran.", answer
    token = app.test_client().post("/api/facilitator", json={"pin": "246810"}).json["token"]
    english = actions.socketio.test_client(app, auth={"token": token}, headers={"Accept-Language": "en"})
    answer = english.emit("wall.spotlight", {"activity": "issues", "id": 999}, callback=True)
    assert answer["error"] == "This issue is not on the wall.", answer
    ana = actions.phone("Ana")
    assert ana.emit("wall.spotlight", {}, callback=True)["code"] == "forbidden"


def test_a_hidden_issue_or_post_leaves_the_wall_and_cannot_be_shown(actions):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    issue = ok(ana, "issue.propose", {"text": "Un jardin partagé"})["issue"]["id"]
    ok(console, "phase.set", {"phase": "wall"})
    post = ok(ana, "wall.post", {"text": "Je viens au prochain chantier\navec deux amis"})["post"]["id"]
    ok(console, "wall.spotlight", {"activity": "wall", "id": post})
    assert snapshot(wall)["spotlight"]["item"] == {"text": "Je viens au prochain chantier\navec deux amis",
                                                   "author": "Ana"}
    wall.get_received()
    ok(console, "wall.hide", {"post_id": post})
    assert shown(wall) == [None]
    assert console.emit("wall.spotlight", {"activity": "wall", "id": post}, callback=True)["code"] == "not_found"
    ok(console, "issue.hide", {"issue_id": issue})
    assert console.emit("wall.spotlight", {"activity": "issues", "id": issue}, callback=True)["code"] == "not_found"


def test_a_review_note_shows_its_bucket_and_its_plus_ones_as_they_come(actions):
    console, wall = actions.facilitator(), actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    ok(console, "phase.set", {"phase": "review"})
    ok(console, "review.open", {"prompt": "État des lieux", "buckets": ["Freins", "Besoins"]})
    note = ok(ana, "review.post", {"bucket": "Besoins", "text": "Un local partagé"})["note"]["id"]
    ok(console, "wall.spotlight", {"activity": "review", "id": note})
    assert snapshot(wall)["spotlight"]["item"] == {"text": "Un local partagé", "context": "Besoins"}
    wall.get_received()
    ok(bruno, "review.plus", {"note_id": note})
    assert [s["item"]["figures"] for s in shown(wall)] == [["+1"]]
    ok(console, "review.fix", {"note_id": note, "text": "Un local partagé au village"})
    assert shown(wall)[-1]["item"]["text"] == "Un local partagé au village"
    ok(console, "review.close")  # still on the wall: closing changes no note
    assert shown(wall) == []


def test_a_vote_row_shows_its_rank_and_dots_and_a_commitment_its_author(actions):
    console, wall = actions.facilitator(), actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    garden = ok(ana, "issue.propose", {"text": "Un jardin partagé"})["issue"]["id"]
    bus = ok(ana, "issue.propose", {"text": "Un bus le soir"})["issue"]["id"]
    ok(console, "workshop.update", {"lang": "en"})
    ok(console, "phase.set", {"phase": "vote"})
    ok(console, "vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2})
    ok(ana, "vote.cast", {"issue_id": bus, "dots": 2})
    ok(bruno, "vote.cast", {"issue_id": garden, "dots": 1})
    ok(console, "wall.spotlight", {"activity": "vote", "id": garden})
    assert snapshot(wall)["spotlight"]["item"] == {"text": "Un jardin partagé", "figures": ["Rank 2", "1 dot"]}
    wall.get_received()
    ok(bruno, "vote.cast", {"issue_id": garden, "dots": 2})
    assert shown(wall)[-1]["item"]["figures"] == ["Rank 1", "2 dots"]
    ok(console, "workshop.update", {"lang": "fr"})
    ok(bruno, "vote.cast", {"issue_id": garden, "dots": 1})
    assert shown(wall)[-1]["item"]["figures"] == ["Rang 2", "1 gommette"]
    ok(console, "phase.set", {"phase": "wall"})
    post = ok(ana, "wall.post", {"text": "Je viens au chantier"})["post"]["id"]
    ok(console, "wall.spotlight", {"activity": "wall", "id": post})
    assert shown(wall)[-1]["item"] == {"text": "Je viens au chantier", "author": "Ana"}


def test_a_board_card_and_a_seed_show_their_notes_and_fields(actions, deck):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    issue = ok(console, "issue.propose", {"text": "Se déplacer sans voiture"})["issue"]["id"]
    ok(console, "vote.open", {"method": "dots", "dots": 1, "max_per_issue": 1})
    ok(ana, "vote.cast", {"issue_id": issue, "dots": 1})
    ok(console, "vote.close")
    ok(console, "phase.set", {"phase": "groups"})
    group = ok(console, "groups.form", {"count": 1})["groups"][0]
    ok(ana, "group.join", {"group_id": group["id"]})
    card = deck.cards[0]
    ok(console, "phase.set", {"phase": "board"})
    ok(ana, "board.place", {"group_id": group["id"], "card_id": card.id})
    ok(ana, "board.note", {"group_id": group["id"], "card_id": card.id, "field": "partners", "text": "La mairie"})
    ok(console, "wall.spotlight", {"activity": "board", "id": f"{group['id']}:{card.id}"})
    assert snapshot(wall)["spotlight"]["item"] == {
        "text": card.title, "context": group["name"], "figures": ["Priorité 1 sur 1"],
        "parts": [{"label": "Partenaires à associer", "text": "La mairie"}]}
    ok(console, "phase.set", {"phase": "seeds"})
    seed = snapshot(console)["seeds"][0]["id"]
    ok(ana, "seed.edit", {"seed_id": seed, "field": "title", "value": "Covoiturage solidaire", "version": 0})
    ok(ana, "seed.edit", {"seed_id": seed, "field": "meeting_date", "value": "2026-12-14", "version": 0})
    ok(ana, "seed.join", {"seed_id": seed})
    ok(console, "wall.spotlight", {"activity": "seeds", "id": seed})
    item = snapshot(wall)["spotlight"]["item"]
    assert item["text"] == "Covoiturage solidaire" and item["context"] == group["name"]
    assert item["parts"] == [{"label": "Besoin", "text": "Se déplacer sans voiture"},  # the need: the group's issue
                             {"label": "Prochaine réunion", "text": "14 décembre 2026"}]
    assert item["figures"] == ["1 dans le groupe-action"]


def test_a_broken_hook_takes_the_item_off_the_wall_and_never_stops_a_change(actions, monkeypatch):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    issue = ok(ana, "issue.propose", {"text": "Un jardin partagé"})["issue"]["id"]
    ok(console, "wall.spotlight", {"activity": "issues", "id": issue})

    def broken(*args):
        raise ValueError("a bug in an activity's hook")

    monkeypatch.setattr(spotlight, "_item", broken)
    wall.get_received()
    ok(ana, "issue.propose", {"text": "Un tiers-lieu au village"})  # saved all the same
    assert shown(wall) == [None]
    assert [i["text"] for i in snapshot(wall)["issues"]] == ["Un jardin partagé", "Un tiers-lieu au village"]
