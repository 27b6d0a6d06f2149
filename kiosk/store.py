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

A large workshop (a census of 1,500 entries) would make every flush cost the whole file: once the
data file is larger than WHOLE_MAX, a flush appends only the documents the group changed to
`<file>.journal`, one line of JSON, fsynced, and the data file is rewritten whole (as above) only
when the journal has grown larger than it, which folds the journal in and removes it. A flush then
costs what it changed, whatever the size of the workshop. The journal's first line names the data
file it continues (its size and CRC-32): a journal left beside a newer data file (the power went
between the rewrite and the removal) is ignored, and a last line cut by a power cut was never
acknowledged and is ignored too.

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
import zlib
from collections.abc import MutableMapping
from itertools import islice
from pathlib import Path
from typing import Any, Callable

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .errors import KioskError


#: Fields that change at nearly every command (the workshop's `seq`), per table: an update of these
#: fields only does not move the table's `table_version` (a snapshot part built from the table is
#: kept). What reads such a field is never kept that way (the snapshot's core reads `seq` each time).
COUNTERS: dict[str, frozenset] = {"meta": frozenset({"seq"})}

#: Up to this size (bytes) every flush rewrites the data file whole; beyond it, flushes go to the journal.
WHOLE_MAX = 64 * 1024
JOURNAL_HEADER = "KIOSK-JOURNAL"


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
        self._whole = False  # TinyDB rewrote the data: only a whole dump says what changed
        #: Changes counted per table (see `table_version`), and since TinyDB last rewrote the data.
        self._versions: dict[str, int] = {}
        self._rewrites = 0
        self._watchers: dict[str, list[Callable]] = {}  # table -> called with the ids each change touched

    def read(self) -> dict:
        return self._data

    def write(self, data: dict) -> None:
        self._data = data
        self._docs.clear()
        self._texts.clear()
        self._dirty.clear()
        self._whole = True
        self._rewrites += 1
        for watchers in self._watchers.values():
            for watcher in watchers:
                watcher(None)

    def touched(self, table: str, doc_ids, counted: bool = True) -> None:
        """These documents of `table` were inserted, changed or removed (`counted=False`: only a
        counter field of theirs, see `COUNTERS`)."""
        if not doc_ids:
            return
        self._dirty.setdefault(table, set()).update(doc_ids)
        if not counted:
            return
        self._versions[table] = self._versions.get(table, 0) + 1
        for watcher in self._watchers.get(table, ()):
            watcher(doc_ids)

    def table_version(self, table: str) -> tuple[int, int]:
        """Moves at every change of `table`'s documents (and whenever TinyDB rewrites the data):
        what was read from it at one version holds while the version stays."""
        return self._rewrites, self._versions.get(table, 0)

    def watch(self, table: str, watcher: Callable) -> None:
        """Call `watcher(doc_ids)` with the ids of the documents of `table` each change touches
        (`None`: TinyDB rewrote the data, any may have changed). It lives as long as this storage,
        the database's: a store that goes back to its file opens a new one."""
        self._watchers.setdefault(table, []).append(watcher)

    def _table_text(self, name: str, table: dict) -> str:
        docs = self._docs.get(name)
        text = self._texts.get(name)
        dirty = self._dirty.pop(name, None)
        if docs is None:
            docs = self._docs[name] = {key: f'"{key}":{_json(doc)}' for key, doc in table.items()}
        elif not dirty:
            if text is not None:
                return text
        else:
            keys = [str(doc_id) for doc_id in dirty]
            if text is not None and all(key in table and key not in docs for key in keys) \
                    and len(docs) + len(keys) == len(table):
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

    def changes(self) -> str | None:
        """The documents changed since the last `dump` or `changes`, as one line of JSON
        `{table: {doc id: document or null}}` (null: removed); None when a line cannot say it (TinyDB
        itself rewrote the data: a table dropped), and the next flush must `dump` the whole."""
        if self._whole or any(name not in self._data for name in self._dirty):
            return None
        parts = []
        for name, doc_ids in self._dirty.items():
            table, docs = self._data[name], self._docs.get(name)
            self._texts.pop(name, None)  # the next dump joins the table's documents again
            entries = []
            for key in sorted((str(doc_id) for doc_id in doc_ids), key=int):  # new documents in their order
                entry = f'"{key}":{_json(table[key])}' if key in table else None
                if docs is not None:
                    if entry is None:
                        docs.pop(key, None)
                    else:
                        docs[key] = entry
                entries.append(entry or f'"{key}":null')
            parts.append(f"{_json(name)}:{{{','.join(entries)}}}")
        self._dirty.clear()
        return "{" + ",".join(parts) + "}"

    def dump(self) -> str:
        self._whole = False
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

    _counted = True  # (during an update of counter fields only: False)

    def _update_table(self, updater: Callable[[dict], None]) -> None:
        tables = self._storage.read()
        raw = tables.setdefault(self.name, {})
        touched: set = set()
        try:
            updater(_IdView(raw, touched))
        finally:
            self._storage.touched(self.name, touched, self._counted)
            self.clear_cache()

    def _matching(self, cond) -> list[int]:
        return [int(key) for key, document in self._read_table().items() if cond(document)]

    def update(self, fields, cond=None, doc_ids=None) -> list[int]:
        if doc_ids is None and cond is not None:
            doc_ids = self._matching(cond)
        if isinstance(fields, dict) and fields and fields.keys() <= COUNTERS.get(self.name, frozenset()):
            self._counted = False
            try:
                return super().update(fields, doc_ids=doc_ids)
            finally:
                del self._counted
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

    def table(self, name: str, **kwargs) -> Table:
        reads = self.__dict__.get("_kiosk_reads")
        if reads is not None:
            reads.add(name)
        return super().table(name, **kwargs)


