"""Languages: French first, English complete (Flask-Babel).

A page's language is, first one found: `?lang=` (kept in a cookie), the browser's language when it
is French or English, then the box's language (KIOSK_LANG, changed by `workshop.update`). The wall
skips the browser's language: a projector's browser is often set up in English for a French room.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

from flask import current_app, request
from flask_babel import Babel, gettext

from . import workshop
from .errors import KioskError

LANGS = ("fr", "en")
LANG_COOKIE = "kiosk_lang"
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def workshop_lang(box) -> str:
    """The box's language, as the facilitator set it (`workshop.update`)."""
    return box.store.read(lambda db: workshop.meta(db)["workshop"]["lang"])


def box_lang() -> str:
    box = current_app.extensions.get("kiosk_box")
    if box is not None:
        return workshop_lang(box)
    return current_app.config["KIOSK"]["lang"]


def asked_lang() -> str | None:
    """The language this request asks for (`?lang=`, its cookie, else the browser's when French or
    English), or None: the box's then. The wall skips the browser's (see above)."""
    chosen = request.args.get("lang") or request.cookies.get(LANG_COOKIE)
    if chosen in LANGS:
        return chosen
    if request.path.startswith("/wall"):
        return None
    return request.accept_languages.best_match(LANGS)


def select_locale() -> str:
    if not request:
        return current_app.config["KIOSK"]["lang"]
    return asked_lang() or box_lang()


def init_app(app) -> Babel:
    return Babel(app, locale_selector=select_locale, default_translation_directories="translations")


def sentence(gettext: Callable[[str], str], message: str, values: dict) -> str:
    """A refusal's message through `gettext`, its values filled in.

    Only a field's name is a message of ours; other values (a first name, a path…) stay as typed.
    """
    values = {k: gettext(v) if k == "field" and isinstance(v, str) else v for k, v in values.items()}
    text = gettext(message)
    try:
        return text % values if values else text
    except (KeyError, TypeError, ValueError):
        return text


def translate(answer: dict, words: Callable[[], Callable[[str], str]] | None = None) -> dict:
    """Turn a stored answer into what is sent: a refusal's message in the caller's language (also
    one nested under `not_started`: a step that moved while its activity could not start).

    `words()` gives the `gettext` to write it with, asked only when there is something to write
    (Flask-Babel's, for the request's language, by default)."""
    nested = answer.get("not_started")
    if answer.get("ok", True) and isinstance(nested, dict) and "message" in nested:
        text = words() if words is not None else gettext
        return {**answer, "not_started": sentence(text, nested["message"], nested.get("values", {}))}
    if answer.get("ok", True) or "message" not in answer:
        return answer
    text = words() if words is not None else gettext
    return {"ok": False, "error": sentence(text, answer["message"], answer.get("values", {})),
            "code": answer["code"]}


# --- Without Flask: the command line and the export's files -------------------------------------

@functools.lru_cache(maxsize=len(LANGS))
def catalogue(lang: str):
    """One language's catalogue (`gettext`, `ngettext`), without Flask, read once per language."""
    from babel.support import Translations

    return Translations.load(str(TRANSLATIONS), [lang], domain="messages")


def translator(lang: str) -> Callable[[str], str]:
    """`gettext` for one language, without Flask (the CLI has no request, a bundle has its own language)."""
    return catalogue(lang).gettext


def long_date(value, lang: str) -> str:
    """A date ("2026-11-30", or a date or datetime) in `lang`, long form: "30 novembre 2026"; a text
    that is no date stays as it is."""
    import datetime

    from babel.dates import format_date

    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return format_date(value, "long", locale=lang)


class Words:
    """What a domain function needs to write for the screens in one language, without Flask:
    `gettext`, `ngettext` and `date` (long form)."""

    def __init__(self, lang: str):
        self.lang = lang
        self.gettext = catalogue(lang).gettext
        self.ngettext = catalogue(lang).ngettext

    def date(self, value) -> str:
        return long_date(value, self.lang)


def message(error: KioskError, lang: str) -> str:
    """A refusal as one sentence in `lang`, for the command line."""
    return sentence(translator(lang), error.message, error.values)
