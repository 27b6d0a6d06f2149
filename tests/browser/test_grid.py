"""The analysis grid in a browser: on a phone (390×844), a member fills a cell of a practice while
another member of the group writes in the same row; nobody's text is lost, the half-typed entry
survives the other's arriving, the flags show on both phones and on the wall's grid."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import command

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("KIOSK_SCREENSHOTS")  # a folder: the test also saves what the phones show


def entries(server) -> list[dict]:
    return server.state()["grid"]["entries"]


def test_a_member_fills_a_cell_while_another_writes_in_the_same_row(ui, server):
    facilitator = server.facilitator()
    try:
        for text in ("Se déplacer", "Se loger"):
            command(facilitator, "issue.propose", {"text": text})
        command(facilitator, "vote.open", {"method": "dots"})
        command(facilitator, "vote.close", {})
        axes = command(facilitator, "grid.validate", {"count": 2})["grid"]["axes"]
        groups = command(facilitator, "groups.form", {"from": "grid", "count": 2})["groups"]
        command(facilitator, "phase.set", {"phase": "groups"})
        phones = {}
        for name in ("Ana", "Bruno"):
            phone = ui.open("/", phone=True)
            ui.resize(phone, 390, 844)
            ui.join(phone, name)
            phone.locator(f'[data-key="join-{groups[0]["id"]}"]').click()
            expect(phone.locator("#group-list li.mine")).to_have_count(1)
            phones[name] = phone
        ana, bruno = phones["Ana"], phones["Bruno"]
        ana_id = next(p["id"] for p in server.state()["participants"] if p["name"] == "Ana")
        command(facilitator, "group.secretary", {"group_id": groups[0]["id"], "participant_id": ana_id})
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        command(facilitator, "phase.set", {"phase": "grid"})
        strings = ui.strings(ana)
        with ui.explained():
            expect(ana.locator("#grid-title")).to_have_text(strings["grid_your_axis"].replace("{title}", axes[0]["title"]))

        # Ana adds a practice: it shows on Bruno's phone.
        ana.locator("#grid-practice").fill("Autopartage entre voisins")
        ana.locator("#grid-practice-form button[type=submit]").click()
        with ui.explained():
            expect(bruno.locator(".grid-row h3")).to_have_text(["Autopartage entre voisins"])
        row = server.state()["grid"]["axes"][0]["rows"][0]["id"]

        # Ana starts an entry in "Enjeux territoriaux"; meanwhile Bruno saves one in the same cell.
        ana.locator(f"#grid-column-{row}").select_option("stakes")
        ana.locator(f"#grid-text-{row}").fill("Moins de voitures pour les trajets courts")
        bruno.locator(f"#grid-column-{row}").select_option("stakes")
        bruno.locator(f"#grid-text-{row}").fill("Garder les jeunes ménages dans les bourgs")
        bruno.locator(f"#grid-newflag-{row}").select_option("opportunite")
        bruno.locator(".grid-add button[type=submit]").click()
        with ui.explained():
            expect(ana.locator(".grid-entry-text")).to_have_text(["↗ Garder les jeunes ménages dans les bourgs"])
        # Bruno's entry arrived on Ana's phone: her half-typed text is still in her box, and goes in.
        expect(ana.locator(f"#grid-text-{row}")).to_have_value("Moins de voitures pour les trajets courts")
        expect(ana.locator(f"#grid-column-{row}")).to_have_value("stakes")
        ana.locator(".grid-add button[type=submit]").click()
        with ui.explained():
            expect(bruno.locator(".grid-entry-text")).to_have_count(2)
        expect(ana.locator(f"#grid-text-{row}")).to_have_value("")
        saved = entries(server)
        assert [(e["column"], e["text"], e["flag"]) for e in saved] == [
            ("stakes", "Garder les jeunes ménages dans les bourgs", "opportunite"),
            ("stakes", "Moins de voitures pour les trajets courts", None)]

        # Bruno flags Ana's entry a nugget: Ana sees its marker, the wall too.
        mine = saved[1]
        bruno.locator(f'[data-key="grid-flag-{mine["id"]}"]').select_option("pepite")
        with ui.explained():
            expect(ana.locator(".grid-entry.flag-pepite .grid-entry-text")).to_have_text(
                "★ Moins de voitures pour les trajets courts")
        # Ana rewrites her own entry while Bruno starts another: his draft survives her save.
        bruno.locator(f"#grid-text-{row}").fill("Le covoiturage du marché")
        ana.locator(f'[data-key="grid-edit-{mine["id"]}"]').click()
        ana.locator(".grid-edit textarea").fill("Moins de voitures pour les trajets de moins de 3 km")
        ana.locator(".grid-edit button[type=submit]").click()
        with ui.explained():
            expect(bruno.locator(".grid-entry.flag-pepite .grid-entry-text")).to_have_text(
                "★ Moins de voitures pour les trajets de moins de 3 km")
        expect(bruno.locator(f"#grid-text-{row}")).to_have_value("Le covoiturage du marché")
        # Only her own entries offer Edit; Bruno's does not on her phone.
        expect(ana.locator('[data-key^="grid-edit-"]')).to_have_count(1)

        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            ana.screenshot(path=str(Path(SHOTS) / "phone-grid-ana.png"), full_page=True)
            bruno.screenshot(path=str(Path(SHOTS) / "phone-grid-bruno.png"), full_page=True)
        command(facilitator, "grid.show", {"view": "axis", "axis_id": axes[0]["id"]})
        with ui.explained():
            expect(wall.locator("#grid-single-rows td li")).to_have_count(2)
            expect(wall.locator("#grid-single-title")).to_have_text(axes[0]["title"])
        assert not ui.errors, ui.errors
    finally:
        facilitator.disconnect()
