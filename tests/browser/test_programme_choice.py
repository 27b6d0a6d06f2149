"""Choosing the programme in the console, before the first step, as one chooses a deck."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_console_lists_the_programmes_and_switches_before_the_first_step(ui, server):
    console = ui.open("/facilitator?lang=en")
    ui.open_console(console)
    strings = ui.strings(console)
    expect(console.locator("#programme-current")).to_contain_text("Sharitories : inventer")
    console.locator("#programmes-look").click()
    rows = console.locator("#programme-list li")
    shipped = sorted(path.name for path in (Path(__file__).parents[2] / "decks" / "programmes").glob("*.toml"))
    assert len(shipped) >= 4  # Sharitories and the ateliers participatifs, each in French and English
    with ui.explained():
        expect(rows).to_have_count(len(shipped))
        expect(rows.filter(has_text="sharitories.fr.toml")).to_contain_text(strings["deck_in_use_now"])
    english = rows.filter(has_text="sharitories.en.toml")
    english.get_by_role("button", name=strings["programme_use"]).click()
    with ui.explained():
        expect(console.locator("#programme-current")).to_contain_text("Sharitories: invent")
        expect(console.locator("#programme-started")).to_be_hidden()
    assert server.state()["step"] is None
    # The decks list shares its rows: the deck in use is marked, the other one offered.
    console.locator("#decks-look").click()
    decks = console.locator("#deck-list li")
    with ui.explained():
        expect(decks.filter(has_text="pratiques-collaboratives.fr.toml")).to_contain_text(strings["deck_in_use_now"])
        expect(decks.filter(has_text="collaborative-practices.en.toml").get_by_role("button")).to_have_text(strings["deck_use"])
    assert not ui.errors, ui.errors
