"""Security headers on every response the box sends (pages, API, static files, Socket.IO's polling).

The pages load nothing but the box's own files and run no inline script: a strict
Content-Security-Policy says so to the browser, which then refuses any script a participant might
smuggle into a page. Nothing of the box may be framed by another site, and no response is
sniffed into another type than the one it declares.

Set as WSGI middleware around the whole app, Socket.IO's engine included, rather than in
`after_request`, which only sees Flask's own responses.
"""

from __future__ import annotations

import re

# The WebSocket is named by its scheme and host as well as by 'self': older browsers (Safari before
# 15.4) do not count ws: under 'self'. Styles set by scripts go through the CSSOM (`node.style`),
# which 'self' allows; the favicon is `data:,`.
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'{sockets}; object-src 'none'; base-uri 'none'; "
          "form-action 'self'; frame-ancestors 'none'")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")

HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
)


def policy(host: str | None) -> str:
    """The Content-Security-Policy for a page asked for under `host` (the Host header)."""
    sockets = f" ws://{host} wss://{host}" if host and _HOST.match(host) else ""
    return POLICY.format(sockets=sockets)


class SecurityHeaders:
    """WSGI middleware: adds the headers to every response that does not set them itself."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        csp = ("Content-Security-Policy", policy(environ.get("HTTP_HOST")))

        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers = list(headers) + [(name, value) for name, value in (*HEADERS, csp)
                                       if name.lower() not in present]
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        return self.app(environ, start)


def init_app(app) -> None:
    """Wrap the app's WSGI callable (after Socket.IO wrapped it: its responses get them too)."""
    app.wsgi_app = SecurityHeaders(app.wsgi_app)
