"""Card decks: the families of collaborative practices and their cards, read from TOML files.

A deck is a plain TOML file in `decks/` that a facilitator edits in a text editor (format in the
comment header of `decks/pratiques-collaboratives.fr.toml`). Because the person editing it is not
a programmer, `load_deck` checks everything and reports *every* problem at once, each as one line
`FILE: where: what`, where `where` names the place in the file (`families[3].color`,
`cards[12] (jardin-partage).description`, `line 14`). Block indexes count from 1, in file order,
the way a person counts the `[[families]]` and `[[cards]]` blocks of the file.

Sentence rule (card descriptions must have 2 to 4 sentences, family descriptions 1 or 2): a
sentence ends at a run of `.`, `!`, `?` or `…` (closing quotes or brackets may follow) that is
followed by the end of the text, or by a space and then a capital letter, a digit or an opening
quote. So "etc. et", "3.5", "p. ex. un" and "?!" do not split a sentence. A period after a common
abbreviation (M., Mme, Dr, cf., ex., p., e.g., i.e., n°…) or after a single letter (an initial)
never ends a sentence. Text after the last sentence end, without final punctuation, counts as one
more sentence.

Stdlib only: this module is loaded by the server, the CLI (`kiosk deck check`) and the tests, and
must not depend on the rest of the application.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable

DEFAULT_DECK = "pratiques-collaboratives"
#: The deck a box uses when none is set: the one in the box's language (KIOSK_LANG). The
#: programme follows the deck's language (programmes.find_programme), so an English box runs the
#: English deck and the English programme's steps.
DECK_BY_LANG = {"fr": DEFAULT_DECK, "en": "collaborative-practices"}


def deck_setting(setting: str | None, lang: str) -> str:
    """The deck meant by the `deck` setting: the one given, else the one in the box's language."""
    return setting or DECK_BY_LANG.get(lang, DEFAULT_DECK)
#: The decks shipped with the box (programmes are in its `programmes/` folder).
DECKS_DIR = Path(__file__).resolve().parent.parent / "decks"
LANGS = ("fr", "en")

CARD_SENTENCES = (2, 4)
FAMILY_SENTENCES = (1, 2)
# WCAG AA for normal text: family colours are backgrounds for white text on the wall and phones.
MIN_CONTRAST_WITH_WHITE = 4.5

ROOT_KEYS = ("id", "title", "lang", "families", "cards")
FAMILY_KEYS = ("id", "name", "color", "description")
CARD_KEYS = ("id", "family", "title", "description", "examples", "keywords")

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SLUG_MAX = 64
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
# Terminal punctuation, then closing quotes or brackets (French puts a space before »).
_SENTENCE_END = re.compile(r"([.!?…]+)(?:\s?[»”]|[\"’')\]])*")
_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


class FileProblems(Exception):
    """A file that cannot be used; `problems` holds one `FILE: where: what` line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class DeckError(FileProblems):
    """A deck that cannot be used."""


@dataclass(frozen=True)
class Family:
    """A family of collaborative practices (e.g. urban agriculture): a colour and a short text."""

    id: str
    name: str
    color: str
    description: str


@dataclass(frozen=True)
class Card:
    """One practice: what it is, a few examples of local initiatives, keywords."""

    id: str
    family: str
    title: str
    description: str
    examples: tuple[str, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Deck:
    """A validated deck. Immutable: one instance is shared by every request of the server."""

    id: str
    title: str
    lang: str
    families: tuple[Family, ...]
    cards: tuple[Card, ...]
    path: Path | None = field(default=None, compare=False)

    # cached_property writes to the instance __dict__ directly, so it works on a frozen dataclass.
    @cached_property
    def _families_by_id(self) -> dict[str, Family]:
        return {family.id: family for family in self.families}

    @cached_property
    def _cards_by_id(self) -> dict[str, Card]:
        return {card.id: card for card in self.cards}

    def family(self, family_id: str) -> Family | None:
        """The family with this id, or None (callers refuse unknown ids with their own error)."""
        return self._families_by_id.get(family_id)

    def card(self, card_id: str) -> Card | None:
        """The card with this id, or None."""
        return self._cards_by_id.get(card_id)

    def cards_of(self, family_id: str) -> tuple[Card, ...]:
        """The cards of one family, in file order (empty for an unknown family)."""
        return tuple(card for card in self.cards if card.family == family_id)

    def public(self) -> dict:
        """What every screen needs to show the deck: families with their cards' titles only."""
        return self._as_dict(lambda c: {"id": c.id, "title": c.title})

    def full(self) -> dict:
        """Everything in the deck as plain data (for an expert reading their cards, or exports)."""
        return self._as_dict(_card_dict)

    def _as_dict(self, card_dict) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "lang": self.lang,
            "families": [
                {
                    "id": family.id,
                    "name": family.name,
                    "color": family.color,
                    "description": family.description,
                    "cards": [card_dict(c) for c in self.cards_of(family.id)],
                }
                for family in self.families
            ],
        }


