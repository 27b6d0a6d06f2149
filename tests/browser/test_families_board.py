"""Expert families and group boards in real browsers: a phone's claim or card reaches the wall live."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import command
from .test_accessibility import assert_no_horizontal_overflow_at_200_percent_text, assert_no_serious_violation

pytestmark = pytest.mark.browser


def mark_page(page) -> None:
    page.evaluate("window.__notReloaded = true")


def assert_not_reloaded(page) -> None:
    assert page.evaluate("window.__notReloaded === true"), "the page was reloaded"


@pytest.fixture
def facilitator(server):
    """The facilitator over Socket.IO: `facilitator(name, payload)` sends a command that must succeed."""
    client = server.facilitator()
    yield lambda name, payload: command(client, name, payload)
    client.disconnect()


def test_a_claim_on_the_phone_shows_the_name_under_the_family_on_the_wall(ui, server, facilitator):
    facilitator("phase.set", {"phase": "families"})
    family = server.state()["deck"]["families"][0]
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    tile = wall.locator("#family-tiles > li", has_text=family["name"])
    expect(tile).to_have_class("family-tile nobody")
    mark_page(wall)

    phone = ui.open("/", phone=True)
    ui.join(phone, "Ana")
    strings = ui.strings(phone)
    phone.get_by_role("button", name=strings["claim_family_named"].replace("{name}", family["name"])).click()

    with ui.explained():
        expect(tile.locator(".experts li")).to_have_text(["Ana"])
    expect(tile).to_have_class("family-tile")
    assert server.state()["claims"][family["id"]] == [1]
    assert_not_reloaded(wall)

    # The phone reads the family's cards one after the other, in full.
    first, second = family["cards"][0], family["cards"][1]
    expect(phone.locator("#reader-card h3")).to_have_text(first["title"])
    expect(phone.locator("#reader-card .reader-text")).not_to_be_empty()
    phone.get_by_role("button", name=strings["release_family_named"].replace("{name}", family["name"])).wait_for()
    phone.locator("#card-next").click()
    expect(phone.locator("#reader-card h3")).to_have_text(second["title"])
    expect(phone.locator("#card-count")).to_have_text(
        strings["card_n_of"].replace("{n}", "2").replace("{total}", str(len(family["cards"]))))


def test_a_card_placed_on_the_phone_shows_on_the_wall_board(ui, server, facilitator):
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    phone = ui.open("/", phone=True)
    ui.join(phone, "Ana")
    facilitator("issue.propose", {"text": "Mobilité rurale"})
    facilitator("vote.open", {"method": "dots"})
    facilitator("vote.close", {})
    group = facilitator("groups.form", {"count": 1})["groups"][0]
    deck = server.state()["deck"]
    earlier, card = deck["families"][0]["cards"][0], deck["families"][3]["cards"][0]
    # Placed before Ana is in the group: her phone never got that event, yet must show the card.
    facilitator("board.place", {"group_id": group["id"], "card_id": earlier["id"]})
    facilitator("group.join", {"group_id": group["id"], "participant_id": 1})
    facilitator("phase.set", {"phase": "board"})
    mark_page(wall)

    strings = ui.strings(phone)
    with ui.explained():
        expect(phone.locator("#board-issue")).to_have_text("Mobilité rurale")
        expect(phone.locator("#board-list .board-title")).to_have_text([earlier["title"]])
    phone.locator("#place-card").select_option(card["id"])
    phone.locator("#place-form button[type=submit]").click()

    with ui.explained():
        expect(wall.locator("#board-list .top-cards li")).to_have_text([earlier["title"], card["title"]])
    expect(phone.locator("#board-list .board-title")).to_have_text([earlier["title"], card["title"]])

    # A note typed on the phone is saved when the box loses focus; the wall shows it for the report-back.
    steps = phone.locator(f"#note-{card['id']}-steps")
    expect(steps).to_have_accessible_name(strings["note_labels"]["steps"])
    steps.fill("Réunir les voisins")
    steps.blur()
    # A teammate's change arrives while Ana types another note: what she typed stays, and her focus.
    partners = phone.locator(f"#note-{card['id']}-partners")
    partners.click()
    partners.press_sequentially("La mair")
    facilitator("board.note", {"group_id": group["id"], "card_id": card["id"], "field": "blockers", "text": "Le foncier"})
    with ui.explained():
        expect(phone.locator(f"#note-{card['id']}-blockers")).to_have_value("Le foncier")
    expect(partners).to_have_value("La mair")
    expect(partners).to_be_focused()
    facilitator("wall.show_board", {"group_id": group["id"]})
    with ui.explained():
        expect(wall.locator("#board-single-issue")).to_have_text("Mobilité rurale")
        expect(wall.locator("#board-rows tr")).to_have_count(2)
        expect(wall.locator("#board-rows tr").nth(1).locator("td").nth(1)).to_have_text("Réunir les voisins")
    assert server.state()["boards"][str(group["id"])][1]["steps"] == "Réunir les voisins"
    assert_not_reloaded(wall)


def test_families_and_boards_have_no_serious_accessibility_violation(ui, server, facilitator):
    phone = ui.open("/", phone=True)
    ui.join(phone, "Ana")
    console = ui.open("/facilitator")
    ui.open_console(console)
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    family = server.state()["deck"]["families"][0]
    facilitator("phase.set", {"phase": "families"})
    facilitator("family.assign", {"family_id": family["id"], "participant_id": 1})
    with ui.explained():
        expect(phone.locator("#reader-card h3")).to_have_text(family["cards"][0]["title"])
        expect(wall.locator("#family-tiles .experts li")).to_have_text(["Ana"])
    for page in (phone, wall):
        assert_no_serious_violation(page)

    facilitator("issue.propose", {"text": "Mobilité rurale"})
    facilitator("vote.open", {"method": "dots"})
    facilitator("vote.close", {})
    group = facilitator("groups.form", {"count": 1})["groups"][0]
    facilitator("group.join", {"group_id": group["id"], "participant_id": 1})
    facilitator("board.place", {"group_id": group["id"], "card_id": family["cards"][0]["id"]})
    facilitator("phase.set", {"phase": "board"})
    with ui.explained():
        expect(phone.locator("#board-list .board-title")).to_have_text([family["cards"][0]["title"]])
        expect(console.locator("#console-boards .console-board li")).to_have_count(1)
    for page in (phone, wall, console):
        assert_no_serious_violation(page)
    facilitator("wall.show_board", {"group_id": group["id"]})
    expect(wall.locator("#board-rows tr")).to_have_count(1)
    assert_no_serious_violation(wall)
    assert_no_horizontal_overflow_at_200_percent_text(phone)



def test_the_pages_keep_to_their_content_security_policy_and_still_show_the_family_colours(ui, server, facilitator):
    facilitator("phase.set", {"phase": "families"})
    family = server.state()["deck"]["families"][0]
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    phone = ui.open("/", phone=True)
    ui.join(phone, "Ana")
    console = ui.open("/facilitator")
    ui.open_console(console)
    tile = wall.locator("#family-tiles > li", has_text=family["name"])
    expect(tile).to_be_visible()
    # Set by a script under style-src 'self': through the CSSOM, which the policy allows.
    assert tile.evaluate("node => node.style.getPropertyValue('--family')").strip() == family["color"]
    policy_errors = [error for error in ui.errors if "Content Security Policy" in error or "Refused to" in error]
    assert policy_errors == []
    assert wall.evaluate("() => window.location.protocol") == "http:"
