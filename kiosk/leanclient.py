"""A lean Socket.IO client for `kiosk bench`: Engine.IO v4 / Socket.IO v5 over aiohttp's WebSocket,
reading only what the bench needs.

A room of 1,000 simulated phones shares one event loop and the box's two cores. python-socketio's
client decoded every packet's JSON, ran a task per message and kept two loops per connection:
the phones cost the machine nearly as much as the box they measure. Here one task reads each
connection and does, per packet, only this:

- Engine.IO (the WebSocket frame's first character): `0` open, `2` ping (answered `3` at once),
  `1` close, `4` a Socket.IO packet (the rest of the frame);
- Socket.IO (the packet's first character): `0` connect accepted, `4` connect refused, `1`
  disconnected by the box, `3N[…]` the acknowledgement of call N (its JSON decoded), `2[…]` an
  event: its name always (`EVENT_NAME`), its payload decoded only when a handler asked for it.

Sent: `40{auth}` to connect, `42N["name",payload]` for a call awaiting acknowledgement N, `41`
to leave. The box never sends binary packets (sockets.TextPacket), so none is parsed; a binary
frame would still be counted by `on_packet`. Connections ask for compression
(permessage-deflate) as browsers do, with aiohttp's `compress=15`.
"""

from __future__ import annotations

import asyncio
import json
import re

ENGINEIO_PATH = "/socket.io/?EIO=4&transport=websocket"

#: An event's name, read from the Socket.IO packet's text (`2`, an optional namespace and ack id).
EVENT_NAME = re.compile(r'^2(?:/[^,]*,)?\d*\["((?:[^"\\]|\\.)*)"')
_HEAD = re.compile(r"^\d(?:/[^,]*,)?(\d*)")  # a packet's type, namespace and id, before its JSON

_COMPACT = (",", ":")


class ConnectionRefused(Exception):
    """The box refused the connection (`44…`), or it closed before accepting it."""


class NotConnected(Exception):
    """A call on a connection that is closed (or never opened): nothing was sent."""


def packet_name(text: str) -> str | None:
    """The event's name of a Socket.IO EVENT packet (its text), else None."""
    if text.startswith('2["'):
        end = text.find('"', 3)
        if end > 0 and "\\" not in text[3:end]:
            return text[3:end]  # the usual packet: default namespace, no ack id, a plain name
    match = EVENT_NAME.match(text)
    return json.loads(f'"{match.group(1)}"') if match else None


def packet_body(text: str) -> tuple[int | None, str]:
    """A Socket.IO packet's ack id (None without one) and its JSON text."""
    head = _HEAD.match(text)
    digits = head.group(1)
    return (int(digits) if digits else None), text[head.end():]


