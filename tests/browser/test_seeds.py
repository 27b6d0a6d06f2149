"""Project seeds in a browser: two phones of one group write the seed at once and nothing is lost;
a phone of another group joins the action group; the wall shows six seeds at 1920×1080."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import command
from .test_wordcloud import phone_client

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("KIOSK_SCREENSHOTS")  # a folder: the test also saves what the room would see


def seed_of(server, seed_id: int = 1) -> dict:
    return next(s for s in server.state()["seeds"] if s["id"] == seed_id)


def test_two_phones_write_one_seed_at_once_and_nothing_is_lost(ui, server):
    facilitator = server.facilitator()
    try:
        for text in ("Un local partagé pour les associations", "Des transports entre les vallées"):
            command(facilitator, "issue.propose", {"text": text})
        command(facilitator, "groups.form", {"count": 2, "from": "issues"})
        command(facilitator, "phase.set", {"phase": "groups"})
        phones = {}
        for name, group in (("Ana", 1), ("Bruno", 1), ("Chloé", 2)):
            phone = ui.open("/", phone=True)
            ui.join(phone, name)
            phone.locator(f'[data-key="join-{group}"]').click()
            expect(phone.locator("#group-list li.mine")).to_have_count(1)
            phones[name] = phone
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        command(facilitator, "phase.set", {"phase": "seeds"})
        ana, bruno, chloe = phones["Ana"], phones["Bruno"], phones["Chloé"]
        strings = ui.strings(ana)
        with ui.explained():
            for phone in (ana, bruno):
                expect(phone.locator("#seed-1-need")).to_have_value("Un local partagé pour les associations")

        # Different fields at once: both are kept.
        ana.locator("#seed-1-pitch").fill("Un lieu pour se réunir et stocker le matériel.")
        bruno.locator("#seed-1-first_step").fill("Visiter l’ancienne école avec la mairie")
        ana.locator("#seed-1-pitch").blur()
        bruno.locator("#seed-1-first_step").blur()
        with ui.explained():
            expect(bruno.locator("#seed-1-pitch")).to_have_value("Un lieu pour se réunir et stocker le matériel.")
            expect(ana.locator("#seed-1-first_step")).to_have_value("Visiter l’ancienne école avec la mairie")

        # The same field at once: Ana types, Bruno saves first. Ana's phone shows his text at once
        # and keeps hers; her save is refused until she has merged, and both texts end on the card.
        ana.locator("#seed-1-title").fill("La Maison des assos")
        bruno.locator("#seed-1-title").fill("Local partagé")
        bruno.locator("#seed-1-title").blur()
        with ui.explained():
            expect(ana.locator("#seed-1-title").locator("xpath=following-sibling::p[1]")).to_be_visible()
            expect(ana.locator(".seed-theirs-text").first).to_have_text("Local partagé")
        expect(ana.locator("#seed-1-title")).to_have_value("La Maison des assos")
        ana.locator("#seed-1-title").blur()
        expect(ana.locator("#status")).to_have_attribute("data-kind", "error")
        assert seed_of(server)["title"] == "Local partagé"
        expect(ana.locator("#seed-1-title")).to_have_value("La Maison des assos")
        # "Take their text" puts Bruno's in the field; Ana writes hers back around it.
        ana.locator('[data-key="seed-1-title-take"]').click()
        expect(ana.locator("#seed-1-title")).to_have_value("Local partagé")
        ana.locator("#seed-1-title").fill("La Maison des assos : un local partagé")
        ana.locator("#seed-1-title").blur()
        with ui.explained():
            expect(bruno.locator("#seed-1-title")).to_have_value("La Maison des assos : un local partagé")
        seed = seed_of(server)
        assert (seed["title"], seed["pitch"], seed["first_step"]) == (
            "La Maison des assos : un local partagé", "Un lieu pour se réunir et stocker le matériel.",
            "Visiter l’ancienne école avec la mairie")
        assert seed["versions"]["title"] == 2
        if SHOTS:
            ana.screenshot(path=str(Path(SHOTS) / "seeds-phone-writing.png"), full_page=True)

        # Chloé, of the other group, joins this seed's action group from the room's list, then Ana
        # joins and volunteers as referent.
        join = chloe.locator('[data-key="seed-join-1"]')
        expect(join).to_have_text(strings["seeds_join"])
        join.click()
        with ui.explained():
            expect(chloe.locator('[data-key="seed-leave-1"]')).to_be_visible()
        ana.locator('[data-key="seed-join-1"]').click()
        ana.locator('[data-key="seed-referent-1"]').click()
        with ui.explained():
            card = wall.locator(".seed-card", has_text="La Maison des assos")
            expect(card.locator(".seed-people")).to_contain_text("Ana")
            expect(card.locator(".seed-people")).to_contain_text("2")
        seed = seed_of(server)
        ids = {p["name"]: p["id"] for p in server.state()["participants"]}
        assert (seed["members"], seed["referent"]) == ([ids["Chloé"], ids["Ana"]], ids["Ana"])
        chloe.locator('[data-key="seed-leave-1"]').click()
        with ui.explained():
            expect(chloe.locator('[data-key="seed-join-1"]')).to_be_visible()
        assert seed_of(server)["members"] == [ids["Ana"]]
        assert not ui.errors, ui.errors
    finally:
        facilitator.disconnect()


SEEDS = [
    ("La Maison des assos", "Un local partagé pour les associations du Briançonnais", "2026-12-14", "Mairie de Briançon", True),
    ("Navettes des vallées", "Des transports entre les vallées le samedi", "2027-01-09", "Gare de L’Argentière", True),
    ("Annuaire vivant", "Un annuaire des acteurs du territoire, tenu à jour par eux-mêmes", "", "", True),
    ("Bénévoles formés", "Former les bénévoles à l’animation participative", "2026-12-20", "MJC de Guillestre", False),
    ("Cantine locale", "Approvisionner les cantines en produits des vallées", "2027-02-02", "Lycée d’altitude", True),
    ("Un toit pour les saisonniers, même l’hiver et pendant les intersaisons", "Loger les saisonniers", "", "", True),
]


def test_the_wall_shows_six_seeds_readable_and_one_large(ui, server):
    facilitator = server.facilitator()
    phones = []
    try:
        for _, need, *_ in SEEDS:
            command(facilitator, "issue.propose", {"text": need[:140]})
        command(facilitator, "groups.form", {"count": 6, "from": "issues"})
        command(facilitator, "phase.set", {"phase": "seeds"})
        for n in range(9):
            phones.append(phone_client(server, ["Ana", "Bruno", "Chloé", "Djamel", "Élise", "François", "Gaëlle",
                                                "Hugo", "Inès"][n]))
        for seed_id, (title, _, date, place, open_) in enumerate(SEEDS, start=1):
            for field, value in (("title", title), ("meeting_date", date), ("meeting_place", place), ("open", open_)):
                command(facilitator, "seed.edit", {"seed_id": seed_id, "field": field, "value": value, "version": 0})
            for phone in phones[seed_id - 1:seed_id + 2]:
                command(phone, "seed.join", {"seed_id": seed_id})
            member = server.state()["seeds"][seed_id - 1]["members"][0]
            command(facilitator, "seed.referent", {"seed_id": seed_id, "participant_id": member})
        command(facilitator, "seed.edit", {"seed_id": 1, "field": "pitch", "version": 0,
                                           "value": "Un lieu au centre de Briançon pour se réunir, stocker le matériel "
                                                    "et accueillir les nouveaux venus."})
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        with ui.explained():
            expect(wall.locator(".seed-card")).to_have_count(6)
        strings = ui.strings(wall)
        expect(wall.locator(".seed-card .seed-open")).to_have_count(5)
        expect(wall.locator(".seed-card").first).to_contain_text(strings["seeds_open_newcomers"])
        for width, height in ((1920, 1080), (1024, 768)):
            ui.resize(wall, width, height)
            # Every card fits the screen: nothing to scroll on a projector, no card over another.
            bottom = wall.evaluate("Math.max(...[...document.querySelectorAll('.seed-card')].map((c) => c.getBoundingClientRect().bottom))")
            if SHOTS:
                wall.screenshot(path=str(Path(SHOTS) / f"seeds-wall-{width}.png"))
            assert bottom <= height, (width, height, bottom)
        wall.set_viewport_size({"width": 1920, "height": 1080})
        # The console presents one seed large, picks a referent among the action group.
        console = ui.open("/facilitator")
        ui.open_console(console)
        console.locator('[data-key="seeds-show-1"]').click()
        console.locator('[data-key="seeds-referent-2"]').select_option(label="Djamel")
        with ui.explained():
            expect(wall.locator(".seed-head")).to_have_count(1)
        djamel = next(p["id"] for p in server.state()["participants"] if p["name"] == "Djamel")
        deadline = time.monotonic() + 10  # the console's command goes out when the choice is made
        while seed_of(server, 2)["referent"] != djamel and time.monotonic() < deadline:
            time.sleep(0.1)
        assert seed_of(server, 2)["referent"] == djamel
        with ui.explained():
            expect(wall.locator(".seed-head")).to_have_count(1)
            expect(wall.locator("#seeds-wall.one")).to_contain_text("stocker le matériel")
        if SHOTS:
            wall.screenshot(path=str(Path(SHOTS) / "seeds-wall-large.png"))
        command(facilitator, "seeds.show", {"seed_id": None})
        expect(wall.locator(".seed-card")).to_have_count(6)
        if SHOTS:
            phone = ui.open("/", phone=True)
            ui.join(phone, "Jules")
            phone.screenshot(path=str(Path(SHOTS) / "seeds-phone.png"), full_page=True)
            console.locator("#seeds-heading").scroll_into_view_if_needed()
            console.screenshot(path=str(Path(SHOTS) / "seeds-console.png"))
        assert not ui.errors, ui.errors
    finally:
        for phone in phones:
            phone.disconnect()
        facilitator.disconnect()


def test_a_vote_over_the_needs_shows_the_texts_it_carries(browser, server):
    """The vote's screens name an item from the texts the vote carries (a phone need not hold the
    review's notes), and an issue from the issues, as before."""
    static = re.search(r'href="(/static/[^/"]+)/css/kiosk.css"', server.get("/wall")[1].decode()).group(1)
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        page.goto("/api/state")  # a page of the box: the modules' imports resolve as on the screens
        texts = page.evaluate("""async (path) => {
          const { itemText } = await import(path);
          const issues = [{ id: 12, text: "Mobilité" }];
          const needs = { issue_ids: [12, 14], items: [{ id: 12, text: "Un local partagé" }, { id: 14, text: "Des navettes" }] };
          return [itemText({ issues, vote: needs }, 12), itemText({ issues, vote: needs }, 14),
                  itemText({ issues, vote: { issue_ids: [12] } }, 12), itemText({ issues, vote: null }, 12)];
        }""", f"{static}/js/activities/vote/items.js")
    finally:
        context.close()
    assert texts == ["Un local partagé", "Des navettes", "Mobilité", "Mobilité"]
