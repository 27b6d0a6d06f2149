"""Joining: names, contacts and consent, and one participant per phone whatever happens."""

from __future__ import annotations

import pytest
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import participants
from kiosk.errors import KioskError


@pytest.fixture
def db():
    return TinyDB(storage=MemoryStorage)


def test_join_gives_an_id_and_a_secret_token(db):
    result, events = participants.join(db, {"name": "  Ana  "})
    assert result["participant"] == {"id": 1, "name": "Ana"}
    assert len(result["token"]) >= 24
    assert {e.name for e in events} == {"participant.joined"}


@pytest.mark.parametrize("payload", [{}, {"name": ""}, {"name": "   "}, {"name": "x" * 41}, {"name": 42},
                                     {"name": ["Ana"]}, {"name": "Ana", "share_contact": "yes"},
                                     {"name": "Ana", "contact": "x" * 121}, {"name": "Ana", "share_contact": True}])
def test_a_bad_join_is_refused_and_adds_no_one(db, payload):
    with pytest.raises(KioskError) as refused:
        participants.join(db, payload)
    assert refused.value.code == "bad_input"
    assert participants.count(db) == 0


def test_a_name_of_forty_characters_is_accepted(db):
    assert participants.join(db, {"name": "é" * 40})[0]["participant"]["name"] == "é" * 40


def test_joining_again_with_the_token_updates_the_same_participant(db):
    first, _ = participants.join(db, {"name": "Ana"})
    again, _ = participants.join(db, {"name": "Anaïs", "contact": "a@x.fr", "share_contact": True}, first["token"])
    assert again["participant"] == {"id": 1, "name": "Anaïs"} and again["token"] == first["token"]
    assert participants.count(db) == 1


def test_control_characters_are_dropped_from_names(db):
    assert participants.join(db, {"name": "A\x00na\x07"})[0]["participant"]["name"] == "Ana"


def test_the_contact_event_goes_to_the_console_only(db):
    _, events = participants.join(db, {"name": "Ana", "contact": "a@x.fr", "share_contact": True})
    by_room = {event.to: event.data for event in events}
    assert "contact" not in by_room[("wall",)]["participant"]
    assert by_room[("facilitator",)]["participant"]["contact"] == "a@x.fr"


def test_http_join_twice_from_the_same_phone_is_one_participant(client):
    client.post("/api/join", json={"name": "Ana"})
    client.post("/api/join", json={"name": "Ana"})
    assert len(client.get("/api/state").json["participants"]) == 1


def test_a_double_tapped_join_with_one_key_is_one_participant(app):
    first = app.test_client().post("/api/join", json={"name": "Ana", "key": "tap-1"}).json
    second = app.test_client().post("/api/join", json={"name": "Ana", "key": "tap-1"}).json
    assert first == second
    assert len(app.test_client().get("/api/state").json["participants"]) == 1


def test_join_sets_a_session_cookie_that_identifies_the_phone(client, socketio, app):
    client.post("/api/join", json={"name": "Ana"})
    sock = socketio.test_client(app, flask_test_client=client)
    assert sock.get_received()[0]["args"][0]["me"]["name"] == "Ana"


@pytest.mark.parametrize("body", ['{"name": ', "[]", '"Ana"', "null"])
def test_broken_json_is_refused_with_a_sentence(client, body):
    response = client.post("/api/join", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json["ok"] is False and response.json["code"] == "bad_input" and response.json["error"]
    assert client.get("/api/state").json["participants"] == []


def test_a_joined_phone_renaming_itself_in_a_loop_is_refused_for_its_rate(actions, box):
    from kiosk.box import COMMAND_BURST

    box.command_rate.clock = lambda: 0.0  # the test's requests take time: none refills the bucket
    _, token, http = actions.join("Ana")
    statuses = [http.post("/api/join", json={"name": f"Ana{n}", "token": token}).status_code
                for n in range(COMMAND_BURST + 5)]
    assert statuses[:COMMAND_BURST] == [200] * COMMAND_BURST and set(statuses[COMMAND_BURST:]) == {429}
    assert http.post("/api/join", json={"name": "Ana"}).json["code"] == "too_many_requests"


class Walked(dict):
    """A table's raw documents that record every walk through them (a lookup by id is no walk)."""

    walks: list = []

    def items(self):
        self.walks.append("items")
        return super().items()

    def values(self):
        self.walks.append("values")
        return super().values()

    def __iter__(self):
        self.walks.append("iter")
        return super().__iter__()


def test_a_token_finds_its_participant_without_reading_every_participant(db, monkeypatch):
    tokens = {participants.join(db, {"name": f"P{n}"})[0]["token"]: n + 1 for n in range(30)}
    table_class = type(db.table("participants"))
    read = table_class._read_table
    monkeypatch.setattr(table_class, "_read_table", lambda self: Walked(read(self)))
    Walked.walks = []
    for token, participant_id in tokens.items():
        assert participants.by_token(db, token).doc_id == participant_id
    assert Walked.walks == []  # each one found by its id, not by a walk through the 30


def test_a_token_whose_participant_left_or_never_was_names_nobody(db):
    kept = participants.join(db, {"name": "Ana"})[0]["token"]
    gone = participants.join(db, {"name": "Bea"})[0]["token"]
    participants.remove(db, {"participant_id": 2}, lambda db, pid: [], 0.0)
    assert participants.by_token(db, gone) is None
    assert participants.by_token(db, "not-a-token") is None
    assert participants.by_token(db, kept).doc_id == 1
    # A token the index does not hold (a store opened afresh) is found in the table.
    fresh = TinyDB(storage=MemoryStorage)
    fresh.storage.write(db.storage.read())
    assert participants.by_token(fresh, kept).doc_id == 1


def test_everyone_s_id_and_name_are_read_without_making_a_document_of_each(db, monkeypatch):
    for name in ("Ana", "Bea", "Zoé"):
        participants.join(db, {"name": name, "contact": "a@b.fr"})
    expected = [participants.public(doc) for doc in db.table("participants").all()]
    monkeypatch.setattr(type(db.table("participants")), "__iter__", lambda self: pytest.fail("a Document per participant"))
    assert participants.all_public(db) == expected == [{"id": 1, "name": "Ana"}, {"id": 2, "name": "Bea"},
                                                       {"id": 3, "name": "Zoé"}]
