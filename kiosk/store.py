"""The durable store: TinyDB behind a storage that never leaves its file half-written.

Every change goes through `Store.write`, which applies it in memory under one lock (the single
writer), then waits until it is on disk. Writes that arrive while the disk is busy are grouped
into the next flush (group commit), so a burst of hundreds of commands costs a handful of fsyncs.
Events produced by a change are handed to `on_durable` only after the flush that holds the change
has succeeded, in the order the changes were made.

On disk, a flush is: write `<file>.tmp`, fsync it, move the current file to `<file>.bak`, move the
temporary file into place, fsync the directory. Whatever instant the power goes, one of the three
files holds every change that was acknowledged, and at start-up the first readable one of
file, tmp, bak (in that order) is taken. A file that cannot be read is never overwritten: it is
set aside under `<file>.corrupt-<time>` and a message says so.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any, Callable

from tinydb import TinyDB
from tinydb.storages import Storage


class StoreError(Exception):
    """The data could not be written or read: nothing of the failed change was kept."""


class DurableStorage(Storage):
    """A TinyDB storage kept in memory; `flush_text` puts a serialised copy durably on disk.

    TinyDB calls `write` after each change: here that only keeps the reference, because the
    store decides when to go to disk (once per group of changes, not once per change).
    """

    def __init__(self, data: dict | None = None):
        self._data: dict = data if data is not None else {}

    def read(self) -> dict:
        return self._data

    def write(self, data: dict) -> None:
        self._data = data

    def dump(self) -> str:
        return json.dumps(self._data, ensure_ascii=False, separators=(",", ":"))


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durably(path: Path, text: str) -> None:
    """Replace `path` by `text` so that a crash at any instant leaves a whole file behind."""
    tmp = path.with_name(path.name + ".tmp")
    bak = path.with_name(path.name + ".bak")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    if path.exists():
        os.replace(path, bak)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _read_json(path: Path) -> dict | None:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def N_(message: str) -> str:
    """Mark a message for translation; whoever shows it translates it (see kiosk.i18n)."""
    return message


def load_read_only(path: Path) -> dict | None:
    """The last good state, for a reader beside a running box (`kiosk export`): touches nothing.

    Unlike `load_durably` it never sets a file aside: while the box writes, `path` may be missing
    for an instant (between its two renames) and the fsynced `.tmp` is then the newest state.
    Returns None when no file can be read.
    """
    for candidate in (path, path.with_name(path.name + ".tmp"), path, path.with_name(path.name + ".bak")):
        data = _read_json(candidate)
        if data is not None:
            return data
    return None


def load_durably(path: Path) -> tuple[dict, list[tuple[str, dict]]]:
    """Read the last good state; return it with the notes (message, values) a person should see."""
    notes: list[tuple[str, dict]] = []
    if path.exists():
        data = _read_json(path)
        if data is not None:
            return data, notes
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(path, aside)
        notes.append((N_("The data file %(file)s could not be read: it was kept as %(aside)s."),
                      {"file": str(path), "aside": aside.name}))
    for candidate in (path.with_name(path.name + ".tmp"), path.with_name(path.name + ".bak")):
        if candidate.exists():
            data = _read_json(candidate)
            if data is not None:
                notes.append((N_("The last good state was recovered from %(file)s."), {"file": candidate.name}))
                return data, notes
    if notes:
        message, values = notes[0]
        raise StoreError(message % values)
    return {}, notes


def _run_blocking(fn: Callable, *args) -> Any:
    """Run disk I/O off the event loop under gevent, so other greenlets can queue their changes."""
    try:
        from gevent import monkey

        if monkey.is_module_patched("threading"):
            import gevent

            return gevent.get_hub().threadpool.apply(fn, args)
    except ImportError:  # pragma: no cover - gevent is a dependency
        pass
    return fn(*args)


class Store:
    """The one writer: applies changes in memory, flushes them in groups, then publishes events."""

    def __init__(self, path: str | os.PathLike, on_durable: Callable[[list], None] | None = None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data, self.notes = load_durably(self.path)
        self._durable_text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        self.db = self._open(data)
        self.on_durable = on_durable or (lambda events: None)
        self.on_reload: Callable[[], None] = lambda: None
        self._lock = threading.RLock()
        self._flush_lock = threading.Lock()
        self._gen = 0
        self._durable_gen = 0
        self._failed_upto = 0
        self._pending: list[tuple[int, list]] = []
        self.flushes = 0

    @staticmethod
    def _open(data: dict) -> TinyDB:
        return TinyDB(storage=DurableStorage, data=data)

    def read(self, fn: Callable[[TinyDB], Any]) -> Any:
        """Run `fn(db)` against a consistent state (no change is half-applied while it runs)."""
        with self._lock:
            return fn(self.db)

    def write(self, fn: Callable[[TinyDB], tuple]) -> Any:
        """Apply `fn(db) -> (result, events[, changed])`, wait until durable, return the result.

        `fn` runs under the writer's lock and must raise before it modifies anything. When it
        says `changed=False` nothing is counted, but the call still waits for whatever is being
        written (a replayed answer is only given once the original is durable).
        Raises StoreError when the disk refused the flush; the change is then undone.
        """
        with self._lock:
            result, events, *rest = fn(self.db)
            changed = not rest or rest[0]
            if changed:
                self._gen += 1
                if events:
                    self._pending.append((self._gen, events))
            gen = self._gen
        if changed or gen > max(self._durable_gen, self._failed_upto):
            self._wait_durable(gen)
        return result

    def _wait_durable(self, gen: int) -> None:
        with self._flush_lock:
            if gen <= self._failed_upto:
                raise StoreError("the change could not be written to disk")
            if self._durable_gen >= gen:
                return
            with self._lock:
                text = self.db.storage.dump()
                upto = self._gen
                ready = [events for g, events in self._pending if g <= upto]
                self._pending = [item for item in self._pending if item[0] > upto]
            try:
                _run_blocking(write_durably, self.path, text)
            except OSError as exc:
                self._undo()
                raise StoreError(f"the change could not be written to disk ({exc.strerror or exc})") from exc
            self._durable_text = text
            self._durable_gen = upto
            self.flushes += 1
            for events in ready:
                self.on_durable(events)

    def _undo(self) -> None:
        """Go back to what is on disk: every change not yet durable is refused."""
        with self._lock:
            self.db = self._open(json.loads(self._durable_text))
            self._failed_upto = self._gen
            self._pending.clear()
            self.on_reload()

    def close(self) -> None:
        """Wait for every change already applied to be on disk."""
        with self._lock:
            gen = self._gen
        if gen > self._durable_gen:
            self._wait_durable(gen)
