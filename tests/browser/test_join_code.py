"""The join QR code served by a running box leads a phone to the join page."""

from __future__ import annotations

import subprocess
import urllib.parse


def test_join_code_of_a_running_box_opens_the_join_page(server, tmp_path):
    status, png = server.get("/qr/join.png")
    assert status == 200
    image = tmp_path / "join.png"
    image.write_bytes(png)
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True,
                             timeout=30, check=True).stdout.removesuffix("\n")
    assert decoded == server.url

    # A phone resolves kiosk.test through the room's DNS; here it is 127.0.0.1 with that Host header.
    url = urllib.parse.urlsplit(decoded)
    status, page = server.get(url.path or "/", host=url.netloc)
    assert status == 200
    assert b'id="join-form"' in page
