"""What only a browser shows of the activities: live updates on the wall, text kept as text."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import command

pytestmark = pytest.mark.browser

NAME = "<img src=x onerror=alert(9)>"  # within the 40 characters of a first name
MARKUP = ['<img src=x onerror="window.__pwned=1;alert(1)">', "<script>window.__pwned=2;alert(2)</script>"]


def test_a_dot_given_on_a_phone_appears_on_the_wall_without_reload(ui, server):
    facilitator = server.facilitator()
    try:
        for text in ["Mobilité en zone rurale", "Logement des jeunes"]:
            command(facilitator, "issue.propose", {"text": text})
        command(facilitator, "vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2})
        command(facilitator, "phase.set", {"phase": "vote"})
        wall = ui.open("/wall?lang=en")  # English: "1 dot", not "1 dots"
        ui.wait_connected(wall)
        wall.evaluate("window.__same_page = true")
        phone = ui.open("/", phone=True)
        ui.join(phone, "Ana")
        strings = ui.strings(phone)
        phone.get_by_role("button", name=strings["dot_add"].replace("{issue}", "Logement des jeunes")).click()
        expect(phone.locator("#dots-left")).to_have_text(strings["dots_left"].replace("{n}", "2"))
        first_bar = wall.locator("#results li").first
        with ui.explained():
            expect(first_bar).to_contain_text("Logement des jeunes")
            # The figure alone, for the back of the room; its name for screen readers.
            expect(first_bar.locator(".bar-value")).to_have_text("1")
            expect(first_bar.locator(".bar-value")).to_have_attribute("aria-label", "1 dot")
        assert wall.evaluate("window.__same_page") is True
        # The cap: a third dot on one issue is refused with its reason, next to its "+" (which says
        # it is unavailable before the tap: aria-disabled, still tappable).
        add = phone.get_by_role("button", name=strings["dot_add"].replace("{issue}", "Logement des jeunes"))
        add.click()
        expect(phone.locator(".dot-count").last).to_have_text("2")
        expect(add).to_have_attribute("aria-disabled", "true")
        add.click(force=True)
        expect(phone.locator("#" + add.get_attribute("aria-describedby"))).to_have_text(
            strings["cap_reached"].replace("{max}", "2"))
        assert [r["dots"] for r in server.state()["vote"]["results"]] == [2, 0]
    finally:
        facilitator.disconnect()


def test_a_commitment_posted_on_a_phone_appears_on_the_wall_without_reload(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "phase.set", {"phase": "wall"})
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        wall.evaluate("window.__same_page = true")
        phone = ui.open("/", phone=True)
        ui.join(phone, "Chloé")
        phone.locator("#post-text").fill("Je lance un repair café à la salle des fêtes")
        phone.locator("#post-form button[type=submit]").click()
        with ui.explained():
            expect(wall.locator(".note-text")).to_have_text(["Je lance un repair café à la salle des fêtes"])
            expect(wall.locator(".note-by")).to_contain_text(["Chloé"])
        assert wall.evaluate("window.__same_page") is True
        # Hidden by the facilitator: it leaves the wall at once.
        post_id = server.state()["wall"][0]["id"]
        command(facilitator, "wall.hide", {"post_id": post_id})
        expect(wall.locator(".note")).to_have_count(0)
    finally:
        facilitator.disconnect()


def test_markup_in_posts_and_issues_shows_as_literal_text_and_never_runs(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "phase.set", {"phase": "wall"})
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        console = ui.open("/facilitator")
        ui.open_console(console)
        phone = ui.open("/", phone=True)
        ui.join(phone, NAME)
        for text in MARKUP:
            phone.locator("#post-text").fill(text)
            phone.locator("#post-form button[type=submit]").click()
            expect(phone.locator("#my-posts li")).to_have_count(MARKUP.index(text) + 1)
        with ui.explained():
            expect(wall.locator(".note-text")).to_have_text(MARKUP)
            expect(console.locator("#console-posts .issue-text")).to_have_count(2)
            for text in MARKUP:
                expect(console.locator("#console-posts")).to_contain_text(text)
            expect(console.locator("#people")).to_contain_text(NAME)
            expect(wall.locator(".note-by").first).to_contain_text(NAME)
        for page in (wall, console, phone):
            assert page.evaluate("window.__pwned") is None
            assert page.locator("#console-posts img, .notes img, #my-posts img, script:not([src])").count() == 0
        assert ui.dialogs == []
    finally:
        facilitator.disconnect()
