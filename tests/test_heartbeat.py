"""The heartbeat (kiosk/heartbeat.py): one task pings every connection and closes those that stopped
answering, as engine.io's greenlet per ping and its service task did, on the same wire."""

from __future__ import annotations

import asyncio
import json
import time

import engineio
import pytest
from engineio import packet
from engineio.socket import Socket

from kiosk.heartbeat import Heartbeat


class Clock:
    """Time as the heartbeat reads it, moved by hand; from now on (engine.io's own checks read
    `time.time()`: a ping stamped ahead of it is never overdue for them)."""

    def __init__(self):
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def sent(sock: Socket) -> list[int]:
    """The types of the packets the socket queued for its phone since the last look."""
    types = []
    while not sock.queue.empty():
        pkt = sock.queue.get_nowait()
        types.append(None if pkt is None else pkt.packet_type)
    return types


@pytest.fixture
def eio():
    return engineio.Server(async_mode="threading", ping_interval=10, ping_timeout=10)


def connect(eio, heart: Heartbeat, sid: str) -> Socket:
    """What engine.io does when a phone connects: the socket, its `connect` event (adopted there by
    `install`), then its first `schedule_ping`."""
    sock = Socket(eio, sid)
    eio.sockets[sid] = sock
    heart.adopt(sock)
    sock.schedule_ping()
    return sock


def test_a_phone_is_pinged_every_interval_and_its_pong_starts_the_next_wait(eio):
    clock = Clock()
    heart = Heartbeat(eio, clock=clock)
    sock = connect(eio, heart, "a")
    clock.now += 9.9
    heart.beat()
    assert sent(sock) == []
    clock.now += 0.1
    heart.beat()
    assert sent(sock) == [packet.PING] and sock.last_ping == clock.now
    clock.now += 9  # the phone is slow to answer, within the timeout: no second ping, no close
    heart.beat()
    assert sent(sock) == [] and not sock.closing
    sock.receive(packet.Packet(packet.PONG))
    assert sock.last_ping is None
    clock.now += 9.5
    heart.beat()
    assert sent(sock) == []
    clock.now += 0.5
    heart.beat()
    assert sent(sock) == [packet.PING]


def test_a_phone_that_stops_answering_is_closed_and_forgotten(eio):
    clock = Clock()
    heart = Heartbeat(eio, clock=clock)
    gone, alive = connect(eio, heart, "gone"), connect(eio, heart, "alive")
    disconnected = []
    eio.on("disconnect", lambda sid, reason: disconnected.append((sid, reason)))
    clock.now += 10
    heart.beat()
    assert sent(gone) == [packet.PING] == sent(alive)
    alive.receive(packet.Packet(packet.PONG))
    clock.now += 10
    heart.beat()
    assert not gone.closed  # exactly the timeout: not yet
    clock.now += 0.5
    heart.beat()
    assert gone.closed and disconnected == [("gone", eio.reason.PING_TIMEOUT)]
    assert sent(gone) == [packet.CLOSE, None] and not alive.closed
    heart.beat()
    assert list(eio.sockets) == ["alive"]


def test_a_socket_not_adopted_is_left_to_engineio_as_its_service_task_did(eio):
    clock = Clock()
    heart = Heartbeat(eio, clock=clock)
    sock, late = Socket(eio, "other"), Socket(eio, "late")
    eio.sockets.update(other=sock, late=late)
    late.last_ping = time.time() - 11  # engine.io's own ping, unanswered for longer than the timeout
    clock.now += 60
    heart.beat()
    assert sent(sock) == [] and not sock.closed  # its pings are engine.io's: none from the heartbeat
    assert late.closed


def test_the_app_gives_its_engineio_server_the_heartbeat(app):
    eio = app.extensions["kiosk_socketio"].server.eio
    assert isinstance(eio._service_task.__self__, Heartbeat)
    eio.sockets["x"] = sock = Socket(eio, "x")
    eio.handlers["connect"]("x", {})  # engine.io's connect event, before its first schedule_ping
    sock.schedule_ping()
    assert sock.last_ping is None and sock.kiosk_pong_at == pytest.approx(time.time(), abs=5)


@pytest.mark.slow
def test_a_real_box_pings_each_phone_and_closes_the_one_that_went_silent(tmp_path):
    """Over the wire, in a box: the phone that answers is pinged every 10 s and stays; the one that
    never answers is closed after the ping interval and the timeout (10 + 10 s, plus at most a tick)."""
    import aiohttp

    from kiosk.bench import run_async
    from kiosk.boxprocess import start_box

    box = start_box(tmp_path / "data", env={"KIOSK_PIN": "2468"})

    async def phone(http, answers: bool) -> dict:
        async with http.ws_connect(f"{box.base_url}/socket.io/?EIO=4&transport=websocket") as ws:
            opened = time.monotonic()
            hello = json.loads((await ws.receive_str())[1:])
            await ws.send_str("40")
            pings = []
            while True:
                message = await ws.receive(timeout=40)
                if message.type != aiohttp.WSMsgType.TEXT:
                    return {"hello": hello, "pings": pings, "closed": time.monotonic() - opened}
                if message.data == "2":
                    pings.append(time.monotonic() - opened)
                    if answers:
                        await ws.send_str("3")
                        if len(pings) == 2:
                            return {"hello": hello, "pings": pings, "closed": None}

    async def play():
        async with aiohttp.ClientSession() as http:
            return await asyncio.gather(phone(http, True), phone(http, False))

    try:
        answering, silent = run_async(play)  # pytest may run an event loop already (Playwright's)
    finally:
        box.stop()
    assert answering["hello"]["pingInterval"] == 10000 and answering["hello"]["pingTimeout"] == 10000
    first, second = answering["pings"]
    assert 9.5 <= first <= 12 and 9.5 <= second - first <= 12
    assert len(silent["pings"]) == 1 and 9.5 <= silent["pings"][0] <= 12
    assert silent["closed"] is not None and 19.5 <= silent["closed"] <= 24
