"""The workshop's activities, each a unit: the core loops over `ACTIVITIES` and names none of them.

An activity has the same name in three trees: `kiosk/activities/<name>/` (its rules, tables,
events, commands, snapshot part, export sections, UI strings, step options),
`templates/activities/<name>/` (its phone, wall and console partials) and
`static/js/activities/<name>/` (its reducers and one render module per screen). Its package's
`__init__.py` registers its commands next to what they call and describes it with one
`Activity`: a frozen record of what it adds to each part of the core, every field optional.

Adding an activity is new files in its three folders, one line in `NAMES` below and one
import line per screen entry (`static/js/{phone,wall,facilitator}.js`): `docs/activities.md`.
Importing this package imports every activity, which registers its commands and events; a
name, phase, snapshot key or UI string claimed twice fails here, at import.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

#: Snapshot keys of the core (snapshot.py): no activity may claim them.
CORE_KEYS = ("seq", "now", "workshop", "phase", "participants", "deck", "step", "chime", "spotlight", "role", "me",
             "programme")
#: Snapshot keys of the core present only at times (the console's `shared_addresses`, while some
#: participants joined from one address): no activity may claim them either.
CORE_OCCASIONAL_KEYS = ("shared_addresses",)
#: Phases of the core: the welcome before any activity, the closing after all of them.
CORE_PHASES = ("welcome", "closing")


@dataclass(frozen=True)
class Countdown:
    """An activity's own countdown, driven by the `timer.*` commands with `target: <activity>`."""

    running: Callable  # (db) -> bool: while it runs, `timer.*` without a target acts on it
    change: Callable  # (db, change(countdown, now) -> countdown, now) -> (result, events)


@dataclass(frozen=True)
class Activity:
    """What an activity adds to the core. Hooks receive the database and plain values, never Flask.

    - `phases`: phase -> (name, text), lazy strings: the wall's title and the phones' sentence.
    - `keys`/`public(db, deck)`: its part of every snapshot, kept while no table it read changed
      (`snapshot.PublicBuilder`: it reads only the tables, derived values and the deck);
      `me_keys`/`personal(db, participant_id)`:
      what concerns one participant, under `state["me"]`; `console_keys`/`console(db)`: what the
      facilitator sees besides (it may replace its own public keys with fuller ones).
    - `strings`: the texts its scripts show, `{key: lazy string | {key: lazy string} | list}`.
    - `step_keys`/`step_options(reader) -> dict | None`: the options a programme step of its
      phases may carry, and how it reads them (`programmes.StepReader`; None after a problem);
      the step keeps them in `Step.options`, and `kiosk programme phases` lists them.
    - `on_enter(db, phase) -> [Event]`: the workshop moved to a phase (any phase);
      `on_leave(db, now) -> [Event]`: the programme moved to a step of another activity's phase.
    - `countdown`: a countdown of its own for the `timer.*` commands.
    - `sheets(view) -> [Table]`, `pdf(report, view)`, `pictures(view) -> {file: png}`: its export;
      `files(view) -> {file: bytes}`: its other files of the bundle (the address book's .vcf);
      `posters(view) -> [Poster]`: its A3 posters of `posters.pdf` (`kiosk/export/posters.py`), none
      when it has no data;
      `results(db) -> dict`: what `results.json` holds of it beyond the snapshot and its tables.
    - `private_tables`: its tables left out of `results.json`'s `tables` (they hold what a person
      did not agree to put in a file: contact details); its `results` says what the file may hold.
    - `group_sources`: the ways it offers to form groups (`groups.form {from}`), see groups.
    - `forget(db, participant_id) -> [Event]`: the facilitator removed this participant
      (`participant.remove`): forget them the activity's own way (their ballots go back, their
      name leaves its lists), returning the events it emits for such changes; run before the
      participant's row leaves the store.
    - `demo(room, step)`: its part of `kiosk serve --demo` (`kiosk/demo.py`), played through
      `room.do(actor, command, payload)` on each step of its phases, once Next started it (an
      activity without a phase is called on every step and chooses its own).
    - `absentees(view) -> str | None`: its section of `absentees.html`, the page for those who
      could not come (`kiosk/export/absentees.py`): HTML rendered with autoescaping
      (`absentees.section`), or None when it has nothing to say; `absentees_data(db)`: what
      only that page may show (the cards ticked for those absent), read with the export's data
      and kept out of every other file (`view.for_absentees(name)`).
    - `spotlight(db, deck, item_id, t) -> dict`: one of its items as the wall shows it large
      (`wall.spotlight`, `kiosk/spotlight.py`): `{text, author?, context?, figures?, parts?}`, its
      labels and figures in the workshop's language through `t` (`i18n.Words`: `gettext`, `ngettext`,
      `date`); raises
      `KioskError` when there is no such item on the wall (unknown, hidden, withdrawn). Called again
      after every change while the item is shown: read, never write.
    """

    name: str
    phases: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)
    keys: tuple[str, ...] = ()
    public: Callable | None = None
    me_keys: tuple[str, ...] = ()
    personal: Callable | None = None
    console_keys: tuple[str, ...] = ()
    console: Callable | None = None
    strings: Mapping[str, Any] = field(default_factory=dict)
    step_options: Callable | None = None
    step_keys: Mapping[str, str] = field(default_factory=dict)  # option -> what it sets (English)
    on_enter: Callable | None = None
    on_leave: Callable | None = None
    start: Callable | None = None
    countdown: Countdown | None = None
    sheets: Callable | None = None
    pdf: Callable | None = None
    pictures: Callable | None = None
    files: Callable | None = None
    posters: Callable | None = None
    private_tables: tuple[str, ...] = ()
    results: Callable | None = None
    forget: Callable | None = None
    demo: Callable | None = None
    absentees: Callable | None = None
    absentees_data: Callable | None = None
    spotlight: Callable | None = None


