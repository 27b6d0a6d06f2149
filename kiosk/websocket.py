"""The box's WebSockets under gevent: each connection read by its own request's greenlet.

engine.io's gevent driver takes its WebSockets from simple-websocket, which reads each socket in a
greenlet of its own (with a duplicated socket, a selector, an event and a list of messages) while
the request's greenlet waits for what it read: a greenlet, its saved stack and its frames, about
18 kB per phone for as long as it is connected (measured with tracemalloc, 500 phones). Here the
request's greenlet reads the socket itself when engine.io asks for the next message, with the same
protocol library (wsproto) and the same compression (`sockets.MessageDeflate`): a phone costs
two greenlets (its request and engine.io's writer; its pings come from `heartbeat`), not four.
"""

from __future__ import annotations

import functools
import socket
import threading
from collections import deque

from wsproto import ConnectionType, WSConnection
from wsproto.connection import Connection
from wsproto.events import (AcceptConnection, BytesMessage, CloseConnection, Ping, Request, TextMessage)
from wsproto.frame_protocol import CloseReason
from wsproto.handshake import server_extensions_handshake
from wsproto.utilities import LocalProtocolError, RemoteProtocolError, generate_accept_token, split_comma_header

#: Bytes read from the socket at once (a phone's command is a few hundred).
RECEIVE_BYTES = 4096


class WebSocket:
    """engine.io's WebSocket (`_async["websocket"]`): made with engine.io's connection handler,
    then called as the WSGI application of the upgrade request; the handler calls `wait()` for
    each message (None once the connection is closed), `send()` from engine.io's writer, `close()`.

    A message longer than engine.io's limit (`max_http_buffer_size`) closes the connection
    (1009, message too big) as soon as its fragments exceed it, before it is all in memory."""

    def __init__(self, handler, server, extension):
        self.handler = handler
        self.max_message = server.max_http_buffer_size
        self.extension = extension  # the compression it accepts, made for each connection
        self.sock = None
        self.ws = None  # wsproto's WSConnection for the handshake, then its Connection
        self.connected = False
        self._received: deque = deque()  # whole messages read, not yet taken by `wait`
        self._parts: list = []  # the fragments of the message being read
        self._size = 0
        self._sending = threading.Lock()  # engine.io's writer and a pong both write frames

    def __call__(self, environ, start_response):
        wsgi_input = environ["wsgi.input"]
        rfile = getattr(wsgi_input, "rfile", wsgi_input)  # gevent's Input wraps the connection's file
        self.sock = rfile.raw._sock
        accepted = _accept(environ, self.extension())
        if accepted is not None:
            answer, self.ws = accepted
            self.connected = True
            try:
                self.sock.sendall(answer)
            except OSError:
                self.connected = False
                return []
            return self.handler(self)
        # Not a valid upgrade request: wsproto's own handshake answers it (its refusals included).
        self.ws = WSConnection(ConnectionType.SERVER)
        self.ws.receive_data(_request_head(environ))
        self.connected = True
        self._answer()
        if not self.connected or self.ws.connection is None:
            self.connected = False
            return []
        # Open: only the connection's framing is kept, not the handshake's HTTP parser (2 kB).
        self.ws = self.ws.connection
        return self.handler(self)

    def wait(self):
        """The next message (str or bytes), read from the socket when none is waiting; None when
        the connection is closed."""
        while not self._received:
            if not self.connected:
                return None
            try:
                data = self.sock.recv(RECEIVE_BYTES)
            except OSError:
                data = b""
            if not data:
                self.connected = False
                return None
            try:
                self.ws.receive_data(data)
            except (LocalProtocolError, RemoteProtocolError):
                self.connected = False
                return None
            self._answer()
        return self._received.popleft()

    def send(self, message) -> None:
        """Send one message (engine.io's writer); OSError once the connection is closed."""
        if not self.connected:
            raise OSError("the WebSocket is closed")
        event = TextMessage(data=message) if isinstance(message, str) else BytesMessage(data=message)
        with self._sending:
            self.sock.sendall(self.ws.send(event))

    def close(self) -> None:
        """Close from the box's side (engine.io's writer, once the Socket.IO connection ended): a
        close frame, then the socket's reading side is shut, so a `wait` under way returns None even
        where the phone is gone without a word."""
        if not self.connected:
            return
        self.connected = False
        try:
            with self._sending:
                self.sock.sendall(self.ws.send(CloseConnection(code=CloseReason.NORMAL_CLOSURE)))
        except (OSError, LocalProtocolError):
            pass
        try:
            self.sock.shutdown(socket.SHUT_RD)
        except OSError:
            pass

    def _answer(self) -> None:
        """Take what wsproto read: the handshake accepted, pings answered, a close answered,
        messages gathered from their fragments."""
        out = b""
        for event in self.ws.events():
            if isinstance(event, Request):
                out += self.ws.send(AcceptConnection(extensions=[self.extension()]))
            elif isinstance(event, CloseConnection):
                try:
                    out += self.ws.send(event.response())
                except LocalProtocolError:
                    pass
                self.connected = False
                break
            elif isinstance(event, Ping):
                out += self.ws.send(event.response())
            elif isinstance(event, (TextMessage, BytesMessage)):
                self._size += len(event.data)
                if self.max_message and self._size > self.max_message:
                    out += self.ws.send(CloseConnection(code=CloseReason.MESSAGE_TOO_BIG,
                                                        reason="Message is too big"))
                    self.connected = False
                    self._parts, self._size = [], 0
                    break
                self._parts.append(event.data)
                if event.message_finished:
                    parts, self._parts, self._size = self._parts, [], 0
                    self._received.append(parts[0] if len(parts) == 1 else
                                          ("" if isinstance(event, TextMessage) else b"").join(parts))
        if out:
            try:
                with self._sending:
                    self.sock.sendall(out)
            except OSError:
                self.connected = False


