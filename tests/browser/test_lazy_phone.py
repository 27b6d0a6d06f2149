"""A phone loads an activity's screen (its section, its texts, its phone.js) only when its step
comes, once, and keeps working offline-first (issue 17, "every byte crosses one radio channel")."""

from __future__ import annotations

import os
import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from .conftest import command

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("KIOSK_SCREENSHOTS")  # a folder: the test also saves what the phone shows
SCRIPT = re.compile(r"/static/[^/]+/js/activities/(\w+)/(?!events\.js)[\w.]+\.js")
PART = re.compile(r"/phone/[^/]+/[a-z]+/(\w+)\.json$")


class Requests:
    """What a phone asked the box for: each activity's screen scripts and parts, in order."""

    def __init__(self, page):
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def scripts(self) -> list[str]:
        """The activities whose screen scripts (phone.js and its helpers, not the reducers) came."""
        return [m.group(1) for url in self.urls if (m := SCRIPT.search(url))]

    def screens(self) -> list[str]:
        return [m.group(1) for url in self.urls if (m := SCRIPT.search(url)) and url.split("?")[0].endswith("/phone.js")]

    def parts(self) -> list[str]:
        return [m.group(1) for url in self.urls if (m := PART.search(url))]


def shot(phone, name):
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/lazy-{name}.png", full_page=True)


