"""A box running as its own process (`python -m kiosk serve`), started and stopped by code.

The benchmark and the browser tests need a real server (gevent, real WebSockets) in another
process: this starts one on a free loopback port, waits for its `KIOSK READY` line and stops it
with SIGTERM, as a person's Ctrl-C would. Its output is kept (and the pipe always drained, so the
server never blocks on a full pipe).
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT_S = 30
READY = "KIOSK READY "


def free_port() -> int:
    """A TCP port nobody listens on at this instant, on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class BoxProcess:
    """One `kiosk serve` process listening on 127.0.0.1:`port`; `ready_url` is what it printed."""

    process: subprocess.Popen
    port: int
    data: Path
    output: list[str] = field(default_factory=list)
    ready_url: str = ""
    reader: threading.Thread | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self, timeout: float = 10) -> int:
        """SIGTERM, then wait (kill after `timeout` s); returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.reader is not None:
            self.reader.join(timeout=5)  # every line the box printed is in `output` now
        return self.process.returncode


def start_box(data: Path, *, port: int | None = None, env: dict[str, str] | None = None,
              ready_timeout: float = READY_TIMEOUT_S) -> BoxProcess:
    """Start `kiosk serve --host 127.0.0.1` on `port` (a free one by default) with data dir `data`.

    The environment is this process's without any `KIOSK_*` variable, plus `env`. Returns once the
    box printed `KIOSK READY`; raises RuntimeError (with the box's output) when it exits or stays
    silent for `ready_timeout` seconds.
    """
    port = port or free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    environment.update(PYTHONUNBUFFERED="1", **(env or {}))
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data)],
        cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
    )
    box = BoxProcess(process, port, Path(data))
    lines: queue.Queue[str | None] = queue.Queue()

    def pump():
        for line in process.stdout:
            box.output.append(line)
            lines.put(line)
        lines.put(None)

    box.reader = threading.Thread(target=pump, daemon=True)
    box.reader.start()
    try:
        while True:
            line = lines.get(timeout=ready_timeout)
            if line is None:
                raise RuntimeError(f"kiosk serve exited with {process.wait()}:\n{''.join(box.output)}")
            if line.startswith(READY):
                box.ready_url = line.split()[2]
                return box
    except queue.Empty:
        box.stop()
        raise RuntimeError(f"no KIOSK READY within {ready_timeout} s:\n{''.join(box.output)}") from None
    except BaseException:
        box.stop()
        raise
