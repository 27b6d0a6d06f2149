"""Phones through a real hour (issue 16): several phones in one test, each its own device.

Everyone sees the same room (group membership live on a phone outside the group), a board note
two members save at once loses nothing, a late joiner picks a group on the board step, and a dot
that cannot be added says so next to its "+".
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import command

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("KIOSK_SHOTS", "/tmp/kiosk-shots"))


@pytest.fixture
def facilitator(server):
    client = server.facilitator()
    yield lambda name, payload: command(client, name, payload)
    client.disconnect()


def phone(ui, name):
    page = ui.open("/", phone=True)
    page.set_viewport_size(PHONE)
    ui.join(page, name)
    return page


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def groups_formed(facilitator, issues=("Mobilité rurale", "Logement des jeunes")):
    for text in issues:
        facilitator("issue.propose", {"text": text})
    facilitator("vote.open", {"method": "dots"})
    facilitator("vote.close", {})
    return facilitator("groups.form", {"count": len(issues)})["groups"]


def test_group_membership_updates_live_on_a_phone_outside_the_group(ui, server, facilitator):
    ana, bruno = phone(ui, "Ana"), phone(ui, "Bruno")
    first, second = groups_formed(facilitator)
    facilitator("phase.set", {"phase": "groups"})
    strings = ui.strings(ana)
    card = ana.locator(f'#group-list li[data-group="{second["id"]}"] .members')
    expect(card).to_have_text(strings["nobody_yet"])
    # Bruno joins the second group, then Chloé (who joined after Ana's snapshot) joins it too.
    bruno.get_by_role("button", name=strings["join_group_named"].replace("{name}", second["name"])).click()
    chloe = phone(ui, "Chloé")
    chloe.get_by_role("button", name=strings["join_group_named"].replace("{name}", second["name"])).click()
    with ui.explained():
        expect(card).to_have_text(strings["members_count"].replace("{n}", "2") + " Bruno, Chloé")
    # Ana, in no group, sees it; then Bruno leaves for the first group: her screen follows.
    bruno.get_by_role("button", name=strings["join_group_named"].replace("{name}", first["name"])).click()
    with ui.explained():
        expect(card).to_have_text(strings["members_count_one"].replace("{n}", "1") + " Chloé")
        expect(ana.locator(f'#group-list li[data-group="{first["id"]}"] .members')).to_have_text(
            strings["members_count_one"].replace("{n}", "1") + " Bruno")
    shot(ana, "phone-groups-live")


def test_two_phones_saving_the_same_board_note_lose_nothing(ui, server, facilitator):
    ana, bruno = phone(ui, "Ana"), phone(ui, "Bruno")
    group = groups_formed(facilitator, ("Mobilité rurale",))[0]
    for who in (1, 2):
        facilitator("group.join", {"group_id": group["id"], "participant_id": who})
    card = server.state()["deck"]["families"][0]["cards"][0]
    facilitator("board.place", {"group_id": group["id"], "card_id": card["id"]})
    facilitator("phase.set", {"phase": "board"})
    strings = ui.strings(ana)
    box_a, box_b = (page.locator(f"#note-{card['id']}-steps") for page in (ana, bruno))
    with ui.explained():
        expect(box_a).to_be_visible()
        expect(box_b).to_be_visible()
    # Both start from the empty note; Ana saves first.
    box_b.click()
    box_b.press_sequentially("Trouver un terrain")
    box_a.fill("Rencontrer la mairie")
    box_a.blur()
    with ui.explained():
        expect(box_b).to_have_value("Trouver un terrain")  # Bruno's typing is not replaced
    box_b.blur()
    # Bruno's save is refused next to his box, naming Ana's text; the note keeps Ana's.
    refusal = bruno.locator(f'[data-key="refusal-note-{card["id"]}-steps"]')
    with ui.explained():
        expect(refusal).to_contain_text("Rencontrer la mairie")
    assert server.state()["boards"][str(group["id"])][0]["steps"] == "Rencontrer la mairie"
    shot(bruno, "phone-board-conflict")
    # He puts both together and saves: both texts are in the note, on both phones.
    bruno.get_by_role("button", name=strings["put_together"]).click()
    expect(box_b).to_have_value("Rencontrer la mairie\nTrouver un terrain")
    box_b.blur()
    with ui.explained():
        expect(box_a).to_have_value("Rencontrer la mairie\nTrouver un terrain")
    expect(refusal).to_be_empty()
    assert server.state()["boards"][str(group["id"])][0]["steps"] == "Rencontrer la mairie\nTrouver un terrain"
    expect(bruno.locator(f"#note-{card['id']}-steps + .counter")).to_have_text(
        strings["characters_left"].replace("{n}", "39").replace("{max}", "500"))


def test_a_late_joiner_picks_a_group_on_the_board_step(ui, server, facilitator):
    ana = phone(ui, "Ana")
    group = groups_formed(facilitator, ("Mobilité rurale", "Logement des jeunes"))[1]
    facilitator("group.join", {"group_id": group["id"], "participant_id": 1})
    card = server.state()["deck"]["families"][0]["cards"][0]
    facilitator("board.place", {"group_id": group["id"], "card_id": card["id"]})
    facilitator("phase.set", {"phase": "board"})
    expect(ana.locator("#board-list .board-title")).to_have_text([card["title"]])
    # Djamel arrives during the board step: he lands on it, with the groups to choose from.
    late = phone(ui, "Djamel")
    strings = ui.strings(late)
    with ui.explained():
        expect(late.locator("#board-no-group")).to_be_visible()
        expect(late.locator(f'#board-group-picker li[data-group="{group["id"]}"] .members')).to_have_text(
            strings["members_count_one"].replace("{n}", "1") + " Ana")
    shot(late, "phone-board-late-joiner")
    late.get_by_role("button", name=strings["join_group_named"].replace("{name}", group["name"])).click()
    with ui.explained():
        expect(late.locator("#board-issue")).to_have_text(group["name"])
        expect(late.locator("#board-list .board-title")).to_have_text([card["title"]])
    assert server.state()["groups"][1]["members"] == [1, 2]


def test_a_refused_extra_dot_is_said_next_to_its_button(ui, server, facilitator):
    for text in ["Mobilité rurale", "Logement des jeunes", "Alimentation locale", "Énergie", "Culture",
                 "Santé de proximité", "Numérique", "Sport", "École", "Eau"]:
        facilitator("issue.propose", {"text": text})
    facilitator("phase.set", {"phase": "vote"})
    facilitator("vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2})
    ana = phone(ui, "Ana")
    strings = ui.strings(ana)
    plus = [ana.locator(f'[data-key="plus-{i}"]') for i in (1, 2)]
    plus[0].click()
    plus[0].click()
    # Two dots on one issue: its "+" looks and is announced unavailable; a tap says why, next to it.
    with ui.explained():
        expect(plus[0]).to_have_attribute("aria-disabled", "true")
    plus[0].click(force=True)  # a finger taps what is aria-disabled; Playwright waits for "enabled" otherwise
    cap = strings["cap_reached"].replace("{max}", "2")
    with ui.explained():
        expect(ana.locator('[data-key="refusal-1"]')).to_have_text(cap)
    expect(ana.locator(".refusal:not(:empty)")).to_have_count(1)
    plus[1].click()
    expect(plus[1]).to_have_attribute("aria-disabled", "true")  # no dot left
    expect(ana.locator('[data-key="plus-3"]')).to_have_attribute("aria-disabled", "true")
    ana.locator('[data-key="plus-3"]').click(force=True)
    with ui.explained():
        expect(ana.locator('[data-key="refusal-3"]')).to_have_text(strings["no_dot_left"])
    expect(ana.locator("#ballot .dot-count")).to_have_text(["2", "1"] + ["0"] * 8)  # nothing sent
    # The dots left stay in sight at the top while the list scrolls to its end.
    ana.locator('[data-key="plus-10"]').scroll_into_view_if_needed()
    box = ana.locator("#dots-left").bounding_box()
    assert box is not None and 0 <= box["y"] < 60, box
    shot(ana, "phone-vote-refused")


def test_a_screen_reader_hears_a_new_step_and_the_vote_opening_and_closing(ui, server, facilitator):
    facilitator("issue.propose", {"text": "Mobilité rurale"})
    facilitator("programme.go", {"index": 0})
    ana = phone(ui, "Ana")
    strings = ui.strings(ana)
    region = ana.locator("#announce")
    expect(region).to_have_attribute("aria-live", "polite")
    facilitator("programme.next", {})
    step = server.state()["step"]
    with ui.explained():
        expect(region).to_have_text(strings["step_announce"].replace("{n}", str(step["index"] + 1))
                                    .replace("{title}", step["title"]))
    facilitator("phase.set", {"phase": "vote"})
    facilitator("vote.open", {"method": "dots"})
    with ui.explained():
        expect(region).to_have_text(strings["vote_opened"])
    facilitator("vote.close", {})
    with ui.explained():
        expect(region).to_have_text(strings["vote_closed_now"])


def test_the_join_page_names_the_workshop_and_french_elides_before_a_vowel(ui, server, facilitator):
    facilitator("workshop.update", {"title": "Atelier mobilités du Val d’Ouche", "date": "2026-11-30"})
    page = ui.open("/", phone=True)
    expect(page.locator("#join-workshop")).to_have_text("Atelier mobilités du Val d’Ouche")
    # The day, written long in the page's language, before joining and after.
    expect(page.locator("#join-date")).to_have_text("30 novembre 2026")
    expect(ui.open("/?lang=en", phone=True).locator("#join-date")).to_have_text("November 30, 2026")
    ui.join(page, "Inès")
    expect(page.locator("#app-date")).to_have_text("30 novembre 2026")
    expect(page).to_have_title("Atelier mobilités du Val d’Ouche · Kiosk")
    chosen_by = ui.strings(page)["buddy_chosen_by"]
    assert chosen_by == "Demande de binôme reçue de {names}."
    said = page.evaluate("""async (text) => {
        const src = document.querySelector("script[type=module]").src.replace(/phone\\.js$/, "kiosk.js");
        const { fmt } = await import(src);
        return ["Amélie", "Bruno", "Hélène", "Éric"].map((names) => fmt(text, { names }))
          .concat([fmt("Sous-groupe de {name}", { name: "Ines" }), fmt("Ce que {name} dit", { name: "Ana" })]);
    }""", chosen_by)
    assert said == ["Demande de binôme reçue d’Amélie.", "Demande de binôme reçue de Bruno.",
                    "Demande de binôme reçue d’Hélène.", "Demande de binôme reçue d’Éric.",
                    "Sous-groupe d’Ines", "Ce qu’Ana dit"]
    english = ui.open("/?lang=en", phone=True)
    assert english.evaluate("""async () => {
        const src = document.querySelector("script[type=module]").src.replace(/phone\\.js$/, "kiosk.js");
        const { fmt } = await import(src);
        return fmt("A request de {name}", { name: "Amélie" });
    }""") == "A request de Amélie"  # only French elides


def test_a_participant_sees_a_look_alike_hint_then_rewords_and_withdraws_their_issue(ui, server, facilitator):
    facilitator("phase.set", {"phase": "issues"})
    facilitator("issue.propose", {"text": "Les transports en commun ruraux"})
    ana = phone(ui, "Ana")
    strings = ui.strings(ana)
    box = ana.locator("#issue-text")
    box.fill("Transport en commun")
    expect(ana.locator("#issue-text + .counter")).to_have_text(
        strings["characters_left"].replace("{n}", "19").replace("{max}", "140"))
    ana.locator("#propose-form button[type=submit]").click()
    with ui.explained():
        expect(ana.locator("#issue-hint")).to_have_text(
            strings["looks_like"].replace("{text}", "Les transports en commun ruraux"))
    shot(ana, "phone-issue-hint")
    # She rewords hers to tell them apart: the hint goes, the wall's list follows.
    ana.get_by_role("button", name=strings["reword_named"].replace("{text}", "Transport en commun")).click()
    ana.locator("#reword-2").fill("Un bus scolaire le mercredi")
    ana.locator('[data-key="reword-save-2"]').click()
    with ui.explained():
        expect(ana.locator('#issue-list li[data-issue="2"]')).to_contain_text("Un bus scolaire le mercredi")
    expect(ana.locator("#issue-hint")).to_be_empty()
    assert [i["text"] for i in server.state()["issues"]] == ["Les transports en commun ruraux", "Un bus scolaire le mercredi"]
    # Someone else's issue has no button; hers can be withdrawn (after a confirmation).
    expect(ana.locator('#issue-list li[data-issue="1"] button')).to_have_count(0)
    ana.on("dialog", lambda dialog: dialog.accept())
    ana.remove_listener("dialog", ui._record_dialog)
    ana.get_by_role("button", name=strings["withdraw_named"].replace("{text}", "Un bus scolaire le mercredi")).click()
    with ui.explained():
        expect(ana.locator("#issue-list li")).to_have_count(1)
    assert [i["text"] for i in server.state()["issues"]] == ["Les transports en commun ruraux"]