def _card_dict(card: Card) -> dict:
    return {
        "id": card.id,
        "family": card.family,
        "title": card.title,
        "description": card.description,
        "examples": list(card.examples),
        "keywords": list(card.keywords),
    }


# --- Public functions -------------------------------------------------------------------------


def load_checked(path: str | os.PathLike, build, error_type: type[Exception]):
    """Read a TOML file and `build(data, path, report)` from it; raise `error_type(problems)`
    listing every problem found. Shared by decks and programmes."""
    path = Path(path)
    report = _Report(str(path))
    data = _read_toml(path, report)
    built = build(data, path, report) if data is not None else None
    if report.problems or built is None:
        raise error_type(report.problems)
    return built


def check_files(paths: Iterable[str | os.PathLike], load, error_type: type[Exception]) -> list[str]:
    """Every problem of every file, as `FILE: where: what` lines (empty when all are valid)."""
    problems: list[str] = []
    for path in paths:
        try:
            load(path)
        except error_type as error:
            problems.extend(error.problems)
    return problems


def load_deck(path: str | os.PathLike) -> Deck:
    """Read and validate one deck file; raise DeckError listing every problem found."""
    return load_checked(path, _build_deck, DeckError)


def check_decks(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Every problem of every deck file, as `FILE: where: what` lines (empty when all are valid)."""
    return check_files(paths, load_deck, DeckError)


def find_deck(name_or_path: str | os.PathLike, decks_dir: str | os.PathLike) -> Path:
    """The deck file meant by a path, a deck id or a file stem in decks_dir.

    Tried in order: an existing file; a file in decks_dir whose stem is the name
    (`pratiques-collaboratives.fr`); a file whose deck id is the name; a file whose stem starts
    with the name and a dot (`pratiques-collaboratives` for `pratiques-collaboratives.fr.toml`).
    """
    given = str(name_or_path)
    candidate = Path(name_or_path)
    if candidate.is_file():
        return candidate
    if candidate.suffix == ".toml" or os.sep in given or "/" in given:
        raise DeckError([f"{given}: file: no such deck file"])

    decks_dir = Path(decks_dir)
    files = sorted(decks_dir.glob("*.toml")) if decks_dir.is_dir() else []
    ids = {f: _peek_id(f) for f in files}
    for matches in (
        [f for f in files if f.stem == given],
        [f for f in files if ids[f] == given],
        [f for f in files if f.stem.split(".", 1)[0] == given],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = ", ".join(f.name for f in matches)
            raise DeckError([f"{given}: deck: several decks match ({names}); give the file name"])
    available = ", ".join(ids[f] or f.stem for f in files) or "none"
    raise DeckError(
        [f"{given}: deck: no deck with this id or file name in {decks_dir} (available: {available})"]
    )


def list_decks(decks_dir: str | os.PathLike) -> list[Deck]:
    """The valid decks of decks_dir, by file name; invalid ones are skipped (see check_decks)."""
    decks_dir = Path(decks_dir)
    if not decks_dir.is_dir():
        return []
    decks = []
    for path in sorted(decks_dir.glob("*.toml")):
        try:
            decks.append(load_deck(path))
        except DeckError:
            continue
    return decks


def count_sentences(text: str) -> int:
    """Number of sentences in text, by the rule in this module's docstring."""
    text = " ".join(text.split())
    count = 0
    last_end = 0
    for match in _SENTENCE_END.finditer(text):
        rest = text[match.end():]
        if rest and not _starts_sentence(rest):
            continue
        if match.group(1) == "." and _ends_with_abbreviation(
            text[: match.start()]
        ):
            continue
        count += 1
        last_end = match.end()
    if re.search(r"\w", text[last_end:]):
        count += 1
    return count


def contrast_with_white(color: str) -> float:
    """WCAG contrast ratio between a #rrggbb colour and white (1 to 21)."""

    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(color[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


# --- Sentence counting helpers ----------------------------------------------------------------

_ABBREVIATIONS = {
    "m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "pr", "st", "ste",
    "cf", "ex", "p", "pp", "vs", "no", "n°", "eg", "ie", "av", "bd", "approx", "env",
}  # fmt: skip


def _starts_sentence(rest: str) -> bool:
    """True when rest is a space, then (after opening quotes) a capital letter or a digit."""
    if not rest[0].isspace():
        return False
    following = rest.lstrip().lstrip("«\"“‘'([ \u00a0")
    return bool(following) and (following[0].isupper() or following[0].isdigit())


def _ends_with_abbreviation(before: str) -> bool:
    match = re.search(r"([\w°.]+)$", before)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isalpha():
        return True  # an initial, as in "J. Dupont"
    return word.replace(".", "").lower() in _ABBREVIATIONS


# --- Reading and validation -------------------------------------------------------------------


class _Report:
    """Collects problems for one file, already shaped `FILE: where: what`."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{self.file}: {where}: {what}")


def _read_toml(path: Path, report: _Report) -> dict | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        report.add("file", "no such file")
        return None
    except OSError as error:
        report.add("file", f"cannot be read ({error.strerror or error})")
        return None
    try:
        # utf-8-sig: some Windows editors put a byte-order mark first; it is harmless here.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report.add(f"line {line}", "the file is not UTF-8 text; save it with the UTF-8 encoding")
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        place = _TOML_PLACE.search(message)
        if place:
            line, column = place.groups()
            what = f"{_TOML_PLACE.sub('', message)} (column {column})"
            report.add(f"line {line}", f"TOML syntax error: {what}")
        elif _TOML_AT_END.search(message):
            report.add("end of file", f"TOML syntax error: {_TOML_AT_END.sub('', message)}")
        else:
            report.add("file", f"TOML syntax error: {message}")
        return None


def _peek_id(path: Path) -> str | None:
    """The id written in a deck file, without validating the rest (for find_deck)."""
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8-sig")).get("id")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) else None


def _kind(value: object) -> str:
    """A type name a facilitator understands."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def _check_keys(table: dict, allowed: tuple[str, ...], where: str, report: _Report) -> None:
    # Unknown keys are almost always typos ("colour", "exemples") that would silently drop data.
    for key in table:
        if key in allowed:
            continue
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(allowed)}"
        place = f"{where}.{key}" if where else key
        report.add(place, f"unknown key ({hint})")


def _squeeze(text: str) -> str:
    """Collapse the line breaks of multi-line strings; non-breaking spaces (French) are kept."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _text(table: dict, key: str, where: str, report: _Report) -> str | None:
    """A required, non-empty text; whitespace (line breaks of multi-line strings) is collapsed."""
    place = f"{where}.{key}" if where else key
    if key not in table:
        report.add(place, f'missing; add {key} = "…"')
        return None
    value = table[key]
    if not isinstance(value, str):
        report.add(place, f'must be a text in quotes, like {key} = "…", not {_kind(value)}')
        return None
    value = _squeeze(value)
    if not value:
        report.add(place, "is empty")
        return None
    return value


def _slug(table: dict, key: str, where: str, report: _Report) -> str | None:
    value = _text(table, key, where, report)
    if value is None:
        return None
    if not _SLUG.fullmatch(value) or len(value) > _SLUG_MAX:
        place = f"{where}.{key}" if where else key
        report.add(
            place,
            f"'{value}' is not a valid id: use lowercase letters a-z, digits and single hyphens, "
            f"at most {_SLUG_MAX} characters (e.g. jardin-partage)",
        )
        return None
    return value


def _texts(table: dict, key: str, where: str, report: _Report) -> tuple[str, ...] | None:
    """A required, non-empty list of non-empty texts."""
    place = f"{where}.{key}"
    if key not in table:
        report.add(place, f'missing; add {key} = ["…", "…"]')
        return None
    value = table[key]
    if not isinstance(value, list):
        report.add(place, f'must be a list of texts, like {key} = ["…", "…"], not {_kind(value)}')
        return None
    if not value:
        report.add(place, "is empty; give at least one")
        return None
    items = []
    for i, item in enumerate(value, start=1):
        if not isinstance(item, str):
            report.add(f"{place}[{i}]", f"must be a text in quotes, not {_kind(item)}")
        elif not item.strip():
            report.add(f"{place}[{i}]", "is empty")
        else:
            items.append(_squeeze(item))
    return tuple(items) if len(items) == len(value) else None


def _sentences(text: str | None, bounds: tuple[int, int], place: str, report: _Report) -> None:
    if text is None:
        return
    low, high = bounds
    n = count_sentences(text)
    if not low <= n <= high:
        wanted = f"{low} to {high}" if low != 1 or high != 2 else "1 or 2"
        report.add(place, f"must have {wanted} sentences, found {n}")


def _blocks(data: dict, key: str, report: _Report) -> list:
    """The [[key]] blocks, or [] after reporting why they cannot be read."""
    if key not in data:
        return []
    blocks = data[key]
    if isinstance(blocks, dict):
        report.add(key, f"must be a list of blocks: write [[{key}]] with double brackets")
        return []
    if not isinstance(blocks, list):
        report.add(key, f"must be a list of [[{key}]] blocks, not {_kind(blocks)}")
        return []
    return blocks


def _label(kind: str, index: int, block: object) -> str:
    """`cards[12] (jardin-partage)`: the index and, when readable, the id, to find the block."""
    block_id = block.get("id") if isinstance(block, dict) else None
    if isinstance(block_id, str) and block_id.strip():
        return f"{kind}[{index}] ({block_id.strip()})"
    return f"{kind}[{index}]"


def _build_deck(data: dict, path: Path, report: _Report) -> Deck | None:
    _check_keys(data, ROOT_KEYS, "", report)
    deck_id = _slug(data, "id", "", report)
    title = _text(data, "title", "", report)
    lang = _text(data, "lang", "", report)
    if lang is not None and lang not in LANGS:
        report.add("lang", f"'{lang}' is not a supported language: use \"fr\" or \"en\"")

    families = _read_families(data, report)
    cards = _read_cards(data, families, report)

    for index, family_id in families["order"]:
        if family_id not in families["with_cards"]:
            report.add(
                f"families[{index}] ({family_id})",
                f'no card belongs to this family; add a [[cards]] block with family = "{family_id}"',
            )

    if report.problems:
        return None
    return Deck(
        id=deck_id,
        title=title,
        lang=lang,
        families=tuple(families["valid"]),
        cards=tuple(cards),
        path=path,
    )


def _read_families(data: dict, report: _Report) -> dict:
    blocks = _blocks(data, "families", report)
    if not blocks and isinstance(data.get("families", []), list):
        report.add("families", "the deck has no family; add at least one [[families]] block")

    seen_ids: dict[str, str] = {}
    seen_colors: dict[str, str] = {}
    valid: list[Family] = []
    order: list[tuple[int, str]] = []
    for index, block in enumerate(blocks, start=1):
        where = _label("families", index, block)
        if not isinstance(block, dict):
            report.add(where, f"must be a [[families]] block, not {_kind(block)}")
            continue
        _check_keys(block, FAMILY_KEYS, where, report)
        family_id = _slug(block, "id", where, report)
        name = _text(block, "name", where, report)
        color = _text(block, "color", where, report)
        description = _text(block, "description", where, report)
        _sentences(description, FAMILY_SENTENCES, f"{where}.description", report)

        if color is not None:
            color = _check_color(color, f"{where}.color", seen_colors, where, report)
        if family_id is not None:
            if family_id in seen_ids:
                report.add(
                    f"{where}.id",
                    f"duplicate family id '{family_id}' (already used by {seen_ids[family_id]})",
                )
                family_id = None
            else:
                seen_ids[family_id] = where
                order.append((index, family_id))
        if None not in (family_id, name, color, description):
            valid.append(Family(family_id, name, color, description))

    # Cards are checked against every id written, even an invalid one, so that one misspelt family
    # id gives one problem, not one more per card of that family.
    written = {
        b["id"].strip() for b in blocks if isinstance(b, dict) and isinstance(b.get("id"), str)
    }
    return {"valid": valid, "order": order, "written": written, "with_cards": set()}


def _check_color(
    color: str, place: str, seen: dict[str, str], where: str, report: _Report
) -> str | None:
    if not _COLOR.fullmatch(color):
        report.add(place, f"'{color}' is not a colour: write it as #rrggbb, e.g. #2e7d32")
        return None
    color = color.lower()
    contrast = contrast_with_white(color)
    ok = True
    if contrast < MIN_CONTRAST_WITH_WHITE:
        report.add(
            place,
            f"{color} is too light for white text (contrast {contrast:.1f}:1, needs at least "
            f"{MIN_CONTRAST_WITH_WHITE}:1); choose a darker colour",
        )
        ok = False
    # Families are told apart by colour on the wall; two identical colours would be confusing.
    if color in seen:
        report.add(place, f"{color} is already the colour of {seen[color]}; give each family its own")
        ok = False
    else:
        seen[color] = where
    return color if ok else None


def _read_cards(data: dict, families: dict, report: _Report) -> list[Card]:
    blocks = _blocks(data, "cards", report)
    seen_ids: dict[str, str] = {}
    valid: list[Card] = []
    for index, block in enumerate(blocks, start=1):
        where = _label("cards", index, block)
        if not isinstance(block, dict):
            report.add(where, f"must be a [[cards]] block, not {_kind(block)}")
            continue
        _check_keys(block, CARD_KEYS, where, report)
        card_id = _slug(block, "id", where, report)
        family_id = _text(block, "family", where, report)
        title = _text(block, "title", where, report)
        description = _text(block, "description", where, report)
        _sentences(description, CARD_SENTENCES, f"{where}.description", report)
        examples = _texts(block, "examples", where, report)
        keywords = _texts(block, "keywords", where, report)

        if card_id is not None:
            if card_id in seen_ids:
                report.add(
                    f"{where}.id", f"duplicate card id '{card_id}' (already used by {seen_ids[card_id]})"
                )
                card_id = None
            else:
                seen_ids[card_id] = where
        if family_id is not None:
            if family_id in families["written"]:
                families["with_cards"].add(family_id)
            else:
                known = ", ".join(sorted(families["written"])) or "none"
                report.add(
                    f"{where}.family", f"unknown family '{family_id}' (families are: {known})"
                )
                family_id = None
        if None not in (card_id, family_id, title, description, examples, keywords):
            valid.append(Card(card_id, family_id, title, description, examples, keywords))
    return valid
