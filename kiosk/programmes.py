"""Programmes: a workshop's timed agenda, read from TOML files in `decks/programmes/`.

A programme is what a facilitator thinks in: a title and a list of steps, each with a title, a
duration in minutes, the phase it sets and, optionally, a short text for the phones and one for
the wall (format in the comment header of `decks/programmes/sharitories.fr.toml`). Like decks
(see `decks.py`), a programme is written by a person in a text editor, so `load_programme`
reports *every* problem at once, each as one line `FILE: where: what` (`steps[3].minutes`),
steps counted from 1 in file order.

A step of the `report` phase may set how long each group presents (`present_minutes`, default 2)
and how long the room reacts (`react_minutes`, default 2): the report-back's own timers.

The file format only: running the agenda (the step's countdown) is `timer.py`.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

# The deck reader's helpers: the same messages, the same `FILE: where: what` lines.
from .decks import (LANGS, FileProblems, _blocks, _check_keys, _kind, _label, _Report, _text, check_files,
                    load_checked)
from .workshop import PHASES

DEFAULT_PROGRAMME = "sharitories"

ROOT_KEYS = ("title", "lang", "steps")
STEP_KEYS = ("title", "minutes", "phase", "phone", "wall", "present_minutes", "react_minutes")
REPORT_KEYS = ("present_minutes", "react_minutes")
TITLE_MAX = 120
STEP_TITLE_MAX = 80
TEXT_MAX = 200
STEPS_MAX = 60
MINUTES_MAX = 240
REPORT_MINUTES_MAX = 30
REPORT_DEFAULT_S = 120


class ProgrammeError(FileProblems):
    """A programme that cannot be used; `problems` holds one `FILE: where: what` line per problem."""


@dataclass(frozen=True)
class Step:
    """One step of the agenda: the phase it sets and how long it lasts."""

    title: str
    phase: str
    duration_s: int
    phone: str = ""
    wall: str = ""
    present_s: int = REPORT_DEFAULT_S  # report-back: each group presents this long…
    react_s: int = REPORT_DEFAULT_S  # …then the room reacts this long

    def public(self) -> dict:
        data = {"title": self.title, "phase": self.phase, "duration_s": self.duration_s,
                "phone": self.phone, "wall": self.wall}
        if self.phase == "report":
            data.update(present_s=self.present_s, react_s=self.react_s)
        return data


@dataclass(frozen=True)
class Programme:
    """A validated programme. Immutable: one instance is shared by the whole box."""

    title: str
    lang: str
    steps: tuple[Step, ...]
    path: Path | None = field(default=None, compare=False)

    def public(self) -> dict:
        """The agenda, as the console shows it."""
        return {"title": self.title, "lang": self.lang, "steps": [step.public() for step in self.steps]}


# --- Public functions -------------------------------------------------------------------------


def load_programme(path: str | os.PathLike) -> Programme:
    """Read and validate one programme file; raise ProgrammeError listing every problem found."""
    return load_checked(path, _build, ProgrammeError)


def check_programmes(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Every problem of every programme file, as `FILE: where: what` lines (empty when all are valid)."""
    return check_files(paths, load_programme, ProgrammeError)


def find_programme(name_or_path: str | os.PathLike, directory: str | os.PathLike, lang: str | None = None) -> Path:
    """The programme file meant by a path or a name in `directory`, in the deck's language.

    Tried in order: an existing file; `<name>.<lang>.toml`; `<name>.toml`; the only
    `<name>.*.toml`. So `sharitories` is `sharitories.fr.toml` for a French deck.
    """
    given = str(name_or_path)
    candidate = Path(name_or_path)
    if candidate.is_file():
        return candidate
    if candidate.suffix == ".toml" or os.sep in given or "/" in given:
        raise ProgrammeError([f"{given}: file: no such programme file"])
    directory = Path(directory)
    files = sorted(directory.glob("*.toml")) if directory.is_dir() else []
    for stem in ([f"{given}.{lang}"] if lang else []) + [given]:
        for path in files:
            if path.stem == stem:
                return path
    matches = [f for f in files if f.stem.split(".", 1)[0] == given]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(f.name for f in matches)
        raise ProgrammeError([f"{given}: programme: several programmes match ({names}); give the file name"])
    available = ", ".join(sorted({f.stem for f in files})) or "none"
    raise ProgrammeError([f"{given}: programme: no programme with this name in {directory} (available: {available})"])


