"""The export bundle: every result of the workshop, for Excel, LibreOffice and the printer.

Three steps, so that an export while the workshop runs is consistent and never slows the room:

1. `collect(db, deck)` runs under the store's lock (`box.store.read`) and copies the data into
   plain lists and dicts: one consistent state, with its `seq`. Tokens never leave it; a contact
   leaves only with its owner's consent (`share_contact` when joining, or on a commitment for
   that commitment's line).
2. `build(data)` renders every file in memory, outside the lock. The core writes results.json,
   participants.csv and contacts.csv and the report's cover; each activity of `ACTIVITIES` adds
   its tables (`sheets`: CSV files for French Excel and sheets of results.xlsx), its section of
   report.pdf (`pdf`), its pictures (`pictures`), other files (`files`), its A3 posters of
   posters.pdf (`posters`: the file exists only when some activity has one) and its section of
   absentees.html, the page for those who could not come (`absentees`), in the registry's
   order; the tables it names `private_tables` stay out of results.json. Adding an activity
   changes nothing here.
3. `write_bundle(bundle, target)` puts the files on the stick under a temporary name, fsyncs each
   file and the folder, renames the folder to `kiosk-<slug>-<YYYYMMDD-HHMM>` and fsyncs the
   parent: the final name appears only over a complete bundle. A full, read-only or pulled-out
   stick is a `KioskError` with a sentence saying so; the partial folder is removed if it can be.

From the console (`export_box`, `zip_box`) steps 2 and 3 run in a process of their own at a lower
priority (`kiosk/exportjob.py`, `run_job`), fed `collect`'s copy: the box keeps its CPU, its
interpreter and its memory for the room. A refusal comes back as the same `KioskError`; a process
that dies or outlasts `JOB_TIMEOUT_S` is stopped and said so, its hidden folder removed.

The box's own data is only ever read. `read_data_dir` loads it read-only for `kiosk export`
beside a running `kiosk serve`; `run_cli` is `kiosk export`.

The package: `view` (lookups and labels over the collected data), `sheets` (tables, CSV, XLSX),
`pdf` (the `Report` the activities write their sections in), `pictures` (what their PNG
pictures share), `posters` and `a3` (the A3 posters' layouts, and their printing in posters.pdf),
`absentees` (the self-contained page for those who could not come). Each activity's part is in
`kiosk/activities/<name>/export.py`.
"""

from __future__ import annotations

import errno
import io
import json
import logging
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from tinydb import TinyDB

# The registry may still be loading here: each activity's export module imports this package's
# building blocks (view, sheets, pdf, pictures). So the core reads `registry.ACTIVITIES` when it
# runs, and imports the snapshot (which needs the loaded registry) in `collect`.
from .. import __version__
from .. import activities as registry
from .. import auth, decks, library, store, usb
from .. import participants as participants_module
from ..errors import N_, KioskError
from ..i18n import message
from . import absentees
from .sheets import Table, to_csv, to_xlsx
from .view import FOR_ABSENTEES, View

FORMAT = 1

# Tables that hold secrets (tokens, and answers that carry them) or nothing of the workshop.
#: Tables left out of `results.json`'s `tables`: secrets, replays, and the removed participants'
#: rows (their addresses: `removed` holds what the export keeps of them).
EXCLUDED_TABLES = frozenset({"keys", "facilitator_sessions", participants_module.REMOVED})
SECRET_FIELDS = frozenset({"token"})

MESSAGES = {
    "target_missing": N_("There is no folder %(path)s to export to."),
    "target_full": N_("The USB stick is full: the export needs %(mb)d MB. Free some space or use another stick."),
    "target_read_only": N_("The USB stick is read-only (check its lock switch): nothing was written."),
    "target_removed": N_("The USB stick was removed or stopped answering during the export: plug it in again and export again."),
    "export_failed": N_("The export could not be written: %(reason)s."),
    "export_stopped": N_("The export stopped before its end: nothing was written. Export again."),
    "export_timeout": N_("The export took more than %(minutes)d minutes and was stopped: nothing was written. "
                         "Export again."),
}

log = logging.getLogger(__name__)


# --- 1. One consistent copy of the data ------------------------------------------------------------