def check(activities: tuple[Activity, ...], core_strings: Mapping = {}) -> None:
    """Refuse a registry where a name, a phase, a snapshot key or a UI string is claimed twice."""
    def claim(kind: str, seen: dict, names, owner: str) -> None:
        for name in names:
            if name in seen:
                raise RuntimeError(f"The {kind} {name!r} is claimed by both {seen[name]} and {owner}.")
            seen[name] = owner

    names: dict = {}
    phases = dict.fromkeys(CORE_PHASES, "the core")
    keys = dict.fromkeys(CORE_KEYS + CORE_OCCASIONAL_KEYS, "the core")
    me_keys: dict = {}
    strings = dict.fromkeys(core_strings, "the core")
    for activity in activities:
        claim("activity name", names, [activity.name], activity.name)
        claim("phase", phases, activity.phases, activity.name)
        claim("snapshot key", keys, activity.keys, activity.name)
        claim("snapshot key", keys, [k for k in activity.console_keys if k not in activity.keys], activity.name)
        claim("snapshot key under me", me_keys, activity.me_keys, activity.name)
        claim("UI string", strings, activity.strings, activity.name)


def phases(activities) -> tuple[str, ...]:
    """Every phase in the workshop's order: the welcome, each activity's, the closing."""
    return (CORE_PHASES[0], *(p for a in activities for p in a.phases), CORE_PHASES[1])


def forget(db, participant_id: int) -> list:
    """Every activity forgets a removed participant, in the registry's order: their events."""
    return [event for activity in ACTIVITIES if activity.forget is not None
            for event in activity.forget(db, participant_id)]


def owner_of(activities, phase: str) -> Activity | None:
    return next((a for a in activities if phase in a.phases), None)


# The registry: one line per activity, in the workshop's usual order, which phases, snapshot
# parts, export sections and screens follow. Importing each registers its commands and events.
NAMES = (
    "wordcloud",
    "addressbook",
    "roundtable",
    "review",
    "debate",
    "criteria",
    "recommendations",
    "examples",
    "statements",
    "issues",
    "vote",
    "forces",
    "groups",
    "grid",
    "seeds",
    "census",
    "families",
    "board",
    "surprises",
    "report",
    "wall",
    "buddies",
)
ACTIVITIES: tuple[Activity, ...] = tuple(importlib.import_module(f"{__name__}.{name}").ACTIVITY for name in NAMES)
PHASES = phases(ACTIVITIES)
check(ACTIVITIES)
