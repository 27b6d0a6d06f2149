"""Languages: French first, English complete (Flask-Babel).

A page's language is, first one found: `?lang=` (kept in a cookie), the browser's language when it
is French or English, then the box's language (KIOSK_LANG, changed by `workshop.update`). The wall
skips the browser's language: a projector's browser is often set up in English for a French room.
"""

from __future__ import annotations

from flask import current_app, request
from flask_babel import Babel, gettext

from . import workshop

LANGS = ("fr", "en")
LANG_COOKIE = "kiosk_lang"


def box_lang() -> str:
    box = current_app.extensions.get("kiosk_box")
    if box is not None:
        return box.store.read(lambda db: workshop.meta(db)["workshop"]["lang"])
    return current_app.config["KIOSK"]["lang"]


def select_locale() -> str:
    if not request:
        return current_app.config["KIOSK"]["lang"]
    chosen = request.args.get("lang") or request.cookies.get(LANG_COOKIE)
    if chosen in LANGS:
        return chosen
    if request.path.startswith("/wall"):
        return box_lang()
    return request.accept_languages.best_match(LANGS) or box_lang()


def init_app(app) -> Babel:
    return Babel(app, locale_selector=select_locale, default_translation_directories="translations")


def translate(answer: dict) -> dict:
    """Turn a stored answer into what is sent: a refusal's message in the caller's language."""
    if answer.get("ok", True) or "message" not in answer:
        return answer
    # Only a field's name is a message of ours; other values (a first name…) stay as typed.
    values = {k: gettext(v) if k == "field" and isinstance(v, str) else v for k, v in answer.get("values", {}).items()}
    message = answer["message"]
    error = gettext(message)
    try:
        error = error % values if values else error
    except (KeyError, TypeError, ValueError):
        pass
    return {"ok": False, "error": error, "code": answer["code"]}
