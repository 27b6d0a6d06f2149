"""The pages, one blueprint per audience: the phone, the wall, the facilitator's console, QR codes."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, make_response, render_template, request

from flask_babel import get_locale, gettext, lazy_gettext as _l

from . import qr
from .i18n import LANG_COOKIE, LANGS

phone = Blueprint("phone", __name__)
wall = Blueprint("wall", __name__)
facilitator = Blueprint("facilitator", __name__)
codes = Blueprint("qr", __name__, url_prefix="/qr")


PHASE_NAMES = {
    "welcome": _l("Welcome"),
    "issues": _l("Issues: proposals"),
    "vote": _l("Vote"),
    "groups": _l("Groups"),
    "families": _l("Expert families"),
    "board": _l("Group board"),
    "report": _l("Report-back"),
    "wall": _l("Commitments wall"),
    "closing": _l("Closing"),
}

PHASE_TEXTS = {
    "welcome": _l("The workshop is about to begin. Keep this page open: it follows the workshop."),
    "issues": _l("Think about the issues of your territory that you want to work on."),
    "vote": _l("Time to vote for the issues the room will work on."),
    "groups": _l("The groups are being formed around the top issues."),
    "families": _l("Each participant becomes the expert of one or two families of practices."),
    "board": _l("Your group places the cards that are opportunities for its issue."),
    "report": _l("Each group presents its work: listen and react."),
    "wall": _l("Write down your first small step, your commitment."),
    "closing": _l("Thank you for taking part! One concrete action and one motivation buddy."),
}


def ui_strings() -> dict:
    """Every text the pages' scripts show, in the page's language ({name} marks a value)."""
    return {
        "phases": {key: str(value) for key, value in PHASE_NAMES.items()},
        "phase_texts": {key: str(value) for key, value in PHASE_TEXTS.items()},
        "hello": gettext("Hello {name}!"),
        "connected": gettext("Connected."),
        "offline": gettext("Connection lost: reconnecting…"),
        "network_error": gettext("The box cannot be reached: check the Wi-Fi and try again."),
        "saved": gettext("Saved."),
        "participants": gettext("participants"),
        "participant": gettext("participant"),
        "yes": gettext("yes"),
        "no": gettext("no"),
        "untitled": gettext("Workshop"),
    }


@phone.app_context_processor
def page_context() -> dict:
    return {"lang": str(get_locale() or "fr"), "strings": ui_strings()}


def kiosk_config() -> dict:
    return current_app.config["KIOSK"]


def _page(template: str, **context) -> Response:
    """Render a page; a `?lang=` choice is kept in a cookie so the next pages follow it."""
    response = make_response(render_template(template, join_url=kiosk_config()["join_url"], **context))
    chosen = request.args.get("lang")
    if chosen in LANGS:
        response.set_cookie(LANG_COOKIE, chosen, max_age=180 * 24 * 3600, samesite="Lax")
    response.headers["Cache-Control"] = "no-store"
    return response


@phone.get("/")
def join_page():
    return _page("phone.html", script="js/phone.js")


@wall.get("/wall")
def wall_page():
    return _page("wall.html", script="js/wall.js", wifi_ssid=kiosk_config()["wifi_ssid"])


@facilitator.get("/facilitator")
def console_page():
    return _page("facilitator.html", script="js/facilitator.js")


def _wifi_data() -> str:
    config = kiosk_config()
    if not config["wifi_ssid"]:
        abort(404)
    return qr.wifi_payload(config["wifi_ssid"], config["wifi_password"])


def _image(data: bytes, mimetype: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Cache-Control"] = "no-cache"
    return response


@codes.get("/join.png")
def join_png():
    return _image(qr.png(kiosk_config()["join_url"]), "image/png")


@codes.get("/join.svg")
def join_svg():
    return _image(qr.svg(kiosk_config()["join_url"]), "image/svg+xml")


@codes.get("/wifi.png")
def wifi_png():
    return _image(qr.png(_wifi_data()), "image/png")


@codes.get("/wifi.svg")
def wifi_svg():
    return _image(qr.svg(_wifi_data()), "image/svg+xml")
