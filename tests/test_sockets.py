"""The publisher: what is held, gathered or sent at once, and to whom; phones get new issues gathered.
On the wire: packets encoded once, compressed once for every connection they go to."""

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


def _deflate_pair(offer=None, header=None, accepted=None):
    """A phone's WebSocket and the box's, handshaken with permessage-deflate: the phone offers
    `offer` (wsproto's, by default) or `header` (a Sec-WebSocket-Extensions line as a browser
    writes it); the box accepts with `accepted` (as it does, by default). Returns (phone, box,
    accepted, the box's handshake bytes)."""
    from wsproto import ConnectionType, WSConnection
    from wsproto.events import AcceptConnection, Request
    from wsproto.extensions import PerMessageDeflate

    from kiosk.sockets import MessageDeflate

    phone, box = WSConnection(ConnectionType.CLIENT), WSConnection(ConnectionType.SERVER)
    extensions = [] if header else [offer or PerMessageDeflate()]
    extra = [(b"Sec-WebSocket-Extensions", header.encode())] if header else []
    box.receive_data(phone.send(Request(host="kiosk.test", target="/socket.io/", extensions=extensions,
                                        extra_headers=extra)))
    [_request] = box.events()
    accepted = accepted or MessageDeflate()
    handshake = box.send(AcceptConnection(extensions=[accepted]))
    if not header:
        phone.receive_data(handshake)
        [_answer] = phone.events()
    return phone, box, accepted, handshake


def _gathered_issues(count=150):
    text = "Proposition n°{} : un café partagé le jeudi, près du jardin 🌱"
    issues = [{"id": n, "text": text.format(n)} for n in range(count)]
    return "2" + json.dumps(["issues.proposed", {"issues": issues}], ensure_ascii=False)


def test_a_message_sent_to_many_connections_is_compressed_once_into_the_same_bytes(monkeypatch):
    from wsproto.events import TextMessage
    from wsproto.extensions import PerMessageDeflate

    from kiosk import sockets

    monkeypatch.setattr(sockets, "DEFLATED", sockets.DeflateCache())
    compressed = []
    stock = PerMessageDeflate.frame_outbound

    def counted(self, proto, opcode, rsv, data, fin):
        compressed.append(data)
        return stock(self, proto, opcode, rsv, data, fin)

    monkeypatch.setattr(PerMessageDeflate, "frame_outbound", counted)
    gathered = _gathered_issues()
    pairs = [_deflate_pair() for _ in range(40)]
    sent = []
    for n, (phone, box, _deflate, _) in enumerate(pairs):
        sent.append(box.send(TextMessage(data=gathered)))
        # an acknowledgement between two sends, unique to its connection (long enough to be compressed)
        box.send(TextMessage(data=f'3{n}[{{"ok":true,"note":"{"x" * sockets.SMALL}"}}]'))
    assert len(sent[0]) < len(gathered.encode()) / 4  # compressed
    assert len([data for data in compressed if data == gathered.encode()]) == 2  # once seen, then kept
    assert len(compressed) == 2 + 40  # each acknowledgement compressed on its own
    assert len(set(sent)) == 1
    # the same bytes a connection compressing on its own sends, and each phone reads the message
    alone = PerMessageDeflate(client_no_context_takeover=True, server_no_context_takeover=True)
    _phone, box, _, _ = _deflate_pair(accepted=alone)
    assert box.send(TextMessage(data=gathered)) == sent[0]
    for (phone, _box, _, _), frame in zip(pairs, sent):
        phone.receive_data(frame)
        assert [message.data for message in phone.events()] == [gathered]


def test_a_small_message_goes_out_uncompressed_and_the_phone_reads_it():
    """Under `SMALL` bytes a message is sent as it is, its RSV1 bit clear (RFC 7692: each message
    says whether it is compressed); from `SMALL` bytes on it is compressed."""
    from wsproto.events import TextMessage

    from kiosk import sockets

    phone, box, _, _ = _deflate_pair()
    small = '30[{"ok":true,"ballot":{"12":2,"40":1}}]'
    frame = box.send(TextMessage(data=small))
    assert frame[0] & 0x40 == 0 and frame.endswith(small.encode())  # RSV1 clear: as it is
    big = "3" + "1" * sockets.SMALL
    big_frame = box.send(TextMessage(data=big))
    assert big_frame[0] & 0x40 and len(big_frame) < len(big) / 4  # RSV1 set: compressed
    phone.receive_data(frame + big_frame)
    assert [message.data for message in phone.events()] == [small, big]


