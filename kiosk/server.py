"""Running the box: gevent's WSGI server, one process, Flask-SocketIO with WebSocket support.

`serve` prints the URLs and PIN, then `KIOSK READY <join-url>` once the socket accepts
connections. SIGINT/SIGTERM stop it cleanly: changes are acknowledged only once durable, and the
store waits for any write under way; a last line `KIOSK STOPPED changes=N flushes=M` says how many
changes this run wrote to disk and in how many flushes (group commit).
"""

from __future__ import annotations

import gevent  # noqa: I001  (configured before anything makes a greenlet)

#: gevent records, for every greenlet, the greenlet that spawned it and the Python stack it was
#: spawned from (for debugging tools the box does not run): about 4 kB per connection, a phone
#: having two greenlets for as long as it is connected (its request and engine.io's writer).
#: Off before the first greenlet exists.
gevent.config.track_greenlet_tree = False


def _one_malloc_arena() -> bool:
    """Have glibc's malloc keep one arena for the whole process (as MALLOC_ARENA_MAX=1 would).

    By default each thread that allocates gets an arena of its own (up to eight per core), and the
    box's threads (the store's flushes in gevent's thread pool) leave what they allocated spread
    over theirs: at the peak of a burst of 1,000 phones, 140.5 and 144.7 MB with one arena against
    149.1 and 154.5 MB without (two runs each of `kiosk bench --phones 1000 --spread 2`, with no
    difference in latency or CPU). Set before any thread exists; where the C library has no
    `mallopt` (not glibc), nothing changes. True when glibc took the setting."""
    import ctypes

    m_arena_max = -8  # glibc's M_ARENA_MAX
    try:
        return ctypes.CDLL("libc.so.6").mallopt(m_arena_max, 1) == 1
    except (OSError, AttributeError):
        return False


_one_malloc_arena()

from gevent import monkey  # noqa: E402

monkey.patch_all()

import errno  # noqa: E402  (after monkey-patching, on purpose)
import signal  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402

#: Client libraries the box never runs: it serves, it opens no HTTP, WebSocket or Socket.IO
#: connection of its own. python-engineio imports each of them for its clients whenever it is
#: installed (they are, in a checkout where the tests or the bench ran): 18 MB of the box's memory,
#: measured, for code it never calls. An import of them fails in this process, which engine.io
#: takes as "not installed"; they stay usable in every other process (the bench, the tests).
CLIENT_LIBRARIES = ("requests", "websocket", "aiohttp")
for _name in CLIENT_LIBRARIES:
    sys.modules.setdefault(_name, None)
from collections import Counter  # noqa: E402

from flask_babel import force_locale, gettext  # noqa: E402
from gevent.pywsgi import WSGIHandler, WSGIServer  # noqa: E402

from . import demo, limits  # noqa: E402
from .app import create_app  # noqa: E402
from .settings import load_settings  # noqa: E402
from .store import StoreError  # noqa: E402

#: A request's line and headers must all arrive within this many seconds of the connection (or
#: of the previous response): a half-sent request cannot hold a socket for ever.
HEAD_TIMEOUT_S = 5
#: Then each read or write of the body and the response may wait this long (not a WebSocket).
IO_TIMEOUT_S = 30
#: Connections open at once from one address (a phone uses a WebSocket and a few requests).
CONNECTIONS_PER_ADDRESS = 40
BACKLOG = 1024


class _HeadTooSlow(Exception):
    """The request's head did not arrive in time."""


#: The read buffer of each connection: a request's head and a join's body fit in it (a longer one is
#: read in several calls); gevent's default, 8 kB, stays allocated for as long as a phone is
#: connected, though a WebSocket reads its socket without it.
READ_BUFFER = 2048


class Handler(WSGIHandler):
    """gevent's handler, with a deadline on each request's head and a timeout on its body."""

    def __init__(self, sock, address, server):
        super().__init__(sock, address, server, rfile=sock.makefile("rb", READ_BUFFER))

    def handle_one_request(self):
        self.socket.settimeout(IO_TIMEOUT_S)
        self._head_deadline = gevent.Timeout.start_new(HEAD_TIMEOUT_S, _HeadTooSlow)
        try:
            return super().handle_one_request()
        except _HeadTooSlow:
            return None  # nothing complete came in time: the connection is closed
        finally:
            self._head_deadline.close()

    def _handle_client_error(self, ex):
        if isinstance(ex, _HeadTooSlow):
            return None  # closed quietly: a flood of slow heads must not flood the log
        return super()._handle_client_error(ex)

    def run_application(self):
        self._head_deadline.close()  # the head is in: the application runs without a deadline
        if self.environ.get("HTTP_UPGRADE", "").lower() == "websocket":
            self.socket.settimeout(None)  # it lives on; Socket.IO's pings notice a dead one
        return super().run_application()


