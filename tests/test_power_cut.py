"""A power cut at the server level: `kiosk serve` killed with SIGKILL in the middle of a burst of
joins, started again on the same data directory, is back on the same workshop with every join it
had acknowledged, the same PIN, and the same tokens (phones and console carry on as they were).

(tests/test_store.py kills the store alone; this kills the whole box, as a tripped cable does.)
"""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import socketio

ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT_S = 60
PHONES = 6
KILL_AFTER = 60  # acknowledged joins


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Box:
    """One `python -m kiosk serve` process on a data directory."""

    def __init__(self, data: Path):
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        env.update(KIOSK_PUBLIC_URL=f"http://127.0.0.1:{self.port}/", PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data",
             str(data)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines: queue.Queue = queue.Queue()
        self.output: list[str] = []

        def pump():  # drains the pipe for the process's whole life
            for line in self.process.stdout:
                self.output.append(line)
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        while True:
            line = lines.get(timeout=READY_TIMEOUT_S)
            assert line is not None, "kiosk serve exited:\n" + "".join(self.output)
            if line.startswith("KIOSK READY "):
                return

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, path: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def test_a_box_killed_mid_burst_comes_back_on_the_same_workshop_with_every_acknowledged_join(tmp_path):
    data = tmp_path / "kiosk-data"
    box = Box(data)
    try:
        pin = (data / "facilitator-pin").read_text().strip()
        status, login = box.request("/api/facilitator", {"pin": pin})
        assert status == 200
        console = socketio.SimpleClient()
        console.connect(box.url, auth={"token": login["token"]}, transports=["websocket"])
        assert console.call("workshop.update", {"title": "Atelier « coupure »", "territory": "Briançon"})["ok"]
        console.disconnect()

        acknowledged: list[dict] = []
        refused: list[dict] = []
        lock = threading.Lock()
        enough = threading.Event()

        def phone(n: int) -> None:
            # A new phone each time (no cookie): every answer is one more participant, or nothing.
            for i in range(10_000):
                try:
                    status, answer = box.request("/api/join", {"name": f"P{n}-{i}"})
                except (OSError, ValueError):
                    return  # the box is gone mid-answer: this join was never acknowledged
                with lock:
                    if status != 200:
                        refused.append(answer)
                        return
                    acknowledged.append({**answer["participant"], "token": answer["token"]})
                    if len(acknowledged) >= KILL_AFTER:
                        enough.set()

        phones = [threading.Thread(target=phone, args=(n,), daemon=True) for n in range(PHONES)]
        for thread in phones:
            thread.start()
        assert enough.wait(timeout=120), "the joins did not go through:\n" + "".join(box.output)
        box.process.send_signal(signal.SIGKILL)  # the cable: no clean stop, no last write
        box.process.wait(timeout=10)
        for thread in phones:
            thread.join(timeout=30)
    finally:
        box.stop()
    with lock:
        joined = list(acknowledged)
        assert refused == []
    assert len(joined) >= KILL_AFTER

    again = Box(data)  # the power comes back: nothing to type, nothing to choose
    try:
        status, state = again.request("/api/state")
        assert status == 200
        assert state["workshop"]["title"] == "Atelier « coupure »"
        assert state["workshop"]["territory"] == "Briançon"
        names = {p["id"]: p["name"] for p in state["participants"]}
        missing = [p for p in joined if names.get(p["id"]) != p["name"]]
        assert missing == [], f"{len(missing)} acknowledged joins lost"
        assert len(names) == len(set(names.values()))  # nobody counted twice
        # Same PIN, and the console and the phones keep their tokens.
        assert (data / "facilitator-pin").read_text().strip() == pin
        assert again.request("/api/export/targets", token=login["token"])[0] == 200
        first = joined[0]
        status, answer = again.request("/api/join", {"name": first["name"], "token": first["token"]})
        assert status == 200 and answer["participant"]["id"] == first["id"]
        assert again.request("/api/state")[1]["participants"] == state["participants"]
        assert not any(line.startswith("! ") for line in again.output), "".join(again.output)  # no file set aside
    finally:
        again.stop()
