"""The wall's spotlight in the browser: the console shows an issue and a commitment large, the wall shows
each one's full text on the stage at two projector sizes, never cut, read from the back of the room, and
the header's button or the Escape key takes it off.

With KIOSK_SCREENSHOTS=DIR the test saves what the wall shows in DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import command
from .test_wordcloud import phone_client

pytestmark = pytest.mark.browser

ISSUE = ("Un covoiturage solidaire entre les hameaux et la gare, le matin et le soir, pour les jeunes sans "
         "permis et les anciens sans voiture, partout")
COMMITMENT = ("Je réunis les voisins de mon hameau le premier samedi du mois pour organiser un covoiturage vers "
              "le marché, la gare et le centre de santé, et je prépare avec eux une carte des trajets partagés "
              "que nous afficherons à la mairie et à l’école pour que chacun sache qui part et quand !")
SIZES = [(1920, 1080), (1024, 768)]
OTHER_ISSUES = ["Un jardin partagé", "Un tiers-lieu au village", "Réparer plutôt que jeter", "Un marché de producteurs"]

MEASURE = """() => {
  const layer = document.getElementById('spotlight');
  const box = document.getElementById('spotlight-item');
  const text = box.querySelector('.spotlight-text');
  const rect = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const parts = [...box.children];
  return {
    text: text.textContent,
    by: (box.querySelector('.spotlight-by') || {}).textContent || null,
    scroll: box.scrollHeight, client: box.clientHeight, scrollW: box.scrollWidth, clientW: box.clientWidth,
    textHeight: text.scrollHeight, textClient: text.clientHeight,
    smallest: Math.min(...parts.map((p) => parseFloat(getComputedStyle(p).fontSize))),
    textSize: parseFloat(getComputedStyle(text).fontSize),
    hiddenParts: parts.filter((p) => p.classList.contains('fit-off')).length,
    layer: rect(layer), corner: rect(document.getElementById('join-corner')),
    title: rect(document.getElementById('workshop-title')),
    stage: rect(document.getElementById('stage')), innerHeight: window.innerHeight,
    pageScroll: document.documentElement.scrollHeight,
  };
}"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _check_fits(ui, wall, text: str, author: str | None, shots: str | None, name: str) -> None:
    for width, height in SIZES:
        ui.resize(wall, width, height)
        wall.evaluate("Promise.all(document.getElementById('spotlight').getAnimations({ subtree: true })"
                      ".map((a) => a.finished))")  # the fade-in is over
        m = wall.evaluate(MEASURE)
        where = f"{name} at {width}×{height}: {m}"
        assert m["text"] == text and m["by"] == author, where
        assert m["scroll"] <= m["client"] and m["scrollW"] <= m["clientW"], where  # nothing runs off the layer
        assert m["textHeight"] <= m["textClient"] + 1 and m["hiddenParts"] == 0, where  # nothing cut, no page
        assert m["smallest"] >= height / 36 - 0.5, where  # the floor: 30 px at 1080p
        assert m["textSize"] >= height / 36 * 1.5, where  # the text itself larger than the floor
        assert m["pageScroll"] <= m["innerHeight"], where
        assert not _overlap(m["layer"], m["corner"]) and not _overlap(m["layer"], m["title"]), where
        assert m["layer"][0] >= m["stage"][0] - 1 and m["layer"][3] <= m["stage"][3] + 1, where
        if shots:
            wall.screenshot(path=str(Path(shots) / f"spotlight-{name}-{width}x{height}.png"), animations="disabled")


def test_the_console_shows_an_issue_and_a_commitment_large_and_takes_them_off(ui, server):
    shots = os.environ.get("KIOSK_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
    boss, ana = server.facilitator(), phone_client(server, "Chloé 🌱")
    try:
        command(boss, "workshop.update", {"title": "Mobilités en Diois", "date": "2026-11-30"})
        command(boss, "phase.set", {"phase": "issues"})
        issue = command(ana, "issue.propose", {"text": ISSUE})["issue"]["id"]
        for text in OTHER_ISSUES:
            command(boss, "issue.propose", {"text": text})
        wall = ui.open("/wall")
        ui.resize(wall, *SIZES[0])
        console = ui.open("/facilitator")
        ui.open_console(console)
        strings = ui.strings(console)

        large = console.locator(f'[data-key="large-issues-{issue}"]')
        expect(large).to_have_text(strings["show_large"])
        large.click()
        with ui.explained():
            expect(wall.locator("#spotlight")).to_be_visible()
            expect(console.locator("#spotlight-off")).to_be_visible()
        expect(large).to_have_attribute("aria-pressed", "true")
        expect(console.locator("#spotlight-off")).to_have_text(strings["spotlight_off"])
        _check_fits(ui, wall, ISSUE, None, shots, "issue")
        # The header and the join corner stay on the wall; the phones show nothing of it.
        expect(wall.locator("#join-qr")).to_be_visible()

        console.locator("#spotlight-off").click()
        expect(wall.locator("#spotlight")).to_be_hidden()
        expect(console.locator("#spotlight-off")).to_be_hidden()

        command(boss, "phase.set", {"phase": "wall"})
        post = command(ana, "wall.post", {"text": COMMITMENT})["post"]["id"]
        assert len(COMMITMENT) == 280
        console.locator(f'[data-key="large-wall-{post}"]').click()
        expect(wall.locator("#spotlight .spotlight-text")).to_have_text(COMMITMENT)
        _check_fits(ui, wall, COMMITMENT, "Chloé 🌱", shots, "commitment")

        console.evaluate("document.activeElement.blur()")  # the focus in no field: Escape is the console's
        console.keyboard.press("Escape")
        expect(wall.locator("#spotlight")).to_be_hidden()
        assert server.state()["spotlight"] is None
        assert not ui.errors, ui.errors
    finally:
        boss.disconnect()
        ana.disconnect()
