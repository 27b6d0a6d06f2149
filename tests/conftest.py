"""Fixtures: an app per test on its own data dir, HTTP and Socket.IO test clients, JoinActions."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import create_app, decks
from kiosk.errors import KioskError
from kiosk.store import Store

PIN = "246810"

# Every flush of every test compares the store's incremental text with a whole json.dumps: a
# change that bypassed the tables (and so would not reach the disk) fails the test that made it.
Store.check_dumps = True


@pytest.fixture
def app(tmp_path):
    return create_app({"data": str(tmp_path / "data"), "pin": PIN, "public_url": "http://kiosk.test:8000/",
                       "async_mode": "threading", "tally_interval": 0})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def socketio(app):
    return app.extensions["kiosk_socketio"]


@pytest.fixture
def box(app):
    return app.extensions["kiosk_box"]


class JoinActions:
    """Join participants, log in the facilitator, open sockets: the steps most tests start with."""

    def __init__(self, app):
        self.app = app
        self.socketio = app.extensions["kiosk_socketio"]

    def join(self, name="Ana", **fields):
        """A new phone joins; returns (participant, token, http_client)."""
        http = self.app.test_client()
        response = http.post("/api/join", json={"name": name, **fields})
        assert response.status_code == 200, response.json
        return response.json["participant"], response.json["token"], http

    def phone(self, name="Ana", **fields):
        """A joined participant's socket (its first `state` already read)."""
        participant, token, _ = self.join(name, **fields)
        sock = self.socketio.test_client(self.app, auth={"token": token})
        state = sock.get_received()
        assert state[0]["name"] == "state"
        sock.participant = participant
        return sock

    def facilitator(self):
        http = self.app.test_client()
        response = http.post("/api/facilitator", json={"pin": PIN})
        assert response.status_code == 200
        sock = self.socketio.test_client(self.app, auth={"token": response.json["token"]})
        sock.get_received()
        return sock

    def wall(self):
        sock = self.socketio.test_client(self.app)
        sock.get_received()
        return sock


@pytest.fixture
def actions(app):
    return JoinActions(app)


def programmed(tmp_path, text):
    """An app playing `text`, a programme written for the test, and its console (a facilitator's socket)."""
    path = tmp_path / "programme.toml"
    path.write_text(text, encoding="utf-8")
    app = create_app({"data": str(tmp_path / "data"), "pin": PIN, "programme": str(path),
                      "async_mode": "threading", "tally_interval": 0})
    return app, JoinActions(app).facilitator()


def events(sock, name=None):
    """The events a test client received since last asked, optionally only those named `name`."""
    received = sock.get_received()
    return [m["args"][0] for m in received if name is None or m["name"] == name]


def refused(code, fn, *args, **kwargs):
    """Call a domain function that must refuse with `code`; return the error for more checks."""
    with pytest.raises(KioskError) as error:
        fn(*args, **kwargs)
    assert error.value.code == code, (error.value.code, error.value)
    return error.value


def restarted(db):
    """The same data in a new database, as a box opens its data file again after a restart: what an
    activity keeps beside the database (`kiosk.derived`) is gone and must be built again."""
    import json

    from tinydb import TinyDB
    from tinydb.storages import MemoryStorage

    again = TinyDB(storage=MemoryStorage)
    again.storage.write(json.loads(json.dumps(db.storage.read())))
    return again


@pytest.fixture(scope="session")
def deck():
    """The default deck, as shipped."""
    return decks.load_deck(decks.find_deck(decks.DEFAULT_DECK, Path(__file__).resolve().parent.parent / "decks"))
