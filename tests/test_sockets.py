"""The publisher: what is held, gathered or sent at once, and to whom; phones get new issues gathered."""

from __future__ import annotations

import json

from conftest import events

from kiosk import rooms
from kiosk.events import Event
from kiosk.sockets import Publisher


class FakeSocketIO:
    """Records emits; background tasks run when the test says so."""

    def __init__(self):
        self.sent, self.tasks = [], []

    def emit(self, name, data, to):
        self.sent.append((name, data, tuple(to)))

    def start_background_task(self, fn):
        self.tasks.append(fn)

    def sleep(self, seconds):
        pass


def issues_for_phones(seq, *ids):
    return Event("issues.proposed", {"issues": [{"id": i, "text": f"Issue {i}"} for i in ids]}, to=(rooms.PHONES,),
                 seq=seq)


def test_new_issues_for_the_phones_are_gathered_into_one_message():
    fake = FakeSocketIO()
    publish = Publisher(fake, interval=0.2)
    for n in range(1, 6):
        publish([issues_for_phones(n, n)])
    assert fake.sent == [] and len(fake.tasks) == 1
    fake.tasks[0]()
    [(name, data, to)] = fake.sent
    assert (name, to, data["seq"]) == ("issues.proposed", (rooms.PHONES,), 5)
    assert [issue["id"] for issue in data["issues"]] == [1, 2, 3, 4, 5]


def test_an_event_for_other_clients_leaves_what_is_held_held():
    fake = FakeSocketIO()
    publish = Publisher(fake, interval=0.2)
    publish([issues_for_phones(1, 1)])
    publish([Event("issue.proposed", {"issue": {"id": 1}}, to=(rooms.WALL,), seq=1)])
    publish([Event("tally.updated", {}, to=rooms.SCREENS, seq=2)])
    publish([Event("ballot.updated", {}, to=(rooms.participant(7),), seq=2)])
    # The wall's event went out at once; the phone's ballot first sent the phones' held issues
    # (a phone is in both rooms); the wall's tally stays held: no client gets both.
    assert [(name, data["seq"]) for name, data, _ in fake.sent] == [
        ("issue.proposed", 1), ("issues.proposed", 1), ("ballot.updated", 2)]
    fake.tasks[0]()
    assert [(name, data["seq"]) for name, data, _ in fake.sent][3:] == [("tally.updated", 2)]


def test_an_event_for_everyone_first_sends_everything_held_oldest_first():
    fake = FakeSocketIO()
    publish = Publisher(fake, interval=0.2)
    publish([Event("tally.updated", {}, to=rooms.SCREENS, seq=3)])
    publish([issues_for_phones(2, 2)])
    publish([Event("vote.closed", {}, seq=4)])
    assert [(name, data["seq"]) for name, data, _ in fake.sent] == [
        ("issues.proposed", 2), ("tally.updated", 3), ("vote.closed", 4)]


def test_audiences_count_a_participants_and_a_groups_room_as_phones():
    assert rooms.audience((rooms.participant(3), rooms.group(1))) == {rooms.PHONES}
    assert rooms.audience(rooms.EVERYONE) == {rooms.WALL, rooms.FACILITATOR, rooms.PHONES}


def test_phones_get_new_issues_as_issues_proposed_and_the_wall_as_issue_proposed(actions):
    wall, ana, bea = actions.wall(), actions.phone("Ana"), actions.phone("Bea")
    ana.get_received(), bea.get_received()
    answer = ana.emit("issue.propose", {"text": "Mobilité rurale"}, callback=True)
    assert answer["ok"]
    issue = {"id": answer["issue"]["id"], "text": "Mobilité rurale"}
    assert [e["issue"] for e in events(wall, "issue.proposed")] == [issue]
    for phone in (ana, bea):
        received = phone.get_received()
        assert [m["args"][0]["issues"] for m in received if m["name"] == "issues.proposed"] == [[issue]]
        assert not [m for m in received if m["name"] == "issue.proposed"]


class NoWalk(dict):
    """A payload that refuses to be walked: encoding it must not look inside for bytes."""

    def values(self):
        raise AssertionError("the payload was walked looking for binary data")


def test_the_box_encodes_its_packets_without_walking_them_for_binary_data(app):
    from socketio import packet

    from kiosk.sockets import TextPacket

    assert app.extensions["kiosk_socketio"].server.packet_class is TextPacket
    payload = NoWalk(seq=3, participants=[{"id": 1, "name": "Zoé"}])
    text = TextPacket(packet.EVENT, data=["state", payload]).encode()
    assert text == packet.Packet(packet.EVENT, data=["state", dict(payload)]).encode()
    assert text.startswith('2["state",{"seq":3,')


