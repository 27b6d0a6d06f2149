"""The console through an hour, in Chromium: Next starts the step's activity and the header shows
what remains; the keyboard; Back keeps the time left; a new vote over a closed one asks first; the
sticky header on a laptop and a phone-sized screen, with no section wider than the screen."""

from __future__ import annotations

import json
import os
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from .conftest import HOST, BrowserActions, QuickClient

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
SHOTS = os.environ.get("KIOSK_SCREENSHOTS")  # a folder: the tests also save what the facilitator sees


def ok(client, name: str, payload: dict | None = None) -> dict:
    answer = client.call(name, payload or {}, timeout=10)
    assert answer["ok"], (name, answer)
    return answer


def join(server, name: str) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}/api/join", method="POST",
                                     data=json.dumps({"name": name}).encode(),
                                     headers={"Content-Type": "application/json", "Host": f"{HOST}:{server.port}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def voter(server, name: str) -> QuickClient:
    client = QuickClient()
    client.connect(f"http://127.0.0.1:{server.port}", auth={"token": join(server, name)["token"]},
                   transports=["websocket"], wait_timeout=10)
    return client


def console_at(ui, viewport: dict):
    page = ui.open("/facilitator")
    page.set_viewport_size(viewport)
    ui.open_console(page)
    return page


def seconds(page) -> int:
    minutes, secs = page.locator("#console-countdown").inner_text().split(":")
    return int(minutes) * 60 + int(secs)


@pytest.fixture
def facilitator(server):
    client = server.facilitator()
    yield client
    client.disconnect()


def test_next_starts_each_steps_activity_and_the_header_shows_what_remains(ui, server, facilitator):
    phones = [ui.open("/", phone=True) for _ in range(2)]
    for phone, name in zip(phones, ["Amélie", "Bruno"]):
        ui.join(phone, name)
    for text in ["Covoiturage vers la gare", "Un jardin partagé", "Un tiers-lieu au village"]:
        ok(facilitator, "issue.propose", {"text": text})
    console = console_at(ui, LAPTOP)
    action = console.locator("#step-action")

    console.keyboard.press("ArrowRight")  # the keyboard starts the programme
    expect(console.locator("#console-step")).to_contain_text("Étape 1 sur 10")
    console.locator("#w-title").fill("Atelier")
    console.locator("#w-title").press("ArrowRight")  # typing in a field: no step moves
    console.locator("#w-title").press("ArrowLeft")
    console.locator("#w-title").press(" ")
    expect(console.locator("#console-step")).to_contain_text("Étape 1 sur 10")
    assert server.state()["step"]["paused"] is False
    console.locator("#w-title").blur()
    console.keyboard.press("ArrowRight")
    expect(console.locator("#console-step")).to_contain_text("Étape 2 sur 10")
    ok(facilitator, "timer.add", {"seconds": -120, "target": "step"})  # the issues step: about 3:00 left
    expect(console.locator("#console-countdown")).to_have_text(re.compile(r"^(3:00|2:5\d)$"))

    # Next to the vote: the vote opens with the step's settings, on every phone.
    console.get_by_role("button", name="Suivant", exact=True).click()
    for phone in phones:
        expect(phone.locator("#vote")).to_be_visible()
        expect(phone.locator("#dots-left")).to_contain_text("3")
    assert server.state()["vote"]["status"] == "open" and server.state()["vote"]["dots"] == 3
    expect(action).to_have_text("■ Clore le vote")
    expect(console.locator("[data-key=nudge-not-voted]")).to_contain_text("2 n’ont pas encore voté")
    bruno = voter(server, "Chloé")
    ok(bruno, "vote.cast", {"issue_id": 2, "dots": 2})
    expect(console.locator("[data-key=nudge-not-voted]")).to_contain_text("2 n’ont pas encore voté")  # 3 here, 1 voted
    phones[0].locator("#ballot button[data-key^=plus-]").first.click()
    expect(console.locator("[data-key=nudge-not-voted]")).to_contain_text("1 n’a pas encore voté")
    if SHOTS:
        console.screenshot(path=os.path.join(SHOTS, "console-laptop-vote.png"))
    console.set_viewport_size(PHONE)  # the facilitator walks the room: the header with its action, on a phone
    assert console.evaluate(OVERFLOW) == []
    assert console.locator("#console-head").bounding_box()["height"] < PHONE["height"] / 3
    heights = console.locator("#console-head .head-controls button:visible").evaluate_all(
        "(buttons) => buttons.map((b) => b.getBoundingClientRect().height)")
    assert len(heights) == 6 and max(heights) < 50, heights  # one line each: no word cut in two
    if SHOTS:
        console.screenshot(path=os.path.join(SHOTS, "console-phone-vote.png"))
    console.set_viewport_size(LAPTOP)
    console.locator("[data-key=nudge-do-not-voted]").click()  # +1 min from the nudge
    expect(console.locator("#console-countdown")).to_have_text(re.compile(r"^(6:00|5:5\d)$"))

    # Back: the issues step again, with the time it had left, not a fresh 5:00; the vote stays open.
    console.keyboard.press("ArrowLeft")
    expect(console.locator("#console-step")).to_contain_text("Étape 2 sur 10")
    assert 150 <= seconds(console) <= 180
    assert server.state()["vote"]["status"] == "open"
    console.keyboard.press("ArrowRight")
    expect(console.locator("#console-step")).to_contain_text("Étape 3 sur 10")
    assert 330 <= seconds(console) <= 360  # the vote step's time left, not 5:00 again
    action.click()  # ■ Clore le vote
    for phone in phones:
        expect(phone.locator("#vote-closed")).to_be_visible()
    expect(action).to_be_hidden()  # nothing remains: Next is the way on

    # Next to the groups: formed from the results, the phones offer them; then the report-back.
    console.get_by_role("button", name="Suivant", exact=True).click()
    for phone in phones:
        expect(phone.locator("#group-list")).to_contain_text("Un jardin partagé")
    assert len(server.state()["groups"]) == 3
    expect(console.locator("[data-key=nudge-ungrouped]")).to_contain_text("3 personnes sans sous-groupe")
    console.locator("[data-key=nudge-do-ungrouped]").click()
    expect(console.locator("[data-key=nudge-ungrouped]")).to_have_count(0)
    ok(facilitator, "programme.go", {"index": 6})
    console.get_by_role("button", name="Suivant", exact=True).click()
    expect(console.locator("#console-step")).to_contain_text("Étape 8 sur 10")
    assert server.state()["report"]["part"] == "present"
    expect(action).to_have_text("Passer aux réactions")
    bruno.disconnect()


def test_a_new_vote_over_a_closed_one_asks_first(ui, server, facilitator):
    ok(facilitator, "issue.propose", {"text": "Covoiturage vers la gare"})
    ok(facilitator, "vote.open", {"method": "dots"})
    ok(facilitator, "vote.close")
    closed = server.state()["vote"]["id"]
    console = console_at(ui, LAPTOP)
    expect(console.locator("#vote-summary")).to_contain_text("définitifs")
    open_button = console.locator("#vote-form button[type=submit]")
    open_button.click()  # the page's dialogs are dismissed: nothing changes
    console.wait_for_timeout(300)
    assert ui.dialogs and "Ouvrir un nouveau vote" in ui.dialogs[-1]
    assert server.state()["vote"]["id"] == closed and server.state()["vote"]["status"] == "closed"
    console.evaluate("window.confirm = () => true")  # the facilitator confirms: replace is sent
    open_button.click()
    expect(console.locator("#vote-close")).to_be_visible()
    assert server.state()["vote"]["id"] != closed and server.state()["vote"]["status"] == "open"


OVERFLOW = """() => {
  const wide = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width) wide.push(`page ${document.documentElement.scrollWidth} > ${width}`);
  for (const node of document.querySelectorAll('#console section, #console-head, #console select, #console button, #console table')) {
    if (node.offsetParent === null) continue;
    const box = node.getBoundingClientRect();
    if (box.right > width + 1 || box.left < -1) wide.push(`${node.id || node.dataset.key || node.tagName} ${Math.round(box.left)}–${Math.round(box.right)}`);
    const parent = node.parentElement.getBoundingClientRect();
    if (node.tagName === 'SELECT' && box.right > parent.right + 1) wide.push(`select ${node.dataset.key} wider than its place`);
    if (node.tagName === 'SECTION' && node.scrollWidth > node.clientWidth + 1) wide.push(`section ${node.getAttribute('aria-labelledby')} scrolls`);
  }
  return wide;
}"""


@pytest.mark.slow
@pytest.mark.kiosk_env(KIOSK_JOIN_CAP="0")
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_header_stays_in_view_and_no_section_scrolls_sideways_in_a_real_room(ui, server, facilitator, viewport):
    names = ["Marie-Charlotte", "Jean-Baptiste", "Amélie", "Bruno", "Chloé", "Étienne", "Fatoumata", "Grégoire"]
    ids = [join(server, f"{names[n % 8]} de La Tour-Maubourg {n}")["participant"]["id"] for n in range(30)]
    for n in range(20):
        ok(facilitator, "issue.propose", {"text": f"Enjeu {n + 1} : " + "mobilité rurale, covoiturage et transports "
                                          "à la demande entre les villages et la gare du territoire"[:120]})
    ok(facilitator, "programme.go", {"index": 2})  # the vote opens
    ok(facilitator, "vote.close")
    ok(facilitator, "programme.next")  # three groups form
    groups = server.state()["groups"]
    for n, participant in enumerate(ids[:28]):
        ok(facilitator, "group.join", {"group_id": groups[n % 3]["id"], "participant_id": participant})
    console = console_at(ui, viewport)
    expect(console.locator("[data-key=nudge-ungrouped]")).to_contain_text("2 personnes sans sous-groupe")
    expect(console.locator("[data-key^=move-]")).to_have_count(30)
    assert console.evaluate(OVERFLOW) == []
    head = console.locator("#console-head")
    console.locator("#people-heading").scroll_into_view_if_needed()  # far down the console
    if SHOTS:
        label = "laptop" if viewport is LAPTOP else "phone"
        console.screenshot(path=os.path.join(SHOTS, f"console-{label}-scrolled.png"))
    box = head.bounding_box()
    assert box["y"] == 0 and box["height"] < viewport["height"] / 3
    for name in ["Précédent", "Suivant", "−1 min", "+1 min", "Pause"]:
        expect(head.get_by_role("button", name=name, exact=True)).to_be_in_viewport()
    expect(head.locator("#console-countdown")).to_be_in_viewport()
    if SHOTS:
        console.evaluate("window.scrollTo(0, 0)")
        console.screenshot(path=os.path.join(SHOTS, f"console-{label}-top.png"))
        console.screenshot(path=os.path.join(SHOTS, f"console-{label}-full.png"), full_page=True)


def test_on_a_phone_the_console_folds_its_panels_opens_the_steps_and_remembers_them(ui, server, facilitator):
    ok(facilitator, "phase.set", {"phase": "issues"})
    for n in range(8):
        ok(facilitator, "issue.propose", {"text": f"Enjeu {n + 1} : la mobilité entre les villages"})
    for n in range(20):
        join(server, f"Participant {n}")
    console = ui.open("/facilitator", phone=True)
    console.set_viewport_size(PHONE)
    console.reload()
    ui.open_console(console)
    toggle = {name: console.locator(f"#{name}-heading button") for name in ("programme", "issues", "vote", "deck", "people")}
    expect(toggle["programme"]).to_have_attribute("aria-expanded", "true")
    expect(toggle["issues"]).to_have_attribute("aria-expanded", "true")  # the phase's panel
    for name in ("vote", "deck", "people"):
        expect(toggle[name]).to_have_attribute("aria-expanded", "false")
    expect(console.locator("#vote-form")).to_be_hidden()
    expect(console.locator("#people-heading")).to_contain_text("20")  # the count stays in the heading
    folded = console.evaluate("document.documentElement.scrollHeight")
    if SHOTS:
        console.screenshot(path=os.path.join(SHOTS, "console-phone-folded.png"), full_page=True)
    toggle["deck"].click()
    toggle["people"].click()
    expect(console.locator("#decks-look")).to_be_visible()
    expect(console.locator("#people tr").first).to_be_visible()
    assert console.evaluate("document.documentElement.scrollHeight") > folded + PHONE["height"]
    toggle["people"].click()
    expect(console.locator("#people tr").first).to_be_hidden()

    console.reload()  # remembered on this device (and the console stays logged in)
    ui.wait_connected(console)
    expect(toggle["deck"]).to_have_attribute("aria-expanded", "true")
    expect(toggle["people"]).to_have_attribute("aria-expanded", "false")
    expect(toggle["vote"]).to_have_attribute("aria-expanded", "false")
    ok(facilitator, "phase.set", {"phase": "vote"})  # the next phase's panel opens
    expect(toggle["vote"]).to_have_attribute("aria-expanded", "true")
    expect(console.locator("#vote-form")).to_be_visible()
    assert console.evaluate(OVERFLOW) == []


MORNING = """title = "Matinée"
lang = "fr"

[[steps]]
title = "Accueil"
minutes = 5
phase = "welcome"

[[steps]]
title = "Tour de table"
minutes = 20
phase = "roundtable"
seconds = 45

[[steps]]
title = "État des lieux"
minutes = 30
phase = "review"
prompt = "Sur la mobilité"
buckets = ["Freins", "Leviers", "Besoins"]
moderation = true
"""


def test_next_starts_the_round_table_and_the_review_and_the_header_follows_them(browser, start_server, tmp_path):
    path = tmp_path / "matinee.fr.toml"
    path.write_text(MORNING, encoding="utf-8")
    box = start_server(KIOSK_PROGRAMME=str(path), KIOSK_JOIN_CAP="0")
    ui = BrowserActions(browser, box)
    phones = [voter(box, name) for name in ["Amélie", "Bruno", "Chloé"]]
    try:
        console = console_at(ui, LAPTOP)
        action, next_button = console.locator("#step-action"), console.locator("#step-next")
        next_button.click()
        expect(console.locator("#console-step")).to_contain_text("Accueil")
        expect(action).to_be_hidden()
        next_button.click()  # the round table starts in join order; nobody speaks yet
        expect(console.locator("#console-step")).to_contain_text("Tour de table")
        expect(action).to_have_text("▶ Suivant\u00a0: Amélie")
        expect(console.locator("[data-key=nudge-roundtable-waiting]")).to_have_text("3 personnes pas encore passées")
        assert box.state()["roundtable"]["seconds"] == 45
        action.click()
        expect(action).to_have_text("▶ Suivant\u00a0: Bruno")
        expect(console.locator("[data-key=nudge-roundtable-waiting]")).to_have_text("2 personnes pas encore passées")
        action.click()
        action.click()
        expect(action).to_have_text("■ Finir le tour")
        expect(console.locator("[data-key=nudge-roundtable-waiting]")).to_have_count(0)
        action.click()
        expect(action).to_be_hidden()
        next_button.click()  # the review opens with the step's buckets, its inbox on
        expect(action).to_have_text("■ Clore l’état des lieux")
        assert box.state()["review"]["buckets"] == ["Freins", "Leviers", "Besoins"]
        ok(phones[0], "review.post", {"bucket": "Freins", "text": "Pas de bus le dimanche"})
        nudge = console.locator("[data-key=nudge-review-pending]")
        expect(nudge).to_contain_text("1 note en attente de validation")
        if SHOTS:
            console.screenshot(path=os.path.join(SHOTS, "console-review-step.png"))
        nudge.get_by_role("button", name="Voir les notes à valider").click()
        expect(console.locator("#review-inbox-title")).to_be_focused()
        expect(console.locator("#review-inbox-title")).to_be_in_viewport()
        action.click()
        expect(action).to_be_hidden()
        assert box.state()["review"]["status"] == "closed"
        assert ui.errors == []
    finally:
        for phone in phones:
            phone.disconnect()
        ui.close()
