"""The console's "Print table tents" button in a real browser: the PDF comes down with the console's
token, and its QR codes, read back by zbarimg, carry the box's join URL and its Wi-Fi."""

from __future__ import annotations

import subprocess
from collections import Counter

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.kiosk_env(KIOSK_WIFI_SSID="Atelier", KIOSK_WIFI_PASSWORD="motdepasse")
def test_console_downloads_the_table_tents_with_the_join_and_wifi_codes(ui, server, tmp_path):
    console = ui.open("/facilitator")
    ui.open_console(console)
    console.get_by_label("Chevalets par page A4").select_option("4")
    with console.expect_download() as download_info:
        console.get_by_role("button", name="Chevalets à imprimer").click()
    download = download_info.value
    assert download.suggested_filename == "kiosk-tents.pdf"
    saved = tmp_path / "tents.pdf"
    download.save_as(saved)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(saved), str(tmp_path / "page")], check=True, timeout=60)
    found = subprocess.run(["zbarimg", "--raw", "-q", str(next(tmp_path.glob("page*.png")))], capture_output=True,
                           text=True, timeout=60).stdout.splitlines()
    assert Counter(found) == Counter({server.url: 8, "WIFI:T:WPA;S:Atelier;P:motdepasse;;": 8})
    expect(console.locator("#tents-result")).to_have_attribute("data-kind", "ok")
    assert ui.errors == []
