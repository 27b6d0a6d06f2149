"""Running the box: gevent's WSGI server, one process, Flask-SocketIO with WebSocket support.

`serve` prints the URLs and PIN, then `KIOSK READY <join-url>` once the socket accepts
connections. SIGINT/SIGTERM stop it cleanly: changes are acknowledged only once durable, and the
store waits for any write under way; a last line `KIOSK STOPPED changes=N flushes=M` says how many
changes this run wrote to disk and in how many flushes (group commit).
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import signal  # noqa: E402  (after monkey-patching, on purpose)
import socket  # noqa: E402
import sys  # noqa: E402

import gevent  # noqa: E402
from flask_babel import force_locale, gettext  # noqa: E402
from gevent.pywsgi import WSGIServer  # noqa: E402

from . import demo  # noqa: E402
from .app import create_app  # noqa: E402
from .store import StoreError  # noqa: E402


class Server(WSGIServer):
    """gevent's WSGI server, sending small messages at once (TCP_NODELAY).

    Socket.IO writes small frames back to back (the handshake, then the first packet; an event,
    then an acknowledgement): with Nagle's algorithm each second one waited for the phone's
    delayed ACK, 40 ms, twice per connection.
    """

    def handle(self, client, address):
        try:
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # pragma: no cover - not a TCP socket
            pass
        return super().handle(client, address)


def serve(args) -> int:
    overrides = {"host": args.host, "port": args.port, "data": args.data, "deck": args.deck,
                 "programme": args.programme}
    try:
        app = create_app(overrides)
    except StoreError as error:
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
            print(gettext("Demo workshop added.") if filled else
                  gettext("The workshop already has participants: the demo was not added."))
        server = Server((config["host"], config["port"]), app, log=None)
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
