"""The app factory: one box per call, no global app."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask_socketio import SocketIO

from . import auth, compress, decks, headers, heartbeat, i18n, library, limits, netinfo, programmes, sockets, websocket
from .box import Box
from .settings import load_settings
from .store import Store

ROOT = Path(__file__).resolve().parent.parent


STATIC_MAX_AGE = 365 * 24 * 3600
MAX_BODY = 64 * 1024  # an HTTP request's body: a join is a few hundred bytes
MAX_MESSAGE = 64 * 1024  # a Socket.IO message: the longest command (a board note) is about 1 KB


def static_version(folder: Path) -> str:
    """A short digest of every static file: it changes whenever any of them does."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _async_mode() -> str:
    from gevent import monkey

    return "gevent" if monkey.is_module_patched("socket") else "threading"


PROGRAMMES_DIR = decks.DECKS_DIR / "programmes"


def _programme(store: Store, config: dict, lang: str, logger):
    """The workshop's programme: the one chosen in the console, else the configured one (in the deck's language)."""
    configured = programmes.load_programme(programmes.find_programme(config["programme"], PROGRAMMES_DIR, lang))
    recorded = library.recorded_programme(store.db)
    if recorded is None:
        return configured
    try:
        return programmes.load_programme(recorded)
    except programmes.ProgrammeError as error:
        logger.error("the workshop's programme cannot be loaded, using %s: %s", configured.title, error)
        return configured


def create_app(test_config: dict | None = None) -> Flask:
    """Build one box: its settings, store, deck, pages, API and Socket.IO server.

    `test_config` overrides settings (`data`, `pin`, `public_url`…) and may set `async_mode`, and
    `clock` (a function giving Unix seconds, for the programme's timers).
    """
    test_config = dict(test_config or {})
    async_mode = test_config.pop("async_mode", None) or _async_mode()
    tally_interval = test_config.pop("tally_interval", 0.2)
    clock = test_config.pop("clock", None)  # the programme's timers: a test's own clock
    config = load_settings(test_config)
    config["join_url"] = netinfo.join_url(config["public_url"], config["port"])
    data_dir = Path(config["data"])
    data_dir.mkdir(parents=True, exist_ok=True)

    # Static files live under a URL that names their version: phones cache them for a year and
    # fetch them again only when the box runs other code (ES module imports follow, being relative).
    app = sockets.KioskFlask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"),
                             static_url_path=f"/static/{static_version(ROOT / 'static')}")
    app.config.update(
        KIOSK=config,
        KIOSK_PIN=auth.facilitator_pin(config["data"], config["pin"]),
        SECRET_KEY=auth.secret_key(config["data"]),
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config["secure_cookies"],
        PERMANENT_SESSION_LIFETIME=timedelta(days=30),
        JSON_AS_ASCII=False,
        SEND_FILE_MAX_AGE_DEFAULT=STATIC_MAX_AGE,
        MAX_CONTENT_LENGTH=MAX_BODY,
    )
    app.json.ensure_ascii = False

    default_deck = decks.load_deck(decks.find_deck(decks.deck_setting(config["deck"], config["lang"]), decks.DECKS_DIR))
    # Pings every 10 s: a phone whose Wi-Fi dropped silently is noticed within 20 s, and it
    # notices too, so its outbox sends again as soon as it is back.
    socketio = SocketIO(async_mode=async_mode, cors_allowed_origins=None, ping_interval=10, ping_timeout=10,
                        json=sockets.WireJSON, serializer=sockets.TextPacket, max_http_buffer_size=MAX_MESSAGE)
    store = Store(data_dir / "kiosk.json")
    # The workshop keeps the deck the facilitator chose in the console (`kiosk export` asks the same).
    deck = library.workshop_deck(store.db, default_deck, warn=lambda error: app.logger.error(
        "the workshop's deck cannot be loaded, using %s: %s", default_deck.id, error))
    programme = _programme(store, config, deck.lang, app.logger)
    box = Box(store, deck, config["lang"], publish=sockets.Publisher(socketio, tally_interval), programme=programme,
              **({"clock": clock} if clock else {}))
    box.decks_dir, box.programmes_dir, box.data_dir = decks.DECKS_DIR, PROGRAMMES_DIR, data_dir
    box.join_cap = config["join_cap"]
    app.extensions["kiosk_box"] = box
    app.extensions["kiosk_throttle"] = auth.PinThrottle()
    from .api import JOIN_BURST, JOIN_RATE

    app.extensions["kiosk_join_rate"] = limits.RateLimit(JOIN_RATE, JOIN_BURST)

    i18n.init_app(app)
    from .api import api
    from .pages import codes, facilitator, phone, wall
    from .portal import portal

    for blueprint in (phone, wall, facilitator, codes, api, portal):
        app.register_blueprint(blueprint)
    compress.init_app(app)
    socketio.init_app(app)
    sockets.register(socketio, box)
    sockets.compress_without_context()
    websocket.install(socketio, sockets.MessageDeflate)
    heartbeat.install(socketio)
    headers.init_app(app)
    app.extensions["kiosk_socketio"] = socketio
    return app
