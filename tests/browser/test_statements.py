"""Statements on a phone (390×844): one statement at a time, answered with a thumb, the next one
coming by itself; a statement written, moderated, answered by the room, and its fate on the
author's phone; the wall's results after the facilitator shows them."""

from __future__ import annotations

import os
import threading

import pytest
from playwright.sync_api import expect

from .conftest import command
from .test_wordcloud import phone_client

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("KIOSK_SCREENSHOTS")  # a folder: the test also saves what the room would see
SEEDS = ["Les tiers-lieux sont le cœur des territoires contributifs.",
         "La collectivité doit financer les initiatives citoyennes.",
         "On apprend mieux à contribuer en le faisant qu'en formation."]


def console_state(facilitator) -> dict:
    """The console's snapshot (the moderation inbox is not public): `state.get`, then its `state` event."""
    received = threading.Event()
    got = {}
    facilitator.on("state", lambda data: (got.update(data), received.set()))
    command(facilitator, "state.get", {})
    assert received.wait(10)
    return got


def test_a_phone_answers_statements_one_at_a_time_and_sees_how_its_own_fares(ui, server):
    facilitator = server.facilitator()
    others = []
    try:
        command(facilitator, "phase.set", {"phase": "statements"})
        command(facilitator, "statements.prompt", {"prompt": "Qu'est-ce qui rend un territoire contributif ?"})
        for text in SEEDS:
            command(facilitator, "statements.seed", {"text": text})
        phone = ui.open("/", phone=True)
        ui.join(phone, "Ana")
        card = phone.locator("#statements-text")
        expect(card).to_be_visible()
        if SHOTS:
            phone.screenshot(path=os.path.join(SHOTS, "phone-statements-card.png"))
        shown = set()
        for answer in ("agree", "disagree", "pass"):
            text = card.inner_text()
            assert text in SEEDS and text not in shown  # never twice
            shown.add(text)
            phone.locator(f"#statements-card .statements-{answer}").click()
            if len(shown) < len(SEEDS):
                expect(card).not_to_have_text(text)
        expect(phone.locator("#statements-none")).to_be_visible()
        assert shown == set(SEEDS)
        # Her own statement: waiting, then live, then answered by six more people.
        phone.locator("#statements-new").fill("Le local associatif doit rester ouvert le soir.")
        phone.locator("#statements-form button[type=submit]").click()
        expect(phone.locator("#statements-mine li")).to_have_count(1)
        pending = console_state(facilitator)["statements"]["pending"]
        assert [p["text"] for p in pending] == ["Le local associatif doit rester ouvert le soir."]
        command(facilitator, "statements.accept", {"id": pending[0]["id"]})
        ids = [s["id"] for s in console_state(facilitator)["statements"]["items"]]
        for n in range(6):
            client = phone_client(server, f"P{n}")
            others.append(client)
            for sid in ids:
                vote = 1 if sid == pending[0]["id"] else (-1 if n % 2 else 1)
                answer = client.call("statements.answer", {"id": sid, "vote": vote}, timeout=10)
                assert answer["ok"], answer
        mine = phone.locator("#statements-mine li")
        expect(mine).to_contain_text("6")
        expect(mine).to_contain_text("Consensus")
        # She changes her first answer from the list.
        phone.locator("#statements-answered summary").click()
        expect(phone.locator("#statements-answered-list li")).to_have_count(3)
        if SHOTS:
            phone.screenshot(path=os.path.join(SHOTS, "phone-statements.png"), full_page=True)
        first = phone.locator("#statements-answered-list li").last
        expect(first.locator("button").nth(0)).to_have_attribute("aria-pressed", "true")  # agreed first
        first.locator("button").nth(1).click()
        expect(first.locator("button").nth(1)).to_have_attribute("aria-pressed", "true")
        wall = ui.open("/wall")
        ui.wait_connected(wall)
        expect(wall.locator("#statements-count")).to_contain_text("4")  # the count, until the results are shown
        if SHOTS:
            wall.screenshot(path=os.path.join(SHOTS, "wall-statements-count.png"))
        command(facilitator, "statements.show", {"shown": True})
        results = server.state()["statements"]
        expect(wall.locator("#statements-results > li")).to_have_count(len(results["consensus"]) + len(results["divisive"]))
        expect(wall.locator("#statements-results")).to_contain_text("Le local associatif doit rester ouvert le soir.")
        if SHOTS:
            for width, height in ((1920, 1080), (1024, 768)):
                ui.resize(wall, width, height)
                wall.screenshot(path=os.path.join(SHOTS, f"wall-statements-{width}x{height}.png"))
    finally:
        for client in others:
            client.disconnect()
        facilitator.disconnect()
