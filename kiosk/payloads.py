"""Reading a command's payload: each helper returns a clean value or raises a clear refusal."""

from __future__ import annotations

import re
import unicodedata

from .errors import N_, KioskError, bad_input

KEY_MAX = 64
MAX_DEPTH = 8  # the deepest real payload is 2 levels (a ballot's map); JSON nested deeper is refused

# Text no file can keep (a lone UTF-16 surrogate cannot be written as UTF-8) or that hides the end of
# a string from C-minded tools (NUL): refused wherever it is, keys and idempotency keys included.
_FORBIDDEN = re.compile("[\x00\ud800-\udfff]")
# Invisible characters that change how text around them reads: right-to-left overrides and isolates
# (they reverse what the wall shows), zero-width spaces and joiners (two names look the same), the
# byte-order mark, the soft hyphen. Removed from every text field.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


class TooDeep(dict):
    """A payload nested beyond what the JSON parser takes: it stands for it, to be refused like any other."""


def too_deep() -> KioskError:
    return bad_input(N_("The payload is nested too deeply: send a flat JSON object."))


def check(payload: dict) -> None:
    """Refuse, before anything runs, a payload nested deeper than MAX_DEPTH or holding a forbidden
    character anywhere (in a value or a key, however deep). Costs one pass over what was sent."""
    if isinstance(payload, TooDeep):
        raise too_deep()
    stack = [(payload, 1, None)]
    while stack:
        value, depth, field = stack.pop()
        if isinstance(value, str):
            if _FORBIDDEN.search(value):
                if field is None or _FORBIDDEN.search(field) or len(field) > KEY_MAX:
                    raise bad_input(N_("The payload holds a character that is not allowed (an invalid or "
                                       "control character)."))
                raise bad_input(N_("The field “%(field)s” holds a character that is not allowed (an invalid "
                                   "or control character)."), field=field)
            continue
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                raise too_deep()
            items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
            for key, item in items:
                name = field if field is not None else key if isinstance(key, str) else None
                if isinstance(key, str):
                    stack.append((key, depth, name))
                stack.append((item, depth + 1, name))


def idempotency_key(payload: dict) -> str | None:
    key = payload.get("key")
    if key is None:
        return None
    if not isinstance(key, str) or not key or len(key) > KEY_MAX:
        raise bad_input(N_("The idempotency key must be a text of 1 to %(max)d characters."), max=KEY_MAX)
    return key


#: A run of spaces other than the no-break ones, which French typography puts before : ; ? ! and
#: inside « » (phones' French keyboards type them): those are kept, so the line never breaks there.
_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def _spaces(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _clean(value: str, multiline: bool) -> str:
    """Drop control and invisible characters (a newline is kept in multi-line fields), runs of
    spaces and outer spaces."""
    value = _INVISIBLE.sub("", value)
    value = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    if multiline:
        return "\n".join(_spaces(line) for line in value.replace("\r\n", "\n").split("\n")).strip()
    return _spaces(value)


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


def kind_id(item_id, kinds: tuple[str, ...]) -> tuple[str, int] | None:
    """The id of an item of an activity with several kinds of items, "<kind>:<number>" (a debate's
    "argument:4", a grid's "row:2"): `(kind, number)`, or None when it is no such id."""
    kind, _, number = str(item_id).partition(":")
    return (kind, int(number)) if kind in kinds and number.isascii() and number.isdigit() else None
