"""The programme in real browsers: the wall's countdown runs, turns red in the last minute and stays
on 0:00; a phone follows the steps by itself when the facilitator presses Next in the console."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .test_accessibility import assert_no_serious_violation

pytestmark = pytest.mark.browser

LAST_MINUTE_RED = "rgb(179, 38, 30)"


def ok(client, name: str, payload: dict | None = None) -> dict:
    answer = client.call(name, payload or {}, timeout=10)
    assert answer["ok"], (name, answer)
    return answer


@pytest.fixture
def facilitator(server):
    client = server.facilitator()
    yield client
    client.disconnect()


def seconds_shown(page) -> int:
    minutes, seconds = page.locator("#countdown").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def test_the_walls_countdown_runs_turns_red_in_the_last_minute_and_stays_on_zero(ui, server, facilitator):
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    # The page's own clock, moved by hand: the countdown is computed in the browser.
    wall.clock.install()
    expect(wall.locator("#step")).to_be_hidden()
    step = ok(facilitator, "programme.next")["step"]
    countdown = wall.locator("#countdown")
    with ui.explained():
        expect(wall.locator("#step-title")).to_have_text(step["title"])
        expect(wall.locator("#step-text")).to_have_text(step["wall"])
        expect(countdown).to_have_text(re.compile(r"^[45]:\d\d$"))
    expect(countdown).to_have_attribute("data-state", "running")
    before = seconds_shown(wall)
    wall.clock.run_for(3_000)
    expect(countdown).not_to_have_text(re.compile(rf"^{before // 60}:{before % 60:02d}$"))
    assert before - 4 <= seconds_shown(wall) <= before - 2

    ok(facilitator, "timer.add", {"seconds": -250})  # about 47 s left
    expect(countdown).to_have_attribute("data-state", "last-minute")
    expect(countdown).to_have_text(re.compile(r"^0:[45]\d$"))
    expect(countdown).to_have_css("background-color", LAST_MINUTE_RED)

    ok(facilitator, "timer.add", {"seconds": -600})  # more than is left: 0:00, never below
    expect(countdown).to_have_text("0:00")
    expect(countdown).to_have_attribute("data-state", "done")
    wall.clock.run_for(30_000)
    expect(countdown).to_have_text("0:00")
    expect(countdown).to_have_css("background-color", LAST_MINUTE_RED)
    expect(wall.locator("#chime-enable")).to_be_hidden()  # silent unless the facilitator wants the chime

    ok(facilitator, "timer.add", {"seconds": 120})
    expect(countdown).to_have_text(re.compile(r"^(2:00|1:59)$"))
    expect(countdown).to_have_attribute("data-state", "running")


def test_a_phone_follows_the_steps_by_itself_when_the_facilitator_presses_next(ui, server):
    phone = ui.open("/", phone=True)
    ui.join(phone, "Ana")
    console = ui.open("/facilitator")
    ui.open_console(console)
    strings = ui.strings(console)
    assert server.state()["step"] is None
    next_button = console.get_by_role("button", name=strings["programme_start"])
    next_button.click()
    with ui.explained():
        expect(console.locator("#agenda > li[aria-current=step]")).to_contain_text("Objectifs")
        expect(phone.locator("#step-card")).to_be_visible()
        expect(phone.locator("#step-title")).to_have_text(re.compile("^Objectifs"))
        expect(phone.locator("#step-count")).to_have_text("Étape 1 sur 10")
        expect(phone.locator("#phase-card")).to_be_visible()

    console.get_by_role("button", name=strings["step_next"], exact=True).click()
    with ui.explained():
        expect(phone.locator("#step-title")).to_have_text(re.compile("^Enjeux"))
        expect(phone.locator("#step-phone")).to_contain_text("Proposez-en")
        expect(phone.locator("#issues")).to_be_visible()
        expect(phone.locator("#propose-form")).to_be_visible()
    phone.locator("#issue-text").fill("Covoiturage vers la gare")
    phone.locator("#propose-form button[type=submit]").click()
    expect(phone.locator("#issue-list")).to_contain_text("Covoiturage vers la gare")

    console.get_by_role("button", name=strings["step_next"], exact=True).click()
    with ui.explained():
        expect(phone.locator("#vote")).to_be_visible()
        expect(phone.locator("#issues")).to_be_hidden()
        expect(phone.locator("#step-count")).to_have_text("Étape 3 sur 10")
    # Back, from the console too: the phone goes back to the proposals by itself.
    console.get_by_role("button", name="Précédent", exact=True).click()
    with ui.explained():
        expect(phone.locator("#issues")).to_be_visible()
        expect(console.locator("#console-countdown")).to_have_text(re.compile(r"^[45]:\d\d$"))
    console.get_by_role("button", name="+1 min", exact=True).click()
    expect(console.locator("#console-countdown")).to_have_text(re.compile(r"^[56]:\d\d$"))


def test_a_reaction_sent_from_a_phone_appears_under_the_board_on_the_wall(ui, server, facilitator):
    phone = ui.open("/", phone=True)
    ui.join(phone, "Chloé")
    for text in ["Covoiturage vers la gare", "Un jardin partagé"]:
        ok(facilitator, "issue.propose", {"text": text})
    ok(facilitator, "vote.open", {"method": "dots"})
    ok(facilitator, "vote.close")
    ok(facilitator, "groups.form", {"count": 2})
    ok(facilitator, "group.join", {"group_id": 2, "participant_id": 1})
    ok(facilitator, "programme.go", {"index": 7})  # the report-back starts with the step
    ok(facilitator, "report.stop")  # stopped, to start it from the console's header
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    console = ui.open("/facilitator")
    ui.open_console(console)
    with ui.explained():
        expect(phone.locator("#react-waiting")).to_be_visible()
    console.locator("#step-action").click()  # ▶ Lancer la restitution
    with ui.explained():
        expect(wall.locator("#board-single-issue")).to_have_text("Covoiturage vers la gare")
        expect(wall.locator("#step-text")).to_have_text("Covoiturage vers la gare présente")
        expect(phone.locator("#react-now")).to_have_text("Covoiturage vers la gare présente")
    # The reaction goes to the group presenting: no group to choose (and never one's own, 2).
    expect(phone.locator("#react-form")).to_be_visible()
    expect(phone.locator("#react-form select")).to_have_count(0)
    phone.get_by_label("Une piste d’amélioration").check()
    phone.locator("#react-text").fill("<b>Chiffrer</b> le budget")
    phone.get_by_role("button", name="Envoyer la réaction").click()
    with ui.explained():
        expect(wall.locator("#reactions-improve li")).to_have_text("<b>Chiffrer</b> le budget")  # as text
        expect(console.locator("#console-reactions li")).to_contain_text("Chloé")
    expect(phone.locator("#react-text")).to_have_value("")
    for page in (wall, phone, console):
        assert_no_serious_violation(page)
    console.locator("#step-action").click()  # the header's action: Passer aux réactions
    expect(wall.locator("#step-text")).to_have_text("Réactions à Covoiturage vers la gare")
    # Chloé's own group presents: she sees it is their turn, and no form.
    ok(facilitator, "report.next", {})
    with ui.explained():
        expect(phone.locator("#react-now")).to_have_text(ui.strings(phone)["react_own_group"])
    expect(phone.locator("#react-form")).to_be_hidden()
    # The closing step: the console points to the export; the wall shows the commitments with buddies.
    ok(facilitator, "programme.go", {"index": 9})
    with ui.explained():
        expect(console.get_by_role("link", name=re.compile("^Exporter les résultats"))).to_be_visible()
        expect(wall.locator("#closing")).to_be_visible()
        expect(wall.locator("#board")).to_be_hidden()
