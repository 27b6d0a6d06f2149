"""The decks and programmes the facilitator can choose from: shipped, imported earlier, on a stick.

A deck chosen from a USB stick is checked, then copied into the data directory (`decks/`), so the
workshop keeps it when the stick leaves. The workshop remembers its deck (`deck_path` in its meta
document): a restart comes back to the same deck.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tinydb import TinyDB

from . import decks, rooms, workshop
from .errors import N_, KioskError

MAX_DECK_BYTES = 1_000_000
STICK_FOLDERS = ("", "decks", "kiosk", "Kiosk")


def _stick_files(drive_path: Path, folders=STICK_FOLDERS) -> list[Path]:
    """TOML files in these folders of a stick (its top by default, decks/, kiosk/; no deeper search)."""
    found = []
    for folder in folders:
        try:
            found += sorted(p for p in (drive_path / folder).glob("*.toml")
                            if p.is_file() and p.stat().st_size <= MAX_DECK_BYTES)
        except OSError:
            continue
    return found


def _listed(box_dir: Path, imported_dir: Path, drives, stick_folders, load, error, describe) -> list[dict]:
    """Every file the box can see (its own, imported earlier, on a stick), each with its source
    and, when `load` refuses it with `error`, its problems; `describe(loaded)` adds what to show."""
    places = [("box", p) for p in sorted(Path(box_dir).glob("*.toml"))]
    places += [("imported", p) for p in sorted(Path(imported_dir).glob("*.toml"))]
    for drive in drives:
        places += [("usb", p) for p in _stick_files(Path(drive.path), stick_folders)]
    listed = []
    for source, path in places:
        entry = {"path": str(path), "source": source, "file": path.name}
        try:
            loaded = load(path)
        except error as refused:
            entry.update(ok=False, problems=refused.problems[:5])
        else:
            entry.update(ok=True, **describe(loaded))
        listed.append(entry)
    return listed


def available(decks_dir: Path, data_dir: Path, drives=()) -> list[dict]:
    """Every deck file the box can see, each with its source and, if it cannot be used, why."""
    return _listed(decks_dir, Path(data_dir) / "decks", drives, STICK_FOLDERS, decks.load_deck, decks.DeckError,
                   lambda deck: dict(id=deck.id, title=deck.title, lang=deck.lang, families=len(deck.families),
                                     cards=len(deck.cards)))


def take(path: str, decks_dir: Path, data_dir: Path, drives=()) -> tuple[decks.Deck, Path]:
    """Load a listed deck; one from a stick is first copied into the data directory."""
    entry = next((e for e in available(decks_dir, data_dir, drives) if e["path"] == path), None)
    if entry is None:
        raise KioskError("not_found", N_("This deck is not among the decks the box can see."))
    if not entry["ok"]:
        raise KioskError("bad_deck", N_("This deck file has problems: %(problem)s"), problem=entry["problems"][0])
    source = Path(path)
    if entry["source"] == "usb":
        source = _copy_in(source, Path(data_dir) / "decks")
    return decks.load_deck(source), source


def in_use(db: TinyDB) -> bool:
    """Whether experts or boards already refer to the deck's families and cards."""
    return len(db.table("claims")) > 0 or any(doc.get("board") for doc in db.table("groups").all())


def check_free(db: TinyDB) -> None:
    """Refuse to change the deck once experts or boards use the current one."""
    if in_use(db):
        raise KioskError("deck_in_use", N_("Experts or group boards already use this deck: "
                                           "choose the deck before the families are claimed."))


def record(db: TinyDB, deck: decks.Deck, path: Path) -> tuple[dict, list]:
    """Make `deck` the workshop's deck, unless experts or boards already use the current one."""
    from .events import DECK_CHANGED, Event

    check_free(db)
    workshop.save(db, {"deck_path": str(path)})
    return {"deck": deck.public()}, [Event(DECK_CHANGED, {"deck": deck.public()})]


def recorded(db: TinyDB) -> Path | None:
    path = workshop.meta(db).get("deck_path")
    return Path(path) if path else None


def workshop_deck(db: TinyDB, default: decks.Deck | None, warn=None) -> decks.Deck | None:
    """The workshop's deck: the one the facilitator chose in the console, else `default` (the
    box's `deck` setting). The box and `kiosk export` both ask here, so they never disagree.

    A recorded deck that no longer loads gives way to `default`; `warn(error)` hears why.
    """
    path = recorded(db)
    if path is not None:
        try:
            return decks.load_deck(path)
        except decks.DeckError as error:
            if warn is not None:
                warn(error)
    return default


# --- Programmes ----------------------------------------------------------------------------------
# Offered like decks: the shipped ones (decks/programmes/), those imported earlier (the data
# directory's programmes/) and those on a stick (in a folder named programmes, at its top or in
# kiosk/). The facilitator chooses one before the workshop starts; the workshop remembers it
# (`programme_path` in its meta document), so a restart comes back to it.

PROGRAMME_STICK_FOLDERS = ("programmes", "kiosk/programmes", "Kiosk/programmes")


def available_programmes(programmes_dir: Path, data_dir: Path, drives=()) -> list[dict]:
    """Every programme file the box can see, each with its source and, if it cannot be used, why."""
    from . import programmes  # it reads the activities' phases: imported once the registry is loaded

    return _listed(programmes_dir, Path(data_dir) / "programmes", drives, PROGRAMME_STICK_FOLDERS,
                   programmes.load_programme, programmes.ProgrammeError,
                   lambda programme: dict(title=programme.title, lang=programme.lang, steps=len(programme.steps),
                                          minutes=round(sum(step.duration_s for step in programme.steps) / 60)))


def take_programme(path: str, programmes_dir: Path, data_dir: Path, drives=()):
    """Load a listed programme; one from a stick is first copied into the data directory."""
    from . import programmes

    entry = next((e for e in available_programmes(programmes_dir, data_dir, drives) if e["path"] == path), None)
    if entry is None:
        raise KioskError("not_found", N_("This programme is not among the programmes the box can see."))
    if not entry["ok"]:
        raise KioskError("bad_programme", N_("This programme file has problems: %(problem)s"),
                         problem=entry["problems"][0])
    source = Path(path)
    if entry["source"] == "usb":
        source = _copy_in(source, Path(data_dir) / "programmes")
    return programmes.load_programme(source), source


def _copy_in(source: Path, target_dir: Path) -> Path:
    """Copy a file from a stick into the box, under a new name if another file has its name."""
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / source.name
    if target.exists() and target.read_bytes() != source.read_bytes():
        target = target_dir / f"{source.stem}-{len(list(target_dir.glob('*.toml')))}.toml"
    shutil.copyfile(source, target)
    return target


def check_not_started(db: TinyDB) -> None:
    """Refuse to change the programme once its first step has begun: a running agenda is not swapped."""
    if workshop.meta(db).get("step"):
        raise KioskError("programme_started", N_("The programme has started: choose the programme before its "
                                                 "first step."))


def record_programme(db: TinyDB, programme, path: Path) -> tuple[dict, list]:
    """Make `programme` the workshop's, before its first step."""
    from .events import PROGRAMME_CHANGED, Event

    check_not_started(db)
    workshop.save(db, {"programme_path": str(path)})
    return {"programme": programme.public()}, [Event(PROGRAMME_CHANGED, {"programme": programme.public()},
                                                     to=(rooms.FACILITATOR,))]


def recorded_programme(db: TinyDB) -> Path | None:
    path = workshop.meta(db).get("programme_path")
    return Path(path) if path else None