def _accept(environ, extension) -> tuple[bytes, Connection] | None:
    """The answer to a valid WebSocket upgrade request (`101 Switching Protocols`, the compression
    agreed with `extension` when the phone offers it) and the open connection's framing; None when
    the request is no valid upgrade. wsproto reads a request through h11 from its text, which the
    box rebuilt from the environ gevent's server had already read: a tenth of the CPU a join costs
    (the join, the connection and its snapshot; profiled), for the few headers checked here as
    wsproto checks them. The answer is the same, byte for byte (tests/test_websocket.py)."""
    key = environ.get("HTTP_SEC_WEBSOCKET_KEY")
    if not key or environ.get("REQUEST_METHOD") != "GET" or environ.get("HTTP_SEC_WEBSOCKET_VERSION") != "13" \
            or environ.get("HTTP_UPGRADE", "").lower() != "websocket" or not environ.get("HTTP_HOST") \
            or not any(token.strip().lower() == "upgrade" for token in environ.get("HTTP_CONNECTION", "").split(",")):
        return None
    try:
        answer = (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  b"Sec-WebSocket-Accept: " + generate_accept_token(key.encode("latin-1")) + b"\r\n")
        offered = environ.get("HTTP_SEC_WEBSOCKET_EXTENSIONS")
        agreed = server_extensions_handshake(split_comma_header(offered.encode("latin-1")), [extension]) \
            if offered else None
    except (UnicodeError, ValueError):
        return None  # wsproto's handshake says what is wrong with it
    if agreed:
        answer += b"Sec-WebSocket-Extensions: " + agreed + b"\r\n"
    return answer + b"\r\n", Connection(ConnectionType.SERVER, [extension])


def _request_head(environ) -> bytes:
    """The upgrade request's head as wsproto reads it, rebuilt from the WSGI environ (gevent's
    server has read it already)."""
    lines = ["GET / HTTP/1.1"]
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            lines.append("-".join(part.capitalize() for part in key[5:].split("_")) + ": " + value)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def install(socketio, extension) -> None:
    """Make this app's engine.io server take its WebSockets from `WebSocket` (under gevent only:
    the tests' threading mode keeps engine.io's own), accepting compression as `extension`."""
    eio = socketio.server.eio
    if eio.async_mode != "gevent":
        return
    eio._async = {**eio._async, "websocket": functools.partial(WebSocket, extension=extension)}
