"""Browser tests: the box runs as its own process, Debian's Chromium opens it like a phone would.

The server is started with `python -m kiosk serve` (gevent, real WebSockets) on a free port and
reached at http://kiosk.test:<port>/: Chromium maps that name to 127.0.0.1, so pages load from a
non-loopback origin that is not a secure context, as on a phone on the room's Wi-Fi.
Chromium is Debian's (/usr/bin/chromium, installed by scripts/test); never `playwright install`.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import urllib.request
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import pytest
import socketio
from playwright.sync_api import expect, sync_playwright

from kiosk.boxprocess import READY_TIMEOUT_S, BoxProcess, free_port, start_box

PIN = "482913"
HOST = "kiosk.test"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    f"--host-resolver-rules=MAP {HOST} 127.0.0.1",
]
PHONE_VIEWPORT = {"width": 360, "height": 740}
DESKTOP_VIEWPORT = {"width": 1280, "height": 800}


class QuickClient(socketio.Client):
    """A python-socketio client whose disconnect does not wait for websocket-client's reader
    thread to time out (3 s each): the server is told at once, the thread ends on its own."""

    def disconnect(self):
        self.eio.disconnect(abort=True)


@dataclass
class KioskServer:
    """One `kiosk serve` process; `url` is its join URL at http://kiosk.test:<port>/."""

    process: subprocess.Popen
    port: int
    data: Path
    pin: str = PIN
    output: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def get(self, path: str, host: str | None = None) -> tuple[int, bytes]:
        """GET a path from 127.0.0.1:<port>, sent with the Host header of `host` (kiosk.test by default)."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}",
                                         headers={"Host": host or f"{HOST}:{self.port}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()

    def state(self) -> dict:
        """The public snapshot, straight from the server (GET /api/state)."""
        return json.loads(self.get("/api/state")[1])

    def facilitator(self):
        """A python-socketio client logged in as the facilitator, to set a scene quickly."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/facilitator", method="POST",
                                         data=json.dumps({"pin": self.pin}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            token = json.loads(response.read())["token"]
        client = QuickClient()
        client.connect(f"http://127.0.0.1:{self.port}", auth={"token": token}, transports=["websocket"],
                       wait_timeout=10)
        return client


def _start(tmp_path: Path, env_extra: dict[str, str], port: int | None = None) -> KioskServer:
    port = port or free_port()
    box = start_box(tmp_path / f"kiosk-data-{port}", port=port, ready_timeout=READY_TIMEOUT_S,
                    env=dict(KIOSK_PIN=PIN, KIOSK_PUBLIC_URL=f"http://{HOST}:{port}/", **env_extra))
    server = KioskServer(box.process, port, box.data, output=box.output)
    if box.ready_url != server.url:
        _stop(server)
        raise AssertionError(f"KIOSK READY {box.ready_url}, expected {server.url}")
    return server


def _stop(server: KioskServer) -> None:
    BoxProcess(server.process, server.port, server.data).stop()


@pytest.fixture
def start_server(tmp_path):
    """Start a box with extra environment, e.g. `start_server(KIOSK_WIFI_SSID="Atelier")`."""
    started: list[KioskServer] = []

    def start(**env: str) -> KioskServer:
        started.append(_start(tmp_path, env))
        return started[-1]

    def restart(server: KioskServer, **env: str) -> KioskServer:
        """Stop a box and start it again on the same port and data directory."""
        _stop(server)
        started.append(_start(tmp_path, env, port=server.port))
        return started[-1]

    start.restart = restart
    yield start
    for server in started:
        _stop(server)


def pytest_configure(config):
    config.addinivalue_line("markers", "kiosk_env(**env): extra environment for the test's `kiosk serve`")


@pytest.fixture
def server(request, start_server) -> KioskServer:
    """A fresh box (empty workshop) for one test; `@pytest.mark.kiosk_env(KIOSK_WIFI_SSID=…)` adds env."""
    marker = request.node.get_closest_marker("kiosk_env")
    return start_server(**(marker.kwargs if marker else {}))


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class BrowserActions:
    """Open pages as separate devices, join, log in: the steps browser tests start with."""

    def __init__(self, browser, server: KioskServer):
        self.browser = browser
        self.server = server
        self.contexts = []
        self.dialogs: list[str] = []  # every alert/confirm/prompt a page opened (each is dismissed)
        self.errors: list[str] = []  # uncaught script errors and console errors, shown when a step fails

    def open(self, path: str = "/", *, phone: bool = False):
        """Open `path` in a context of its own (own cookies and localStorage: another device)."""
        context = self.browser.new_context(base_url=self.server.url, locale="fr-FR",
                                           viewport=PHONE_VIEWPORT if phone else DESKTOP_VIEWPORT)
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("dialog", self._record_dialog)
        page.on("pageerror", lambda error: self.errors.append(f"{path}: {error}"))
        page.on("console", lambda message: message.type == "error" and self.errors.append(f"{path}: {message.text}"))
        page.goto(path)
        return page

    def _record_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def strings(self, page) -> dict:
        """The translated texts the page's scripts show, to match what it renders: its `data-strings`,
        and on a phone, whose page carries the core's only, those its activities' screens bring when
        they come (the wall's page, in the same language, carries them all). Asked aside from the
        page, so that its own requests stay what the phone asked for."""
        own = page.evaluate("JSON.parse(document.body.dataset.strings)")
        if not page.evaluate("document.body.classList.contains('phone')"):
            return own
        lang = page.evaluate("document.documentElement.lang")
        html = self.server.get(f"/wall?lang={lang}")[1].decode()
        every = re.search(r'data-strings="([^"]*)"', html).group(1)
        return {**json.loads(unescape(every)), **own}

    @staticmethod
    def resize(page, width: int, height: int) -> None:
        """Give the page a new size and wait until it has laid itself out for it: the wall fits its
        boxes on the frame after a resize, so measuring straight away races that frame."""
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(f"window.innerWidth === {width} && window.innerHeight === {height}")
        page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")

    def wait_connected(self, page) -> None:
        """Wait until the page's live connection is up (its status line says so)."""
        with self.explained():
            expect(page.locator("#status")).to_have_attribute("data-kind", "ok")

    @contextlib.contextmanager
    def explained(self):
        """Add the pages' script errors to a failed expectation's message."""
        try:
            yield
        except AssertionError as failure:
            if not self.errors:
                raise
            raise AssertionError(f"{failure}\nscript errors:\n" + "\n".join(self.errors)) from None

    def join(self, page, name: str) -> None:
        """On the phone page: type a first name and join; wait until the app greets that name."""
        page.locator("#name").fill(name)
        page.locator("#join-form button[type=submit]").click()
        with self.explained():
            expect(page.locator("#hello")).to_have_text(self.strings(page)["hello"].replace("{name}", name))
        self.wait_connected(page)

    def open_console(self, page, pin: str | None = None) -> None:
        """On /facilitator: type the PIN and open the console; wait until it is live."""
        page.locator("#pin").fill(pin or self.server.pin)
        page.locator("#pin-form button[type=submit]").click()
        with self.explained():
            expect(page.locator("#console")).to_be_visible()
        self.wait_connected(page)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def ui(browser, server):
    actions = BrowserActions(browser, server)
    yield actions
    actions.close()


def command(client, name: str, payload: dict) -> dict:
    """Send a command from a python-socketio client (see KioskServer.facilitator) and insist on ok."""
    answer = client.call(name, payload, timeout=10)
    assert answer["ok"], (name, answer)
    return answer
