"""The console's Export section in a real browser: no stick on this machine, so it says so and the
zip download (fetched with the console's token, handed to the browser as a file) gives the bundle."""

from __future__ import annotations

import json
import zipfile

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_console_without_a_stick_says_so_and_downloads_the_bundle_as_a_zip(ui, server, tmp_path):
    facilitator = server.facilitator()
    try:
        assert facilitator.call("workshop.update", {"title": "Atelier d’été à Briançon"}, timeout=10)["ok"]
    finally:
        facilitator.disconnect()
    console = ui.open("/facilitator")
    ui.open_console(console)
    with ui.explained():
        expect(console.locator("#export-none")).to_be_visible()
    with console.expect_download() as download_info:
        console.get_by_role("link", name="Télécharger en fichier zip").click()
    download = download_info.value
    assert download.suggested_filename.startswith("kiosk-atelier-d-ete-a-briancon-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        folder = download.suggested_filename.removesuffix(".zip")
        results = json.loads(archive.read(f"{folder}/results.json"))
        assert results["workshop"]["title"] == "Atelier d’été à Briançon"
        assert f"{folder}/report.pdf" in archive.namelist()
    expect(console.locator("#export-result")).to_have_attribute("data-kind", "ok")
    assert ui.errors == []