class LeanClient:
    """One Socket.IO connection to the box over a shared aiohttp session.

    `on(name, handler)` calls `handler(payload)` for each event `name`; with `parse=False`,
    `handler(None)`: the payload is not decoded; with `parse` a function, `handler(parse(json))`,
    `json` being the packet's JSON text (`["name",payload]`), so that a broadcast every client
    receives alike can be decoded once for all of them.

    `on_packet(text, name)`, when given, sees every Socket.IO packet as it came (its text; `name`
    is the event's, None for any other packet); `on_disconnect()` is called when a connection the
    box had accepted ends without `disconnect()` having been called."""

    def __init__(self, http, base_url: str, *, on_packet=None, on_disconnect=None):
        self.http = http
        self.base_url = base_url
        self.on_packet = on_packet
        self.on_disconnect = on_disconnect
        self.handlers: dict[str, tuple] = {}  # name -> (handler, parse)
        self.sid: str | None = None
        self.connected = False
        self.pings = 0  # the box's pings answered
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._accepted: asyncio.Future | None = None
        self._pending: dict[int, asyncio.Future] = {}
        self._ids = 0
        self._leaving = False

    def on(self, name: str, handler, parse=True) -> None:
        self.handlers[name] = (handler, parse)

    async def connect(self, auth: dict | None = None, timeout: float = 30.0) -> None:
        """Open the WebSocket, read the Engine.IO open packet, send `40{auth}`; return once the
        box accepted (`40{"sid":…}`). Raises ConnectionRefused when it refuses or closes."""
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                self._ws = await self.http.ws_connect(self.base_url + ENGINEIO_PATH, compress=15, max_msg_size=0,
                                                      autoping=True, heartbeat=None)
                opened = await self._ws.receive()
                if not isinstance(opened.data, str) or not opened.data.startswith("0"):
                    raise ConnectionRefused(f"no Engine.IO open packet: {str(opened.data)[:200]}")
                self._accepted = loop.create_future()
                self._reader = asyncio.ensure_future(self._read())
                await self._ws.send_str("40" + (json.dumps(auth, separators=_COMPACT) if auth else ""))
                self.sid = await self._accepted
        except BaseException:
            await self.disconnect()
            raise

    async def call(self, name: str, payload, timeout: float = 30.0):
        """Send event `name` with `payload` and return the box's acknowledgement (its first
        argument). Raises NotConnected when the connection is closed, TimeoutError after
        `timeout` seconds without an acknowledgement, ConnectionError when it closes meanwhile."""
        if not self.connected:
            raise NotConnected(f"{name}: the connection is closed")
        self._ids += 1
        ack = self._ids
        answer = asyncio.get_running_loop().create_future()
        self._pending[ack] = answer
        try:
            await self._ws.send_str(f"42{ack}" + json.dumps([name, payload], separators=_COMPACT))
            async with asyncio.timeout(timeout):
                return await answer
        finally:
            self._pending.pop(ack, None)

    async def disconnect(self) -> None:
        """Leave (`41`), close the WebSocket and wait for the reader to end."""
        self._leaving = True
        if self._ws is not None and not self._ws.closed:
            if self.connected:
                try:
                    await self._ws.send_str("41")
                except ConnectionError:
                    pass  # already gone
            await self._ws.close()
        if self._reader is not None:
            await self._reader

    # --- reading ------------------------------------------------------------------------------

    async def _read(self) -> None:
        ws = self._ws
        try:
            async for message in ws:
                data = message.data
                if isinstance(data, str):
                    kind = data[:1]
                    if kind == "4":
                        if not self._packet(data[1:]):
                            break
                    elif kind == "2":
                        self.pings += 1
                        await ws.send_str("3" + data[1:])
                    elif kind == "1":
                        break
                elif isinstance(data, bytes) and self.on_packet is not None:
                    self.on_packet(data, None)
        except ConnectionError:
            pass  # the connection broke: handled as a close below
        finally:
            await self._closed()

    def _packet(self, text: str) -> bool:
        """Handle one Socket.IO packet; False when the box disconnected this client."""
        kind = text[:1]
        name = packet_name(text) if kind == "2" else None
        if self.on_packet is not None:
            self.on_packet(text, name)
        if name is not None:
            handler = self.handlers.get(name)
            if handler is not None:
                function, parse = handler
                if parse is True:
                    function(json.loads(packet_body(text)[1])[1])
                else:
                    function(parse(packet_body(text)[1]) if parse else None)
        elif kind == "3":
            ack, body = packet_body(text)
            answer = self._pending.get(ack)
            if answer is not None and not answer.done():
                arguments = json.loads(body)
                answer.set_result(arguments[0] if len(arguments) == 1 else arguments)
        elif kind == "0":
            if self._accepted is not None and not self._accepted.done():
                self.connected = True
                self._accepted.set_result(json.loads(text[1:] or "{}").get("sid"))
        elif kind == "4":
            if self._accepted is not None and not self._accepted.done():
                self._accepted.set_exception(ConnectionRefused(f"the box refused the connection: {text[1:]:.200}"))
        elif kind == "1":
            return False
        return True

    async def _closed(self) -> None:
        was_connected = self.connected
        self.connected = False
        if not self._ws.closed:
            await self._ws.close()
        if self._accepted is not None and not self._accepted.done():
            self._accepted.set_exception(ConnectionRefused("the box closed the connection before accepting it"))
        for answer in self._pending.values():
            if not answer.done():
                answer.set_exception(ConnectionError("the connection closed before the acknowledgement"))
        if was_connected and not self._leaving and self.on_disconnect is not None:
            self.on_disconnect()
