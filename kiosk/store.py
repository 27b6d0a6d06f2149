"""The durable store: TinyDB behind a storage that never leaves its file half-written.

Every change goes through `Store.write`, which applies it in memory under one lock (the single
writer), then waits until it is on disk. Writes that arrive while the disk is busy are grouped
into the next flush (group commit), so a burst of hundreds of commands costs a handful of fsyncs.
Events produced by a change are handed to `on_durable` only after the flush that holds the change
has succeeded, in the order the changes were made.

On disk, a flush is: write `<file>.tmp`, fsync it, give the current file a second name
`<file>.bak` (a hard link, or a copy where links are not allowed), move the temporary file into
place, fsync the directory: the data file itself is whole at every instant. Whatever instant the power goes, one of the three
files holds every change that was acknowledged, and at start-up the first readable one of
file, tmp, bak (in that order) is taken. A file that cannot be read is never overwritten: it is
set aside under `<file>.corrupt-<time>` and a message says so.

A flush that fails, whatever the reason (the disk, a text UTF-8 cannot hold…), and a change that
raises half-way put memory back to the last state on disk: no bad document stays behind to make
every later flush fail too.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import MutableMapping
from itertools import islice
from pathlib import Path
from typing import Any, Callable

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .errors import KioskError


class StoreError(Exception):
    """The data could not be written or read: nothing of the failed change was kept."""


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class DurableStorage(Storage):
    """A TinyDB storage kept in memory; `dump` gives the text the store puts durably on disk.

    TinyDB calls `write` after each change: here that only keeps the reference, because the
    store decides when to go to disk (once per group of changes, not once per change).

    `dump` serialises only what changed: each document's JSON is kept, and each table's while
    none of its documents changed, so a flush costs what the group changed plus joining strings,
    not a `json.dumps` of the whole workshop. `DurableTable` says which documents a change
    touched; a `write` from TinyDB itself (dropping a table…) makes the next dump start afresh.
    The text is the same, byte for byte, as `json.dumps` of the whole data.
    """

    def __init__(self, data: dict | None = None):
        self._data: dict = data if data is not None else {}
        self._docs: dict[str, dict[str, str]] = {}  # table -> doc id -> '"id":{…}'
        self._texts: dict[str, str] = {}  # table -> '"name":{…}', while none of its documents changed
        self._dirty: dict[str, set] = {}  # table -> ids of the documents changed since the last dump

    def read(self) -> dict:
        return self._data

    def write(self, data: dict) -> None:
        self._data = data
        self._docs.clear()
        self._texts.clear()
        self._dirty.clear()

    def touched(self, table: str, doc_ids) -> None:
        """These documents of `table` were inserted, changed or removed."""
        self._dirty.setdefault(table, set()).update(doc_ids)

    def _table_text(self, name: str, table: dict) -> str:
        docs = self._docs.get(name)
        text = self._texts.get(name)
        dirty = self._dirty.pop(name, None)
        if docs is None or text is None:
            docs = self._docs[name] = {key: f'"{key}":{_json(doc)}' for key, doc in table.items()}
        elif not dirty:
            return text
        else:
            keys = [str(doc_id) for doc_id in dirty]
            if all(key in table and key not in docs for key in keys) and len(docs) + len(keys) == len(table):
                # Only new documents, which a dict keeps last: append them to the table's text.
                added = list(islice(reversed(table), len(keys)))[::-1]
                for key in added:
                    docs[key] = f'"{key}":{_json(table[key])}'
                return text[:-1] + ("," if len(docs) > len(added) else "") + ",".join(docs[k] for k in added) + "}"
            for key in keys:
                if key in table:
                    docs[key] = f'"{key}":{_json(table[key])}'
                else:
                    docs.pop(key, None)
        return f"{_json(name)}:{{{','.join(docs[key] for key in table)}}}"

    def dump(self) -> str:
        for name in [name for name in self._docs if name not in self._data]:
            del self._docs[name]
            self._texts.pop(name, None)
        parts = []
        for name, table in self._data.items():
            self._texts[name] = self._table_text(name, table)
            parts.append(self._texts[name])
        return "{" + ",".join(parts) + "}"


class _IdView(MutableMapping):
    """A table's stored documents (keyed by `str(doc_id)`, as JSON keeps them) seen with int ids,
    as TinyDB's updaters expect; remembers which documents were reached, to serialise them again."""

    def __init__(self, raw: dict, touched: set):
        self.raw = raw
        self.touched = touched

    def __getitem__(self, doc_id):
        document = self.raw[str(doc_id)]
        self.touched.add(doc_id)  # the updater may change it in place
        return document

    def __setitem__(self, doc_id, document) -> None:
        self.touched.add(doc_id)
        self.raw[str(doc_id)] = document

    def __delitem__(self, doc_id) -> None:
        del self.raw[str(doc_id)]
        self.touched.add(doc_id)

    def __contains__(self, doc_id) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self):
        return (int(key) for key in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)

    def clear(self) -> None:
        self.touched.update(int(key) for key in self.raw)
        self.raw.clear()


class DurableTable(Table):
    """A TinyDB table whose changes cost what they change.

    Stock TinyDB rebuilds the whole table (twice) at every insert or update; here the updater
    works in place on the stored documents, and the storage hears which ones it touched.
    Updates and removals by condition first find their documents, so only those are touched.
    """

    def _update_table(self, updater: Callable[[dict], None]) -> None:
        tables = self._storage.read()
        raw = tables.setdefault(self.name, {})
        touched: set = set()
        try:
            updater(_IdView(raw, touched))
        finally:
            self._storage.touched(self.name, touched)
            self.clear_cache()

    def _matching(self, cond) -> list[int]:
        return [int(key) for key, document in self._read_table().items() if cond(document)]

    def update(self, fields, cond=None, doc_ids=None) -> list[int]:
        if doc_ids is None and cond is not None:
            doc_ids = self._matching(cond)
        return super().update(fields, doc_ids=doc_ids)

    def remove(self, cond=None, doc_ids=None) -> list[int]:
        if doc_ids is None and cond is not None:
            doc_ids = self._matching(cond)
        return super().remove(doc_ids=doc_ids)