def watch(db: TinyDB, table: str, watcher: Callable) -> bool:
    """`DurableStorage.watch` on `db`'s storage; False where the storage tells nothing (a TinyDB
    of the tests' in memory): the watcher is then never called, and what it keeps cannot be trusted."""
    method = getattr(db.storage, "watch", None)
    if method is None:
        return False
    method(table, watcher)
    return True


#: In `tables_read`'s answer: something was read that no table version vouches for.
UNTRACKED = None


def tables_read(db: TinyDB, fn: Callable[[], Any]) -> tuple[Any, set]:
    """`fn()`'s result and the names of the tables it read (through `db.table`); the set holds
    UNTRACKED when it read something else kept beside the tables (`untracked`). While their
    `table_version`s stay, the same call gives the same result."""
    outer = db.__dict__.get("_kiosk_reads")
    reads: set = set()
    db.__dict__["_kiosk_reads"] = reads
    try:
        result = fn()
    finally:
        db.__dict__["_kiosk_reads"] = outer
    if outer is not None:
        outer.update(reads)
    return result, reads


def untracked(db: TinyDB) -> None:
    """Something not read through `db.table` is being read: a `tables_read` under way says so."""
    reads = db.__dict__.get("_kiosk_reads")
    if reads is not None:
        reads.add(UNTRACKED)


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


def append_durably(path: Path, text: str) -> None:
    """Add `text` at the end of `path` and wait until it is on disk (the directory too, for a new file)."""
    new = not path.exists()
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    if new:
        _fsync_dir(path.parent)


def journal_of(path: Path) -> Path:
    """The journal beside the data file `path` (or beside the file its `.tmp` or `.bak` stands for)."""
    name = path.name.removesuffix(".tmp").removesuffix(".bak")
    return path.with_name(name + ".journal")


def journal_header(base: bytes) -> str:
    """The journal's first line: the data file it continues (its size and CRC-32)."""
    return f"{JOURNAL_HEADER} {len(base)} {zlib.crc32(base):08x}\n"


def _replay(journal: Path, base: bytes, data: dict) -> dict:
    """`data` (read from `base`) with the journal's changes applied, when the journal continues
    that very file; a line cut short by a power cut (never acknowledged) ends it."""
    try:
        with open(journal, "rb") as handle:
            lines = handle.read().split(b"\n")
    except OSError:
        return data
    if lines[0].decode("utf-8", "replace") + "\n" != journal_header(base):
        return data  # left beside a newer data file, which holds it already
    for line in lines[1:]:
        try:
            change = json.loads(line)
        except ValueError:
            break
        _apply(data, change)
    return data


def _apply(data: dict, change: dict) -> None:
    """One line of the journal (`DurableStorage.changes`) applied to the data."""
    for name, docs in change.items():
        table = data.setdefault(name, {})
        for key, doc in docs.items():
            if doc is None:
                table.pop(key, None)
            else:
                table[key] = doc


