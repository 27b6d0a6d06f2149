"""The census in a browser: a phone fills the form with big controls and sees the box's refusal in
French; a double tap makes one entry; a volunteer types paper forms at the console with the
keyboard only (code first, Tab, Enter saves and clears); the wall counts live."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from kiosk.activities.census import codes

from .conftest import command

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("KIOSK_SCREENSHOTS")  # a folder: the test also saves what the room would see


def test_a_phone_fills_the_census_form_and_a_double_tap_makes_one_entry(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "phase.set", {"phase": "census"})
        command(facilitator, "census.open", {})
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        phone = ui.open("/", phone=True)
        ui.resize(phone, 390, 844)
        ui.join(phone, "Ana")
        expect(phone.locator("#census-title")).to_have_text("Recensement des pratiques collaboratives")
        send = phone.locator("#census-form button[type=submit]")
        # Nothing filled: the first required question is named, nothing is sent.
        send.click()
        expect(phone.locator("#census-error")).to_contain_text("Nom de l’initiative")
        phone.get_by_label("Nom de l’initiative").fill("Repair café de Redon")
        phone.get_by_label("Alimentation").check()
        phone.get_by_label("Commune").select_option("Redon")
        phone.get_by_label("Un contact (courriel ou téléphone)").fill("ana@exemple.fr")
        # A contact without the consent ticked: the box refuses, in French, and keeps nothing.
        send.click()
        expect(phone.locator("#census-error")).to_contain_text("cochez la phrase")
        assert server.state()["census"]["counts"]["total"] == 0
        phone.get_by_label("J’accepte que l’équipe du recensement me recontacte").check()
        # The touch targets are big: a choice is a whole row at least 44 px high.
        height = phone.locator("label.census-tick").first.bounding_box()["height"]
        assert height >= 44, height
        send.dblclick()
        expect(phone.locator("#census-done")).to_contain_text("Repair café de Redon")
        expect(phone.locator("#census-mine li")).to_have_count(1)
        assert server.state()["census"]["counts"]["total"] == 1
        # The form is empty for the next one.
        expect(phone.get_by_label("Nom de l’initiative")).to_have_value("")
        with ui.explained():
            expect(wall.locator("#census-total")).to_have_text("1 initiative")
            expect(wall.locator("#census-themes li")).to_have_count(1)
            expect(wall.locator("#census-communes li", has_text="Redon")).to_have_count(1)
        if SHOTS:
            phone.screenshot(path=os.path.join(SHOTS, "phone-census.png"), full_page=False)
    finally:
        facilitator.disconnect()


def test_a_volunteer_types_paper_forms_with_the_keyboard_only(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "phase.set", {"phase": "census"})
        command(facilitator, "census.open", {})
        first, second = codes.new_codes(2)
        console = ui.open(f"/facilitator#census-{first}")
        ui.open_console(console)
        keys = console.keyboard
        # The QR code's address opened the entry screen at its code, the focus on the first answer.
        with ui.explained():
            expect(console.locator("#census-entry")).to_be_visible()
        expect(console.locator("#census-code")).to_have_value(first)
        expect(console.locator("#census-k-name")).to_be_focused()
        expect(console.locator("#programme-heading")).to_be_hidden()
        keys.type("Accorderie du Pays de Redon")
        keys.press("Tab")
        keys.type("Échanges de services entre habitants")
        keys.press("Tab")
        keys.type("Solidarit")  # a choice is a list one types into
        keys.press("Tab")
        keys.type("st nicolas")  # the commune completes itself from the list; the box folds the rest
        expect(console.locator("#census-k-commune")).to_be_focused()
        keys.press("Enter")
        with ui.explained():
            expect(console.locator("#census-entry-error")).to_contain_text("Commune")
        keys.press("Control+a")
        keys.type("Saint-Nicolas-de-Redon")
        keys.press("Enter")
        with ui.explained():
            expect(console.locator("#census-entry-saved")).to_contain_text(first)
        expect(console.locator("#census-code")).to_be_focused()
        expect(console.locator("#census-code")).to_have_value("")
        expect(console.locator("#census-k-name")).to_have_value("")
        expect(console.locator("#census-typed")).to_contain_text("1 formulaire saisi ici")
        # A required answer left empty: named, and the focus goes to it.
        keys.type(first)
        keys.press("Tab")
        keys.type("Autre chose")
        keys.press("Enter")
        expect(console.locator("#census-entry-error")).to_contain_text("Thème")
        expect(console.locator("#census-k-theme")).to_be_focused()
        keys.type("Mob")
        keys.press("Tab")
        keys.type("Pipriac")
        # The same code again: refused, naming the entry that has it; the code is selected to retype.
        keys.press("Enter")
        expect(console.locator("#census-entry-error")).to_contain_text("Accorderie du Pays de Redon")
        expect(console.locator("#census-code")).to_be_focused()
        keys.type(second[:4] + next(c for c in codes.ALPHABET if c != second[4]))  # a typo
        keys.press("Enter")
        expect(console.locator("#census-entry-error")).to_contain_text("faute de frappe")
        keys.type(second)
        keys.press("Enter")
        expect(console.locator("#census-typed")).to_contain_text("2 formulaires saisis ici")
        entries = facilitator.call("census.list", {}, timeout=10)["entries"]
        assert [(e["name"], e["commune"], e["theme"], e["code"]) for e in entries] == [
            ("Autre chose", "Pipriac", "Mobilité", second),
            ("Accorderie du Pays de Redon", "Saint-Nicolas-de-Redon", "Solidarité et entraide", first)]
        assert entries[1]["values"]["description"] == "Échanges de services entre habitants"
        if SHOTS:
            console.set_viewport_size({"width": 1280, "height": 800})
            console.screenshot(path=os.path.join(SHOTS, "console-census-entry.png"))
        console.locator("#census-entry-leave").click()
        expect(console.locator("#programme-heading")).to_be_visible()
        with ui.explained():
            expect(console.locator("#census-rows tr")).to_have_count(2)
    finally:
        facilitator.disconnect()
