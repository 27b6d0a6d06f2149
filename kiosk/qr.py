"""QR codes: the join URL and the Wi-Fi network, as PNG (for print) and SVG (for screens)."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg

_WIFI_SPECIAL = '\\;,":'


def wifi_escape(text: str) -> str:
    """Escape a Wi-Fi field as the `WIFI:` QR format asks: backslash before \\ ; , " :"""
    return "".join("\\" + ch if ch in _WIFI_SPECIAL else ch for ch in text)


def wifi_payload(ssid: str, password: str | None) -> str:
    if password:
        return f"WIFI:T:WPA;S:{wifi_escape(ssid)};P:{wifi_escape(password)};;"
    return f"WIFI:T:nopass;S:{wifi_escape(ssid)};;"


def _code(data: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=10)
    code.add_data(data)
    code.make(fit=True)
    return code


def png(data: str) -> bytes:
    buffer = io.BytesIO()
    _code(data).make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def svg(data: str) -> bytes:
    buffer = io.BytesIO()
    _code(data).make_image(image_factory=qrcode.image.svg.SvgPathFillImage).save(buffer)
    return buffer.getvalue()