def test_a_shared_compression_serves_only_connections_with_the_same_window(monkeypatch):
    from wsproto.events import TextMessage
    from wsproto.extensions import PerMessageDeflate

    from kiosk import sockets

    monkeypatch.setattr(sockets, "DEFLATED", sockets.DeflateCache())
    text = _gathered_issues(400)
    wide = [_deflate_pair() for _ in range(3)]
    narrow = [_deflate_pair(offer=PerMessageDeflate(server_max_window_bits=9)) for _ in range(3)]
    assert all(accepted.server_max_window_bits == 9 for _phone, _box, accepted, _ in narrow)
    wide_bytes = {box.send(TextMessage(data=text)) for _phone, box, _, _ in wide}
    narrow_bytes = [box.send(TextMessage(data=text)) for _phone, box, _, _ in narrow]
    assert len(wide_bytes) == 1 and len(set(narrow_bytes)) == 1 and narrow_bytes[0] not in wide_bytes
    for phone, _box, _, _ in narrow:
        phone.receive_data(narrow_bytes[0])
        assert [message.data for message in phone.events()] == [text]


def test_the_shared_compressions_are_bounded_in_number_and_bytes():
    from kiosk.sockets import DeflateCache

    cache = DeflateCache(entries=4, max_bytes=40_000, seen=16)
    for n in range(1000):  # messages sent once each (acknowledgements): none is kept
        cache.put((15, f'3{n}[{{"ok":true}}]'.encode()), b"x")
    assert len(cache) == 0 and cache.size == 0
    for n in range(50):  # room events, each sent to several connections
        key = (15, bytes([n]) * 3_000)
        for _connection in range(3):
            if cache.get(key) is None:
                cache.put(key, b"z" * 1_000)
        assert len(cache) <= 4 and cache.size <= 40_000
    assert len(cache) == 4 and cache.size == 4 * 4_000
    assert cache.get((15, bytes([49]) * 3_000)) == b"z" * 1_000 and cache.get((15, bytes([0]) * 3_000)) is None
    too_big = (15, b"y" * 20_000)
    cache.put(too_big, b"y")
    cache.put(too_big, b"y")
    assert cache.get(too_big) is None  # one message may not take the room of several


def test_compression_is_negotiated_with_a_browsers_offer():
    from wsproto.events import TextMessage

    phone, box, accepted, handshake = _deflate_pair(header="permessage-deflate; client_max_window_bits")
    answer = handshake.decode("latin-1").lower()
    assert "sec-websocket-extensions: permessage-deflate" in answer
    assert "server_no_context_takeover" in answer and "client_no_context_takeover" in answer
    text = _gathered_issues()
    frame = box.send(TextMessage(data=text))
    assert frame[0] & 0x40 and len(frame) < len(text.encode()) / 4  # RSV1: compressed
    assert accepted._compressor is None


FORBIDDEN = {"en": "Only the facilitator can do this: enter the PIN first.",
             "fr": "Réservé à l’animateur ou l’animatrice\u00a0: saisissez d’abord le code PIN."}


def test_an_event_reads_no_session_cookie_and_matches_no_url(app, actions, monkeypatch):
    from werkzeug.routing import Map, MapAdapter

    counts = {"open_session": 0, "bind": 0, "match": 0}

    def counted(name, fn):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return fn(*args, **kwargs)
        return wrapper

    sessions = app.session_interface
    monkeypatch.setattr(sessions, "open_session", counted("open_session", sessions.open_session))
    monkeypatch.setattr(Map, "bind_to_environ", counted("bind", Map.bind_to_environ))
    monkeypatch.setattr(MapAdapter, "match", counted("match", MapAdapter.match))
    _participant, token, _http = actions.join("Ana")
    http_counts = dict(counts)  # the join's HTTP request: one of each
    assert http_counts == {"open_session": 1, "bind": 1, "match": 1}
    phone = actions.socketio.test_client(app, auth={"token": token}, headers={"Accept-Language": "en"})
    assert events(phone, "state")[0]["me"]["name"] == "Ana"
    for _ in range(20):
        assert phone.emit("phase.set", {"phase": "vote"}, callback=True)["error"] == FORBIDDEN["en"]
    # 21 events (the connection, then 20 commands): the session and the URL adapter once, no matching
    assert {name: count - http_counts[name] for name, count in counts.items()} == {
        "open_session": 1, "bind": 1, "match": 0}


