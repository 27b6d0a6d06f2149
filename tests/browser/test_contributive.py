"""The société contributive in a browser: the force field on the wall with a real room's 30 blockers
and triggers at 1920×1080 and 1024×768 (triggers on the left and blockers on the right, facing each
other across the axis, the strongest first, every arrow's length its strength, nothing overflowing);
the console's typology sorted by keyboard alone."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from .conftest import command
from .test_wordcloud import phone_client

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("KIOSK_SCREENSHOTS")
BLOCKERS = ["Des élus qui craignent de perdre la main", "Le temps bénévole qui s’épuise",
            "Des financements par appel à projets, au coup par coup, qui empêchent de voir à trois ans",
            "On ne sait pas expliquer le « contributif »", "Les outils numériques qui excluent",
            "La peur de perdre le contrôle", "Des réunions le soir seulement", "La concurrence entre associations",
            "Les normes d’hygiène pour les repas partagés", "Le manque de lieux ouverts", "Personne pour coordonner",
            "Des habitants qui ne se sentent pas légitimes", "Les assurances", "La lassitude après les consultations",
            "Des services municipaux cloisonnés"]
TRIGGERS = ["Un tiers-lieu qui ouvre ses portes", "Des formations croisées élus – habitants", "Raconter les réussites",
            "Une crise qui oblige à coopérer", "Des grilles d’analyse partagées", "Les gratuiteries du mois",
            "Un budget participatif", "Une fête de quartier", "Un élu qui prend le risque", "Le réseau des tiers-lieux",
            "Des outils libres et simples", "Un lieu d’accueil pour les nouveaux", "Une charte des communs",
            "Le bouche-à-oreille", "Un premier projet réussi, visible de tous, qui donne envie d’essayer à d’autres"]


def field(page) -> dict:
    """The force field as drawn: each side's box, its items (text, arrow width, box) in order."""
    return page.evaluate("""() => {
      const side = (kind) => {
        const box = document.querySelector(`.forces-side.forces-${kind}`);
        return { box: box.getBoundingClientRect().toJSON(),
          items: [...box.querySelectorAll('.forces-item')].filter((i) => i.checkVisibility()).map((i) => ({
            text: i.querySelector('.forces-text').textContent, box: i.getBoundingClientRect().toJSON(),
            bar: i.querySelector('.forces-bar').getBoundingClientRect().toJSON(),
            font: parseFloat(getComputedStyle(i.querySelector('.forces-text')).fontSize) })),
          hidden: [...box.querySelectorAll('.forces-item')].filter((i) => !i.checkVisibility()).length };
      };
      return { trigger: side('trigger'), blocker: side('blocker'),
               axis: document.querySelector('.forces-axis').getBoundingClientRect().toJSON() };
    }""")


def test_the_wall_draws_the_two_sides_facing_each_other_strongest_first(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "phase.set", {"phase": "forces"})
        command(facilitator, "forces.open", {"prompt": "Qu’est-ce qui bloque, qu’est-ce qui déclenche ?"})
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        phones = [phone_client(server, f"P{n}") for n in range(5)]
        expected = {"blocker": [], "trigger": []}
        for n, text in enumerate(BLOCKERS + TRIGGERS):
            kind = "blocker" if n < len(BLOCKERS) else "trigger"
            strength, actionable = n % 5 + 1, (n * 2) % 5 + 1
            command(phones[n % 5], "forces.add", {"kind": kind, "text": text, "strength": strength, "actionable": actionable})
            expected[kind].append((-strength, -actionable, n, text))
        with ui.explained():
            expect(wall.locator(".forces-item")).to_have_count(30)
        for width, height in ((1920, 1080), (1024, 768)):
            ui.resize(wall, width, height)
            drawn = field(wall)
            # Facing each other: triggers left of the axis, blockers right of it, side by side.
            assert drawn["trigger"]["box"]["right"] <= drawn["axis"]["left"] + 1
            assert drawn["blocker"]["box"]["left"] >= drawn["axis"]["right"] - 1
            assert abs(drawn["trigger"]["box"]["top"] - drawn["blocker"]["box"]["top"]) < 2
            assert drawn["blocker"]["box"]["right"] <= width
            for kind in ("trigger", "blocker"):
                side = drawn[kind]
                order = [t for *_, t in sorted(expected[kind])]
                shown = [i["text"] for i in side["items"]]
                assert shown == order[:len(shown)], (width, kind)  # the strongest first, on the first page
                assert len(shown) + side["hidden"] == 15
                assert len(shown) >= (5 if height == 1080 else 3), (width, kind, len(shown))
                for item in side["items"]:
                    assert side["box"]["top"] <= item["box"]["top"] and item["box"]["bottom"] <= side["box"]["bottom"] + 1
                    assert item["font"] >= height / 36 - 0.5
                # An arrow's length is its strength (the same length per point of strength).
                widths = [i["bar"]["width"] for i in side["items"]]
                strengths = [-strength for strength, *_ in sorted(expected[kind])][:len(widths)]
                unit = widths[0] / strengths[0]
                assert all(abs(w - s * unit) < 1.5 for w, s in zip(widths, strengths)), (widths, strengths)
                # Each arrow points at the axis: triggers' arrows end on the right, blockers' begin on the left.
                for item in side["items"]:
                    if kind == "trigger":
                        assert item["bar"]["right"] >= item["box"]["right"] - item["box"]["width"] * 0.15
                    else:
                        assert item["bar"]["left"] <= item["box"]["left"] + item["box"]["width"] * 0.15
            scroll = wall.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            assert scroll[0] <= width and scroll[1] <= height
            if SHOTS:
                wall.screenshot(path=f"{SHOTS}/forces-wall-{width}.png")
        assert not ui.errors, ui.errors
    finally:
        facilitator.disconnect()


