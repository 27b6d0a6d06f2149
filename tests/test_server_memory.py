"""What the box's own process loads and how it allocates (kiosk/server.py): checked in a fresh
interpreter, as `kiosk serve` starts, since the settings hold for a whole process."""

from __future__ import annotations

import json
import platform
import subprocess
import sys

import pytest

PROBE = """
import json, sys
import kiosk.server
from kiosk.app import create_app
import tempfile
create_app({"data": tempfile.mkdtemp()})
print(json.dumps({
    "loaded": sorted(name for name in kiosk.server.CLIENT_LIBRARIES if sys.modules.get(name) is not None),
    "socketio": "flask_socketio" in sys.modules,
    "arena": kiosk.server._one_malloc_arena(),
}))
"""


def probe() -> dict:
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_the_box_loads_no_client_library():
    """requests, websocket-client and aiohttp are installed beside the tests (the bench's phones
    use aiohttp), and python-engineio imports each one it finds: the box's process leaves them out
    (18 MB), and Flask-SocketIO still loads."""
    for name in ("requests", "websocket", "aiohttp"):
        __import__(name)  # installed here: the check below means something
    seen = probe()
    assert seen["socketio"] is True
    assert seen["loaded"] == []


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
                    reason="mallopt is glibc's")
def test_the_box_keeps_one_malloc_arena():
    assert probe()["arena"] is True