def _scrub(value, allowed_contacts: set[str]):
    """A deep copy without tokens, and without any contact its owner did not agree to share."""
    if isinstance(value, dict):
        clean = {}
        for key, item in value.items():
            if key in SECRET_FIELDS:
                continue
            if key == "contact" and isinstance(item, str) and item and item not in allowed_contacts:
                continue
            clean[str(key)] = _scrub(item, allowed_contacts)
        return clean
    if isinstance(value, (list, tuple)):
        return [_scrub(item, allowed_contacts) for item in value]
    return value


def collect(db: TinyDB, deck, activities=None) -> dict:
    """Everything of the workshop as plain data (run it under the store's lock)."""
    from .. import snapshot

    state = snapshot.state_for(db, deck, auth.Actor(auth.FACILITATOR))
    state.pop("role", None)
    people = db.table("participants").all()
    consented = {doc.doc_id for doc in people if doc.get("share_contact") and doc.get("contact")}
    contact_of = {doc.doc_id: doc.get("contact") or "" for doc in people}
    participants = [{"id": doc.doc_id, "name": doc["name"],
                     "contact": contact_of[doc.doc_id] if doc.doc_id in consented else "",
                     "share_contact": doc.doc_id in consented, "joined_at": doc.get("joined_at")}
                    for doc in people]
    # Sharing a contact on a commitment is consent to show it to the matching participants, not to put
    # it in a file: a post carries its author's contact only when they shared it with the organisers too.
    posts = [{**post, "contact": contact_of[post["author"]]
              if post.get("share_contact") and post.get("author") in consented else ""}
             for post in state.get("posts", [])]
    allowed = {contact_of[p] for p in consented}
    excluded = EXCLUDED_TABLES | {name for activity in registry.ACTIVITIES for name in activity.private_tables}
    tables = {name: [{"id": doc.doc_id, **doc} for doc in db.table(name).all()]
              for name in sorted(db.tables()) if name not in excluded and name != "participants"}
    tables["participants"] = participants
    data = {**state, "participants": participants, "posts": posts}
    for activity in registry.ACTIVITIES:
        if activity.results is not None:
            data.update(activity.results(db))
    # What only absentees.html shows (the cards ticked for those absent): no other file has it.
    data[FOR_ABSENTEES] = {activity.name: activity.absentees_data(db)
                            for activity in (registry.ACTIVITIES if activities is None else activities)
                            if activity.absentees_data is not None}
    removed = participants_module.removed(db)
    if removed:  # the trace of whoever the facilitator removed (absent when nobody was)
        data["removed"] = removed
    data["tables"] = tables
    return _scrub(data, allowed)


def read_data_dir(data_dir: str | os.PathLike, deck_setting: str) -> dict:
    """`collect` on a data directory, read-only: works beside a running `kiosk serve`.

    The deck is the workshop's, as the box resolves it (`library.workshop_deck`): the one chosen
    in the console, else `deck_setting`.
    """
    path = Path(data_dir) / "kiosk.json"
    raw = store.load_read_only(path)
    if raw is None:
        raise KioskError("no_data", N_("No workshop data in %(path)s."), path=str(data_dir))
    db = TinyDB(storage=store.DurableStorage, data=raw)
    return collect(db, library.workshop_deck(db, _setting_deck(deck_setting)))


def _setting_deck(name: str):
    try:
        return decks.load_deck(decks.find_deck(name, decks.DECKS_DIR))
    except (decks.DeckError, OSError):  # a deck that moved away must not stop the export: families show their ids
        return None


# --- 2. The files, in memory -------------------------------------------------------------------------

@dataclass
class Bundle:
    """The export's folder name and its files (name → bytes), in writing order."""

    name: str
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.files.values())


