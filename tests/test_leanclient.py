"""The bench's lean Socket.IO client (kiosk/leanclient.py) against a real box (a server process on
127.0.0.1): the connection's packets, events read by name (their payload only when asked),
acknowledgements matched to their calls, the box's pings answered, the box closing a flood."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from kiosk.bench import run_async
from kiosk.box import COMMAND_BURST
from kiosk.boxprocess import free_port, start_box
from kiosk.leanclient import LeanClient, NotConnected, packet_body, packet_name
from kiosk.sockets import FLOOD_REFUSALS

PIN = "135790"


@pytest.fixture(scope="module")
def box(tmp_path_factory):
    port = free_port()
    running = start_box(tmp_path_factory.mktemp("lean") / "data", port=port,
                        env={"KIOSK_PIN": PIN, "KIOSK_PUBLIC_URL": f"http://127.0.0.1:{port}/"})
    yield running
    running.stop()
    output = "".join(running.output)
    assert "Traceback" not in output, output


def play(box, scenario):
    """Run `scenario(http, post)` on an event loop with an aiohttp session of its own."""
    async def main():
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
            async def post(path: str, body: dict) -> dict:
                async with http.post(box.base_url + path, json=body) as response:
                    return await response.json()

            return await scenario(http, post)

    return run_async(main)


async def facilitator(box, http, post) -> LeanClient:
    """The facilitator's console, connected, with the phase set to the issues."""
    login = await post("/api/facilitator", {"pin": PIN})
    console = LeanClient(http, box.base_url)
    await console.connect({"token": login["token"]})
    assert (await console.call("phase.set", {"phase": "issues"}))["ok"]
    return console


def test_packet_names_and_bodies_are_read_from_the_text():
    assert packet_name('2["state",{"phase":"issues"}]') == "state"
    assert packet_name('2/admin,7["vote.opened",{}]') == "vote.opened"
    assert packet_name('2["a \\"quoted\\" name",1]') == 'a "quoted" name'
    assert packet_name('31[{"ok":true}]') is None and packet_name('0{"sid":"x"}') is None
    assert packet_body('312[{"ok":true}]') == (12, '[{"ok":true}]')
    assert packet_body('2/admin,7["x",1]') == (7, '["x",1]')
    assert packet_body('2["x",1]') == (None, '["x",1]')


def test_a_connection_is_accepted_then_gets_its_state_and_acknowledgements(box):
    seen: list[tuple[str, str | None]] = []

    async def scenario(http, post):
        console = await facilitator(box, http, post)
        joined = await post("/api/join", {"name": "Ana"})
        phone = LeanClient(http, box.base_url, on_packet=lambda text, name: seen.append((text, name)))
        states = []
        phone.on("state", states.append)
        await phone.connect({"token": joined["token"]})
        assert phone.connected and phone.sid
        for _ in range(100):
            if states:
                break
            await asyncio.sleep(0.05)
        # Two calls at once: each acknowledgement goes to its own call, by its id.
        first, second = await asyncio.gather(phone.call("issue.propose", {"text": "Un jardin partagé", "key": "a"}),
                                             phone.call("issue.propose", {"text": "Des vélos", "key": "b"}))
        refused = await phone.call("issue.propose", {"text": "", "key": "c"})
        unknown = await phone.call("no.such.command", {})
        await phone.disconnect()
        await console.disconnect()
        return states, first, second, refused, unknown, joined

    states, first, second, refused, unknown, joined = play(box, scenario)
    assert len(states) == 1 and states[0]["me"]["id"] == joined["participant"]["id"]
    assert first["ok"] and first["issue"]["text"] == "Un jardin partagé"
    assert second["ok"] and second["issue"]["text"] == "Des vélos"
    assert refused["ok"] is False and refused["code"] == "bad_input"
    assert unknown["ok"] is False and unknown["code"] == "unknown_command"
    # Every Socket.IO packet is seen as it came: the acceptance, the state, the acknowledgements.
    accepted = [(text, name) for text, name in seen if text.startswith('0{"sid":')]
    assert len(accepted) == 1 and accepted[0][1] is None
    state = [text for text, name in seen if name == "state"]
    assert len(state) == 1 and json.loads(state[0][1:])[1] == states[0]
    acks = [text for text, name in seen if text.startswith("3")]
    assert sorted(int(packet_body(text)[0]) for text in acks) == [1, 2, 3, 4]
    assert all(name is None for text, name in seen if text.startswith("3"))


