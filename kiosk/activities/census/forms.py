"""Census forms: the questions of a census, read from a small TOML file next to the decks.

A form is `decks/forms/<name>.<lang>.toml` (format in the comment header of
`decks/forms/domino.fr.toml`): a title, an introduction, and `[[fields]]` blocks, each a question
of one of eight types:

| type | the answer |
|---|---|
| `text` | a short text (`max` characters, 120 by default) |
| `long_text` | a text of several lines (`max` characters, 1,000 by default) |
| `number` | a whole number from `min` (0 by default) to `max` (1,000,000 by default) |
| `one_choice` | one of `choices` |
| `choices` | several of `choices` |
| `commune` | one commune of the list in `communes` (a text file beside the form, one name a line) |
| `date` | a year, a month or a day: `2019`, `2019-03`, `2019-03-12` (or `12/03/2019`, `03/2019`) |
| `contact` | an e-mail address or a phone number, kept only when its owner ticks the `consent` sentence |

`name_field` names the field a census entry is known by (duplicates are looked for on it),
`theme_field` the one-choice field the wall counts by (optional). `kiosk form check FILE…` reports
every problem at once, one `FILE: where: what` line each, with the line of the block.

Stdlib only, like `decks.py`, whose checking helpers it shares.
"""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from ...decks import DECKS_DIR, FileProblems, _blocks, _check_keys, _kind, _label, _slug, _squeeze, _text, _texts, \
    check_files, load_checked

FORMS_DIR = Path(DECKS_DIR) / "forms"
DEFAULT_FORM = "domino"
TYPES = ("text", "long_text", "number", "one_choice", "choices", "commune", "date", "contact")
TOP_KEYS = ("id", "title", "intro", "lang", "name_field", "theme_field", "fields")
FIELD_KEYS = ("id", "type", "label", "help", "required", "max", "min", "choices", "communes", "consent")
TEXT_MAX = {"text": 120, "long_text": 1000}
TEXT_MAX_LIMIT = {"text": 200, "long_text": 4000}
NUMBER_MAX = 1_000_000
CHOICES_MAX = 30
COMMUNES_MAX = 2000
FIELDS_MAX = 30
CONTACT_MAX = 120


class FormError(FileProblems):
    """A form file that cannot be used; `problems` holds one `FILE: where: what` line per problem."""


@dataclass(frozen=True)
class Field:
    id: str
    type: str
    label: str
    required: bool = False
    help: str = ""
    max: int | None = None
    min: int | None = None
    choices: tuple[str, ...] = ()
    communes: tuple[str, ...] = ()
    consent: str = ""


@dataclass(frozen=True)
class Form:
    id: str
    title: str
    intro: str
    lang: str
    name_field: str
    theme_field: str
    fields: tuple[Field, ...]

    def field(self, field_id: str) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)

    @property
    def commune_field(self) -> str:
        """The first commune field's id ("" when the form has none): the census counts by it."""
        return next((f.id for f in self.fields if f.type == "commune"), "")

    def to_dict(self) -> dict:
        """The form as plain data: kept with the census, sent to the screens."""
        return {**asdict(self), "fields": [{k: list(v) if isinstance(v, tuple) else v for k, v in asdict(f).items()}
                                           for f in self.fields], "commune_field": self.commune_field}


def from_dict(data: dict) -> Form:
    """The form kept with a census, back as a `Form`."""
    fields = tuple(Field(**{k: tuple(v) if isinstance(v, list) else v for k, v in f.items()}) for f in data["fields"])
    return Form(data["id"], data["title"], data["intro"], data["lang"], data["name_field"], data["theme_field"], fields)


