"""Socket.IO handlers: thin. Who is calling → one `Box.execute` → acknowledgement.

Connections: a participant or facilitator token in `auth={"token": …}` or the session cookie;
without one, a read-only wall client. Each connection joins the rooms of its role and gets its
`state` at once. Events go out from `publish`, called by the store once a change is durable.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections import OrderedDict

import simple_websocket.ws
from engineio import json as engineio_json
from flask import Flask, request, session
from flask.ctx import RequestContext
from flask_socketio import SocketIO, emit, join_room
from socketio import packet as sio_packet
from wsproto.extensions import PerMessageDeflate
from wsproto.frame_protocol import Opcode, RsvBits

from . import auth, i18n, payloads, rooms, snapshot
from .box import too_many_requests
from .events import DELIVERY, PARTICIPANT_REMOVED, STATE, Event, gathered_field
from .protocol import COMMANDS


log = logging.getLogger(__name__)

#: Where Socket.IO listens (Flask-SocketIO's default path).
SOCKETIO_PATH = "/socket.io"

#: Commands refused for their rate, in a row, after which a connection is closed.
FLOOD_REFUSALS = 50


class Publisher:
    """Sends each event to the rooms whose view it changes (called once the write is durable).

    Fast-changing figures are held for `interval` seconds, then sent once per (name, rooms), as
    their event type declares (`events.DELIVERY`): coalesced events (a live tally) keep only the
    newest, so 200 phones casting dots make a few wall updates a second, not 200; gathered events
    (new issues for the phones) add up their list, so 500 phones proposing at once cost each
    phone a few messages a second, not 500. An event
    for clients that may also get a held one first sends what is held, so a client never
    receives an older figure after a newer event; events for other clients (a phone's own ballot
    while the wall's tally is held) leave it held.
    """

    def __init__(self, socketio: SocketIO, interval: float = 0.2):
        self.socketio = socketio
        self.interval = interval
        self._held: dict[tuple, Event] = {}
        self._lock = threading.Lock()
        self._scheduled = False

    def __call__(self, events) -> None:
        for event in events:
            if self.interval > 0 and event.name in DELIVERY:
                self._hold(event)
            else:
                self.flush(rooms.audience(event.to))
                self._emit(event)

    def _hold(self, event: Event) -> None:
        with self._lock:
            key = (event.name, event.to)
            field = gathered_field(event.name)
            if field and key in self._held:
                held = self._held[key]
                event = Event(event.name, {**event.data, field: held.data[field] + event.data[field]}, event.to,
                              event.seq)
            self._held[key] = event
            start = not self._scheduled
            self._scheduled = True
        if start:
            self.socketio.start_background_task(self._flush_later)

    def _emit(self, event: Event) -> None:
        self.socketio.emit(event.name, event.payload(), to=list(event.to))

    def _flush_later(self) -> None:
        self.socketio.sleep(self.interval)
        with self._lock:
            self._scheduled = False
        self.flush()

    def flush(self, audience: frozenset[str] | None = None) -> None:
        """Send what is held (only what may reach one of `audience`, when given), oldest first."""
        with self._lock:
            due = [key for key, event in self._held.items()
                   if audience is None or rooms.audience(event.to) & audience]
            held = sorted((self._held.pop(key) for key in due), key=lambda event: event.seq)
        for event in held:
            self._emit(event)


class WireJSON:
    """The JSON Socket.IO's packets are read with. A payload nested deeper than the parser can go
    (a RecursionError, which would drop the packet unanswered) is read as a `TooDeep` payload for
    its command, refused with `bad_input` like any other bad payload: the client gets its
    acknowledgement."""

    dumps = staticmethod(engineio_json.dumps)
    _EVENT = re.compile(r'\s*\[\s*("(?:[^"\\]|\\.){0,200}")')

    @classmethod
    def loads(cls, text, **options):
        try:
            return engineio_json.loads(text, **options)
        except RecursionError:
            match = cls._EVENT.match(text) if isinstance(text, str) else None
            try:
                name = json.loads(match.group(1)) if match else None
            except ValueError:
                name = None
            return [name if isinstance(name, str) else "?", payloads.TooDeep()]


class TextPacket(sio_packet.Packet):
    """Socket.IO's packet, for a box that never sends binary: every payload it emits is JSON built
    by its own code (a snapshot, an event, an acknowledgement). The stock packet walks the whole
    payload, every list and dict, looking for bytes before encoding it: for a snapshot of 1,000
    participants that walk cost more than its JSON encoding (profiled during a burst of joins).
    Packets read from clients are decoded as before (their type comes from the wire)."""

    @classmethod
    def data_is_binary(cls, data) -> bool:
        return False

    def encode(self):
        """A snapshot shared with other clients (`snapshot.Shared`) is encoded from its public
        part's JSON, made once for all of them; anything else as Socket.IO does."""
        data = self.data
        if self.packet_type == sio_packet.EVENT and isinstance(data, list) and len(data) == 2 \
                and isinstance(data[1], snapshot.Shared):
            text = data[1].json(self.json.dumps)
            if text is not None:
                head = str(self.packet_type)
                if self.namespace is not None and self.namespace != "/":
                    head += self.namespace + ","
                if self.id is not None:
                    head += str(self.id)
                return f"{head}[{self.json.dumps(data[0])},{text}]"
        return super().encode()


#: Messages shorter than this (bytes) are sent uncompressed: an acknowledgement, a phone's own
#: ballot, a ping. Compressing one costs a zlib stream made and dropped, 30 to 55 µs of CPU measured
#: (two or three per command), to save some 40 bytes of a 100-byte message.
SMALL = 256


class MessageDeflate(PerMessageDeflate):
    """WebSocket compression (permessage-deflate, which every browser asks for) as the box accepts
    it: each message compressed on its own, no zlib stream kept between messages, either way.

    simple-websocket accepts the extension with its defaults, which keep both streams for the
    whole connection: about 200 kB per phone held for nothing between messages (measured with
    wsproto: a 35 kB snapshot, then events), 200 MB for a room of 1,000. Without them a
    connection keeps about 1 kB; a snapshot still goes out compressed (35 kB: 4.7 kB either way);
    a small event goes out a little larger (a gathered list of 20 issues: 200 bytes instead of 55,
    1,247 uncompressed) and costs less CPU to compress (0.03 ms instead of 0.05)."""

    def __init__(self, **_options):
        super().__init__(client_no_context_takeover=True, server_no_context_takeover=True)

    def frame_outbound(self, proto, opcode, rsv, data, fin):
        """A whole message compresses to the same bytes on every connection (no stream is kept,
        and the window is the one negotiated): one sent to many phones is compressed once, then
        taken from `DEFLATED` for the others. A whole message under `SMALL` bytes goes out as it
        is, its RSV1 bit clear (RFC 7692 lets each message say whether it is compressed)."""
        if not fin or opcode not in (Opcode.TEXT, Opcode.BINARY) or self._compressor is not None \
                or proto.client or not self.server_no_context_takeover:
            return super().frame_outbound(proto, opcode, rsv, data, fin)
        if len(data) < SMALL:
            return rsv, data
        key = (self.server_max_window_bits, data)
        compressed = DEFLATED.get(key)
        if compressed is None:
            rsv, compressed = super().frame_outbound(proto, opcode, rsv, data, fin)
            DEFLATED.put(key, compressed)
            return rsv, compressed
        return RsvBits(True, rsv[1], rsv[2]), compressed


class DeflateCache:
    """Messages recently compressed, by (window bits, bytes): what `MessageDeflate` sends again.

    An event for a room goes to each of its connections as the same text: a gathered
    `issues.proposed` of 14 kB sent to 1,000 phones was compressed 1,000 times (a tenth of the
    box's CPU in a burst). Only a message seen twice is kept (an acknowledgement, unique to its
    connection, passes through without pushing out the room's events), at most `entries` of them
    and `max_bytes` in all (each message's text and its compressed bytes), least recently used
    first out. What was seen is remembered as hashes only, the last `seen` of them."""

    def __init__(self, entries: int = 16, max_bytes: int = 1 << 20, seen: int = 256):
        self.entries, self.max_bytes, self.seen_max = entries, max_bytes, seen
        self._kept: OrderedDict[tuple[int, bytes], bytes] = OrderedDict()
        self._seen: OrderedDict[int, None] = OrderedDict()
        self.size = 0  # bytes held: texts and their compressed forms
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: tuple[int, bytes]) -> bytes | None:
        with self._lock:
            compressed = self._kept.get(key)
            if compressed is not None:
                self._kept.move_to_end(key)
            return compressed

    def put(self, key: tuple[int, bytes], compressed: bytes) -> None:
        cost = len(key[1]) + len(compressed)
        if cost > self.max_bytes // 4:
            return  # one message may not take the room of several
        digest = hash(key)
        with self._lock:
            if digest not in self._seen:
                self._seen[digest] = None
                if len(self._seen) > self.seen_max:
                    self._seen.popitem(last=False)
                return
            if key in self._kept:
                return
            self._kept[key] = compressed
            self.size += cost
            while len(self._kept) > self.entries or self.size > self.max_bytes:
                (_bits, text), old = self._kept.popitem(last=False)
                self.size -= len(text) + len(old)


