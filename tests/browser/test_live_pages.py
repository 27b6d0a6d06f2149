"""What only a browser shows: the wall, the phones and the console follow the workshop live."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MARKUP_NAME = "<img src=x onerror=alert(1)>"


def mark_page(page) -> None:
    """Leave a mark in the page's window: it survives live updates, a reload wipes it."""
    page.evaluate("window.__notReloaded = true")


def assert_not_reloaded(page) -> None:
    assert page.evaluate("window.__notReloaded === true"), "the page was reloaded"


def test_phone_join_shows_on_open_wall_without_reload(ui, server):
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    expect(wall.locator("#count")).to_have_text("0")
    mark_page(wall)

    phone = ui.open("/", phone=True)
    ui.join(phone, "Ana")

    expect(wall.locator("#count")).to_have_text("1")
    expect(wall.locator("#names li")).to_have_text(["Ana"])
    joined = server.state()["participants"]
    assert [p["name"] for p in joined] == ["Ana"]

    phone.reload()
    expect(phone.locator("#hello")).to_have_text(ui.strings(phone)["hello"].replace("{name}", "Ana"))
    expect(phone.locator("#join")).to_be_hidden()
    ui.wait_connected(phone)
    assert server.state()["participants"] == joined
    expect(wall.locator("#count")).to_have_text("1")
    assert_not_reloaded(wall)


def test_wrong_pin_shows_an_error_and_the_right_pin_opens_the_console(ui, server):
    console = ui.open("/facilitator")
    console.locator("#pin").fill("000000" if server.pin != "000000" else "111111")
    console.locator("#pin-form button[type=submit]").click()
    expect(console.locator("#pin-error")).to_have_text(re.compile(r"\w"))
    expect(console.locator("#console")).to_be_hidden()

    ui.open_console(console)
    expect(console.locator("#login")).to_be_hidden()
    expect(console.locator("#count")).to_have_text("0")


def test_participant_joining_shows_live_in_the_console_table(ui):
    console = ui.open("/facilitator")
    ui.open_console(console)
    mark_page(console)

    ui.join(ui.open("/", phone=True), "Bruno")

    expect(console.locator("#count")).to_have_text("1")
    expect(console.locator("#people tr td").first).to_have_text("Bruno")
    assert_not_reloaded(console)


def test_a_step_of_the_agenda_changes_the_phone_text_and_the_wall_heading_live(ui):
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    phone = ui.open("/", phone=True)
    ui.join(phone, "Chloé")
    console = ui.open("/facilitator")
    ui.open_console(console)
    for page in (wall, phone):
        mark_page(page)
    expect(phone.locator("#phase-title")).not_to_have_text(ui.strings(phone)["phases"]["vote"])
    expect(console.locator("#phases-box")).to_be_hidden()  # the agenda is the one navigation

    console.locator("[data-key=go-2]").click()  # Enjeux : vote

    expect(console.locator("#agenda > li[aria-current=step]")).to_contain_text("Enjeux : vote")
    expect(phone.locator("#phase-title")).to_have_text(ui.strings(phone)["phases"]["vote"])
    expect(phone.locator("#phase-text")).to_have_text(ui.strings(phone)["phase_texts"]["vote"])
    expect(wall.locator("#phase-name")).to_have_text(ui.strings(wall)["phases"]["vote"])
    for page in (wall, phone):
        assert_not_reloaded(page)


def test_saved_workshop_title_shows_on_the_wall_live(ui):
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    mark_page(wall)
    console = ui.open("/facilitator")
    ui.open_console(console)

    console.locator("#w-title").fill("Inventer notre territoire collaboratif")
    console.locator("#details-form button[type=submit]").click()

    expect(wall.locator("#workshop-title")).to_have_text("Inventer notre territoire collaboratif")
    assert_not_reloaded(wall)


def test_markup_in_a_name_shows_as_literal_text_on_the_wall_and_the_console(ui):
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    console = ui.open("/facilitator")
    ui.open_console(console)

    phone = ui.open("/", phone=True)
    ui.join(phone, MARKUP_NAME)

    expect(wall.locator("#names li")).to_have_text([MARKUP_NAME])
    expect(console.locator("#people tr td").first).to_have_text(MARKUP_NAME)
    for page in (wall, console, phone):
        expect(page.locator("main img[src=x]")).to_have_count(0)
    assert ui.dialogs == []


def test_the_console_removes_a_participant_after_confirming_and_their_phone_shows_the_join_form(ui):
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    phone, other = ui.open("/", phone=True), ui.open("/", phone=True)
    ui.join(phone, "Ana")
    ui.join(other, "Bruno")
    console = ui.open("/facilitator")
    ui.open_console(console)
    strings = ui.strings(console)
    remove = console.get_by_role("button", name=strings["remove_named"].replace("{name}", "Ana"))

    remove.click()  # the confirmation is dismissed (BrowserActions): nothing happens
    assert ui.dialogs and "Ana" in ui.dialogs[-1]
    expect(wall.locator("#names li")).to_have_text(["Ana", "Bruno"])

    console.evaluate("window.confirm = () => true")
    remove.click()
    with ui.explained():
        expect(console.locator("#people tr td:first-child")).to_have_text(["Bruno"])
        expect(wall.locator("#names li")).to_have_text(["Bruno"])
        expect(phone.locator("#join")).to_be_visible()
        expect(phone.locator("#join-error")).to_have_text(ui.strings(phone)["removed_you"])
    assert phone.evaluate("localStorage.getItem('kiosk_token')") is None
    expect(other.locator("#join")).to_be_hidden()
