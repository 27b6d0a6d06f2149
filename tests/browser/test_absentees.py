"""`absentees.html` opened from the file system in Chromium with the network off: every section
shows, and the page asks for nothing beyond itself."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kiosk import auth, create_app, demo, export
from kiosk.activities import ACTIVITIES
from kiosk.export import absentees

pytestmark = pytest.mark.browser

PROGRAMME = "ateliers-participatifs"


def demo_page(tmp_path):
    """The page of a demo workshop (the whole programme played), as `kiosk export` writes it."""
    app = create_app({"data": str(tmp_path / "data"), "pin": "135790", "public_url": "http://kiosk.test:8000/",
                      "async_mode": "threading", "tally_interval": 0, "programme": PROGRAMME})
    box = app.extensions["kiosk_box"]
    assert demo.fill(box)
    facilitator = auth.Actor(auth.FACILITATOR)
    if not box.state(facilitator).get("wordclouds") and not box.state(facilitator).get("wordcloud"):
        box.execute(facilitator, "wordcloud.open", {"prompt": "En un mot, ce qui vous amène"})
        for n, person in enumerate(box.state(facilitator)["participants"][:12]):
            box.execute(auth.Actor(auth.PARTICIPANT, person["id"]), "wordcloud.send",
                        {"words": [("Rencontres", "Coopération", "Réseau")[n % 3], "Territoire"]})
    data = box.store.read(lambda db: export.collect(db, box.deck))
    path = tmp_path / absentees.FILE
    path.write_bytes(export.build(data).files[absentees.FILE])
    return path, data, box.programme


def test_absentees_html_reads_offline_from_the_file_system_with_every_section(browser, tmp_path):
    path, data, programme = demo_page(tmp_path)
    context = browser.new_context(offline=True, locale="fr-FR", viewport={"width": 390, "height": 844})
    requests, errors = [], []
    try:
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: errors.append(message.text))
        page.goto(path.as_uri())
        expect(page.locator("h1")).to_have_text(data["workshop"]["title"])
        expect(page.locator("header")).to_contain_text(data["workshop"]["territory"])
        expect(page.locator("header")).to_contain_text(f"{len(data['participants'])}")
        played = {step.phase for step in programme.steps} | {"wordcloud"}
        sections = [a.name for a in ACTIVITIES if a.absentees is not None and played & set(a.phases)]
        assert "wordcloud" in sections
        for name in sections:  # each activity the demo played has its section
            expect(page.locator(f"section#{name} h2")).to_be_visible()
        assert page.locator("script").count() == 0
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways on a phone: {width}px"
        page.screenshot(path=str(tmp_path / "absentees-phone.png"), full_page=True)
    finally:
        context.close()
    assert requests == [path.as_uri()], requests
    assert errors == []