def _block_lines(path: Path) -> list[int]:
    """The line of each `[[fields]]` header, in file order: a problem names where to look."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return [n for n, line in enumerate(text.splitlines(), start=1) if re.match(r"\s*\[\[\s*fields\s*\]\]", line)]


def _whole(table: dict, key: str, where: str, report, low: int, high: int) -> int | None:
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        report.add(f"{where}.{key}", f"must be a whole number from {low} to {high}, not {value!r}")
        return None
    return value


def _communes(path: Path, name: object, where: str, report) -> tuple[str, ...]:
    if not isinstance(name, str) or not name.strip():
        report.add(f"{where}.communes", 'must name the list of communes, like communes = "communes/pays-de-redon.txt"')
        return ()
    file = (path.parent / name.strip())
    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        report.add(f"{where}.communes", f"no such file {file}")
        return ()
    except (OSError, UnicodeDecodeError) as error:
        report.add(f"{where}.communes", f"{file} cannot be read as UTF-8 text ({error})")
        return ()
    names, seen = [], {}
    for n, line in enumerate(lines, start=1):
        line = _squeeze(line)
        if not line or line.startswith("#"):
            continue
        if line.casefold() in seen:
            report.add(f"{where}.communes", f"{file.name} line {n}: '{line}' is already on line {seen[line.casefold()]}")
            continue
        seen[line.casefold()] = n
        names.append(line)
    if not names:
        report.add(f"{where}.communes", f"{file.name} holds no commune (one name a line)")
    if len(names) > COMMUNES_MAX:
        report.add(f"{where}.communes", f"{file.name} holds {len(names)} communes: at most {COMMUNES_MAX}")
    return tuple(names)


def _field(block: object, where: str, path: Path, report) -> Field | None:
    if not isinstance(block, dict):
        report.add(where, f"must be a [[fields]] block, not {_kind(block)}")
        return None
    before = len(report.problems)
    _check_keys(block, FIELD_KEYS, where, report)
    field_id = _slug(block, "id", where, report)
    label = _text(block, "label", where, report)
    kind = block.get("type")
    if kind not in TYPES:
        report.add(f"{where}.type", f"must be one of: {', '.join(TYPES)} (found {kind!r})")
        return None
    required = block.get("required", False)
    if not isinstance(required, bool):
        report.add(f"{where}.required", f"must be true or false, not {_kind(required)}")
    help_text = _text(block, "help", where, report) if "help" in block else ""
    allowed = {"text": ("max",), "long_text": ("max",), "number": ("min", "max"), "one_choice": ("choices",),
               "choices": ("choices",), "commune": ("communes",), "contact": ("consent",), "date": ()}[kind]
    for key in ("max", "min", "choices", "communes", "consent"):
        if key in block and key not in allowed:
            report.add(f"{where}.{key}", f"a {kind} field has no {key}")
    maximum = minimum = None
    if kind in TEXT_MAX:
        maximum = _whole(block, "max", where, report, 1, TEXT_MAX_LIMIT[kind]) if "max" in block else TEXT_MAX[kind]
    if kind == "number":
        minimum = _whole(block, "min", where, report, 0, NUMBER_MAX) if "min" in block else 0
        maximum = _whole(block, "max", where, report, 0, NUMBER_MAX) if "max" in block else NUMBER_MAX
        if minimum is not None and maximum is not None and minimum > maximum:
            report.add(f"{where}.min", f"is above max ({minimum} > {maximum})")
    choices: tuple[str, ...] = ()
    if kind in ("one_choice", "choices"):
        choices = _texts(block, "choices", where, report) or ()
        folded = [c.casefold() for c in choices]
        for n, choice in enumerate(choices, start=1):
            if folded.index(choice.casefold()) != n - 1:
                report.add(f"{where}.choices[{n}]", f"'{choice}' is given twice")
        if len(choices) > CHOICES_MAX:
            report.add(f"{where}.choices", f"at most {CHOICES_MAX} choices (found {len(choices)})")
        if len(choices) == 1:
            report.add(f"{where}.choices", "give at least two choices")
    communes = _communes(path, block.get("communes"), where, report) if kind == "commune" else ()
    consent = _text(block, "consent", where, report) if kind == "contact" else ""
    if len(report.problems) > before or field_id is None or label is None:
        return None
    return Field(field_id, kind, label, required, help_text or "", maximum, minimum, choices, communes, consent or "")


def _build(data: dict, path: Path, report) -> Form | None:
    before = len(report.problems)
    _check_keys(data, TOP_KEYS, "", report)
    form_id = _slug(data, "id", "", report)
    title = _text(data, "title", "", report)
    intro = _text(data, "intro", "", report) if "intro" in data else ""
    lang = data.get("lang", "fr")
    if lang not in ("fr", "en"):
        report.add("lang", f'must be "fr" or "en", not {lang!r}')
    lines = _block_lines(path)
    blocks = _blocks(data, "fields", report)
    if not blocks and "fields" not in data:
        report.add("fields", "missing; add at least one [[fields]] block")
    if len(blocks) > FIELDS_MAX:
        report.add("fields", f"at most {FIELDS_MAX} fields (found {len(blocks)})")
    fields, seen = [], {}
    for index, block in enumerate(blocks, start=1):
        where = _label("fields", index, block) + (f" line {lines[index - 1]}" if index <= len(lines) else "")
        field = _field(block, where, path, report)
        if field is None:
            continue
        if field.id in seen:
            report.add(f"{where}.id", f"'{field.id}' is already the id of fields[{seen[field.id]}]")
            continue
        seen[field.id] = index
        fields.append(field)
    by_id = {f.id: f for f in fields}
    name_field = _text(data, "name_field", "", report)
    if name_field is not None and fields and name_field not in by_id:
        report.add("name_field", f"'{name_field}' is not the id of a field")
    elif name_field is not None and name_field in by_id and by_id[name_field].type != "text":
        report.add("name_field", f"'{name_field}' must be a text field (the name of what is counted)")
    elif name_field is not None and name_field in by_id and not by_id[name_field].required:
        report.add("name_field", f"'{name_field}' must be required (required = true): entries are known by it")
    theme_field = ""
    if "theme_field" in data:
        theme_field = _text(data, "theme_field", "", report) or ""
        if theme_field and fields and (theme_field not in by_id or by_id[theme_field].type != "one_choice"):
            report.add("theme_field", f"'{theme_field}' must be the id of a one_choice field")
    if len([f for f in fields if f.type == "contact"]) > 1:
        report.add("fields", "at most one contact field")
    if len(report.problems) > before or None in (form_id, title, name_field):
        return None
    return Form(form_id, title, intro or "", lang, name_field, theme_field, tuple(fields))


def load_form(path: str | os.PathLike) -> Form:
    """Read and check one form file; raise FormError listing every problem found."""
    return load_checked(path, _build, FormError)


def check_forms(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Every problem of every form file, as `FILE: where: what` lines (empty when all are valid)."""
    return check_files(paths, load_form, FormError)


def find_form(name_or_path: str | os.PathLike, lang: str, directory: str | os.PathLike = FORMS_DIR) -> Path:
    """The form file meant by a path or a name: an existing file, else `<name>.<lang>.toml`, else
    `<name>.toml`, in `directory`; FormError when there is none."""
    candidate = Path(name_or_path)
    if candidate.is_file():
        return candidate
    directory = Path(directory)
    for stem in (f"{name_or_path}.{lang}", str(name_or_path)):
        if (directory / f"{stem}.toml").is_file():
            return directory / f"{stem}.toml"
    available = sorted({p.name.split(".", 1)[0] for p in directory.glob("*.toml")}) if directory.is_dir() else []
    raise FormError([f"{name_or_path}: form: no form with this name in {directory} "
                     f"(available: {', '.join(available) or 'none'})"])