def _read_json(path: Path) -> dict | None:
    """The data of `path` with its journal's changes, or None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        data = json.loads(raw)
    except (OSError, ValueError):
        return None
    return _replay(journal_of(path), raw, data) if isinstance(data, dict) else None


def N_(message: str) -> str:
    """Mark a message for translation; whoever shows it translates it (see kiosk.i18n)."""
    return message


def _stamp(path: Path):
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def load_read_only(path: Path) -> dict | None:
    """The last good state, for a reader beside a running box (`kiosk export`): touches nothing.

    Unlike `load_durably` it never sets a file aside: while the box writes, `path` may be missing
    for an instant (between its two renames) and the fsynced `.tmp` is then the newest state; when
    the box rewrote the data file while its journal was being read, it reads again.
    Returns None when no file can be read.
    """
    data = None
    for _ in range(5):
        stamp = _stamp(path)
        for candidate in (path, path.with_name(path.name + ".tmp"), path, path.with_name(path.name + ".bak")):
            data = _read_json(candidate)
            if data is not None:
                break
        if stamp == _stamp(path):
            return data
    return data


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
        self.journal = journal_of(self.path)
        data, self.notes = load_durably(self.path)
        # What is on disk: the data file's text as last written whole, and the journal's lines since
        # (with the header they go under; None: the next flush writes the data file whole).
        self._durable_text = _json(data)
        self._journal: list[str] = []
        self._journal_size = 0
        self._journal_header: str | None = None
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
                line = self._journal_line()
                text = self.db.storage.dump() if line is None else None
                if self.check_dumps:
                    self._check(text, line)
            except AssertionError:
                self._undo()
                raise
            except Exception as exc:
                self._undo()
                raise StoreError(f"the changes could not be serialised ({exc!r})") from exc
        try:
            if line is None:
                header = _run_blocking(self._write_whole, text)
            else:
                _run_blocking(append_durably, self.journal, ("" if self._journal else self._journal_header) + line + "\n")
        except BaseException as exc:
            # Whatever failed (the disk, a text that cannot be encoded…), memory goes back to the
            # last good state: no bad document stays behind to make every later flush fail too.
            self._undo()
            if not isinstance(exc, Exception):
                raise
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise StoreError(f"the change could not be written to disk ({reason})") from exc
        if line is None:
            self._durable_text, self._journal, self._journal_size, self._journal_header = text, [], 0, header
        else:
            self._journal.append(line)
            self._journal_size += len(line)
        self._durable_gen = upto
        self.flushes += 1
        for events in ready:
            self.on_durable(events)

    def _journal_line(self) -> str | None:
        """The group's changes as a journal line, or None when the data file is to be written whole:
        it is small, or the journal has grown larger than it (folded in now), or a line cannot say
        what changed."""
        if self._journal_header is None or self._journal_size > len(self._durable_text):
            return None
        return self.db.storage.changes()

    def _write_whole(self, text: str) -> str | None:
        """Write the data file whole and remove the journal it holds now; the header of the next
        journal, or None while the file is small enough to be written whole at every flush."""
        write_durably(self.path, text)
        self.journal.unlink(missing_ok=True)
        return journal_header(text.encode("utf-8")) if len(text) > WHOLE_MAX else None

    def _check(self, text: str | None, line: str | None) -> None:
        """(Tests) the text written says exactly what memory holds. After a journal line, the whole
        text joined from the documents' kept JSON (which the lines updated) is compared instead: a
        document changed behind the table's back is caught either way, for the same cost."""
        whole = _json(self.db.storage.read())
        if text is None:
            text = self.db.storage.dump()
        if text != whole:
            raise AssertionError("the incremental dump differs from the data: a change bypassed the table")

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
            data = json.loads(self._durable_text)
            for line in self._journal:
                _apply(data, json.loads(line))
            self.db = self._open(data)
            self._journal_header = None  # a line may have been cut short: the next flush writes whole
            self._failed_upto = self._gen
            self._pending.clear()
            self.on_reload()

    def close(self) -> None:
        """Wait for every change already applied to be on disk."""
        with self._lock:
            gen = self._gen
        if gen > self._durable_gen:
            self._wait_durable(gen)
