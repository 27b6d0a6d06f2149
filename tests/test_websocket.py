"""The box's WebSocket (kiosk/websocket.py): the handshake with compression, messages whole or in
fragments, pings, closes from either side, a message over the limit; and what a phone costs the
box's process while it is connected (greenlets and Python memory, measured in a real box)."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from wsproto import ConnectionType, WSConnection
from wsproto.events import (AcceptConnection, BytesMessage, CloseConnection, Message, Ping, Pong, Request,
                            TextMessage)
from wsproto.extensions import PerMessageDeflate

from kiosk.sockets import MessageDeflate
from kiosk.websocket import WebSocket

LIMIT = 1000


class Phone:
    """The phone's end of a socket pair, speaking WebSocket with wsproto."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.ws = WSConnection(ConnectionType.CLIENT)
        self.sock.settimeout(10)

    def send(self, event) -> None:
        self.sock.sendall(self.ws.send(event))

    def events(self, count: int) -> list:
        got: list = []
        while len(got) < count:
            data = self.sock.recv(65536)
            self.ws.receive_data(data or None)
            got.extend(self.ws.events())
            if not data:
                break
        return got


def _environ(sock: socket.socket, head: bytes) -> dict:
    """What gevent's server puts in the environ of an upgrade request (its head already read)."""
    environ = {"REQUEST_METHOD": "GET", "wsgi.input": SimpleNamespace(rfile=sock.makefile("rb"))}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        if line:
            name, value = line.split(": ", 1)
            environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def _box(handler, compressed: bool = True):
    """A WebSocket served in a thread over a socket pair; returns the phone's end and the thread."""
    box_end, phone_end = socket.socketpair()
    phone = Phone(phone_end)
    head = phone.ws.send(Request(host="kiosk.test", target="/socket.io/",
                                 extensions=[PerMessageDeflate()] if compressed else []))
    ws = WebSocket(handler, SimpleNamespace(max_http_buffer_size=LIMIT), extension=MessageDeflate)
    thread = threading.Thread(target=ws, args=(_environ(box_end, head), None), daemon=True)
    thread.start()
    return ws, phone, thread


def _handshake(phone: Phone) -> AcceptConnection:
    # The request reached the box in the environ (as gevent's server read it).
    [accepted] = phone.events(1)
    assert isinstance(accepted, AcceptConnection)
    return accepted


UPGRADE = {"REQUEST_METHOD": "GET", "HTTP_HOST": "kiosk.test", "HTTP_UPGRADE": "websocket",
           "HTTP_CONNECTION": "Upgrade", "HTTP_SEC_WEBSOCKET_KEY": "dGhlIHNhbXBsZSBub25jZQ==",
           "HTTP_SEC_WEBSOCKET_VERSION": "13", "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14)"}


@pytest.mark.parametrize("offer", [None, "permessage-deflate; client_max_window_bits",
                                   "permessage-deflate; server_max_window_bits=10, x-webkit-deflate-frame",
                                   "x-unknown"])
def test_an_upgrade_is_answered_as_wsprotos_own_handshake_would(offer):
    from kiosk.websocket import _accept, _request_head

    environ = {**UPGRADE, **({"HTTP_SEC_WEBSOCKET_EXTENSIONS": offer} if offer else {}),
               "HTTP_CONNECTION": "keep-alive, Upgrade"}
    answer, connection = _accept(environ, MessageDeflate())
    stock = WSConnection(ConnectionType.SERVER)
    stock.receive_data(_request_head(environ))
    [request] = stock.events()
    expected = stock.send(AcceptConnection(extensions=[MessageDeflate()]))
    assert answer == expected and answer.startswith(b"HTTP/1.1 101 ")
    assert (b"Sec-WebSocket-Extensions: permessage-deflate" in answer) == (offer or "").startswith("permessage")
    assert connection.state == stock.connection.state


@pytest.mark.parametrize("change", [{"HTTP_SEC_WEBSOCKET_KEY": None}, {"HTTP_SEC_WEBSOCKET_VERSION": "8"},
                                    {"HTTP_UPGRADE": "h2c"}, {"HTTP_CONNECTION": "keep-alive"},
                                    {"HTTP_HOST": None}, {"REQUEST_METHOD": "POST"},
                                    {"HTTP_SEC_WEBSOCKET_EXTENSIONS": "permessage-deflate; é"}])
def test_what_is_no_valid_upgrade_is_left_to_wsprotos_handshake(change):
    from kiosk.websocket import _accept

    environ = {key: value for key, value in {**UPGRADE, **change}.items() if value is not None}
    assert _accept(environ, MessageDeflate()) is None


def test_messages_whole_or_in_fragments_pings_and_the_phones_close():
    received = []

    def handler(ws):
        while (message := ws.wait()) is not None:
            received.append(message)
            ws.send(message.upper() if isinstance(message, str) else message[::-1])
        return []

    ws, phone, thread = _box(handler)
    accepted = _handshake(phone)
    deflate = accepted.extensions[0]
    assert deflate.client_no_context_takeover and deflate.server_no_context_takeover  # MessageDeflate's terms
    phone.send(TextMessage(data="42[\"wall.post\"]"))
    phone.send(TextMessage(data="ab", message_finished=False))
    phone.send(TextMessage(data="cd", message_finished=True))
    phone.send(BytesMessage(data=b"\x01\x02"))
    phone.send(Ping(payload=b"still there?"))
    got = phone.events(4)
    assert [event.data for event in got if isinstance(event, Message)] == ['42["WALL.POST"]', "ABCD", b"\x02\x01"]
    assert [event.payload for event in got if isinstance(event, Pong)] == [b"still there?"]
    assert received == ['42["wall.post"]', "abcd", b"\x01\x02"]
    phone.send(CloseConnection(code=1000))
    [answer] = phone.events(1)
    assert isinstance(answer, CloseConnection) and answer.code == 1000
    thread.join(5)
    assert not thread.is_alive() and not ws.connected