class Server(WSGIServer):
    """gevent's WSGI server, sending small messages at once (TCP_NODELAY), at most
    CONNECTIONS_PER_ADDRESS connections per address (the box's own address aside).

    Socket.IO writes small frames back to back (the handshake, then the first packet; an event,
    then an acknowledgement): with Nagle's algorithm each second one waited for the phone's
    delayed ACK, 40 ms, twice per connection.
    """

    handler_class = Handler

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_per_address: Counter = Counter()

    def handle(self, client, address):
        host = address[0] if isinstance(address, tuple) and address else "?"
        counted = not limits.is_local(host)
        if counted:
            if self.open_per_address[host] >= CONNECTIONS_PER_ADDRESS:
                client.close()  # one address cannot take every socket the box has
                return None
            self.open_per_address[host] += 1
        try:
            try:
                client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:  # pragma: no cover - not a TCP socket
                pass
            return super().handle(client, address)
        finally:
            if counted:
                self.open_per_address[host] -= 1
                if self.open_per_address[host] <= 0:
                    del self.open_per_address[host]


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before anything else happens (raises OSError when it cannot be)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                         flags=socket.AI_PASSIVE)[0]
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(BACKLOG)
    except OSError:
        listener.close()
        raise
    return listener


def _cannot_listen(error: OSError, host: str, port: int, lang: str) -> str:
    """One line saying why the box cannot listen, in the box's language."""
    from .i18n import translator

    _ = translator(lang)
    if error.errno == errno.EADDRINUSE:
        return _("Port %(port)s is already taken (is another box running?): choose another one with "
                 "--port, for example --port %(other)s.") % {"port": port, "other": port + 1 if port < 65535 else 8001}
    return _("Cannot listen on %(host)s:%(port)s: %(reason)s.") % {
        "host": host, "port": port, "reason": error.strerror or error}


def serve(args) -> int:
    overrides = {"host": args.host, "port": args.port, "data": args.data, "deck": args.deck,
                 "programme": args.programme}
    # Listen first: a port already taken is said in one line, before anything is written to the data dir.
    settings = load_settings(overrides)
    try:
        listener = listen(settings["host"], settings["port"])
    except OSError as error:
        print(f"kiosk: {_cannot_listen(error, settings['host'], settings['port'], settings['lang'])}",
              file=sys.stderr)
        return 1
    try:
        app = create_app(overrides)
    except StoreError as error:
        listener.close()
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    config = app.config["KIOSK"]
    box = app.extensions["kiosk_box"]
    join_url = config["join_url"]
    base = join_url.rstrip("/")
    with app.app_context(), force_locale(config["lang"]):
        for message, values in box.store.notes:
            print("! " + gettext(message, **values), flush=True)
        if args.demo:
            filled = demo.fill(box)
            print(gettext("Demo workshop added: its programme is played up to the last step, "
                          "to walk every screen and try the export.") if filled else
                  gettext("The workshop already has participants or has started: the demo was not added."))
        server = Server(listener, app, log=None)
        server.start()
        print(gettext("Join (phones):      %(url)s", url=join_url))
        print(gettext("Wall (projector):   %(url)s", url=base + "/wall"))
        print(gettext("Facilitator:        %(url)s", url=base + "/facilitator"))
        print(gettext("Facilitator PIN:    %(pin)s", pin=app.config["KIOSK_PIN"]))
        print(gettext("Data:               %(path)s", path=config["data"]))
    print(f"KIOSK READY {join_url}", flush=True)

    def stop(*_):
        server.stop(timeout=2)

    gevent.signal_handler(signal.SIGTERM, stop)
    gevent.signal_handler(signal.SIGINT, stop)
    server.serve_forever()
    box.store.close()
    # For the benchmark (and the curious): how many changes this run wrote, in how many flushes.
    print(f"KIOSK STOPPED changes={box.store.changes} flushes={box.store.flushes}", flush=True)
    return 0