def rows(table: Table):
    """A table's documents as `(id, document)` pairs, without making a TinyDB `Document` of each
    (what `table.all()` does): reading 1,000 participants so costs a tenth. The documents are the
    stored ones: read them, never change them."""
    return ((int(key), document) for key, document in table._read_table().items())


class DurableDB(TinyDB):
    table_class = DurableTable


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
        # The last good copy: a second name for the current file (a copy where links are not
        # allowed), so that the data file itself never goes missing, even between two steps.
        bak.unlink(missing_ok=True)
        try:
            os.link(path, bak)
        except OSError:
            shutil.copy2(path, bak)
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

    #: The tests set this: each flush then compares the incremental text with a whole `json.dumps`.
    check_dumps = False

    def __init__(self, path: str | os.PathLike, on_durable: Callable[[list], None] | None = None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data, self.notes = load_durably(self.path)
        self._durable_text = _json(data)
        self.db = self._open(data)
        self.on_durable = on_durable or (lambda events: None)
        self.on_reload: Callable[[], None] = lambda: None
        self._lock = threading.RLock()
        self._flushed = threading.Condition(threading.Lock())  # a flush ended
        self._flushing = False
        self._gen = 0
        self._durable_gen = 0
        self._failed_upto = 0
        self._pending: list[tuple[int, list]] = []
        self.flushes = 0
        #: Moves at every write and every undo: what was read at one version holds until it moves.
        self.version = 0

    @staticmethod
    def _open(data: dict) -> TinyDB:
        return DurableDB(storage=DurableStorage, data=data)

    def read(self, fn: Callable[[TinyDB], Any]) -> Any:
        """Run `fn(db)` against a consistent state (no change is half-applied while it runs)."""
        with self._lock:
            return fn(self.db)

    def write(self, fn: Callable[[TinyDB], tuple]) -> Any:
        """Apply `fn(db) -> (result, events[, changed])`, wait until durable, return the result.

        `fn` runs under the writer's lock and should raise before it modifies anything. When it
        says `changed=False` nothing is counted, but the call still waits for whatever is being
        written (a replayed answer is only given once the original is durable).
        Raises StoreError when the disk refused the flush; the change is then undone. When `fn`
        itself fails with anything but a refusal (KioskError), it may have changed something half-way: the
        store goes back to what is on disk (once no flush is under way), then the error goes on.
        """
        with self._lock:
            self.version += 1
            try:
                result, events, *rest = fn(self.db)
            except KioskError:
                raise  # a refusal, raised before anything changed
            except Exception as exc:
                failure = exc
            else:
                failure = None
                changed = not rest or rest[0]
                if changed:
                    self._gen += 1
                    if events:
                        self._pending.append((self._gen, events))
                gen = self._gen
        if failure is not None:
            self._undo_between_flushes()
            raise failure
        if changed or gen > max(self._durable_gen, self._failed_upto):
            self._wait_durable(gen)
        return result

    def _wait_durable(self, gen: int) -> None:
        """Return once change `gen` is on disk. The first caller to find no flush under way leads
        the next one (for every change applied so far); the others wait to be told it is done.

        Waiters never queue behind the leader's flush for a change already durable: they are all
        woken when a flush ends, so a burst of writers makes a few large flushes, not many small.
        """
        with self._flushed:
            while True:
                if gen <= self._failed_upto:
                    raise StoreError("the change could not be written to disk")
                if self._durable_gen >= gen:
                    return
                if not self._flushing:
                    self._flushing = True
                    break
                self._flushed.wait()
        try:
            self._flush()
        finally:
            with self._flushed:
                self._flushing = False
                self._flushed.notify_all()

    def _flush(self) -> None:
        """Write every change applied so far, then publish their events in order (leader only)."""
        with self._lock:
            upto = self._gen
            ready = [events for g, events in self._pending if g <= upto]
            self._pending = [item for item in self._pending if item[0] > upto]
            try:
                text = self.db.storage.dump()
                if self.check_dumps and text != _json(self.db.storage.read()):
                    raise AssertionError("the incremental dump differs from the data: a change bypassed the table")
            except AssertionError:
                self._undo()
                raise
            except Exception as exc:
                self._undo()
                raise StoreError(f"the changes could not be serialised ({exc!r})") from exc
        try:
            _run_blocking(write_durably, self.path, text)
        except BaseException as exc:
            # Whatever failed (the disk, a text that cannot be encoded…), memory goes back to the
            # last good state: no bad document stays behind to make every later flush fail too.
            self._undo()
            if not isinstance(exc, Exception):
                raise
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise StoreError(f"the change could not be written to disk ({reason})") from exc
        self._durable_text = text
        self._durable_gen = upto
        self.flushes += 1
        for events in ready:
            self.on_durable(events)

    def _undo_between_flushes(self) -> None:
        """A change failed half-way: once no flush is under way, go back to what is on disk."""
        with self._flushed:
            while self._flushing:
                self._flushed.wait()
            self._flushing = True
        try:
            self._undo()
        finally:
            with self._flushed:
                self._flushing = False
                self._flushed.notify_all()

    @property
    def changes(self) -> int:
        """How many changes this store has put on disk since it was opened."""
        return self._durable_gen

    def _undo(self) -> None:
        """Go back to what is on disk: every change not yet durable is refused."""
        with self._lock:
            self.version += 1
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
