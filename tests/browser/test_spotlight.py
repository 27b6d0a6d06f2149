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
        # Nothing runs off the layer (within the pixel of rounding wall/fit.js's `overflows` allows).
        assert m["scroll"] <= m["client"] + 1 and m["scrollW"] <= m["clientW"] + 1, where
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


ARGUMENT = ("Sans covoiturage, les jeunes des hameaux ne vont ni au lycée ni au travail, ni voir leurs amis : c’est "
            "la première liberté qu’on leur doit !")  # 140 characters, as long as an argument gets
RECOMMENDATION = ("Ouvrons un garage solidaire dans l’ancienne gare, avec des bénévoles qui réparent les vélos et les "
                  "voitures des voisins le samedi, des outils prêtés, et une cagnotte pour les pièces détachées, enfin !")
WHO = "L’association Roues libres, la mairie, les bénévoles du samedi et le lycée pro"
WHEN = "À l’été 2027, après le vote du budget"
GRID_ENTRY = ("Les trajets vers la gare le matin partagés par une liste affichée à la boulangerie et au café, tenue "
              "par trois bénévoles, avec une place gardée pour qui n’a pas de téléphone et les horaires des cars !")
COLUMNS = {"examples": "Rezo Pouce dans le Diois, et les navettes du marché", "stakes": "Les jeunes sans permis",
           "innovation": "Une application sans compte, par SMS", "regulatory": "L’assurance du conducteur bénévole",
           "cultural": "« Ma voiture, c’est chez moi »"}


def _whole(wall, *texts: str) -> None:
    """Every part of the item is on the wall as typed (the parts, not only the text)."""
    shown = wall.evaluate("document.getElementById('spotlight-item').innerText")
    for text in texts:
        assert text in shown, (text, shown)


def _large(console, wall, key: str, text: str) -> None:
    button = console.locator(f'[data-key="large-{key}"]')
    button.click()
    expect(wall.locator("#spotlight .spotlight-text")).to_have_text(text)
    expect(button).to_have_attribute("aria-pressed", "true")


def test_a_debate_argument_a_recommendation_and_the_grid_show_whole_at_two_sizes(ui, server):
    shots = os.environ.get("KIOSK_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
    boss, ana, bruno = server.facilitator(), phone_client(server, "Ana"), phone_client(server, "Bruno")
    try:
        assert len(ARGUMENT) == 140 and len(RECOMMENDATION) == 200 and len(GRID_ENTRY) == 200
        command(boss, "workshop.update", {"title": "Mobilités en Diois", "date": "2026-11-30"})
        command(boss, "phase.set", {"phase": "debate"})
        statement = "Le covoiturage est une pratique collaborative durable, même au fond de la vallée."
        command(boss, "debate.open", {"statement": statement})
        for side, text in (("agree", "Moins de voitures sur la route"), ("disagree", "Personne ne part à la même heure")):
            command(boss, "debate.argument", {"side": side, "text": text})
        argument = command(boss, "debate.argument", {"side": "doubt", "text": ARGUMENT})["argument"]["id"]
        wall = ui.open("/wall")
        ui.resize(wall, *SIZES[0])
        console = ui.open("/facilitator")
        ui.open_console(console)
        _large(console, wall, f"debate-argument:{argument}", ARGUMENT)
        _whole(wall, statement)
        _check_fits(ui, wall, ARGUMENT, None, shots, "argument")

        command(boss, "phase.set", {"phase": "recommendations"})  # another phase: the argument leaves the wall
        expect(wall.locator("#spotlight")).to_be_hidden()
        for text in ("Un pédibus pour l’école", "Une carte des trajets partagés"):
            command(boss, "recommendations.propose", {"text": text})
        rec = command(ana, "recommendations.propose", {"text": RECOMMENDATION})["recommendation"]["id"]
        command(ana, "recommendations.rate", {"recommendation_id": rec, "impact": 4, "effort": 1})
        command(bruno, "recommendations.rate", {"recommendation_id": rec, "impact": 3, "effort": 2})
        command(boss, "recommendations.plan", {"recommendation_id": rec, "who": WHO, "when": WHEN})
        ui.resize(wall, *SIZES[0])
        _large(console, wall, f"recommendations-{rec}", RECOMMENDATION)
        _whole(wall, WHO, WHEN)
        _check_fits(ui, wall, RECOMMENDATION, None, shots, "recommendation")

        command(boss, "review.open", {"prompt": "Quels axes ?", "buckets": ["Axes"]})
        notes = [command(ana, "review.post", {"bucket": "Axes", "text": text})["note"]["id"]
                 for text in ("Se déplacer", "Se loger")]
        command(boss, "review.close", {})
        command(boss, "vote.open", {"method": "dots", "dots": 3, "max_per_issue": 3, "source": "review", "bucket": "Axes"})
        command(ana, "vote.cast", {"issue_id": notes[0], "dots": 2})
        command(boss, "vote.close", {})
        axis = command(boss, "grid.validate", {"count": 2})["grid"]["axes"][0]["id"]
        command(boss, "phase.set", {"phase": "grid"})
        row = command(boss, "grid.row", {"axis_id": axis, "practice": "Covoiturage entre voisins"})["row"]["id"]
        entry = command(boss, "grid.add", {"row_id": row, "column": "examples", "text": GRID_ENTRY,
                                           "flag": "pepite"})["entry"]["id"]
        for column, text in COLUMNS.items():
            command(boss, "grid.add", {"row_id": row, "column": column, "text": text})
        ui.resize(wall, *SIZES[0])
        console.locator(f'[data-key="grid-rows-{axis}"]').click()  # the axis's practices, folded until asked
        _large(console, wall, f"grid-entry:{entry}", GRID_ENTRY)
        _whole(wall, "Se déplacer · Covoiturage entre voisins")
        _check_fits(ui, wall, GRID_ENTRY, None, shots, "grid-entry")
        ui.resize(wall, *SIZES[0])
        _large(console, wall, f"grid-row:{row}", "Covoiturage entre voisins")
        _whole(wall, GRID_ENTRY, *COLUMNS.values())
        _check_fits(ui, wall, "Covoiturage entre voisins", None, shots, "grid-practice")
        assert not ui.errors, ui.errors
    finally:
        boss.disconnect()
        ana.disconnect()
        bruno.disconnect()