def test_a_phone_loads_each_steps_screen_once_when_the_step_comes_and_acts_in_it(ui, server):
    facilitator = server.facilitator()
    try:
        phone = ui.open("/", phone=True)
        ui.resize(phone, 390, 844)
        asked = Requests(phone)
        ui.join(phone, "Ana")
        strings = ui.strings(phone)
        reached: list[str] = []

        def step(phase, *starts, shows):
            """Move the room to `phase` (and start its activity); its screen comes, none other."""
            assert phase not in asked.scripts() and phase not in asked.parts(), (phase, asked.urls)
            command(facilitator, "phase.set", {"phase": phase})
            for name, payload in starts:
                command(facilitator, name, payload)
            reached.append(phase)
            with ui.explained():
                expect(phone.locator(shows)).to_be_visible()
            assert set(asked.scripts()) <= set(reached), asked.urls

        # The welcome: nothing of any activity.
        expect(phone.locator("#phase-title")).to_have_text(strings["phases"]["welcome"])
        assert asked.scripts() == [] and asked.parts() == [], asked.urls

        step("issues", shows="#propose-form")
        phone.locator("#issue-text").fill("Mobilité en zone rurale")
        phone.locator("#propose-form button[type=submit]").click()
        with ui.explained():
            expect(phone.locator("#issues")).to_contain_text("Mobilité en zone rurale")
        command(facilitator, "issue.propose", {"text": "Logement des jeunes"})
        shot(phone, "issues")

        step("vote", ("vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2}), shows="#vote")
        phone.get_by_role("button", name=strings["dot_add"].replace("{issue}", "Mobilité en zone rurale")).click()
        with ui.explained():
            expect(phone.locator("#dots-left")).to_have_text(strings["dots_left"].replace("{n}", "2"))
        shot(phone, "vote")

        command(facilitator, "vote.close", {})
        step("groups", ("groups.form", {"count": 1}), shows="#group-list li")
        group = server.state()["groups"][0]
        phone.get_by_role("button", name=strings["join_group_named"].replace("{name}", group["name"])).click()
        with ui.explained():
            expect(phone.locator("#group-list li.mine")).to_have_count(1)

        # The board shows the group's texts too: the groups' part is in the page already, not asked again.
        step("board", shows="#board-work")
        card = server.state()["deck"]["families"][0]["cards"][0]
        phone.locator("#place-card").select_option(card["id"])
        phone.locator("#place-form button[type=submit]").click()
        with ui.explained():
            expect(phone.locator("#board-list .board-title")).to_have_text([card["title"]])
        assert [c["card_id"] for c in server.state()["boards"][str(group["id"])]] == [card["id"]]
        shot(phone, "board")

        step("wordcloud", ("wordcloud.open", {"prompt": "En un mot, ce qui vous amène ?"}), shows="#wordcloud-form")
        phone.locator("#wordcloud-word-0").fill("Vélo")
        phone.locator("#wordcloud-form button[type=submit]").click()
        with ui.explained():
            expect(phone.locator("#wordcloud-done")).to_be_visible()

        step("review", ("review.open", {"prompt": "État des lieux", "buckets": ["Freins", "Besoins"]}),
             shows="#review-buckets")
        phone.get_by_role("button", name="Besoins").click()
        phone.locator("#review-text").fill("Un local partagé")
        phone.locator("#review-send").click()
        with ui.explained():
            expect(phone.locator("#review-mine li")).to_have_count(1)

        step("debate", ("debate.open", {"statement": "Le covoiturage est une pratique durable."}), shows="#debate-sides")
        agree = phone.locator("#debate-sides button[data-side=agree]")
        agree.click()
        with ui.explained():
            expect(agree).to_have_attribute("aria-pressed", "true")
        shot(phone, "debate")

        # Back to an earlier step: its screen is still in the page, asked for nothing.
        command(facilitator, "phase.set", {"phase": "issues"})
        with ui.explained():
            expect(phone.locator("#issues")).to_contain_text("Logement des jeunes")

        state = server.state()
        assert {r["issue_id"]: r["dots"] for r in state["vote"]["results"]}[1] == 1
        assert [w["text"] for w in state["wordcloud"]["words"]] == ["Vélo"]
        assert state["debate"]["counts"]["agree"] == 1
        # Each screen once, in the order its step came; each part once (the board's needs included).
        assert asked.screens() == reached, asked.urls
        assert Counter(asked.parts()) == Counter(reached), asked.urls
        assert not ui.errors, ui.errors
    finally:
        facilitator.disconnect()


def test_a_phone_joining_mid_programme_loads_only_the_current_steps_screen(ui, server):
    facilitator = server.facilitator()
    try:
        for text in ("Mobilité en zone rurale", "Logement des jeunes"):
            command(facilitator, "issue.propose", {"text": text})
        command(facilitator, "vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2})
        command(facilitator, "phase.set", {"phase": "vote"})
        phone = ui.open("/", phone=True)
        asked = Requests(phone)
        ui.join(phone, "Bruno")
        strings = ui.strings(phone)
        phone.get_by_role("button", name=strings["dot_add"].replace("{issue}", "Logement des jeunes")).click()
        with ui.explained():
            expect(phone.locator("#dots-left")).to_have_text(strings["dots_left"].replace("{n}", "2"))
        assert asked.screens() == ["vote"] and asked.parts() == ["vote"], asked.urls
        # A reload at the same step shows it again from the browser's cache: the screen's files are
        # kept under the box's version.
        phone.reload()
        with ui.explained():
            expect(phone.locator("#dots-left")).to_have_text(strings["dots_left"].replace("{n}", "2"))
        assert {r["issue_id"]: r["dots"] for r in server.state()["vote"]["results"]} == {1: 0, 2: 1}
    finally:
        facilitator.disconnect()


def test_a_phone_back_on_the_wifi_at_a_later_step_sends_what_waited_and_loads_that_step(ui, server):
    facilitator = server.facilitator()
    try:
        command(facilitator, "phase.set", {"phase": "issues"})
        phone = ui.open("/", phone=True)
        asked = Requests(phone)
        ui.join(phone, "Chloé")
        strings = ui.strings(phone)
        expect(phone.locator("#propose-form")).to_be_visible()

        # The Wi-Fi goes: the screen stays, the proposal waits in the outbox.
        phone.context.set_offline(True)
        expect(phone.locator("#status")).to_have_attribute("data-kind", "warn", timeout=30_000)
        phone.locator("#issue-text").fill("Des jardins partagés")
        phone.locator("#propose-form button[type=submit]").click()
        expect(phone.locator("#pending")).to_have_text(strings["pending_one"])
        expect(phone.locator("#propose-form")).to_be_visible()

        # The room moves on meanwhile; the first try for the word cloud's script fails on the way.
        command(facilitator, "phase.set", {"phase": "wordcloud"})
        command(facilitator, "wordcloud.open", {"prompt": "En un mot ?"})
        failed = []

        def once(route):
            if not failed:
                failed.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        phone.route(re.compile(r".*/activities/wordcloud/phone\.js.*"), once)
        phone.context.set_offline(False)
        with ui.explained():
            expect(phone.locator("#wordcloud-form")).to_be_visible(timeout=30_000)
            expect(phone.locator("#pending")).to_be_hidden()
        phone.locator("#wordcloud-word-0").fill("Jardin")
        phone.locator("#wordcloud-form button[type=submit]").click()
        with ui.explained():
            expect(phone.locator("#wordcloud-done")).to_be_visible()
        state = server.state()
        assert [i["text"] for i in state["issues"]] == ["Des jardins partagés"]
        assert [w["text"] for w in state["wordcloud"]["words"]] == ["Jardin"]
        assert failed and asked.screens() == ["issues", "wordcloud", "wordcloud"], asked.urls
    finally:
        facilitator.disconnect()


def test_a_phone_whose_page_is_older_than_the_box_loads_the_page_again(ui, server):
    """A box updated while a phone kept its page: that page's parts are gone (404); the page is
    loaded again, once, and shows the step (the outbox waits in localStorage meanwhile)."""
    phone = ui.open("/", phone=True)
    asked = Requests(phone)
    ui.join(phone, "Driss")
    phone.evaluate("window.__same_page = true")
    gone = []

    def older(route):
        if not gone:
            gone.append(route.request.url)
            route.fulfill(status=404, content_type="application/json", body="{}")
        else:
            route.continue_()

    phone.route(re.compile(r".*/phone/[^/]+/[a-z]+/wordcloud\.json$"), older)
    facilitator = server.facilitator()
    try:
        command(facilitator, "phase.set", {"phase": "wordcloud"})
        command(facilitator, "wordcloud.open", {"prompt": "En un mot ?"})
        with ui.explained():
            expect(phone.locator("#wordcloud-form")).to_be_visible(timeout=20_000)
        assert phone.evaluate("window.__same_page") is None and len(gone) == 1
        assert asked.parts() == ["wordcloud", "wordcloud"], asked.urls
    finally:
        facilitator.disconnect()
