"""The wall is read from the back of a room: nothing on it may scroll or be cut."""

from __future__ import annotations

import pytest

from .conftest import command

pytestmark = pytest.mark.browser

FITS = """() => {
  const url = document.querySelector('.join-url').getBoundingClientRect();
  const codes = [...document.querySelectorAll('.code img')].map((img) => img.getBoundingClientRect());
  return {scroll: document.documentElement.scrollHeight - innerHeight,
          url_bottom: url.bottom, codes_bottom: Math.max(...codes.map((r) => r.bottom)), height: innerHeight};
}"""


@pytest.mark.kiosk_env(KIOSK_WIFI_SSID="Atelier du Val", KIOSK_WIFI_PASSWORD="un;mot:de,passe")
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_the_join_codes_and_url_fit_the_screen_with_a_long_title_and_a_countdown(ui, server, size):
    facilitator = server.facilitator()
    try:
        command(facilitator, "workshop.update", {"title": "Inventer votre territoire collaboratif",
                                                 "territory": "Communauté de communes du Val de l'Ouche",
                                                 "date": "2026-11-27"})
        command(facilitator, "programme.next", {})
        wall = ui.open("/wall")
        wall.set_viewport_size({"width": size[0], "height": size[1]})
        ui.wait_connected(wall)
        wall.locator("#step").wait_for()
        fits = wall.evaluate(FITS)
        assert fits["scroll"] <= 0, fits
        assert fits["url_bottom"] <= fits["height"] and fits["codes_bottom"] <= fits["height"], fits
    finally:
        facilitator.disconnect()
