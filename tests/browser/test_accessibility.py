"""Every screen passes axe-core with no serious or critical violation, and phones survive 200% text."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WIFI = {"KIOSK_WIFI_SSID": "Atelier Kiosk", "KIOSK_WIFI_PASSWORD": "tiers-lieu-2024"}


def assert_no_serious_violation(page) -> None:
    violations = Axe().run(page).response["violations"]
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n" + "\n".join(
            f"    {node['target']}: {node.get('failureSummary', '')}" for node in v["nodes"])
        for v in serious
    )


def assert_no_horizontal_overflow_at_200_percent_text(page) -> None:
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    widths = page.evaluate("""() => {
        const root = document.documentElement;
        const wide = [...document.querySelectorAll('body *')]
            .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > root.clientWidth + 1)
            .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''));
        return {scroll: root.scrollWidth, client: root.clientWidth, wide};
    }""")
    assert widths["scroll"] <= widths["client"], widths


def test_join_form_has_no_serious_accessibility_violation(ui):
    phone = ui.open("/", phone=True)
    assert_no_serious_violation(phone)


def test_joined_phone_app_has_no_serious_accessibility_violation(ui):
    phone = ui.open("/", phone=True)
    ui.join(phone, "Ana")
    assert_no_serious_violation(phone)


@pytest.mark.kiosk_env(**WIFI)
def test_wall_with_both_codes_has_no_serious_accessibility_violation(ui):
    wall = ui.open("/wall")
    ui.wait_connected(wall)
    assert wall.locator(".code img").count() == 2
    ui.join(ui.open("/", phone=True), "Ana")
    assert_no_serious_violation(wall)


def test_facilitator_login_has_no_serious_accessibility_violation(ui):
    console = ui.open("/facilitator")
    assert_no_serious_violation(console)


def test_open_console_has_no_serious_accessibility_violation(ui):
    ui.join(ui.open("/", phone=True), "Ana")
    console = ui.open("/facilitator")
    ui.open_console(console)
    console.locator("#people tr").first.wait_for()
    assert_no_serious_violation(console)


def test_join_form_does_not_overflow_a_phone_at_200_percent_text(ui):
    phone = ui.open("/", phone=True)
    assert_no_horizontal_overflow_at_200_percent_text(phone)


def test_joined_phone_app_does_not_overflow_a_phone_at_200_percent_text(ui):
    phone = ui.open("/", phone=True)
    ui.join(phone, "Maximilienne-Alexandrine")
    assert_no_horizontal_overflow_at_200_percent_text(phone)


def test_facilitator_login_does_not_overflow_a_phone_at_200_percent_text(ui):
    console = ui.open("/facilitator", phone=True)
    assert_no_horizontal_overflow_at_200_percent_text(console)


def test_open_console_does_not_overflow_a_phone_at_200_percent_text(ui):
    ui.join(ui.open("/", phone=True), "Maximilienne-Alexandrine")
    console = ui.open("/facilitator", phone=True)
    ui.open_console(console)
    console.locator("#people-heading button").click()  # on a phone the panels start folded
    console.locator("#people tr").first.wait_for()
    assert_no_horizontal_overflow_at_200_percent_text(console)
