"""The Socket.IO protocol with several test clients: participants, facilitator, wall."""

from __future__ import annotations

from conftest import PIN, events

from kiosk import create_app


def test_every_client_gets_its_state_on_connection(actions, socketio, app):
    wall = socketio.test_client(app)
    received = wall.get_received()
    assert [m["name"] for m in received] == ["state"]
    state = received[0]["args"][0]
    assert {"seq", "workshop", "phase", "participants", "issues", "vote", "groups", "deck", "claims", "wall",
            "buddies", "step"} <= set(state)
    assert state["role"] == "wall"


def test_public_state_holds_no_contact_and_no_token(actions, client):
    _, token, _ = actions.join("Ana", contact="ana@example.fr", share_contact=True)
    text = client.get("/api/state").get_data(as_text=True)
    assert "ana@example.fr" not in text and token not in text
    assert client.get("/api/state").json["participants"] == [{"id": 1, "name": "Ana"}]


def test_facilitator_state_holds_contacts(actions):
    actions.join("Ana", contact="ana@example.fr", share_contact=True)
    facilitator = actions.facilitator()
    facilitator.emit("state.get", {}, callback=True)
    state = events(facilitator, "state")[0]
    assert state["participants"][0]["contact"] == "ana@example.fr"
    assert state["role"] == "facilitator"


def test_participant_state_says_who_they_are(actions):
    phone = actions.phone("Bruno")
    phone.emit("state.get", {}, callback=True)
    assert events(phone, "state")[0]["me"]["name"] == "Bruno"


def test_a_join_reaches_the_wall_and_the_console_but_not_other_phones(actions):
    wall, facilitator, phone = actions.wall(), actions.facilitator(), actions.phone("Ana")
    wall.get_received(), facilitator.get_received()
    actions.join("Chloé", contact="c@example.fr", share_contact=True)
    on_wall = events(wall, "participant.joined")
    assert on_wall[0]["participant"] == {"id": 2, "name": "Chloé"} and on_wall[0]["count"] == 2
    assert events(facilitator, "participant.joined")[0]["participant"]["contact"] == "c@example.fr"
    assert events(phone) == []


def test_phase_set_by_the_facilitator_reaches_every_client_with_seq(actions):
    wall, phone, facilitator = actions.wall(), actions.phone(), actions.facilitator()
    ack = facilitator.emit("phase.set", {"phase": "vote"}, callback=True)
    assert ack["ok"] and ack["phase"] == "vote"
    for client in (wall, phone, facilitator):
        received = events(client, "phase.changed")
        assert received == [{"phase": "vote", "seq": ack["seq"]}]


def test_facilitator_commands_are_refused_without_the_pin(actions, box):
    phone, wall = actions.phone(), actions.wall()
    for client in (phone, wall):
        for name, payload in (("phase.set", {"phase": "vote"}), ("workshop.update", {"title": "Pirate"})):
            ack = client.emit(name, payload, callback=True)
            assert ack["ok"] is False and ack["code"] == "forbidden"
    state = box.state(actions_wall_actor())
    assert state["phase"] == "welcome" and state["workshop"]["title"] == ""


def actions_wall_actor():
    from kiosk.auth import ANONYMOUS

    return ANONYMOUS


def test_a_wrong_token_is_a_read_only_wall(actions, socketio, app):
    intruder = socketio.test_client(app, auth={"token": "guessed"})
    assert events(intruder, "state")[0]["role"] == "wall"
    assert intruder.emit("phase.set", {"phase": "vote"}, callback=True)["code"] == "forbidden"


def test_seq_grows_with_every_change_and_refusals_do_not_count(actions):
    facilitator = actions.facilitator()
    first = facilitator.emit("phase.set", {"phase": "issues"}, callback=True)["seq"]
    assert facilitator.emit("phase.set", {"phase": "nowhere"}, callback=True)["ok"] is False
    second = facilitator.emit("workshop.update", {"title": "Atelier"}, callback=True)["seq"]
    assert second == first + 1


def test_a_replayed_key_changes_nothing_and_gets_the_first_answer(actions):
    facilitator, wall = actions.facilitator(), actions.wall()
    first = facilitator.emit("phase.set", {"phase": "vote", "key": "k-1"}, callback=True)
    again = facilitator.emit("phase.set", {"phase": "closing", "key": "k-1"}, callback=True)
    assert again == first
    assert len(events(wall, "phase.changed")) == 1
    facilitator.emit("state.get", {}, callback=True)
    assert events(facilitator, "state")[-1]["phase"] == "vote"


def test_a_refusal_under_a_key_is_replayed_too(actions):
    facilitator = actions.facilitator()
    refused = facilitator.emit("workshop.update", {"date": "demain", "key": "k-2"}, callback=True)
    assert refused["ok"] is False
    assert facilitator.emit("workshop.update", {"date": "2026-11-27", "key": "k-2"}, callback=True) == refused


def test_keys_are_remembered_per_caller(actions, client):
    _, ana_token, ana = actions.join("Ana")
    _, bruno_token, bruno = actions.join("Bruno")
    assert ana.post("/api/join", json={"name": "Anaïs", "key": "same"}).json["participant"]["name"] == "Anaïs"
    assert bruno.post("/api/join", json={"name": "Bruno B", "key": "same"}).json["participant"]["name"] == "Bruno B"
    assert [p["name"] for p in client.get("/api/state").json["participants"]] == ["Anaïs", "Bruno B"]


def test_bad_input_gets_a_clear_refusal_and_changes_nothing(actions, box):
    facilitator = actions.facilitator()
    before = box.state(actions_wall_actor())
    before.pop("now")  # the server's clock, for the screens' countdowns: not a change
    cases = [
        ("phase.set", "not an object", "bad_input"),
        ("phase.set", {"phase": 3}, "bad_input"),
        ("workshop.update", {"title": "x" * 500}, "bad_input"),
        ("workshop.update", {"lang": "de"}, "bad_input"),
        ("workshop.update", {}, "bad_input"),
        ("phase.set", {"phase": "vote", "key": "k" * 65}, "bad_input"),
        ("phase.set", {"phase": "vote", "key": 12}, "bad_input"),
        ("no.such", {}, "unknown_command"),
    ]
    for name, payload, code in cases:
        ack = facilitator.emit(name, payload, callback=True)
        assert ack["ok"] is False and ack["code"] == code, (name, payload, ack)
        assert ack["error"]
    after = box.state(actions_wall_actor())
    after.pop("now")
    assert after == before


def test_refusals_are_in_french_by_default(actions):
    facilitator = actions.facilitator()
    ack = facilitator.emit("no.such", {}, callback=True)
    assert "Commande inconnue" in ack["error"]


def test_two_apps_in_one_process_both_answer_commands(tmp_path):
    for n in range(2):
        app = create_app({"data": str(tmp_path / f"d{n}"), "pin": PIN, "async_mode": "threading"})
        http = app.test_client()
        token = http.post("/api/facilitator", json={"pin": PIN}).json["token"]
        sock = app.extensions["kiosk_socketio"].test_client(app, auth={"token": token})
        assert sock.emit("phase.set", {"phase": "vote"}, callback=True)["ok"], f"app {n}"
