"""The decks the facilitator can choose from: shipped with the box, imported earlier, on a stick.

A deck chosen from a USB stick is checked, then copied into the data directory (`decks/`), so the
workshop keeps it when the stick leaves. The workshop remembers its deck (`deck_path` in its meta
document): a restart comes back to the same deck.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tinydb import TinyDB

from . import decks, workshop
from .errors import N_, KioskError

MAX_DECK_BYTES = 1_000_000
STICK_FOLDERS = ("", "decks", "kiosk", "Kiosk")


def _stick_files(drive_path: Path) -> list[Path]:
    """TOML files at the top of a stick or in a folder named decks or kiosk (no deeper search)."""
    found = []
    for folder in STICK_FOLDERS:
        try:
            found += sorted(p for p in (drive_path / folder).glob("*.toml")
                            if p.is_file() and p.stat().st_size <= MAX_DECK_BYTES)
        except OSError:
            continue
    return found


def available(decks_dir: Path, data_dir: Path, drives=()) -> list[dict]:
    """Every deck file the box can see, each with its source and, if it cannot be used, why."""
    places = [("box", p) for p in sorted(Path(decks_dir).glob("*.toml"))]
    places += [("imported", p) for p in sorted((Path(data_dir) / "decks").glob("*.toml"))]
    for drive in drives:
        places += [("usb", p) for p in _stick_files(Path(drive.path))]
    listed = []
    for source, path in places:
        entry = {"path": str(path), "source": source, "file": path.name}
        try:
            deck = decks.load_deck(path)
        except decks.DeckError as error:
            entry.update(ok=False, problems=error.problems[:5])
        else:
            entry.update(ok=True, id=deck.id, title=deck.title, lang=deck.lang, families=len(deck.families),
                         cards=len(deck.cards))
        listed.append(entry)
    return listed


def take(path: str, decks_dir: Path, data_dir: Path, drives=()) -> tuple[decks.Deck, Path]:
    """Load a listed deck; one from a stick is first copied into the data directory."""
    entry = next((e for e in available(decks_dir, data_dir, drives) if e["path"] == path), None)
    if entry is None:
        raise KioskError("not_found", N_("This deck is not among the decks the box can see."))
    if not entry["ok"]:
        raise KioskError("bad_deck", N_("This deck file has problems: %(problem)s"), problem=entry["problems"][0])
    source = Path(path)
    if entry["source"] == "usb":
        target_dir = Path(data_dir) / "decks"
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / source.name
        if target.exists() and target.read_bytes() != source.read_bytes():
            target = target_dir / f"{source.stem}-{len(list(target_dir.glob('*.toml')))}.toml"
        shutil.copyfile(source, target)
        source = target
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