def slug(text: str, fallback: str = "atelier") -> str:
    """A folder-name-safe form of a title: "L’été à Briançon" → "l-ete-a-briancon"."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40].strip("-")
    return text or fallback


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def people_tables(view: View) -> tuple[Table, Table]:
    """The core's two tables: every participant (first), the contacts their owners shared (last)."""
    _ = view._
    people = view.data.get("participants", [])

    def group(p):
        return view.group_of.get(p["id"]) or {}

    header = [_("Id"), _("First name"), _("Group"), _("Secretary"), _("Expert families"), _("Contact")]
    rows = [[p["id"], view.name(p["id"]), view.group_name(group(p).get("id")), view.yes_no(group(p).get("secretary") == p["id"]),
             ", ".join(view.families_of(p["id"])), p.get("contact") or ""] for p in people]
    removed = view.data.get("removed") or []
    if removed:  # a column only when the facilitator removed someone: their rows, marked
        header.append(_("Removed"))
        rows = [row + [""] for row in rows] + [[p["id"], view.name(p["id"]), "", "", "", "", _("removed")] for p in removed]
        rows.sort(key=lambda row: row[0])
    participants = Table("participants.csv", _("Participants"), header, rows)
    contacts = Table("contacts.csv", _("Contacts"), [_("First name"), _("Contact"), _("Group")],
                     [[view.name(p["id"]), p["contact"], view.group_name(group(p).get("id"))]
                      for p in people if p.get("share_contact") and p.get("contact")])
    return participants, contacts


def tables(view: View, activities=None) -> list[Table]:
    """Every table in the bundle's order: participants, each activity's in the registry's order, contacts."""
    participants, contacts = people_tables(view)
    activities = registry.ACTIVITIES if activities is None else activities
    return [participants, *(t for a in activities if a.sheets for t in a.sheets(view)), contacts]


def report_pdf(view: View, exported: datetime, activities=None) -> bytes:
    """The printable report: the cover, then each activity's section in the registry's order."""
    from .pdf import Report  # fpdf2 takes a second to import: only when exporting

    activities = registry.ACTIVITIES if activities is None else activities
    report = Report(view, exported)
    report.cover(view)
    for activity in activities:
        if activity.pdf:
            activity.pdf(report, view)
    return report.output_bytes()


def folder_name(view: View, now: datetime) -> str:
    """`kiosk-<the workshop's title, as a slug>-<YYYYMMDD-HHMM>`."""
    return f"kiosk-{slug(view.data.get('workshop', {}).get('title') or '', slug(view._('Workshop')))}-" \
           f"{now.strftime('%Y%m%d-%H%M')}"


def build(data: dict, now: datetime | None = None, activities=None) -> Bundle:
    """Every file of the export, rendered in memory from `collect`'s data."""
    now = now or datetime.now().astimezone()
    activities = registry.ACTIVITIES if activities is None else activities
    view = View(data)
    bundle = Bundle(folder_name(view, now))
    all_tables = tables(view, activities)
    for table in all_tables:
        bundle.files[table.file] = to_csv(table)
    bundle.files["results.xlsx"] = to_xlsx(all_tables)
    bundle.files["report.pdf"] = report_pdf(view, now, activities)
    for activity in activities:
        if activity.pictures:
            bundle.files |= activity.pictures(view)
        if activity.files:
            bundle.files |= activity.files(view)
    made = [poster for activity in activities if activity.posters for poster in activity.posters(view)]
    if made:
        from . import posters  # fpdf2 again: only when some activity has a poster

        bundle.files[posters.FILE] = posters.render(view, made)
    bundle.files[absentees.FILE] = absentees.page(view, activities)
    # results.json first, naming the Kiosk that wrote the bundle and the bundle's other files:
    # `kiosk merge` refuses bundles of different versions and tells a file lost in a copy.
    results = {"kiosk_export": FORMAT, "kiosk_version": __version__, "exported_at": now.isoformat(timespec="seconds"),
               "files": list(bundle.files), **{key: value for key, value in data.items() if key != FOR_ABSENTEES}}
    bundle.files = {"results.json": json.dumps(results, ensure_ascii=False, indent=2).encode("utf-8"), **bundle.files}
    return bundle


