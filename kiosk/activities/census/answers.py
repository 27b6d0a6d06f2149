"""Checking one filled census form against its `Form`: every answer is hostile until checked.

`check(form, values)` returns the clean answers `{field id: value}` (a field left empty is absent)
or raises a refusal naming the question (`field` in its values, for the screen to point at it).
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata

from ... import payloads
from ...errors import N_, KioskError, bad_input
from .forms import CONTACT_MAX, Field, Form

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9 .()-]{6,25}")
_DATE = (re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?"), re.compile(r"(?:(\d{1,2})/)?(\d{1,2})/(\d{4})"))
EARLIEST_YEAR = 1800


@functools.lru_cache(maxsize=4096)  # the choices and communes of a form are folded again at every entry
def fold(text: str) -> str:
    """Lower case, accents and punctuation folded to spaces: "Saint-Nicolas-de-Rédon" → "saint nicolas de redon"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch if ch.isalnum() else " " for ch in text if not unicodedata.combining(ch))
    words = text.replace("œ", "oe").replace("æ", "ae").split()
    return " ".join("saint" if w == "st" else "sainte" if w == "ste" else w for w in words)


def _refuse(field: Field, message: str, **values) -> KioskError:
    return bad_input(message, field=field.label, field_id=field.id, **values)


def _text(field: Field, value) -> str | None:
    try:
        return payloads.text({"v": value}, "v", max_len=field.max or 120, required=False, label=field.label,
                             multiline=field.type == "long_text")
    except KioskError as error:
        raise KioskError(error.code, error.message, **error.values, field_id=field.id) from None


def _number(field: Field, value) -> int | None:
    if isinstance(value, str):
        digits = value.replace(" ", "").replace("\u202f", "").replace("\u00a0", "")
        if not digits:
            return None
        if not digits.isdecimal() or len(digits) > 9:
            raise _refuse(field, N_("“%(field)s”: write a whole number, like 12."))
        value = int(digits)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(field, N_("“%(field)s”: write a whole number, like 12."))
    if not field.min <= value <= field.max:
        raise _refuse(field, N_("“%(field)s”: a number from %(min)d to %(max)d."), min=field.min, max=field.max)
    return value


def _pick(field: Field, value, options) -> str:
    """One of `options`, matched without minding case or accents (a volunteer types "alimentation")."""
    if isinstance(value, str):
        wanted = fold(value)
        for option in options:
            if fold(option) == wanted:
                return option
    if field.type == "commune":
        raise _refuse(field, N_("“%(field)s”: choose a commune of the list."))
    raise _refuse(field, N_("“%(field)s”: choose one of the answers offered."))


def _choices(field: Field, value) -> list[str] | None:
    if not isinstance(value, list) or len(value) > len(field.choices):
        raise _refuse(field, N_("“%(field)s”: choose among the answers offered."))
    picked = {_pick(field, item, field.choices) for item in value}
    return [choice for choice in field.choices if choice in picked] or None


def _date(field: Field, value) -> str | None:
    text = _text(field, value)
    if text is None:
        return None
    iso, day_first = _DATE[0].fullmatch(text), _DATE[1].fullmatch(text)
    if iso:
        year, month, day = iso.groups()
    elif day_first:
        day, month, year = day_first.groups()
    else:
        raise _refuse(field, N_("“%(field)s”: write a year (2019), a month (2019-03) or a day (2019-03-12)."))
    parts = [int(year)] + [int(p) for p in (month, day) if p]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise _refuse(field, N_("“%(field)s”: this date does not exist.")) from None
    if not EARLIEST_YEAR <= parts[0] <= datetime.date.today().year + 1:
        raise _refuse(field, N_("“%(field)s”: a year from %(low)d to %(high)d."), low=EARLIEST_YEAR,
                      high=datetime.date.today().year + 1)
    return "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]])


def _contact(field: Field, value) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _refuse(field, N_("“%(field)s”: an e-mail address or a phone number."))
    address = payloads.text(value, "address", max_len=CONTACT_MAX, required=False, label=field.label)
    if address is None:
        return None
    if not (_EMAIL.fullmatch(address) or (_PHONE.fullmatch(address) and sum(c.isdigit() for c in address) >= 6)):
        raise _refuse(field, N_("“%(field)s”: an e-mail address or a phone number."))
    if value.get("consent") is not True:
        raise _refuse(field, N_("“%(field)s”: tick the sentence to agree, or leave the contact empty: a contact is "
                                "kept only with its owner’s consent."))
    return {"address": address, "consent": True}


def check(form: Form, values) -> dict:
    """The answers of `values` (`{field id: answer}`), checked and cleaned; refused at the first
    wrong one, naming its question. Unknown fields are refused too (a form from another census)."""
    if not isinstance(values, dict):
        raise bad_input(N_("Send the answers as an object: “values”: {…}."))
    for key in values:
        if form.field(key) is None:
            raise bad_input(N_("This form has no question “%(field)s”: reload the page."), field=str(key)[:40])
    clean = {}
    for field in form.fields:
        value = values.get(field.id)
        if field.type in ("text", "long_text"):
            value = _text(field, value)
        elif field.type == "number":
            value = _number(field, value)
        elif field.type in ("one_choice", "commune"):
            value = None if value in (None, "") else _pick(field, value, field.choices or field.communes)
        elif field.type == "choices":
            value = None if value in (None, []) else _choices(field, value)
        elif field.type == "date":
            value = _date(field, value)
        else:
            value = _contact(field, value)
        if value is None:
            if field.required:
                raise _refuse(field, N_("“%(field)s” is required."))
            continue
        clean[field.id] = value
    return clean