#: Shared by every connection of the process (a message's bytes do not depend on the connection).
DEFLATED = DeflateCache()


class EventContext(RequestContext):
    """The request context Flask-SocketIO pushes for each event of a connection, made cheap.

    Each event used to cost a whole HTTP request's context built from the connection's environ:
    its URL matched against the box's routes (failing: `/socket.io/` is no route, so werkzeug
    built and raised a NotFound each time), its session cookie read and its signature checked
    again, a URL adapter bound again: about 0.2 ms of CPU per event, a tenth of the box's CPU
    in a burst of 1,000 phones. Here the URL adapter is bound once per connection, nothing is
    matched (no view runs: Flask-SocketIO calls the handler), and the session is the one
    Flask-SocketIO keeps for the connection (read from the cookie at its first event, as
    before). Each event still gets its own `request` (its `sid`, its address, its language) and
    its own application context, so `gettext`'s language is chosen for each event."""

    def __init__(self, app, environ):
        super().__init__(app, environ, session=environ.get("saved_session"))

    def match_request(self) -> None:
        """Nothing to match: the event's handler is called by Flask-SocketIO, no view."""


class KioskFlask(Flask):
    """Flask, with `EventContext` for Socket.IO's events. Socket.IO's middleware answers every
    HTTP request under `/socket.io` itself, so a request context for that path is only ever
    asked for by Flask-SocketIO, for an event of one of its connections."""

    _ADAPTER = "kiosk.url_adapter"  # where a connection's environ keeps its URL adapter

    def request_context(self, environ):
        if _is_socketio_path(environ.get("PATH_INFO", "")):
            return EventContext(self, environ)
        return super().request_context(environ)

    def create_url_adapter(self, request):
        """A connection's URL adapter (for `url_for` in a handler) is bound at its first event."""
        if request is None or not _is_socketio_path(request.path):
            return super().create_url_adapter(request)
        adapter = request.environ.get(self._ADAPTER)
        if adapter is None:
            adapter = request.environ[self._ADAPTER] = super().create_url_adapter(request)
        return adapter