def test_the_console_sorts_the_examples_into_the_typology_by_keyboard(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "groups.form", {"count": 2, "from": "tables"})
        state = server.state()
        ana, bruno = phone_client(server, "Ana"), phone_client(server, "Bruno")
        command(ana, "group.join", {"group_id": state["groups"][0]["id"]})
        command(bruno, "group.join", {"group_id": state["groups"][1]["id"]})
        command(facilitator, "examples.open", {})
        for who, title in ((ana, "Wikipédia"), (ana, "OpenStreetMap"), (bruno, "Repair café")):
            command(who, "examples.add", {"title": title})
        command(facilitator, "phase.set", {"phase": "typology"})
        console = ui.open("/facilitator")
        ui.open_console(console)
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        for label in ("Communs de la connaissance", "Lieux partagés"):
            console.locator("#examples-category-label").fill(label)
            console.locator("#examples-category-label").press("Enter")
            with ui.explained():
                expect(console.locator(".examples-zone")).to_have_count(1 + ["Communs de la connaissance",
                                                                               "Lieux partagés"].index(label) + 1)
        # Keyboard only: focus an example, press its category's number, then the next ones.
        wiki = console.locator(".examples-sortable", has_text="Wikipédia")
        wiki.focus()
        console.keyboard.press("1")
        with ui.explained():
            expect(console.locator(".examples-zone").nth(0)).to_contain_text("Wikipédia")
        # The focus stays on the example it moved: the facilitator goes on from there.
        assert console.evaluate("document.activeElement.textContent").startswith("Wikipédia")
        console.locator(".examples-sortable", has_text="Repair café").focus()
        console.keyboard.press("2")
        console.locator(".examples-sortable", has_text="OpenStreetMap").focus()
        console.keyboard.press("1")
        with ui.explained():
            expect(console.locator(".examples-zone").nth(1)).to_contain_text("Repair café")
            expect(console.locator(".examples-zone").nth(0)).to_contain_text("OpenStreetMap")
            expect(wall.locator("#examples-columns .review-column")).to_have_count(2)
        pads = server.state()["examples"]
        ids = {c["label"]: c["id"] for c in pads["categories"]}
        assert {e["title"]: e["category"] for e in pads["examples"]} == {
            "Wikipédia": ids["Communs de la connaissance"], "OpenStreetMap": ids["Communs de la connaissance"],
            "Repair café": ids["Lieux partagés"]}
        # 0 takes an example out of any category; a number with no category changes nothing.
        console.locator(".examples-sortable", has_text="Wikipédia").focus()
        console.keyboard.press("0")
        console.locator(".examples-sortable", has_text="Repair café").focus()
        console.keyboard.press("7")
        with ui.explained():
            expect(console.locator(".examples-zone").nth(2)).to_contain_text("Wikipédia")
        assert {e["title"]: e["category"] for e in server.state()["examples"]["examples"]}["Repair café"] == ids["Lieux partagés"]
        expect(wall.locator("#examples-columns .review-column").nth(0)).to_contain_text("OpenStreetMap")
        if SHOTS:
            console.set_viewport_size({"width": 1280, "height": 900})
            console.locator("section[aria-labelledby=examples-heading]").screenshot(path=f"{SHOTS}/typology-console.png")
            wall.screenshot(path=f"{SHOTS}/typology-wall.png")
        assert not ui.errors, ui.errors
    finally:
        facilitator.disconnect()


def test_the_wall_shows_the_surprises_of_the_table_presenting_under_its_board(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "groups.form", {"count": 2, "from": "tables"})
        tables = server.state()["groups"]
        ana, bruno = phone_client(server, "Ana"), phone_client(server, "Bruno")
        command(ana, "group.join", {"group_id": tables[0]["id"]})
        command(bruno, "group.join", {"group_id": tables[1]["id"]})
        command(facilitator, "surprises.open", {})
        command(ana, "surprises.post", {"text": "Tant d’exemples si près de chez nous"})
        command(bruno, "surprises.post", {"text": "Des élus plus ouverts que prévu"})
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        command(facilitator, "phase.set", {"phase": "surprises"})
        with ui.explained():  # table by table
            expect(wall.locator("#surprises-columns .review-column")).to_have_count(2)
            expect(wall.locator("#surprises-columns .review-column").nth(0)).to_contain_text("Tant d’exemples")
        command(facilitator, "phase.set", {"phase": "report"})
        command(facilitator, "report.start", {})
        with ui.explained():  # Table 1 presents: its surprise, not Table 2's, under its board
            expect(wall.locator("#board-surprises-list li")).to_have_text(["Tant d’exemples si près de chez nous"])
        command(facilitator, "report.next", {})
        command(facilitator, "report.next", {})
        with ui.explained():
            expect(wall.locator("#board-surprises-list li")).to_have_text(["Des élus plus ouverts que prévu"])
        assert not ui.errors, ui.errors
    finally:
        facilitator.disconnect()