def write_zip(bundle: Bundle, out) -> None:
    """Write the bundle into the binary file `out` as a zip file holding its folder."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in bundle.files.items():
            archive.writestr(f"{bundle.name}/{name}", content)


# --- 3. Onto the stick ------------------------------------------------------------------------------

FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
READ_ONLY = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
GONE = frozenset({errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOTDIR, errno.ESTALE,
                  errno.ENOTCONN, errno.ESHUTDOWN})
# Filesystems that cannot fsync a directory say so; the files themselves were synced.
NO_DIR_SYNC = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF})


def _write_file(path: Path, content: bytes) -> None:
    """Write one file of the bundle and sync it (tests replace this to fail midway)."""
    with open(path, "xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_dir(directory: Path) -> None:
    try:
        store._fsync_dir(directory)
    except OSError as exc:
        if exc.errno not in NO_DIR_SYNC:
            raise


def _full(needed: int) -> KioskError:
    return KioskError("target_full", MESSAGES["target_full"], mb=max(1, -(-needed // 1_000_000)))


def failure(exc: OSError, needed: int) -> KioskError:
    """The sentence for what the stick did: full, read-only, pulled out, or anything else."""
    code = exc.errno
    if code in FULL:
        return _full(needed)
    if code in READ_ONLY:
        return KioskError("target_read_only", MESSAGES["target_read_only"])
    if code in GONE:
        return KioskError("target_removed", MESSAGES["target_removed"])
    return KioskError("export_failed", MESSAGES["export_failed"], reason=exc.strerror or str(exc))


def _final_path(target: Path, name: str) -> Path:
    final, n = target / name, 2
    while os.path.lexists(final):
        final, n = target / f"{name}-{n}", n + 1
    return final


def write_bundle(bundle: Bundle, target: str | os.PathLike) -> Path:
    """Write the bundle into `target`; return its folder. All or nothing under the final name."""
    target = Path(target)
    if not target.is_dir():
        raise KioskError("target_missing", MESSAGES["target_missing"], path=str(target))
    # A FAT stick rounds every file up to its cluster (32 kB at most): count that.
    needed = bundle.size + 32 * 1024 * (len(bundle.files) + 1)
    try:
        free = usb.free_bytes(target)
    except OSError as exc:
        raise failure(exc, needed) from exc
    if free < needed:
        raise _full(needed)
    partial = target / f".{bundle.name}-partial"
    final = None
    try:
        if os.path.lexists(partial):  # left by an export whose stick was pulled out
            shutil.rmtree(partial)
        os.mkdir(partial)
        for name, content in bundle.files.items():
            _write_file(partial / name, content)
        _sync_dir(partial)
        final = _final_path(target, bundle.name)
        os.rename(partial, final)
        _sync_dir(target)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        if final is not None:
            shutil.rmtree(final, ignore_errors=True)
        raise failure(exc, needed) from exc
    return final


_busy = threading.Lock()


def _one_at_a_time(work: Callable):
    """Run one export at a time (a double click must not make two writers of one folder)."""
    if not _busy.acquire(blocking=False):
        raise KioskError("busy", N_("An export is already under way: wait until it ends."))
    try:
        return work()
    finally:
        _busy.release()


# --- From the console: in a process of its own ------------------------------------------------------

#: The export's process: this interpreter running `kiosk/exportjob.py` (tests put another command here).
JOB = [sys.executable, "-m", "kiosk.exportjob"]
#: The folder holding the `kiosk` package: `python -m` finds it there even when it is not installed.
JOB_CWD = Path(__file__).resolve().parent.parent.parent
#: Time given to the export's process before it is stopped: 10 minutes, where a 500-participant
#: workshop takes about 8 s of CPU on the development machine (`kiosk bench --export-size 500`).
JOB_TIMEOUT_S = 600


def run_job(job: dict):
    """What the export's process does (`kiosk/exportjob.py`): render `collect`'s data and write it
    onto the stick (returns the folder's path, as text), or as a zip into the open file descriptor
    `job["zip_fd"]` (returns the folder's name)."""
    bundle = build(job["data"], job["now"])
    if job.get("zip_fd") is None:
        return str(write_bundle(bundle, job["target"]))
    with open(job["zip_fd"], "wb", closefd=False) as out:
        write_zip(bundle, out)
    return bundle.name


def _in_export_process(data: dict, now: datetime, target=None, zip_file=None):
    """Run `run_job` in the export's own process (at a lower priority); return its answer, raise
    its refusal. A process that dies or outlasts JOB_TIMEOUT_S is stopped and reported, and the
    hidden folder it may have begun on the stick removed: nothing half-written stays."""
    job = {"data": data, "now": now, "target": None if target is None else str(target),
           "zip_fd": None if zip_file is None else zip_file.fileno()}
    payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
    del job
    # Under `kiosk serve` gevent made subprocess cooperative: the box answers the room while it waits.
    process = subprocess.Popen(JOB, cwd=JOB_CWD, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, pass_fds=() if zip_file is None else (zip_file.fileno(),))
    answer = None
    try:
        out, err = process.communicate(payload, timeout=JOB_TIMEOUT_S)
        try:
            answer = pickle.loads(out) if process.returncode == 0 else None
        except (pickle.UnpicklingError, EOFError, ValueError):
            answer = None
        if answer is None:
            log.warning("the export's process ended with code %s: %s", process.returncode,
                        err.decode("utf-8", "replace").strip()[-2000:])
            raise KioskError("export_stopped", MESSAGES["export_stopped"])
    except subprocess.TimeoutExpired:
        raise KioskError("export_timeout", MESSAGES["export_timeout"], minutes=max(1, JOB_TIMEOUT_S // 60)) from None
    finally:
        if process.poll() is None:  # timed out, or the request itself was stopped: not left behind
            process.kill()
            process.communicate()
        if answer is None and target is not None:
            store._run_blocking(shutil.rmtree, Path(target) / f".{folder_name(View(data), now)}-partial", True)
    if answer[0] == "refused":
        _kind, code, text, values = answer
        raise KioskError(code, text, **values)
    return answer[1]


def export_box(box, target: str | os.PathLike, now: datetime | None = None) -> Path:
    """Export a running box's workshop into `target`.

    The data is copied under the store's lock (one consistent state); the rendering and the slow
    writes to the stick run in the export's own process, while the room goes on.
    """
    def work():
        data = box.store.read(lambda db: collect(db, box.deck))
        return Path(_in_export_process(data, now or datetime.now().astimezone(), target=target))

    return _one_at_a_time(work)


def zip_box(box, now: datetime | None = None) -> tuple[str, io.BufferedRandom]:
    """The same bundle as a zip file: its file name, and the file (an unnamed temporary file, read
    from its start, gone once closed)."""
    def work():
        data = box.store.read(lambda db: collect(db, box.deck))
        zip_file = tempfile.TemporaryFile()
        try:
            name = _in_export_process(data, now or datetime.now().astimezone(), zip_file=zip_file)
            zip_file.seek(0)
        except BaseException:
            zip_file.close()
            raise
        return f"{name}.zip", zip_file

    return _one_at_a_time(work)


# --- `kiosk export` --------------------------------------------------------------------------------

def choose_target(drives: list) -> str:
    """The only mounted stick, or a refusal naming what was found."""
    if not drives:
        raise KioskError("no_stick", N_("No USB stick found: plug one in and wait until it is mounted, "
                                        "or give a folder with --to."))
    if len(drives) > 1:
        raise KioskError("several_sticks", N_("Several USB sticks are plugged in (%(sticks)s): choose one with --to."),
                         sticks=", ".join(drive.path for drive in drives))
    return drives[0].path


def run_cli(data_dir: str | None, to: str | None, out=None, err=None) -> int:
    """`kiosk export [--data DIR] [--to DIR]`: print the bundle's path, or one line and exit 1."""
    import sys

    from ..settings import load_settings

    out, err = out or sys.stdout, err or sys.stderr
    lang = "fr"
    try:
        config = load_settings({"data": data_dir})
        lang = config["lang"]
        data = read_data_dir(config["data"], decks.deck_setting(config["deck"], config["lang"]))
        lang = (data.get("workshop") or {}).get("lang") or lang
        if to:
            target = Path(to)
            try:
                target.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise failure(exc, 0) from exc
        else:
            target = choose_target(usb.find_drives())
        path = write_bundle(build(data), target)
    except KioskError as error:
        print(f"kiosk export: {message(error, lang)}", file=err)
        return 1
    except Exception as exc:  # what the code did not foresee (the XLSX writer's "File too large"…): one line
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        error = KioskError("export_failed", MESSAGES["export_failed"], reason=reason)
        print(f"kiosk export: {message(error, lang)}", file=err)
        return 1
    print(path, file=out)
    return 0