def _is_socketio_path(path: str) -> bool:
    return path == SOCKETIO_PATH or path.startswith(SOCKETIO_PATH + "/")


def compress_without_context() -> None:
    """Make simple-websocket (which engine.io uses for WebSockets) accept `MessageDeflate`."""
    simple_websocket.ws.PerMessageDeflate = MessageDeflate


def _rooms_of(actor: auth.Actor) -> list[str]:
    if actor.role == auth.FACILITATOR:
        return [rooms.FACILITATOR]
    if actor.role == auth.PARTICIPANT:
        return [rooms.PHONES, rooms.participant(actor.participant_id)]
    return [rooms.WALL]


def register(socketio: SocketIO, box) -> None:
    """Attach every handler to this app's SocketIO, once it is set up (`init_app`): the commands straight to
    its python-socketio server (one instance per app: no global state)."""
    actors: dict[str, auth.Actor] = {}

    def on_connect(auth_data=None):
        """Any client connects; it receives `state` for its role."""
        token = auth_data.get("token") if isinstance(auth_data, dict) else None
        token = token or session.get("facilitator") or session.get("token")
        actor = box.store.read(lambda db: auth.resolve(db, token))
        if actor.role == auth.WALL:
            actor = auth.Actor(auth.WALL, origin=request.remote_addr or "?")  # its keys and rate are its own
        actors[request.sid] = actor
        langs[request.sid] = i18n.asked_lang()
        for room in _rooms_of(actor):
            join_room(room)
        # A client that reconnects says which large parts of the snapshot it holds (`auth.have`):
        # those still the same are not sent again (snapshot.delta).
        emit(STATE, snapshot.delta(box.state(actor), auth_data.get("have") if isinstance(auth_data, dict) else None))

    refusals: dict[str, int] = {}  # sid -> commands refused in a row for their rate
    langs: dict[str, str | None] = {}  # sid -> the language its connection asked for (None: the box's)
    server = socketio.server

    def allowed(sid: str, actor: auth.Actor) -> bool:
        """The caller's rate (see Box.allowed). A connection that goes on sending while refused,
        FLOOD_REFUSALS times in a row, is closed: a flood costs its sender a new connection."""
        if box.allowed(actor):
            refusals.pop(sid, None)
            return True
        refusals[sid] = refusals.get(sid, 0) + 1
        if refusals[sid] == FLOOD_REFUSALS:
            log.warning("closing a connection of %s: it went on flooding the box", actor.ref)
            server.disconnect(sid, namespace="/")
        return False

    def answer_to(sid: str, answer: dict) -> dict:
        """The answer as sent: a refusal written in the connection's language."""
        return i18n.translate(answer, lambda: i18n.translator(langs.get(sid) or i18n.workshop_lang(box)))

    def on_disconnect(*_):
        actors.pop(request.sid, None)
        refusals.pop(request.sid, None)
        langs.pop(request.sid, None)

    def handler(name: str):
        def handle(sid, payload=None, *_extra):
            actor = actors.get(sid, auth.ANONYMOUS)
            if not allowed(sid, actor):
                return answer_to(sid, too_many_requests())
            answer = box.execute(actor, name, payload)
            if name == "state.get" and answer.get("ok"):
                server.emit(STATE, box.state(actor), to=sid, namespace="/")
            return answer_to(sid, answer)

        handle.__name__ = f"on_{name.replace('.', '_')}"
        handle.__doc__ = COMMANDS[name].doc
        return handle

    def on_unknown(name, *args):
        """A client sent an event that is no command: refused, nothing changes."""
        actor = actors.get(request.sid, auth.ANONYMOUS)
        if not allowed(request.sid, actor):
            return answer_to(request.sid, too_many_requests())
        return answer_to(request.sid, box.execute(actor, str(name)[:64], None))

    publish = box.publish

    def publish_then_forget(events) -> None:
        """Events go out; then the connections of a removed participant (who got `participant.removed`
        first) leave every room: they hear nothing more, and the box refuses their commands with
        `removed` (their participant is gone); reconnecting, their token names nobody."""
        publish(events)
        for event in events:
            if event.name == PARTICIPANT_REMOVED:
                _leave_rooms(event.data["participant_id"])

    def _leave_rooms(participant_id: int) -> None:
        for sid, actor in list(actors.items()):
            if actor.role == auth.PARTICIPANT and actor.participant_id == participant_id:
                for room in list(socketio.server.rooms(sid, namespace="/")):
                    if room != sid:
                        socketio.server.leave_room(sid, room, namespace="/")

    box.publish = publish_then_forget
    socketio.on_event("connect", on_connect)
    socketio.on_event("disconnect", on_disconnect)
    for name, command in COMMANDS.items():
        if not command.http_only:
            # Straight to python-socketio: a command needs no Flask request context (its caller is
            # its `sid`, its language was read at the connection), which cost a third of the CPU
            # of a command that is refused at once (profiled: contexts, proxies, the language
            # chosen again from the headers at each event).
            server.on(name, handler(name), namespace="/")
    socketio.on_event("*", on_unknown)
