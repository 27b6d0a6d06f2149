"""The situation review in a browser: two phones post and +1 each other's notes, the wall shows the
buckets side by side with a real room's 40 notes at 1920×1080 and 1024×768, nothing overflowing;
a moderated note shows as awaiting approval on its author's phone."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from .conftest import command
from .test_wordcloud import phone_client

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("KIOSK_SCREENSHOTS")  # a folder: the test also saves what the room would see
ROOM = {
    "Freins": ["Pas de bus après 19 h", "Peu de bénévoles, toujours les mêmes", "Les financements sont annuels et "
               "arrivent tard : impossible de prévoir un projet sur trois ans dans ces conditions", "Manque de temps",
               "Les élus ne viennent pas", "Méconnaissance entre structures", "Des locaux trop chers"],
    "Leviers": ["La fête du village", "Le réseau des tiers-lieux", "Des habitants motivés", "La radio locale",
                "Le marché du samedi", "Des bénévoles formés", "La communauté de communes soutient les projets d'alimentation locale"],
    "Moyens": ["Une salle prêtée par la mairie", "Un minibus partagé", "Des subventions Leader", "Un site web commun",
               "Des compétences en comptabilité"],
    "Besoins": ["Un local partagé", "Un annuaire des acteurs", "Du temps salarié pour coordonner", "Se former à "
                "l'animation", "Un outil pour partager le matériel", "Des transports le soir", "Mutualiser un emploi",
                "Un lieu pour stocker", "Mieux communiquer"],
    "Attentes": ["Repartir avec des contacts", "Un projet concret d'ici l'été", "Se revoir dans six mois",
                 "Être écoutés", "Que ça serve vraiment", "Des suites visibles", "Rencontrer les élus",
                 "Comprendre qui fait quoi", "Des idées neuves", "Un compte rendu clair", "Garder le lien"],
}
BUCKETS = list(ROOM)


def columns(page) -> list[dict]:
    """Each column of the wall: its box, its cards shown on the page (with their boxes), how many are on other
    pages, and its page number ("1/3", empty with one page)."""
    return page.evaluate("""() => [...document.querySelectorAll('#review-columns .review-column')].map((column) => ({
      box: column.getBoundingClientRect().toJSON(),
      title: column.querySelector('h3 > :first-child').textContent,
      cards: [...column.querySelectorAll('.review-card')].filter((c) => c.checkVisibility())
        .map((c) => ({ box: c.getBoundingClientRect().toJSON(), font: parseFloat(getComputedStyle(c.querySelector('.review-text')).fontSize) })),
      hidden: [...column.querySelectorAll('.review-card')].filter((c) => !c.checkVisibility()).length,
      pager: (column.querySelector('.fit-pager') || {}).hidden === false ? column.querySelector('.fit-pager').textContent : '',
    }))""")


def test_two_phones_post_and_plus_one_and_the_wall_shows_forty_notes_side_by_side(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "phase.set", {"phase": "review"})
        command(facilitator, "review.open", {"prompt": "État des lieux : la mobilité sur le territoire",
                                             "buckets": BUCKETS})
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        ana, bruno = ui.open("/", phone=True), ui.open("/", phone=True)
        ui.join(ana, "Ana")
        ui.join(bruno, "Bruno")
        strings = ui.strings(ana)
        # Ana chooses a bucket with its big button, writes, and double-taps "post": one note.
        ana.get_by_role("button", name="Besoins").click()
        ana.locator("#review-text").fill("Un local partagé")
        ana.locator("#review-send").dblclick()
        with ui.explained():
            expect(ana.locator("#review-mine li")).to_have_count(1)
            expect(wall.locator(".review-card", has_text="Un local partagé")).to_have_count(1)
        assert len(server.state()["review"]["notes"]) == 1
        # Bruno sees it under "Besoins" and gives it a +1; the wall shows the count; Ana cannot +1 her own.
        plus = bruno.get_by_role("button", name=strings["review_plus_named"].replace("{text}", "Un local partagé"))
        plus.click()
        with ui.explained():
            expect(wall.locator(".review-card", has_text="Un local partagé")).to_contain_text("+1")
            expect(bruno.locator("#review-room button[aria-pressed=true]")).to_have_count(1)
        expect(ana.locator("#review-room button")).to_have_count(0)
        # Bruno posts too; Ana gives a +1 from her phone.
        bruno.get_by_role("button", name="Freins").click()
        bruno.locator("#review-text").fill("Pas de bus le soir")
        bruno.locator("#review-send").click()
        ana.get_by_role("button", name=strings["review_plus_named"].replace("{text}", "Pas de bus le soir")).click()
        with ui.explained():
            expect(wall.locator(".review-card", has_text="Pas de bus le soir")).to_contain_text("+1")

        # A room: 38 more notes from other phones (eight each: under the command rate), 40 in all.
        notes = [(bucket, text) for bucket, texts in ROOM.items() for text in texts if text != "Un local partagé"]
        assert len(notes) == 38
        clients = [phone_client(server, f"P{n}") for n in range(5)]
        for n, (bucket, text) in enumerate(notes):
            command(clients[n % 5], "review.post", {"bucket": bucket, "text": text})
        for n, client in enumerate(clients):  # a few +1s, so the most supported rise to the top
            for note_id in range(1, 3 + n):
                client.call("review.plus", {"note_id": note_id}, timeout=10)
        assert len(server.state()["review"]["notes"]) == 40
        with ui.explained():
            expect(wall.locator(".review-card")).to_have_count(40)
        for width, height in ((1920, 1080), (1024, 768)):
            ui.resize(wall, width, height)
            found = columns(wall)
            assert [c["title"].rsplit(" ", 1)[0] for c in found] == BUCKETS
            # Side by side: one row of columns, left to right, inside the screen.
            assert len({round(c["box"]["top"]) for c in found}) == 1
            assert [c["box"]["left"] for c in found] == sorted(c["box"]["left"] for c in found)
            assert found[-1]["box"]["right"] <= width and found[0]["box"]["bottom"] <= height
            for column in found:
                for card in column["cards"]:  # every card shown lies wholly in its column
                    assert column["box"]["top"] <= card["box"]["top"] and card["box"]["bottom"] <= column["box"]["bottom"], (width, column["title"])
                    assert column["box"]["left"] <= card["box"]["left"] and card["box"]["right"] <= column["box"]["right"]
                # What does not fit goes on the column's next pages, never lost: "1/2" under it.
                assert bool(column["hidden"]) == bool(column["pager"]), column
                if column["hidden"]:
                    assert re.fullmatch(r"\d/\d", column["pager"]), column
            assert sum(len(c["cards"]) + c["hidden"] for c in found) == 40
            assert sum(len(c["cards"]) for c in found) >= (25 if height == 1080 else 15), found
            scroll = wall.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            assert scroll[0] <= width and scroll[1] <= height, (width, scroll)  # no scrollbar on a projector
            if height == 1080:
                assert min(card["font"] for c in found for card in c["cards"]) >= 30
            if SHOTS:
                wall.screenshot(path=f"{SHOTS}/review-wall-{width}.png")
        if SHOTS:
            bruno.set_viewport_size({"width": 390, "height": 844})
            bruno.screenshot(path=f"{SHOTS}/review-phone.png", full_page=True)

        # With moderation, Ana's note waits: her phone says so, the wall does not show it.
        command(facilitator, "review.open", {"prompt": "Et ensuite ?", "buckets": ["Envies"], "moderation": True})
        ana.get_by_role("button", name="Envies").click()
        ana.locator("#review-text").fill("Un atelier vélo")
        ana.locator("#review-send").click()
        with ui.explained():
            expect(ana.locator("#review-mine li")).to_contain_text(strings["review_pending"])
        expect(wall.locator(".review-card")).to_have_count(0)
        if SHOTS:
            ana.screenshot(path=f"{SHOTS}/review-phone-pending.png")
        assert not ui.errors, ui.errors
    finally:
        facilitator.disconnect()


def test_the_console_accepts_from_its_inbox_and_merges_two_ticked_notes(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "phase.set", {"phase": "review"})
        console = ui.open("/facilitator")
        ui.open_console(console)
        strings = ui.strings(console)
        console.locator("#review-question").fill("La mobilité")
        console.locator("#review-moderation").check()
        console.locator("#review-open-button").click()
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        ana, bruno = phone_client(server, "Ana"), phone_client(server, "Bruno")
        command(ana, "review.post", {"bucket": "Besoins", "text": "Un local partagé"})
        command(bruno, "review.post", {"bucket": "Besoins", "text": "Une salle commune"})
        with ui.explained():
            expect(console.locator("#review-inbox li")).to_have_count(2)
        expect(wall.locator(".review-card")).to_have_count(0)
        for text in ("Un local partagé", "Une salle commune"):
            console.get_by_role("button", name=strings["review_accept_named"].replace("{text}", text)).click()
        with ui.explained():
            expect(wall.locator(".review-card")).to_have_count(2)
        command(ana, "review.plus", {"note_id": 2})
        command(bruno, "review.plus", {"note_id": 1})
        merge = console.locator("#review-merge")
        expect(merge).to_be_disabled()
        console.get_by_label(strings["review_select_named"].replace("{text}", "Un local partagé")).check()
        console.get_by_label(strings["review_select_named"].replace("{text}", "Une salle commune")).check()
        merge.click()
        with ui.explained():  # the first ticked is kept, with the +1s of both
            expect(wall.locator(".review-card")).to_have_count(1)
            expect(wall.locator(".review-card")).to_contain_text("Un local partagé")
            expect(wall.locator(".review-card")).to_contain_text("+2")
            expect(console.locator("#review-console-buckets")).to_contain_text("Une salle commune")  # merged from
        if SHOTS:
            console.set_viewport_size({"width": 1280, "height": 900})
            console.locator("section[aria-labelledby=review-heading]").screenshot(path=f"{SHOTS}/review-console.png")
        assert not ui.errors, ui.errors
    finally:
        facilitator.disconnect()