def test_events_are_read_by_name_and_their_payload_only_when_asked(box):
    async def scenario(http, post):
        console = await facilitator(box, http, post)
        wall = LeanClient(http, box.base_url)  # no token: a wall
        proposed, raw, bare = [], [], []
        wall.on("issue.proposed", proposed.append)
        wall.on("phase.changed", raw.append, parse=lambda text: text)
        wall.on("state", bare.append, parse=False)
        await wall.connect()
        joined = await post("/api/join", {"name": "Bruno"})
        phone = LeanClient(http, box.base_url)
        await phone.connect({"token": joined["token"]})
        answer = await phone.call("issue.propose", {"text": "Une navette pour le marché", "key": "k"})
        assert (await console.call("phase.set", {"phase": "wall"}))["ok"]
        for _ in range(100):
            if proposed and raw:
                break
            await asyncio.sleep(0.05)
        for client in (phone, wall, console):
            await client.disconnect()
        return answer, proposed, raw, bare

    answer, proposed, raw, bare = play(box, scenario)
    assert [event["issue"]["id"] for event in proposed] == [answer["issue"]["id"]]
    assert proposed[0]["issue"]["text"] == "Une navette pour le marché"
    name, payload = json.loads(raw[0])  # the packet's JSON text, handed as it came
    assert name == "phase.changed" and payload["phase"] == "wall"
    assert bare == [None]


def test_the_box_closing_a_flood_ends_the_connection_and_its_calls(box):
    async def scenario(http, post):
        await facilitator(box, http, post)
        joined = await post("/api/join", {"name": "Chloé"})
        dropped = []
        phone = LeanClient(http, box.base_url, on_disconnect=lambda: dropped.append(True))
        await phone.connect({"token": joined["token"]})
        answers = []
        for _ in range(10):  # refusals count in a row: on a slow machine the rate may let one through
            calls = [phone.call("state.get", {}) for _ in range(COMMAND_BURST + 5 * FLOOD_REFUSALS)]
            answers += await asyncio.gather(*calls, return_exceptions=True)
            await asyncio.sleep(0.2)
            if not phone.connected:
                break
        try:
            await phone.call("state.get", {})
            late = None
        except NotConnected as error:
            late = error
        await phone.disconnect()
        return answers, dropped, phone.connected, late

    answers, dropped, connected, late = play(box, scenario)
    acknowledged = [a for a in answers if isinstance(a, dict)]
    assert {a["code"] for a in acknowledged if not a["ok"]} == {"too_many_requests"}
    # The refusal that closes the connection may not get out before the close.
    assert sum(1 for a in acknowledged if not a["ok"]) >= FLOOD_REFUSALS - 1, acknowledged
    # The box closed it: every call ended (answered, or failed when the connection closed: none
    # waits for its timeout), one drop is heard, and a later call is refused at once. A command
    # the box read after closing is acknowledged by Flask-SocketIO as ('', 400): its client is gone.
    assert all(isinstance(a, (dict, ConnectionError)) or a == ["", 400] for a in answers), answers
    assert dropped == [True] and connected is False and isinstance(late, NotConnected), (dropped, connected, late)


@pytest.mark.slow
def test_the_box_pings_are_answered_so_the_connection_lives_on(box):
    """The box pings every 10 s and sends its next ping only once the last was answered (`3`):
    a second ping proves the first was answered."""
    async def scenario(http, post):
        wall = LeanClient(http, box.base_url)
        await wall.connect()
        for _ in range(300):
            if wall.pings >= 2:
                break
            await asyncio.sleep(0.1)
        answer = await wall.call("state.get", {})
        alive = wall.connected
        await wall.disconnect()
        return wall.pings, alive, answer

    pings, alive, answer = play(box, scenario)
    assert pings >= 2 and alive
    assert answer["ok"] is True  # and it still answers
