"""Programmes: a workshop's timed agenda, read from TOML files in `decks/programmes/`.

A programme is what a facilitator thinks in: a title and a list of steps, each with a title, a
duration in minutes, the phase it sets and, optionally, a short text for the phones and one for
the wall (format in the comment header of `decks/programmes/sharitories.fr.toml`). Like decks
(see `decks.py`), a programme is written by a person in a text editor, so `load_programme`
reports *every* problem at once, each as one line `FILE: where: what` (`steps[3].minutes`),
steps counted from 1 in file order.

A programme of several days (or of a morning and an afternoon) names its parts: a step with
`part = "Mercredi : personnes et associations"` starts that part, and the steps after it belong to
it until another step names the next part (`Step.part`; the console's agenda heads each part with
its name). Between two parts the box may be switched off: it keeps everything, and Next goes on
from the step where the room stopped.

Besides its core keys, a step may carry options that the activity of its phase reads
(`Activity.step_options`, through a `StepReader`): a report-back step sets how long each group
presents (`present_minutes`) and how long the room reacts (`react_minutes`). `kiosk programme
phases` prints every phase with the options it reads.

The file format only: running the agenda (the step's countdown) is `timer.py`.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

# The deck reader's helpers: the same messages, the same `FILE: where: what` lines.
from .decks import (LANGS, FileProblems, _blocks, _check_keys, _kind, _label, _Report, _text, check_files,
                    load_checked)
from .activities import ACTIVITIES, PHASES, owner_of

DEFAULT_PROGRAMME = "sharitories"

ROOT_KEYS = ("title", "lang", "steps")
STEP_KEYS = ("title", "minutes", "phase", "phone", "wall", "part")
OPTION_KEYS = tuple(key for activity in ACTIVITIES for key in activity.step_keys)
TITLE_MAX = 120
STEP_TITLE_MAX = 80
TEXT_MAX = 200
STEPS_MAX = 60
MINUTES_MAX = 240


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
    options: dict = field(default_factory=dict, hash=False)  # read by the phase's activity
    part: str = ""  # the part of the programme (a day) the step belongs to, "" in a programme without parts

    def public(self) -> dict:
        return {"title": self.title, "phase": self.phase, "duration_s": self.duration_s,
                "phone": self.phone, "wall": self.wall, **({"part": self.part} if self.part else {}), **self.options}


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
    part = ""
    for index, block in enumerate(blocks, start=1):
        where = _label("steps", index, block)
        if not isinstance(block, dict):
            report.add(where, f"must be a [[steps]] block, not {_kind(block)}")
            continue
        if "part" in block:
            part = _short_text(block, "part", where, STEP_TITLE_MAX, report) or part
        step = _step(block, where, report)
        if step is not None:
            steps.append(replace(step, part=part))
    if report.problems:
        return None
    return Programme(title=title, lang=lang, steps=tuple(steps), path=path)


class StepReader:
    """What an activity reads its step options with: each problem is one line of the report."""

    def __init__(self, block: dict, where: str, report: _Report):
        self.block, self.where, self.report = block, where, report

    def has(self, key: str) -> bool:
        return key in self.block

    def problem(self, key: str, what: str) -> None:
        self.report.add(f"{self.where}.{key}", what)

    def minutes(self, key: str, limit: int) -> int | None:
        """A duration in minutes (1.5 is 1 min 30 s), as seconds; None after a problem."""
        return _minutes(self.block, key, self.where, limit, self.report)

    def text(self, key: str, limit: int) -> str | None:
        """A short text; "" when absent, None after a problem."""
        return _short_text(self.block, key, self.where, limit, self.report, required=False)


def _step(block: dict, where: str, report: _Report) -> Step | None:
    _check_keys(block, STEP_KEYS + OPTION_KEYS, where, report)
    title = _short_text(block, "title", where, STEP_TITLE_MAX, report)
    duration = _minutes(block, "minutes", where, MINUTES_MAX, report)
    phase = _phase(block, where, report)
    phone = _short_text(block, "phone", where, TEXT_MAX, report, required=False)
    wall = _short_text(block, "wall", where, TEXT_MAX, report, required=False)
    owner = owner_of(ACTIVITIES, phase) if phase is not None else None
    # An option name may be shared (a word cloud and a situation review both have a `prompt`): it is
    # wrong only on a step whose phase's activity does not read it.
    for key in dict.fromkeys(OPTION_KEYS):
        if key in block and phase is not None and (owner is None or key not in owner.step_keys):
            phases = [p for activity in ACTIVITIES if key in activity.step_keys for p in activity.phases]
            report.add(f"{where}.{key}", f"only a step of the {' or '.join(phases)} phase has {key}; "
                                         f"remove it or set phase = \"{phases[0]}\"")
    options: dict | None = {}
    if owner is not None and owner.step_options is not None:
        options = owner.step_options(StepReader(block, where, report))
    if None in (title, duration, phase, phone, wall, options):
        return None
    return Step(title=title, phase=phase, duration_s=duration, phone=phone, wall=wall, options=options)


def phases_help() -> str:
    """`kiosk programme phases`: every phase, its activity, and the step options that activity reads."""
    lines = []
    for phase in PHASES:
        owner = owner_of(ACTIVITIES, phase)
        lines.append(f"{phase}" + (f"  (activity: {owner.name})" if owner else "  (the core)"))
        for key, meaning in (owner.step_keys if owner else {}).items():
            lines.append(f"    {key} = …  {meaning}")
    lines.append("")
    lines.append(f"Every step: {', '.join(STEP_KEYS)} (title, minutes and phase required).")
    return "\n".join(lines)
