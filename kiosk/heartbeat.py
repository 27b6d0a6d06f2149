"""Every connection's pings, and the dead connections closed, by one task a second.

engine.io keeps a connection alive with a greenlet per ping: when a phone answers a ping (its
pong), a greenlet is spawned that sleeps `ping_interval`, then sends the next one; and its
service task wakes once per connection every `ping_timeout` seconds to see whether that one
connection missed its pong (every 40 ms with 250 phones, every 10 ms with 1,000). An idle box
woke about 50 times a second with 250 phones, each time alone: measured, 29 ms of CPU a second
idle (pings every 10 s), 41 ms under a quarter of a core, a sixth of what a Raspberry Pi-class
box has, before any phone acts.

Here one task wakes every `tick` seconds and, in one pass over the connections, sends a ping to
each whose last pong is `ping_interval` old and closes each whose ping went unanswered for
`ping_timeout` (as engine.io's `check_ping_timeout` does). The wire does not change: a ping
every `ping_interval` (up to `tick` later), the same timeout, the same close. A pong only notes
its time.
"""

from __future__ import annotations

import functools
import logging
import time

from engineio import packet

log = logging.getLogger(__name__)

#: Seconds between two passes: how late a ping or a close may come, at most.
TICK = 1.0


class Heartbeat:
    """Replaces an engine.io server's service task (`eio._service_task`) and its sockets' own
    ping greenlets (`schedule_ping`, made a note of the pong's time on each socket it adopts at
    its connection)."""

    def __init__(self, eio, tick: float = TICK, clock=time.time):
        self.eio = eio
        self.tick = tick
        self.clock = clock

    def adopt(self, sock) -> None:
        """From now on `sock`'s pongs (and its connection, engine.io's first `schedule_ping`) only
        note their time: its pings come from `beat`."""
        sock.schedule_ping = functools.partial(self._ponged, sock)

    def _ponged(self, sock) -> None:
        sock.last_ping = None
        sock.kiosk_pong_at = self.clock()

    def beat(self) -> None:
        """One pass: forget closed sockets, close those whose ping went unanswered, ping those due."""
        now = self.clock()
        sockets = self.eio.sockets
        for sid, sock in list(sockets.items()):
            if sock.closed:
                sockets.pop(sid, None)
            elif sock.closing:
                continue
            elif "schedule_ping" not in sock.__dict__:  # not adopted: pinged by engine.io's greenlets
                sock.check_ping_timeout()
            elif sock.last_ping:  # a ping is waiting for its pong
                if now - sock.last_ping > self.eio.ping_timeout:  # as engine.io's check_ping_timeout
                    sock.close(wait=False, abort=False, reason=self.eio.reason.PING_TIMEOUT)
            elif now - sock.kiosk_pong_at >= self.eio.ping_interval:
                sock.last_ping = now
                sock.send(packet.Packet(packet.PING))

    def run(self) -> None:
        """engine.io's service task: beats until the server shuts down (`eio.shutdown`)."""
        stopped = self.eio.service_task_event = self.eio.create_event()
        while not stopped.wait(timeout=self.tick):
            try:
                self.beat()
            except Exception:  # noqa: BLE001 - a bug here must not stop every connection's pings
                log.exception("the heartbeat's pass failed")


def install(socketio, tick: float = TICK) -> Heartbeat:
    """Give this app's engine.io server the heartbeat: each socket is adopted as it connects
    (engine.io's `connect` event comes before its first `schedule_ping`)."""
    eio = socketio.server.eio
    heart = Heartbeat(eio, tick)
    eio._service_task = heart.run
    connect = eio.handlers.get("connect")

    def on_connect(sid, *args):
        sock = eio.sockets.get(sid)
        if sock is not None:
            heart.adopt(sock)
        return connect(sid, *args) if connect is not None else True

    eio.handlers["connect"] = on_connect
    return heart