def test_refusals_come_in_each_callers_language_event_after_event(app):
    socketio = app.extensions["kiosk_socketio"]
    english = socketio.test_client(app, headers={"Accept-Language": "en-GB,en;q=0.9"})
    french = socketio.test_client(app, headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    chosen = app.test_client()
    chosen.get("/?lang=en")  # a phone that chose English on a French browser
    switched = socketio.test_client(app, flask_test_client=chosen, headers={"Accept-Language": "fr"})
    for _ in range(3):
        assert english.emit("phase.set", {"phase": "vote"}, callback=True)["error"] == FORBIDDEN["en"]
        assert french.emit("phase.set", {"phase": "vote"}, callback=True)["error"] == FORBIDDEN["fr"]
        assert switched.emit("phase.set", {"phase": "vote"}, callback=True)["error"] == FORBIDDEN["en"]
        assert french.emit("no.such", {}, callback=True)["error"] == "Commande inconnue\u00a0: «\u00a0no.such\u00a0»."


def test_a_connection_stating_no_language_is_answered_in_the_boxs_as_it_changes(app):
    from kiosk.auth import FACILITATOR, Actor

    CONSOLE = Actor(FACILITATOR)

    socketio = app.extensions["kiosk_socketio"]
    box = app.extensions["kiosk_box"]
    silent = socketio.test_client(app)  # no Accept-Language, no choice: the box's language
    english = socketio.test_client(app, headers={"Accept-Language": "en"})
    assert silent.emit("phase.set", {"phase": "vote"}, callback=True)["error"] == FORBIDDEN["fr"]
    assert box.execute(CONSOLE, "workshop.update", {"lang": "en"})["ok"]
    assert silent.emit("phase.set", {"phase": "vote"}, callback=True)["error"] == FORBIDDEN["en"]
    assert box.execute(CONSOLE, "workshop.update", {"lang": "fr"})["ok"]
    assert silent.emit("phase.set", {"phase": "vote"}, callback=True)["error"] == FORBIDDEN["fr"]
    assert english.emit("phase.set", {"phase": "vote"}, callback=True)["error"] == FORBIDDEN["en"]


def test_the_session_cookie_still_makes_a_socket_the_console(app):
    from conftest import PIN

    socketio = app.extensions["kiosk_socketio"]
    http = app.test_client()
    assert http.post("/api/facilitator", json={"pin": PIN}).status_code == 200
    console = socketio.test_client(app, flask_test_client=http)  # no token: the session's cookie
    assert events(console, "state")[0]["role"] == "facilitator"
    for phase in ("issues", "vote", "issues"):
        answer = console.emit("phase.set", {"phase": phase}, callback=True)
        assert answer["ok"] is True, answer
        assert events(console, "phase.changed")[-1]["phase"] == phase
    stranger = socketio.test_client(app, flask_test_client=app.test_client())
    assert events(stranger, "state")[0]["role"] == "wall"


def test_a_client_that_reconnects_is_not_sent_again_the_large_parts_it_holds(app, actions, monkeypatch):
    from kiosk import auth, snapshot

    monkeypatch.setattr(snapshot, "TAGGED_MIN", 300)  # the participants' list of a dozen is tagged
    box = app.extensions["kiosk_box"]
    facilitator = actions.facilitator()
    facilitator.emit("phase.set", {"phase": "issues"}, callback=True)
    joined = [actions.join(f"Phone {n}") for n in range(12)]
    participant, token, _http = joined[0]
    first = actions.socketio.test_client(app, auth={"token": token})
    [held] = events(first, "state")
    assert "participants" in held["tags"] and "tags" not in snapshot.public_state(box.store.db, box.deck)
    assert "kept" not in held
    # Reconnecting with the fingerprints of what it holds: those parts are left out, named in `kept`.
    again = actions.socketio.test_client(app, auth={"token": token, "have": held["tags"]})
    [delta] = events(again, "state")
    assert sorted(delta["kept"]) == sorted(held["tags"]) and "participants" not in delta
    kept = delta.pop("kept")
    merged = {**delta, **{key: held[key] for key in kept}}
    expected = box.state(auth.Actor(auth.PARTICIPANT, participant["id"]))
    assert {**merged, "now": 0} == {**expected, "now": 0}
    # One more participant: the list's fingerprint changed, it is sent again; the rest is kept.
    actions.join("Newcomer")
    [after] = events(actions.socketio.test_client(app, auth={"token": token, "have": held["tags"]}), "state")
    assert len(after["participants"]) == 13 and "participants" not in after.get("kept", [])
    assert after["tags"]["participants"] != held["tags"]["participants"]
    # The wall too; what is not such a mapping of fingerprints gets the whole snapshot.
    [wall] = events(actions.socketio.test_client(app), "state")
    [wall_again] = events(actions.socketio.test_client(app, auth={"have": wall["tags"]}), "state")
    assert "participants" in wall_again["kept"] and "participants" not in wall_again
    for have in (["participants"], {"participants": 7}, {f"k{n}": "x" for n in range(100)}, "x" * 10_000):
        [whole] = events(actions.socketio.test_client(app, auth={"token": token, "have": have}), "state")
        assert "kept" not in whole and len(whole["participants"]) == 13
    # The console's snapshot is its own: no fingerprints, never a delta.
    console = actions.socketio.test_client(app, auth={"token": facilitator_token(app)})
    [state] = events(console, "state")
    assert "tags" not in state


def facilitator_token(app) -> str:
    from conftest import PIN

    return app.test_client().post("/api/facilitator", json={"pin": PIN}).json["token"]
