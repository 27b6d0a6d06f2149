"""QR codes, read back the way a phone's camera would: decoded by zbarimg (installed by scripts/test)."""

from __future__ import annotations

import subprocess

import pytest

from kiosk import create_app


def decode_qr(png: bytes, tmp_path) -> str:
    """The text a QR code image holds, as zbarimg reads it."""
    image = tmp_path / "code.png"
    image.write_bytes(png)
    result = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True,
                            encoding="utf-8", timeout=30)
    assert result.returncode == 0, f"zbarimg found no code: {result.stderr}"
    return result.stdout.removesuffix("\n")


@pytest.fixture(autouse=True)
def no_kiosk_env(monkeypatch):
    """The shell running the tests may set these: the app must see only the test's config."""
    for name in ("KIOSK_PUBLIC_URL", "KIOSK_WIFI_SSID", "KIOSK_WIFI_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def wifi_client(tmp_path, ssid, password):
    app = create_app({"data": str(tmp_path / "data"), "pin": "246810", "public_url": "http://kiosk.test:8000/",
                      "wifi_ssid": ssid, "wifi_password": password, "async_mode": "threading"})
    return app.test_client()


def test_join_png_decodes_to_the_join_url(client, tmp_path):
    response = client.get("/qr/join.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert decode_qr(response.data, tmp_path) == "http://kiosk.test:8000/"


def test_wifi_png_decodes_to_a_wpa_network_with_special_characters_escaped(tmp_path):
    client = wifi_client(tmp_path, 'Atelier "Sud";1,2', "p@ss:word\\;x")
    response = client.get("/qr/wifi.png")
    assert response.status_code == 200
    assert decode_qr(response.data, tmp_path) == 'WIFI:T:WPA;S:Atelier \\"Sud\\"\\;1\\,2;P:p@ss\\:word\\\\\\;x;;'


def test_wifi_png_of_an_open_network_has_no_password(tmp_path):
    client = wifi_client(tmp_path, "Atelier", None)
    assert decode_qr(client.get("/qr/wifi.png").data, tmp_path) == "WIFI:T:nopass;S:Atelier;;"


def test_wifi_codes_are_404_when_no_ssid_is_set(client):
    assert client.get("/qr/wifi.png").status_code == 404
    assert client.get("/qr/wifi.svg").status_code == 404
