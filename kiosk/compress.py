"""Gzip for what the phones download: every byte crosses one crowded radio channel.

Pages and JSON are compressed per response (they are small); static files and the phone's screens
(`pages.part`), which never change under a versioned URL, are compressed once and kept in memory.
Written here rather than taken from Flask-Compress: that package pulls native Brotli and Zstandard
builds that a Pi's 32-bit OS may not have wheels for, and gzip is all the phones need.
"""

from __future__ import annotations

import gzip

from flask import Flask, request

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")
MIN_SIZE = 500
LEVEL = 6
#: What never changes under its address (it names the box's version): compressed once.
VERSIONED = ("static", "versioned_static", "phone.part")


def init_app(app: Flask) -> None:
    cache: dict[str, bytes] = {}

    @app.after_request
    def compress(response):
        if (response.status_code != 200 or "gzip" not in request.headers.get("Accept-Encoding", "")
                or "Content-Encoding" in response.headers
                or not (response.mimetype or "").startswith(COMPRESSIBLE)):
            return response
        response.vary.add("Accept-Encoding")
        static = request.endpoint in VERSIONED
        key = request.path
        if static and key in cache:
            body = cache[key]
        else:
            response.direct_passthrough = False
            data = response.get_data()
            if len(data) < MIN_SIZE:
                return response
            body = gzip.compress(data, compresslevel=LEVEL, mtime=0)
            if static:
                cache[key] = body
        response.set_data(body)
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Content-Length"] = str(len(body))
        return response