# --- Reading and validation -------------------------------------------------------------------


def _short_text(table: dict, key: str, where: str, limit: int, report: _Report, required: bool = True) -> str | None:
    if not required and key not in table:
        return ""
    value = _text(table, key, where, report)
    if value is not None and len(value) > limit:
        place = f"{where}.{key}" if where else key
        report.add(place, f"is {len(value)} characters long; keep it to {limit} at most")
        return None
    return value


def _minutes(table: dict, key: str, where: str, limit: int, report: _Report) -> int | None:
    """A duration written in minutes (a whole or decimal number: 1.5 is 1 min 30 s), as seconds."""
    place = f"{where}.{key}"
    if key not in table:
        report.add(place, f"missing; add {key} = 5 (the step's duration in minutes)")
        return None
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        report.add(place, f"must be a number of minutes, like {key} = 5, not {_kind(value)}")
        return None
    seconds = round(value * 60)
    if seconds < 1 or value > limit:
        report.add(place, f"{value} is not a duration: give more than 0 and at most {limit} minutes")
        return None
    return seconds


def _phase(table: dict, where: str, report: _Report) -> str | None:
    value = _text(table, "phase", where, report)
    if value is None:
        return None
    if value not in PHASES:
        close = difflib.get_close_matches(value, PHASES, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        report.add(f"{where}.phase", f"'{value}' is not a phase; {hint}phases are: {', '.join(PHASES)}")
        return None
    return value


def _build(data: dict, path: Path, report: _Report) -> Programme | None:
    _check_keys(data, ROOT_KEYS, "", report)
    title = _short_text(data, "title", "", TITLE_MAX, report)
    lang = _text(data, "lang", "", report)
    if lang is not None and lang not in LANGS:
        report.add("lang", f"'{lang}' is not a supported language: use \"fr\" or \"en\"")
    blocks = _blocks(data, "steps", report)
    if not blocks and isinstance(data.get("steps", []), list):
        report.add("steps", "the programme has no step; add at least one [[steps]] block")
    if len(blocks) > STEPS_MAX:
        report.add("steps", f"{len(blocks)} steps is too many; keep it to {STEPS_MAX} at most")
    steps = []
    for index, block in enumerate(blocks, start=1):
        where = _label("steps", index, block)
        if not isinstance(block, dict):
            report.add(where, f"must be a [[steps]] block, not {_kind(block)}")
            continue
        step = _step(block, where, report)
        if step is not None:
            steps.append(step)
    if report.problems:
        return None
    return Programme(title=title, lang=lang, steps=tuple(steps), path=path)


def _step(block: dict, where: str, report: _Report) -> Step | None:
    _check_keys(block, STEP_KEYS, where, report)
    title = _short_text(block, "title", where, STEP_TITLE_MAX, report)
    duration = _minutes(block, "minutes", where, MINUTES_MAX, report)
    phase = _phase(block, where, report)
    phone = _short_text(block, "phone", where, TEXT_MAX, report, required=False)
    wall = _short_text(block, "wall", where, TEXT_MAX, report, required=False)
    timings = {}
    for key in REPORT_KEYS:
        if key not in block:
            continue
        if phase is not None and phase != "report":
            report.add(f"{where}.{key}", f"only a step of the report phase has {key}; remove it or set phase = \"report\"")
            continue
        timings[key] = _minutes(block, key, where, REPORT_MINUTES_MAX, report)
    if None in (title, duration, phase, phone, wall) or None in timings.values():
        return None
    return Step(title=title, phase=phase, duration_s=duration, phone=phone, wall=wall,
                present_s=timings.get("present_minutes", REPORT_DEFAULT_S),
                react_s=timings.get("react_minutes", REPORT_DEFAULT_S))