def test_a_message_over_the_limit_closes_the_connection_before_it_is_all_read():
    received = []

    def handler(ws):
        while (message := ws.wait()) is not None:
            received.append(message)
        return []

    ws, phone, thread = _box(handler, compressed=False)  # a compressing phone's fragments come out at the end
    _handshake(phone)
    phone.send(TextMessage(data="x" * (LIMIT // 2), message_finished=False))
    phone.send(TextMessage(data="x" * (LIMIT // 2 + 1), message_finished=False))
    [closed] = phone.events(1)
    assert isinstance(closed, CloseConnection) and closed.code == 1009
    thread.join(5)
    assert not thread.is_alive() and received == []


def test_the_box_closes_while_the_connection_waits_for_a_message():
    started = threading.Event()

    def handler(ws):
        started.set()
        return [ws.wait()]

    ws, phone, thread = _box(handler)
    _handshake(phone)
    assert started.wait(5)
    time.sleep(0.1)  # the handler is in wait(), reading the socket
    ws.close()
    [closed] = phone.events(1)
    assert isinstance(closed, CloseConnection) and closed.code == 1000
    thread.join(5)
    assert not thread.is_alive()  # wait() returned: the phone said nothing, the box closed
    with pytest.raises(OSError):
        ws.send("too late")


# --- What a connected phone costs the box -------------------------------------------------------

#: Started as the box: `kiosk serve`, with tracemalloc, and on SIGUSR1 a line with the greenlets
#: alive and the Python memory traced.
RUNNER = """
import sys, tracemalloc
import kiosk.server  # gevent's monkey-patching, and the box's settings of gevent
import gc, signal, gevent, greenlet
tracemalloc.start()

def report():
    gc.collect()
    alive = sum(1 for o in gc.get_objects() if isinstance(o, greenlet.greenlet) and not o.dead)
    print(f"MEASURE greenlets={alive} traced={tracemalloc.get_traced_memory()[0]}", flush=True)

gevent.signal_handler(signal.SIGUSR1, report)
from kiosk.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_connected_phone_costs_two_greenlets_and_little_memory(tmp_path):
    """Connected phones, idle: each costs its request's greenlet and engine.io's writer
    (simple-websocket's reading greenlet is gone, and its pings come from the heartbeat, not a
    greenlet of its own), and about 38 kB of Python memory (measured with 100 phones: 58 kB and
    four greenlets each before kiosk/websocket.py, gevent's record of who spawned each greenlet
    and the 2 kB read buffer)."""
    pytest.importorskip("socketio")
    import aiohttp

    from kiosk import bench
    from kiosk.boxprocess import free_port

    phones = 100
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(PYTHONUNBUFFERED="1", KIOSK_PIN=bench.PIN, KIOSK_PUBLIC_URL="http://127.0.0.1/")
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    box = subprocess.Popen([sys.executable, str(runner), "serve", "--host", "127.0.0.1", "--port", str(port),
                            "--data", str(tmp_path / "data")], cwd=Path(__file__).resolve().parent.parent,
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = iter(box.stdout)

    def measure() -> dict[str, int]:
        box.send_signal(signal.SIGUSR1)
        for line in lines:
            if line.startswith("MEASURE"):
                return {k: int(v) for k, v in (part.split("=") for part in line.split()[1:])}
        raise AssertionError("the box stopped")

    async def play():
        # Without keep-alive: the joins' HTTP connections close at once, only the WebSockets stay.
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar(),
                                         connector=aiohttp.TCPConnector(limit=0, force_close=True)) as http:
            room = bench.Room(f"http://127.0.0.1:{port}", 0.0, random.Random(1), http=http)
            login = await room.post_json("/api/facilitator", {"pin": bench.PIN})
            console = room.client()
            await room.connect(console, login["token"])
            await console.call("phase.set", {"phase": "issues"})
            await asyncio.sleep(0.5)
            before = measure()
            crowd = [bench.Phone(room, index) for index in range(phones)]
            for start in range(0, phones, 25):
                await asyncio.gather(*(phone.join() for phone in crowd[start:start + 25]))
            await asyncio.sleep(1.0)
            after = measure()
            joined = sum(1 for phone in crowd if phone.participant_id)
            room.closing = True
            for client in [phone.client for phone in crowd] + [console]:
                if client.connected:
                    await client.disconnect()
            return before, after, joined

    try:
        for line in lines:
            if line.startswith("KIOSK READY"):
                break
        before, after, joined = bench.run_async(play)  # pytest may run an event loop (Playwright)
    finally:
        box.send_signal(signal.SIGTERM)
        box.wait(20)
    assert joined == phones
    assert (after["greenlets"] - before["greenlets"]) / phones <= 2
    assert (after["traced"] - before["traced"]) / phones < 48 * 1024