def test_a_room_connecting_at_once_costs_one_public_snapshot_and_one_encoding_of_it(app, actions, monkeypatch):
    from kiosk import auth, snapshot

    box = app.extensions["kiosk_box"]
    facilitator = actions.facilitator()
    facilitator.emit("phase.set", {"phase": "issues"}, callback=True)
    joined = [actions.join(f"Phone {n}") for n in range(12)]
    built, encoded, whole = [], [], []
    build, head, shared_json = snapshot.PublicBuilder.build, snapshot.Public.json_head, snapshot.Shared.json
    monkeypatch.setattr(snapshot.PublicBuilder, "build", lambda *args, **kw: built.append(1) or build(*args, **kw))
    monkeypatch.setattr(snapshot.Public, "json_head",
                        lambda self, dumps: (None if hasattr(self, "_head") else encoded.append(1)) or head(self, dumps))
    monkeypatch.setattr(snapshot.Shared, "json", lambda self, dumps: shared_json(self, dumps) or whole.append(1))
    phones = [actions.socketio.test_client(app, auth={"token": token}) for _participant, token, _http in joined]
    wall = actions.socketio.test_client(app)
    # 13 snapshots: one public part, encoded once, none encoded whole
    assert len(built) == 1 and len(encoded) == 1 and whole == []
    for (participant, _token, _http), phone in zip(joined, phones):
        [state] = events(phone, "state")
        expected = box.state(auth.Actor(auth.PARTICIPANT, participant["id"]))
        assert state["me"]["name"] == participant["name"] and len(state["participants"]) == 12
        assert {**state, "now": 0} == {**expected, "now": 0}
    [state] = events(wall, "state")
    assert state["role"] == "wall" and "me" not in state and state["phase"] == "issues"
    assert len(built) == 1


def test_a_snapshot_whose_public_part_was_changed_is_encoded_whole():
    from socketio import packet

    from kiosk.snapshot import Public, Shared
    from kiosk.sockets import TextPacket

    public = Public({"seq": 3, "now": 1.0, "issues": [{"id": 1, "text": "Eau"}]})
    changed = Shared({**public, "now": 2.0, "role": "wall", "issues": []}, public)
    assert changed.json(json.dumps) is None
    text = TextPacket(packet.EVENT, data=["state", changed]).encode()
    assert packet.Packet(encoded_packet=text).data == ["state", dict(changed)]
    shared = Shared({**public, "now": 2.0, "role": "wall"}, public)
    assert json.loads(shared.json(json.dumps)) == dict(shared)


def test_websocket_compression_keeps_no_stream_between_messages(app):
    import simple_websocket.ws
    from wsproto import ConnectionType, WSConnection
    from wsproto.events import AcceptConnection, Request, TextMessage
    from wsproto.extensions import PerMessageDeflate

    from kiosk.sockets import MessageDeflate

    assert simple_websocket.ws.PerMessageDeflate is MessageDeflate  # what simple-websocket accepts
    phone, box = WSConnection(ConnectionType.CLIENT), WSConnection(ConnectionType.SERVER)
    box.receive_data(phone.send(Request(host="kiosk.test", target="/socket.io/", extensions=[PerMessageDeflate()])))
    [request] = box.events()
    accepted = simple_websocket.ws.PerMessageDeflate()
    phone.receive_data(box.send(AcceptConnection(extensions=[accepted])))
    [answer] = phone.events()
    assert isinstance(answer, AcceptConnection) and isinstance(request, Request)
    snapshot = '2["state",{"participants":[' + ",".join(f'{{"id":{n},"name":"Phone {n}"}}' for n in range(300)) + "]}]"
    sent = box.send(TextMessage(data=snapshot))
    assert len(sent) < len(snapshot) / 3  # compressed all the same
    assert accepted._compressor is None  # no zlib stream held until the next message
    phone.receive_data(sent)
    [message] = phone.events()
    assert message.data == snapshot
    phone_side = answer.extensions[0]
    assert phone_side.client_no_context_takeover and phone_side.server_no_context_takeover
    box.receive_data(phone.send(TextMessage(data='42["state.get",{}]' * 20)))
    assert [event.data for event in box.events()] == ['42["state.get",{}]' * 20]
    assert accepted._decompressor is None
