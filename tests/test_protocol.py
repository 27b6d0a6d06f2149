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


# --- Issue 13: what a hostile participant sends ------------------------------------------------------

def test_a_lone_surrogate_or_a_nul_anywhere_in_a_payload_is_bad_input_and_changes_nothing(actions, box):
    phone = actions.phone("Ana")
    before = box.store.read(lambda db: db.storage.dump())
    for payload in ({"text": "x\ud800"}, {"text": "ok", "key": "k\udc00"}, {"text": "a\x00b"},
                    {"text": "ok", "\ud800": 1}, {"text": "ok", "extra": [{"deep": "\ud83d"}]}):
        answer = phone.emit("issue.propose", payload, callback=True)
        assert answer["ok"] is False and answer["code"] == "bad_input", (payload, answer)
    assert box.store.read(lambda db: db.storage.dump()) == before


def test_json_nested_deeper_than_the_parser_goes_is_read_as_a_payload_refused_with_bad_input(box):
    from kiosk import auth, payloads
    from kiosk.sockets import WireJSON

    name, payload = WireJSON.loads('["wall.post",{"text":' + "[" * 5000 + "]" * 5000 + "}]")
    assert name == "wall.post" and isinstance(payload, payloads.TooDeep)  # not a RecursionError
    answer = box.execute(auth.Actor(auth.PARTICIPANT, 1), "wall.post", payload)
    assert answer["ok"] is False and answer["code"] == "bad_input"
    shallow = '["wall.post",{"text":' + "[" * 20 + "]" * 20 + "}]"
    assert box.execute(auth.ANONYMOUS, "state.get", WireJSON.loads(shallow)[1])["code"] == "bad_input"


def test_bidi_overrides_and_zero_width_characters_leave_names_and_texts(actions):
    phone = actions.phone("\u202eanA\u200b")
    assert phone.participant["name"] == "anA"
    answer = phone.emit("issue.propose", {"text": "Un\u2066 jardin\u200d partagé\ufeff"}, callback=True)
    assert answer["issue"]["text"] == "Un jardin partagé"


def test_french_no_break_spaces_stay_where_runs_of_other_spaces_shrink_to_one(actions):
    phone = actions.phone("  Zoé\u00a0 ")
    assert phone.participant["name"] == "Zoé"
    answer = phone.emit("issue.propose", {"text": " Un  jardin\t partagé\u202f? «\u00a0oui\u00a0» "}, callback=True)
    assert answer["issue"]["text"] == "Un jardin partagé\u202f? «\u00a0oui\u00a0»"
    note = phone.emit("wall.post", {"text": "Ligne\u00a0!  \r\n  seconde   ligne "}, callback=True)
    assert note["post"]["text"] == "Ligne\u00a0!\nseconde ligne"


def test_a_replayed_answer_leaves_out_large_fields_and_keys_are_bounded_per_caller(actions, box, monkeypatch):
    from kiosk import box as box_module

    monkeypatch.setattr(box_module, "KEYS_PER_CALLER", 5)
    facilitator = actions.facilitator()
    for n in range(12):
        assert facilitator.emit("phase.set", {"phase": "issues", "key": f"k{n}"}, callback=True)["ok"]
    kept = box.store.read(lambda db: [doc["key"] for doc in db.table("keys").all()])
    assert kept == [f"k{n}" for n in range(7, 12)]
    board = {"ok": True, "group_id": 1, "board": [{"card_id": "c", "steps": "s" * 500}] * 10, "seq": 3}
    assert box_module.replay_form(board) == {"ok": True, "group_id": 1, "seq": 3}
    assert "token" not in box_module.replay_form({"ok": True, "participant": {"id": 1}, "token": "secret"})


def test_a_socket_sending_too_fast_is_refused_politely_then_closed(actions, box):
    from kiosk.box import COMMAND_BURST
    from kiosk.sockets import FLOOD_REFUSALS

    phone = actions.phone("Ana")
    box.command_rate.clock = lambda: 0.0  # a slow machine must not refill the bucket between two sends
    answers = [phone.emit("state.get", {}, callback=True) for _ in range(COMMAND_BURST + FLOOD_REFUSALS)]
    assert all(a["ok"] for a in answers[:COMMAND_BURST - 1])
    refused = [a for a in answers if not a["ok"]]
    assert refused and {a["code"] for a in refused} == {"too_many_requests"}
    assert not phone.is_connected()
    assert actions.phone("Bruno").emit("issue.propose", {"text": "Un jardin"}, callback=True)["ok"]


def test_api_errors_have_the_one_json_shape(client):
    for response in (client.get("/api/nothing"), client.post("/api/join", data="x" * 100_000),
                     client.get("/api/join"),
                     client.post("/api/join", data='{"name":' + "[" * 5000 + "]" * 5000 + "}",
                                 content_type="application/json")):
        assert response.is_json and response.json["ok"] is False and response.json["code"], response


def test_the_clients_share_one_public_snapshot_until_the_data_changes(actions, box):
    from kiosk.auth import PARTICIPANT, WALL, Actor

    wall, again = box.state(Actor(WALL)), box.state(Actor(WALL))
    assert wall["participants"] is again["participants"] and wall["issues"] is again["issues"]  # built once
    ana = actions.phone("Ana")
    assert ana.emit("issue.propose", {"text": "Un jardin partagé"}, callback=True)["ok"]
    phone = box.state(Actor(PARTICIPANT, 1))
    assert [i["text"] for i in phone["issues"]] == ["Un jardin partagé"]  # the change, seen at once
    assert [p["name"] for p in phone["participants"]] == ["Ana"]
    assert box.state(Actor(WALL))["issues"] is phone["issues"] is not wall["issues"]
