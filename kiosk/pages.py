"""The pages, one blueprint per audience: the phone, the wall, the facilitator's console, QR codes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, make_response, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l

from . import activities, qr, workshop
from .activities import ACTIVITIES
from .i18n import LANG_COOKIE, LANGS

phone = Blueprint("phone", __name__)
wall = Blueprint("wall", __name__)
facilitator = Blueprint("facilitator", __name__)
codes = Blueprint("qr", __name__, url_prefix="/qr")


#: The core's phases; every other phase is an activity's (`Activity.phases`).
CORE_PHASES = {
    "welcome": (_l("Welcome"),
                _l("The workshop is about to begin. Keep this page open: it follows the workshop.")),
    "closing": (_l("Closing"),
                _l("Thank you for taking part! One concrete action and one motivation buddy.")),
}

#: The core's texts for the pages' scripts ({name} marks a value); each activity adds its own.
CORE_STRINGS = {
    "hello": _l("Hello {name}!"),
    "connected": _l("Connected."),
    "offline": _l("Connection lost: reconnecting…"),
    "network_error": _l("The box cannot be reached: check the Wi-Fi and try again."),
    "pending_one": _l("1 change waiting to be sent"),
    "pending_many": _l("{n} changes waiting to be sent"),
    "saved": _l("Saved."),
    "characters_left": _l("{n} / {max} characters"),
    "participants": _l("participants"),
    "participant": _l("participant"),
    "yes": _l("yes"),
    "no": _l("no"),
    "untitled": _l("Workshop"),
    "yours": _l("yours"),
    "facilitator": _l("facilitator"),
    # Removing a participant (a join flood)
    "remove": _l("Remove"),
    "remove_named": _l("Remove {name}"),
    "remove_confirm": _l("Remove {name} from the workshop? Their votes go back, their name and posts leave every screen."),
    "same_address": _l("Joined from the same address ({address}): {names}"),
    "removed_you": _l("The facilitator removed you from the workshop. You can join again."),
    # Export
    "export_to": _l("Export to “{label}” ({free} free)"),
    "exporting": _l("Exporting… keep the USB stick plugged in."),
    "exported": _l("Exported to {path}. You can unplug the USB stick."),
    "preparing_zip": _l("Preparing the zip file…"),
    "preparing_tents": _l("Preparing the table tents…"),
    "downloaded": _l("Downloaded: {name}."),
    "size_mb": _l("{n} MB"),
    "size_gb": _l("{n} GB"),
    "deck_current": _l("In use: {title} ({families} families, {cards} cards)"),
    "deck_use": _l("Use this deck"),
    "deck_in_use_now": _l("in use"),
    "deck_source_box": _l("on the box"),
    "deck_source_imported": _l("imported"),
    "deck_source_usb": _l("on a USB stick"),
    "deck_none_found": _l("No deck found."),
    "programme_current": _l("In use: {title} ({steps} steps)"),
    "programme_entry": _l("{title} ({lang}, {steps} steps, {minutes} min)"),
    "programme_use": _l("Use this programme"),
    "programme_none_found": _l("No programme found."),
    # Expert families and group boards
    "save": _l("Save"),
    # The programme and the report-back
    "step_n_of": _l("Step {n} of {total}"),
    "step_announce": _l("New step, {n}: {title}"),
    "minutes_short": _l("{n} min"),
    "current_step": _l("now"),
    "go_to_step": _l("Go"),
    "go_to_step_named": _l("Go to the step “{title}”"),
    "not_started": _l("The programme has not started: “Start the programme” opens its first step."),
    "no_programme": _l("No programme."),
    "programme_start": _l("Start the programme"),
    "step_next": _l("Next"),
    "pause": _l("Pause"),
    "resume": _l("Resume"),
    "one_more_minute": _l("+1 min"),
    # The wall's spotlight: one item shown large (wall.spotlight)
    "show_large": _l("Show large"),
    "show_large_named": _l("Show “{text}” large on the wall"),
    "spotlight_off": _l("Take off the wall"),
    "spotlight_off_named": _l("Take “{text}” off the wall (Escape)"),
}
activities.check(ACTIVITIES, CORE_STRINGS)


def phase_labels() -> dict[str, tuple]:
    """Every phase, in order: (name, text), lazy strings."""
    owned = {phase: label for activity in ACTIVITIES for phase, label in activity.phases.items()}
    return {phase: CORE_PHASES.get(phase) or owned[phase] for phase in activities.PHASES}


def _text(value):
    """A lazy string in the page's language; dicts and lists of them likewise."""
    if isinstance(value, dict):
        return {key: _text(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_text(item) for item in value]
    return str(value)


def core_strings() -> dict:
    """The core's texts and every phase's name and sentence, in the page's language: what a phone's
    page carries before any activity's screen (each screen brings its own texts: `part`)."""
    labels = phase_labels()
    return {
        # JSON objects reach the scripts with sorted keys: orders travel as lists.
        "phase_order": list(labels),
        "phases": {key: str(name) for key, (name, _) in labels.items()},
        "phase_texts": {key: str(text) for key, (_, text) in labels.items()},
        **_text(CORE_STRINGS),
    }


def ui_strings() -> dict:
    """Every text the pages' scripts show, in the page's language ({name} marks a value)."""
    strings = core_strings()
    for activity in ACTIVITIES:
        strings.update(_text(activity.strings))
    return strings


@phone.app_context_processor
def page_context() -> dict:
    return {"lang": str(get_locale() or "fr"), "strings": ui_strings(),
            "activities": [activity.name for activity in ACTIVITIES]}


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
    # The workshop's title, on the join page before a phone has any state: people check they are
    # joining the right room, on the right day (its date, written long in the page's language by phone.js).
    details = current_app.extensions["kiosk_box"].store.read(lambda db: workshop.meta(db)["workshop"])
    # Only the core's texts: each activity's screen (its section, texts and script) comes when a
    # phase it shows does (`part`, static/js/phone.js), so the first load carries none of them.
    lang = str(get_locale() or "fr")
    return _page("phone.html", script="js/phone.js", workshop_title=details.get("title") or "",
                 workshop_date=details.get("date") or "", strings=core_strings(),
                 parts=url_for("phone.part", version=parts_version(), lang=lang, name="_")[:-len("_.json")],
                 screens={activity.name: list(activity.phases) for activity in ACTIVITIES})


ROOT = Path(__file__).resolve().parent.parent
#: What a phone's screen of an activity is made of besides its scripts (which live under the static
#: files' versioned URL): its partial, its texts (in the activities' code) and their translations.
PART_SOURCES = ("templates/activities/*/phone.html", "kiosk/activities/**/*.py", "kiosk/translations/*/LC_MESSAGES/*.mo")


def parts_version() -> str:
    """A digest of the static files' version and of every file a screen's part is made of: a box
    that runs other code serves its parts under another address, so no phone keeps a stale one."""
    extensions = current_app.extensions
    if "kiosk_parts_version" not in extensions:
        digest = hashlib.sha256(current_app.static_url_path.encode())
        for pattern in PART_SOURCES:
            for path in sorted(ROOT.glob(pattern)):
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
        extensions["kiosk_parts_version"] = digest.hexdigest()[:10]
    return extensions["kiosk_parts_version"]


@phone.get("/phone/<version>/<lang>/<name>.json")
def part(version: str, lang: str, name: str):
    """One activity's screen for the phone page, `{html, strings}`: its section
    (`templates/activities/<name>/phone.html`) and its texts, in `lang`. Its address names the box's
    version, so a phone keeps it for a year; rendered once per language and version."""
    activity = next((a for a in ACTIVITIES if a.name == name), None)
    if version != parts_version() or lang not in LANGS or activity is None:
        abort(404)
    cache = current_app.extensions.setdefault("kiosk_parts", {})
    if (lang, name) not in cache:
        with force_locale(lang):
            body = {"html": render_template(f"activities/{name}/phone.html"), "strings": _text(activity.strings)}
        cache[(lang, name)] = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    response = Response(cache[(lang, name)], mimetype="application/json")
    response.headers["Cache-Control"] = f"public, max-age={365 * 24 * 3600}, immutable"
    return response


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
