"""The address book and the round table in a browser: a phone fills its card and ticks its
consents; another phone searches the room's book and finds only the cards made visible to the
room, at 390×844 with a room of 60; the wall shows the speaker of the round table, readable at
1920×1080 and 1024×768."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from .conftest import command
from .test_wordcloud import phone_client

pytestmark = [pytest.mark.browser, pytest.mark.kiosk_env(KIOSK_JOIN_CAP="0")]

SHOTS = os.environ.get("KIOSK_SCREENSHOTS")  # a folder: the test also saves what the room would see
FIRST = ["Léa", "Hugo", "Chloé", "Nathan", "Inès", "Louis", "Manon", "Jules", "Camille", "Gabriel", "Sarah", "Arthur",
         "Zoé", "Raphaël", "Lina", "Paul", "Anaïs", "Yanis", "Jade", "Tom"]
STRUCTURES = ["Mairie de Briançon", "Communauté de communes du Guillestrois-Queyras", "Association Vélo Durance",
              "Parc national des Écrins", "Tiers-lieu La Fabrique", "Office de tourisme", "Épicerie solidaire",
              "Lycée d'altitude", "Chambre d'agriculture", "Compagnie de théâtre Le Fil"]


def seed_room(server, count: int) -> list:
    """`count` participants with cards: two in three visible to the room, the others kept private."""
    clients = []
    for n in range(count):
        client = phone_client(server, FIRST[n % len(FIRST)])
        clients.append(client)
        card = {"name": f"{FIRST[n % len(FIRST)]} {chr(65 + n % 26)}.", "structure": STRUCTURES[n % len(STRUCTURES)],
                "role": "Chargé·e de mission" if n % 2 else "Bénévole", "email": f"personne{n}@exemple.fr",
                "phone": f"06 00 00 00 {n:02d}", "bring": "Un réseau de bénévoles et une salle pour se réunir",
                "seek": "Des partenaires pour un événement citoyen", "room": n % 3 != 0, "report": n % 3 != 0}
        assert client.call("addressbook.save", card, timeout=10)["ok"]
    return clients


def test_a_phone_finds_only_the_cards_visible_to_the_room(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "phase.set", {"phase": "addressbook"})
        command(facilitator, "addressbook.add_contact", {"organisation": "Mission locale du Briançonnais",
                                                         "kind": "public_contact", "service": "Accueil",
                                                         "phone": "04 92 21 00 00", "offers": "Emploi des jeunes"})
        seed_room(server, 57)
        private = phone_client(server, "Élodie")
        assert private.call("addressbook.save", {"name": "Élodie Secret", "structure": "Régie de quartier",
                                                 "email": "elodie.secret@exemple.fr", "report": True}, timeout=10)["ok"]
        visible = len(server.state()["addressbook"]["cards"])

        ana = ui.open("/", phone=True)
        ana.set_viewport_size({"width": 390, "height": 844})
        ui.join(ana, "Ana")
        # Nothing is ticked for her: her card is not in the room's book until she ticks it.
        expect(ana.locator("#addressbook-name")).to_have_value("Ana")
        for use in ("room", "report", "absentees"):
            expect(ana.locator(f"#addressbook-{use}")).not_to_be_checked()
        ana.locator("#addressbook-structure").fill("Fédération des œuvres laïques")
        ana.locator("#addressbook-email").fill("pas-une-adresse")
        ana.locator("#addressbook-form button[type=submit]").click()
        with ui.explained():
            expect(ana.locator("#addressbook-error")).to_contain_text("pas-une-adresse")
        ana.locator("#addressbook-email").fill("ana@fol05.example")
        ana.locator("#addressbook-bring").fill("Des animateurs pour les veillées")
        ana.locator("#addressbook-room").check()
        ana.locator("#addressbook-form button[type=submit]").click()
        expect(ana.locator("#addressbook-done")).not_to_be_empty()

        bruno = ui.open("/", phone=True)
        bruno.set_viewport_size({"width": 390, "height": 844})
        ui.join(bruno, "Bruno")
        cards = bruno.locator("#addressbook-cards > li")
        with ui.explained():
            expect(cards).to_have_count(visible + 1)
        assert visible + 1 >= 40
        search = bruno.locator("#addressbook-search")
        search.fill("federation")
        expect(cards).to_have_count(1)
        expect(cards.first).to_contain_text("Ana")
        expect(cards.first).to_contain_text("ana@fol05.example")
        search.fill("elodie")
        expect(cards).to_have_count(0)  # she kept her card out of the room
        search.fill("regie")
        expect(cards).to_have_count(0)
        search.fill("ecrins charge")  # accents and case aside, every word
        assert cards.count() >= 2
        search.fill("mission locale")
        expect(cards).to_have_count(1)
        expect(cards.first).to_contain_text("04 92 21 00 00")
        assert "elodie.secret" not in bruno.content()
        search.fill("")
        expect(cards).to_have_count(visible + 1)
        # Readable on the phone: no card wider than the screen, text at least 16 px.
        width = bruno.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width
        smallest = bruno.evaluate("""Math.min(...[...document.querySelectorAll('#addressbook-cards p')]
            .map((p) => parseFloat(getComputedStyle(p).fontSize)))""")
        assert smallest >= 16, smallest
        if SHOTS:
            ana.screenshot(path=f"{SHOTS}/addressbook-phone-form.png")
            bruno.locator("#addressbook-mine summary").click()  # the form folded: the book under the search
            bruno.locator("#addressbook-search").scroll_into_view_if_needed()
            bruno.evaluate("window.scrollBy(0, document.querySelector('#addressbook-search').getBoundingClientRect().top - 60)")
            bruno.screenshot(path=f"{SHOTS}/addressbook-phone-book.png")

        # The wall: who is who, names and structures only; the cards it has no room for go on its next pages.
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        names = wall.locator("#addressbook-wall-cards li")
        with ui.explained():
            expect(wall.locator("#addressbook-wall-cards li").first).to_be_visible()
        assert "@" not in wall.locator("#addressbook").inner_text()
        for width, height in ((1920, 1080), (1024, 768)):
            ui.resize(wall, width, height)
            shown = wall.evaluate("[...document.querySelectorAll('#addressbook-wall-cards li')].filter((li) => li.checkVisibility()).length")
            assert names.count() == visible, (width, names.count())  # people, not the useful contact, each on a page
            assert shown >= (24 if width == 1920 else 10), (width, shown)
            assert wall.locator("#addressbook .fit-pager").is_visible() == (shown < visible), (width, shown)
            if SHOTS:
                wall.screenshot(path=f"{SHOTS}/addressbook-wall-{width}.png")
            overflow = wall.evaluate("document.documentElement.scrollHeight - window.innerHeight")
            assert overflow <= 0, (width, overflow)

        # Ana takes back "visible to the room": her card leaves Bruno's phone at once.
        ana.locator("#addressbook-room").uncheck()
        ana.locator("#addressbook-form button[type=submit]").click()
        with ui.explained():
            expect(cards).to_have_count(visible)
        expect(bruno.locator("#addressbook-cards", has_text="ana@fol05.example")).to_have_count(0)
        assert not ui.errors, ui.errors
    finally:
        facilitator.disconnect()


def test_the_wall_shows_the_speaker_and_the_speakers_phone_says_it_is_their_turn(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "phase.set", {"phase": "addressbook"})
        ana = ui.open("/", phone=True)
        ui.join(ana, "Ana")
        ana.locator("#addressbook-structure").fill("Communauté de communes du Guillestrois-Queyras")
        ana.locator("#addressbook-bring").fill("Des données sur les mobilités du territoire et un réseau d'élus prêts à agir")
        ana.locator("#addressbook-seek").fill("Des associations pour lancer un covoiturage entre vallées")
        ana.locator("#addressbook-room").check()
        ana.locator("#addressbook-form button[type=submit]").click()
        expect(ana.locator("#addressbook-done")).not_to_be_empty()
        seed_room(server, 23)
        command(facilitator, "phase.set", {"phase": "roundtable"})
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        command(facilitator, "roundtable.start", {"order": "join", "seconds": 60})
        command(facilitator, "roundtable.next", {})
        with ui.explained():
            expect(wall.locator("#roundtable-name")).to_have_text("Ana")
        expect(wall.locator("#roundtable-structure")).to_have_text("Communauté de communes du Guillestrois-Queyras")
        expect(wall.locator("#roundtable-bring")).to_contain_text("mobilités")
        expect(wall.locator("#roundtable-seek")).to_contain_text("covoiturage")
        expect(wall.locator("#roundtable-progress")).to_have_text("1/24")
        expect(wall.locator("#roundtable-next")).to_contain_text("Léa")
        expect(wall.locator("#countdown")).to_have_text("1:00")
        expect(ana.locator("#roundtable-turn")).to_be_visible()
        expect(ana.locator("#roundtable-time")).to_contain_text(":")
        if SHOTS:
            ana.set_viewport_size({"width": 390, "height": 844})
            ana.screenshot(path=f"{SHOTS}/roundtable-phone-turn.png")
        for _ in range(6):
            command(facilitator, "roundtable.next", {})
        expect(wall.locator("#roundtable-progress")).to_have_text("7/24")
        expect(ana.locator("#roundtable-turn")).to_be_hidden()
        expect(ana.locator("#roundtable-speaker")).to_have_text(f"{server.state()['roundtable']['current_name']} a la parole")
        expect(wall.locator("#roundtable-order li.done")).to_have_count(6)
        state = server.state()["roundtable"]
        speaker_card = next((c for c in server.state()["addressbook"]["cards"] if c["participant"] == state["current"]), None)
        expect(wall.locator("#roundtable-structure")).to_have_text(speaker_card["structure"] if speaker_card else "")
        for width, height in ((1920, 1080), (1024, 768)):
            ui.resize(wall, width, height)
            if SHOTS:
                wall.screenshot(path=f"{SHOTS}/roundtable-wall-{width}.png")
            overflow = wall.evaluate("document.documentElement.scrollHeight - window.innerHeight")
            assert overflow <= 0, (width, overflow)
            name_size = wall.evaluate("parseFloat(getComputedStyle(document.querySelector('#roundtable-name')).fontSize)")
            assert name_size >= 48, (width, name_size)  # a first name read from 8 m
        if SHOTS:
            ana.set_viewport_size({"width": 390, "height": 844})
            ana.screenshot(path=f"{SHOTS}/roundtable-phone.png")
        assert not ui.errors, ui.errors
    finally:
        facilitator.disconnect()
