"""Answers to the captive-portal probes of phones and laptops.

A phone that joins a Wi-Fi network checks whether it reaches the internet by fetching a known
URL. With no answer it may say "no internet", offer to leave the network, or route everything
through mobile data. When the room's DNS sends every name to the box (the Pi's hotspot), the box
answers these probes itself. Two modes:

- `online` (default): each probe gets the answer that means "the internet works here", so phones
  stay on the network quietly.
- `portal` (KIOSK_PORTAL=portal): each probe is redirected to the join page, so the phone opens
  its "sign in to network" sheet on Kiosk by itself.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect

portal = Blueprint("portal", __name__)

APPLE_SUCCESS = "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"

#: path → (who asks, status, body, content type) of the "online" answer.
PROBES = {
    "/generate_204": ("Android, Chrome", 204, "", "text/plain"),
    "/gen_204": ("Android, Chrome", 204, "", "text/plain"),
    "/hotspot-detect.html": ("Apple iOS, macOS", 200, APPLE_SUCCESS, "text/html"),
    "/library/test/success.html": ("Apple (older iOS)", 200, APPLE_SUCCESS, "text/html"),
    "/connecttest.txt": ("Windows 10 and 11", 200, "Microsoft Connect Test", "text/plain"),
    "/ncsi.txt": ("Windows (older)", 200, "Microsoft NCSI", "text/plain"),
    "/redirect": ("Windows (after a failed check)", 204, "", "text/plain"),
    "/success.txt": ("Firefox", 200, "success\n", "text/plain"),
    "/canonical.html": ("Firefox", 200,
                        '<meta http-equiv="refresh" content="0;url=https://support.mozilla.org/kb/captive-portal"/>',
                        "text/html"),
    "/check_network_status.txt": ("Kindle", 200, "NetworkManager is online\n", "text/plain"),
    "/nmcheck.txt": ("NetworkManager (Linux)", 200, "NetworkManager is online\n", "text/plain"),
}


def _answer(path: str):
    if current_app.config["KIOSK"]["portal"] == "portal":
        return redirect(current_app.config["KIOSK"]["join_url"], code=302)
    _, status, body, mimetype = PROBES[path]
    response = Response(body, status=status, mimetype=mimetype)
    response.headers["Cache-Control"] = "no-store"
    return response


for _path in PROBES:
    portal.add_url_rule(_path, f"probe{_path.replace('/', '_').replace('.', '_')}",
                        lambda _path=_path: _answer(_path))
