"""The group board: members and the facilitator place cards, order them, write notes; the wall shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import events, refused
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import participants, snapshot
from kiosk.activities.board import domain as board
from kiosk.activities.groups import domain as groups
from kiosk.activities.issues import domain as issues
from kiosk.activities.vote import domain as votes

ROOT = Path(__file__).resolve().parent.parent
JARDIN, AMAP, TIERS_LIEU, REPAIR = "jardin-partage", "amap", "tiers-lieu", "repair-cafe"



@pytest.fixture
def db():
    """Two groups: Logement (1) with Ana (1) and Bruno (2), Mobilité (2) with Chloé (3)."""
    db = TinyDB(storage=MemoryStorage)
    for name in ["Ana", "Bruno", "Chloé"]:
        participants.join(db, {"name": name})
    for text in ["Mobilité", "Logement"]:
        issues.propose(db, {"text": text}, None)
    votes.open_vote(db, {"method": "dots"})
    votes.cast(db, {"issue_id": 2, "dots": 2}, 1)
    votes.cast(db, {"issue_id": 1, "dots": 1}, 1)
    votes.close_vote(db, {})
    groups.form(db, {"count": 2})
    for who, group_id in [(1, 1), (2, 1), (3, 2)]:
        groups.join(db, {"group_id": group_id}, who)
    return db



def place(db, deck, card_id, who=1, group_id=1):
    return board.place(db, deck, {"group_id": group_id, "card_id": card_id}, who)


def cards(db, group_id=1):
    return [item["card_id"] for item in board.all_boards(db)[str(group_id)]]


def test_a_placed_card_goes_last_with_empty_notes(db, deck):
    place(db, deck, JARDIN)
    result, evts = place(db, deck, AMAP, who=2)
    assert result["board"] == [
        {"card_id": JARDIN, "steps": "", "partners": "", "success": "", "blockers": ""},
        {"card_id": AMAP, "steps": "", "partners": "", "success": "", "blockers": ""},
    ]
    assert evts[0].name == "board.updated" and evts[0].data["group_id"] == 1


def test_a_card_already_on_the_board_is_refused_and_names_the_card(db, deck):
    place(db, deck, JARDIN)
    error = refused("duplicate", place, db, deck, JARDIN, 2)
    assert error.values == {"title": deck.card(JARDIN).title}
    assert cards(db) == [JARDIN]


def test_the_same_card_may_be_on_two_groups_boards(db, deck):
    place(db, deck, JARDIN, who=1, group_id=1)
    place(db, deck, JARDIN, who=3, group_id=2)
    assert cards(db, 1) == [JARDIN] and cards(db, 2) == [JARDIN]


@pytest.mark.parametrize("card_id", ["agriculture-urbaine", "inconnue", "", None, 7])
def test_an_unknown_card_is_refused(db, deck, card_id):
    refused("not_found", place, db, deck, card_id)
    assert cards(db) == []


@pytest.mark.parametrize("group_id", [99, "1", None, True])
def test_an_unknown_group_is_refused(db, deck, group_id):
    refused("not_found", place, db, deck, JARDIN, 1, group_id)


def test_a_non_member_is_refused_on_every_board_command(db, deck):
    place(db, deck, JARDIN)
    payload = {"group_id": 1, "card_id": JARDIN}
    refused("not_member", board.place, db, deck, {"group_id": 1, "card_id": AMAP}, 3)
    refused("not_member", board.remove, db, deck, payload, 3)
    refused("not_member", board.move, db, deck, {**payload, "position": 0}, 3)
    refused("not_member", board.note, db, deck, {**payload, "field": "steps", "text": "x"}, 3)
    assert board.all_boards(db)["1"] == [{"card_id": JARDIN, "steps": "", "partners": "", "success": "", "blockers": ""}]


def test_the_facilitator_changes_any_board(db, deck):
    place(db, deck, JARDIN, who=None, group_id=2)
    board.note(db, deck, {"group_id": 2, "card_id": JARDIN, "field": "partners", "text": "La mairie"}, None)
    assert board.all_boards(db)["2"][0]["partners"] == "La mairie"


def test_moving_a_card_gives_it_its_priority(db, deck):
    for card_id in (JARDIN, AMAP, TIERS_LIEU, REPAIR):
        place(db, deck, card_id)
    board.move(db, deck, {"group_id": 1, "card_id": REPAIR, "position": 0}, 1)
    assert cards(db) == [REPAIR, JARDIN, AMAP, TIERS_LIEU]
    board.move(db, deck, {"group_id": 1, "card_id": JARDIN, "position": 3}, 2)
    assert cards(db) == [REPAIR, AMAP, TIERS_LIEU, JARDIN]
    board.move(db, deck, {"group_id": 1, "card_id": AMAP, "position": 2}, 2)
    assert cards(db) == [REPAIR, TIERS_LIEU, AMAP, JARDIN]
    _, evts = board.move(db, deck, {"group_id": 1, "card_id": AMAP, "position": 2}, 2)
    assert evts == []  # already there


@pytest.mark.parametrize("position", [-1, 2, "0", None, 0.5, False])
def test_a_position_off_the_board_is_refused(db, deck, position):
    place(db, deck, JARDIN)
    place(db, deck, AMAP)
    error = refused("bad_input", board.move, db, deck, {"group_id": 1, "card_id": JARDIN, "position": position}, 1)
    assert error.values == {"last": 1}
    assert cards(db) == [JARDIN, AMAP]


def test_moving_or_removing_a_card_not_on_the_board_is_refused(db, deck):
    place(db, deck, JARDIN)
    refused("not_found", board.move, db, deck, {"group_id": 1, "card_id": AMAP, "position": 0}, 1)
    refused("not_found", board.remove, db, deck, {"group_id": 1, "card_id": AMAP}, 1)
    refused("not_found", board.note, db, deck, {"group_id": 1, "card_id": AMAP, "field": "steps", "text": "x"}, 1)


def test_removing_a_card_drops_it_and_its_notes(db, deck):
    place(db, deck, JARDIN)
    place(db, deck, AMAP)
    board.note(db, deck, {"group_id": 1, "card_id": JARDIN, "field": "steps", "text": "Trouver un terrain"}, 1)
    board.remove(db, deck, {"group_id": 1, "card_id": JARDIN}, 2)
    assert cards(db) == [AMAP]
    place(db, deck, JARDIN)
    assert board.all_boards(db)["1"][1]["steps"] == ""


def test_each_of_the_four_notes_is_kept_with_its_card(db, deck):
    place(db, deck, JARDIN)
    texts = {"steps": "1. Trouver un terrain\n2. Réunir les voisins", "partners": "Mairie, bailleur",
             "success": "Un noyau motivé", "blockers": "L'eau"}
    for field, text in texts.items():
        board.note(db, deck, {"group_id": 1, "card_id": JARDIN, "field": field, "text": text}, 1)
    assert board.all_boards(db)["1"][0] == {"card_id": JARDIN, **texts}


def test_an_empty_note_clears_it_and_an_unchanged_note_sends_nothing(db, deck):
    place(db, deck, JARDIN)
    payload = {"group_id": 1, "card_id": JARDIN, "field": "blockers"}
    board.note(db, deck, {**payload, "text": "Le foncier"}, 1)
    assert board.note(db, deck, {**payload, "text": "Le foncier"}, 2)[1] == []
    board.note(db, deck, {**payload, "text": "   "}, 1)
    assert board.all_boards(db)["1"][0]["blockers"] == ""


def test_a_note_has_at_most_500_characters(db, deck):
    place(db, deck, JARDIN)
    payload = {"group_id": 1, "card_id": JARDIN, "field": "steps"}
    board.note(db, deck, {**payload, "text": "é" * 500}, 1)
    error = refused("bad_input", board.note, db, deck, {**payload, "text": "x" * 501}, 1)
    assert error.values["max"] == 500
    assert board.all_boards(db)["1"][0]["steps"] == "é" * 500


@pytest.mark.parametrize("field", ["title", "", None, "Steps"])
def test_a_note_field_outside_the_four_is_refused(db, deck, field):
    place(db, deck, JARDIN)
    refused("bad_input", board.note, db, deck, {"group_id": 1, "card_id": JARDIN, "field": field, "text": "x"}, 1)


def test_board_events_go_to_the_screens_and_the_members_phones(db, deck):
    _, evts = place(db, deck, JARDIN)
    assert set(evts[0].to) == {"wall", "facilitator", "participant:1", "participant:2"}


def test_boards_are_in_the_public_snapshot_in_priority_order(db, deck):
    place(db, deck, JARDIN)
    place(db, deck, AMAP)
    board.move(db, deck, {"group_id": 1, "card_id": AMAP, "position": 0}, 1)
    state = snapshot.public_state(db, deck)
    assert [c["card_id"] for c in state["boards"]["1"]] == [AMAP, JARDIN]
    assert state["boards"]["2"] == []


def test_forming_the_groups_again_starts_with_empty_boards_and_none_on_the_wall(db, deck):
    place(db, deck, JARDIN)
    board.show_on_wall(db, {"group_id": 1})
    groups.form(db, {"count": 2})
    assert board.all_boards(db) == {"1": [], "2": []}
    assert snapshot.public_state(db, deck)["wall_board"] is None  # the new group 1 is another group


def test_the_wall_shows_one_groups_board_until_stopped(db, deck):
    result, evts = board.show_on_wall(db, {"group_id": 2})
    assert result == {"group_id": 2} and snapshot.public_state(db, deck)["wall_board"] == 2
    assert evts[0].name == "wall.board" and set(evts[0].to) == {"wall", "facilitator"}
    refused("not_found", board.show_on_wall, db, {"group_id": 99})
    assert snapshot.public_state(db, deck)["wall_board"] == 2
    board.show_on_wall(db, {"group_id": None})
    assert snapshot.public_state(db, deck)["wall_board"] is None


# --- Over Socket.IO --------------------------------------------------------------------------

@pytest.fixture
def room(actions):
    """A facilitator, a wall and two groups: Logement (Ana, Bruno) and Mobilité (Chloé)."""
    facilitator, wall = actions.facilitator(), actions.wall()
    ana, bruno, chloe = actions.phone("Ana"), actions.phone("Bruno"), actions.phone("Chloé")
    for text in ["Mobilité", "Logement"]:
        facilitator.emit("issue.propose", {"text": text}, callback=True)
    facilitator.emit("vote.open", {"method": "dots"}, callback=True)
    ana.emit("vote.cast", {"issue_id": 2, "dots": 1}, callback=True)
    facilitator.emit("vote.close", {}, callback=True)
    logement, mobilite = facilitator.emit("groups.form", {"count": 2}, callback=True)["groups"]
    for phone, group in [(ana, logement), (bruno, logement), (chloe, mobilite)]:
        assert phone.emit("group.join", {"group_id": group["id"]}, callback=True)["ok"]
    for sock in (facilitator, wall, ana, bruno, chloe):
        sock.get_received()
    return {"facilitator": facilitator, "wall": wall, "ana": ana, "bruno": bruno, "chloe": chloe,
            "logement": logement["id"], "mobilite": mobilite["id"]}


def test_a_placed_card_reaches_the_wall_the_console_and_the_groups_phones_only(room, client):
    ack = room["ana"].emit("board.place", {"group_id": room["logement"], "card_id": JARDIN}, callback=True)
    assert ack["ok"] and [c["card_id"] for c in ack["board"]] == [JARDIN]
    for name in ("wall", "facilitator", "ana", "bruno"):
        received = events(room[name], "board.updated")
        assert [(e["group_id"], e["seq"]) for e in received] == [(room["logement"], ack["seq"])], name
    assert events(room["chloe"]) == []
    assert [c["card_id"] for c in client.get("/api/state").json["boards"][str(room["logement"])]] == [JARDIN]


def test_a_non_member_phone_gets_a_clear_refusal(room):
    ack = room["chloe"].emit("board.place", {"group_id": room["logement"], "card_id": JARDIN}, callback=True)
    assert ack["ok"] is False and ack["code"] == "not_member" and ack["error"]
    assert room["facilitator"].emit("board.place", {"group_id": room["logement"], "card_id": JARDIN},
                                    callback=True)["ok"]


def test_a_replayed_place_key_places_the_card_once(room, client):
    payload = {"group_id": room["logement"], "card_id": JARDIN, "key": "place-1"}
    first = room["ana"].emit("board.place", payload, callback=True)
    again = room["ana"].emit("board.place", payload, callback=True)
    assert first == again and first["ok"]
    assert len(events(room["wall"], "board.updated")) == 1
    assert len(client.get("/api/state").json["boards"][str(room["logement"])]) == 1
    # Another key is another placement: refused, the card is already there.
    assert room["bruno"].emit("board.place", {**payload, "key": "place-2"}, callback=True)["code"] == "duplicate"


def test_a_replayed_note_key_counts_once_even_after_a_newer_note(room, client):
    group_id = room["logement"]
    room["ana"].emit("board.place", {"group_id": group_id, "card_id": JARDIN}, callback=True)
    first = {"group_id": group_id, "card_id": JARDIN, "field": "steps", "text": "Premier", "key": "n1"}
    assert room["ana"].emit("board.note", first, callback=True)["ok"]
    room["bruno"].emit("board.note", {**first, "text": "Second", "key": "n2"}, callback=True)
    room["ana"].emit("board.note", first, callback=True)  # a late retry must not overwrite Bruno's note
    assert client.get("/api/state").json["boards"][str(group_id)][0]["steps"] == "Second"


def test_the_facilitator_puts_a_board_on_the_wall(room, client):
    phone = room["ana"]
    assert phone.emit("wall.show_board", {"group_id": room["logement"]}, callback=True)["code"] == "forbidden"
    ack = room["facilitator"].emit("wall.show_board", {"group_id": room["logement"]}, callback=True)
    assert ack["ok"] and events(room["wall"], "wall.board") == [{"group_id": room["logement"], "seq": ack["seq"]}]
    assert events(phone) == []
    assert client.get("/api/state").json["wall_board"] == room["logement"]
    room["facilitator"].emit("wall.show_board", {"group_id": None}, callback=True)
    assert client.get("/api/state").json["wall_board"] is None


def test_two_groups_working_at_the_same_time_each_keep_their_own_board(actions, client, deck):
    """Four phones in two groups place and annotate cards at once (one thread each)."""
    import threading

    facilitator = actions.facilitator()
    phones = {name: actions.phone(name) for name in ["Ana", "Bruno", "Chloé", "Djamel"]}
    for text in ["Mobilité", "Logement"]:
        facilitator.emit("issue.propose", {"text": text}, callback=True)
    facilitator.emit("vote.open", {"method": "dots"}, callback=True)
    phones["Ana"].emit("vote.cast", {"issue_id": 2, "dots": 1}, callback=True)
    facilitator.emit("vote.close", {}, callback=True)
    first, second = facilitator.emit("groups.form", {"count": 2}, callback=True)["groups"]
    teams = {"Ana": first["id"], "Bruno": first["id"], "Chloé": second["id"], "Djamel": second["id"]}
    for name, group_id in teams.items():
        assert phones[name].emit("group.join", {"group_id": group_id}, callback=True)["ok"]
        phones[name].get_received()
    cards = [card.id for card in deck.cards]
    share = {name: cards[n * 3:(n + 1) * 3] for n, name in enumerate(teams)}
    failures = []

    def work(name):
        phone, group_id = phones[name], teams[name]
        for n, card_id in enumerate(share[name]):
            for command, payload in [("board.place", {"card_id": card_id}),
                                     ("board.note", {"card_id": card_id, "field": "steps", "text": f"{name} {n}"}),
                                     ("board.move", {"card_id": card_id, "position": 0})]:
                answer = phone.emit(command, {"group_id": group_id, **payload, "key": f"{name}-{command}-{n}"},
                                    callback=True)
                if not answer["ok"]:
                    failures.append((name, command, answer))

    threads = [threading.Thread(target=work, args=(name,)) for name in teams]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    boards = client.get("/api/state").json["boards"]
    for group_id, members in [(first["id"], ["Ana", "Bruno"]), (second["id"], ["Chloé", "Djamel"])]:
        board = boards[str(group_id)]
        assert sorted(c["card_id"] for c in board) == sorted(share[members[0]] + share[members[1]])
        notes = {c["card_id"]: c["steps"] for c in board}
        for name in members:
            assert [notes[card_id] for card_id in share[name]] == [f"{name} {n}" for n in range(3)]
        # Each member's phone heard only its own group's board.
        for name in members:
            heard = {e["group_id"] for e in events(phones[name], "board.updated")}
            assert heard == {group_id}, name


def note(db, deck, text, who, base=None, field="steps"):
    payload = {"group_id": 1, "card_id": JARDIN, "field": field, "text": text}
    if base is not None:
        payload["base"] = base
    return board.note(db, deck, payload, who)


def test_two_members_saving_the_same_note_lose_nothing(db, deck):
    place(db, deck, JARDIN)
    note(db, deck, "Rencontrer la mairie", who=1, base="")
    # Bruno started from the empty note too: his save is refused and names Ana's text.
    error = refused("conflict", note, db, deck, "Trouver un terrain", 2, base="")
    assert error.values["current"] == "Rencontrer la mairie"
    assert board.all_boards(db)["1"][0]["steps"] == "Rencontrer la mairie"
    # He puts both together, starting from Ana's text: saved.
    result, _ = note(db, deck, "Rencontrer la mairie\nTrouver un terrain", who=2, base="Rencontrer la mairie")
    assert result["board"][0]["steps"] == "Rencontrer la mairie\nTrouver un terrain"


def test_a_base_is_checked_like_a_note_and_the_same_text_is_no_conflict(db, deck):
    place(db, deck, JARDIN)
    note(db, deck, "Rencontrer la mairie", who=1, base="")
    # The same text from another member: nothing to resolve, nothing sent.
    assert note(db, deck, "Rencontrer la mairie", who=2, base="")[1] == []
    refused("bad_input", note, db, deck, "Autre", 2, base="x" * 501)
    refused("bad_input", note, db, deck, "Autre", 2, base=["liste"])
    assert board.all_boards(db)["1"][0]["steps"] == "Rencontrer la mairie"
