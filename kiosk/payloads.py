"""Reading a command's payload: each helper returns a clean value or raises a clear refusal."""

from __future__ import annotations

import unicodedata

from .errors import N_, KioskError, bad_input

KEY_MAX = 64


def idempotency_key(payload: dict) -> str | None:
    key = payload.get("key")
    if key is None:
        return None
    if not isinstance(key, str) or not key or len(key) > KEY_MAX:
        raise bad_input(N_("The idempotency key must be a text of 1 to %(max)d characters."), max=KEY_MAX)
    return key


def _clean(value: str, multiline: bool) -> str:
    """Drop control characters (a newline is kept in multi-line fields) and outer spaces."""
    value = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    if multiline:
        value = "\n".join(" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n"))
        return value.strip()
    return " ".join(value.split())


def text(payload: dict, field: str, *, max_len: int, required: bool = True, label: str | None = None,
         multiline: bool = False) -> str | None:
    """A text field, cleaned; refused when missing (if required), not a string, or too long."""
    value = payload.get(field)
    label = label or field
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise bad_input(N_("The field “%(field)s” is required."), field=label)
        return None
    if not isinstance(value, str):
        raise bad_input(N_("The field “%(field)s” must be a text."), field=label)
    value = _clean(value, multiline)
    if not value:
        if required:
            raise bad_input(N_("The field “%(field)s” is required."), field=label)
        return None
    if len(value) > max_len:
        raise bad_input(N_("The field “%(field)s” has at most %(max)d characters."), field=label, max=max_len)
    return value


def boolean(payload: dict, field: str, default: bool = False) -> bool:
    value = payload.get(field, default)
    if not isinstance(value, bool):
        raise bad_input(N_("The field “%(field)s” must be true or false."), field=field)
    return value


def integer(payload: dict, field: str, *, minimum: int | None = None, maximum: int | None = None,
            default: int | None = None) -> int:
    value = payload.get(field, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_input(N_("The field “%(field)s” must be a whole number."), field=field)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise bad_input(N_("The field “%(field)s” must be between %(min)s and %(max)s."),
                        field=field, min=minimum, max=maximum)
    return value


def choice(payload: dict, field: str, options) -> str:
    value = payload.get(field)
    if value not in options:
        raise bad_input(N_("The field “%(field)s” must be one of: %(options)s."), field=field,
                        options=", ".join(options))
    return value


def document(db, table: str, payload: dict, field: str, not_found: str):
    """The document of `table` whose id is `payload[field]`; refused with `not_found` otherwise."""
    doc_id = payload.get(field)
    doc = None
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc = db.table(table).get(doc_id=doc_id)
    if doc is None:
        raise KioskError("not_found", not_found)
    return doc
