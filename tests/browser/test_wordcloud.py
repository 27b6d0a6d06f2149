"""The word cloud in a browser: words sent from a phone appear on the wall, grouped, sized by how
many people sent them, never overlapping, readable at 1920×1080 and 1024×768."""

from __future__ import annotations

import json
import os
import urllib.request

import pytest
from playwright.sync_api import expect

from .conftest import HOST, PIN, QuickClient, command

pytestmark = pytest.mark.browser

ROOM = ["curiosité", "rencontres", "Rencontre", "coopération", "vélo", "Vélos", "le vélo", "tiers-lieu",
        "jardin partagé", "jardins partagés", "solidarité", "envie d'agir", "convivialité", "eau", "transition",
        "écoute", "territoire", "réseau", "alimentation", "énergie", "mobilité", "partage", "Partager", "confiance"]
SHOTS = os.environ.get("KIOSK_SCREENSHOTS")  # a folder: the test also saves what the room would see


def phone_client(server, name: str) -> QuickClient:
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}/api/join", method="POST",
                                     data=json.dumps({"name": name}).encode(),
                                     headers={"Content-Type": "application/json", "Host": f"{HOST}:{server.port}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        token = json.loads(response.read())["token"]
    client = QuickClient()
    client.connect(f"http://127.0.0.1:{server.port}", auth={"token": token}, transports=["websocket"], wait_timeout=10)
    return client


def overlaps(page) -> list:
    return page.evaluate("""() => {
      const boxes = [...document.querySelectorAll('#wordcloud-words li')].map((li) => li.getBoundingClientRect());
      const hits = [];
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) hits.push([a, b]);
      }));
      return hits.length;
    }""")


def test_words_from_phones_fill_the_wall_grouped_and_never_overlapping(ui, server):
    facilitator = server.facilitator()
    phones = []
    try:
        command(facilitator, "phase.set", {"phase": "wordcloud"})
        command(facilitator, "wordcloud.open", {"prompt": "En un mot, ce qui vous amène ?"})
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        phone = ui.open("/", phone=True)
        ui.join(phone, "Ana")
        expect(phone.locator("#wordcloud-prompt")).to_have_text("En un mot, ce qui vous amène ?")
        phone.locator("#wordcloud-word-0").fill("Vélo")
        phone.locator("#wordcloud-word-1").fill("partage")
        phone.locator("#wordcloud-form button[type=submit]").click()
        expect(phone.locator("#wordcloud-done")).to_be_visible()
        with ui.explained():
            expect(wall.locator("#wordcloud-words li")).to_have_count(2)
        # A room: more people, three words each, many spellings of the same words (nine more: a
        # tenth join from one address would wait, see the join rate).
        for n in range(9):
            client = phone_client(server, f"P{n}")
            phones.append(client)
            words = [ROOM[n], ROOM[n + 9], ROOM[(n * 5 + 4) % len(ROOM)]]
            answer = client.call("wordcloud.send", {"words": words}, timeout=10)
            assert answer["ok"] or answer["code"] == "bad_input", answer
        cloud = server.state()["wordcloud"]
        velo = next(w for w in cloud["words"] if w["key"] == "velo")
        assert velo["count"] >= 3 and velo["text"] in ("vélo", "Vélo", "Vélos")
        with ui.explained():
            expect(wall.locator("#wordcloud-words li")).to_have_count(len(cloud["words"]))
            expect(wall.locator("#wordcloud-words li", has_text=velo["text"])).to_have_attribute("data-size", "4")
        for width, height in ((1920, 1080), (1024, 768)):
            ui.resize(wall, width, height)
            assert overlaps(wall) == 0, (width, height)
            # The whole cloud is on the screen: nothing to scroll on a projector.
            bottom = wall.evaluate("document.querySelector('#wordcloud-words').getBoundingClientRect().bottom")
            assert bottom <= height, (width, height, bottom)
            smallest = wall.evaluate("""Math.min(...[...document.querySelectorAll('#wordcloud-words li')]
                .map((li) => parseFloat(getComputedStyle(li).fontSize)))""")
            assert smallest >= 19, (width, smallest)  # the smallest word still reads from the back
            if SHOTS:
                wall.screenshot(path=f"{SHOTS}/wordcloud-wall-{width}.png")
        if SHOTS:
            phone.set_viewport_size({"width": 390, "height": 844})
            phone.screenshot(path=f"{SHOTS}/wordcloud-phone.png")
        # The facilitator hides a word: it leaves the wall at once.
        command(facilitator, "wordcloud.hide", {"word": velo["key"]})
        with ui.explained():
            expect(wall.locator("#wordcloud-words li", has_text=velo["text"])).to_have_count(0)
        assert not ui.errors, ui.errors
    finally:
        # The phones' clients end with the box (a disconnect each would wait for its reader thread).
        facilitator.disconnect()
