"""Who is calling: the facilitator PIN, facilitator sessions, and the slow-down on wrong PINs.

The PIN is generated at first start (or taken from KIOSK_PIN) and kept in the data directory. It
never leaves the box except on the terminal that started it. A right PIN gives a facilitator
token; tokens are kept in the store so that a restart does not log the console out.
"""

from __future__ import annotations

import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tinydb import Query, TinyDB

from . import limits, participants

PARTICIPANT = "participant"
FACILITATOR = "facilitator"
WALL = "wall"


@dataclass(frozen=True)
class Actor:
    """The caller of a command: a participant (with their id), the facilitator, or a read-only wall."""

    role: str
    participant_id: int | None = None
    origin: str | None = None  # a read-only client's address: its keys and rate are its own

    @property
    def ref(self) -> str:
        """The name idempotency keys (and the rate limit) are kept under."""
        if self.role == PARTICIPANT:
            return f"p{self.participant_id}"
        if self.role == WALL and self.origin:
            return f"{WALL}@{self.origin}"
        return self.role


ANONYMOUS = Actor(WALL)


def _secret_file(path: Path, make) -> str:
    """Read a secret kept in the data directory, creating it (readable by the owner only) once."""
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value
    value = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return value


def facilitator_pin(data_dir: str, configured: str | None) -> str:
    if configured:
        return str(configured).strip()
    return _secret_file(Path(data_dir) / "facilitator-pin", lambda: f"{secrets.randbelow(10**6):06d}")


def secret_key(data_dir: str) -> str:
    return _secret_file(Path(data_dir) / "secret-key", lambda: secrets.token_hex(32))


def pin_matches(given, pin: str) -> bool:
    return isinstance(given, str) and hmac.compare_digest(given.strip().encode(), pin.encode())


def new_facilitator_token(db: TinyDB) -> tuple[str, list]:
    token = secrets.token_urlsafe(24)
    db.table("facilitator_sessions").insert({"token": token, "created": time.time()})
    return token, []


def resolve(db: TinyDB, token) -> Actor:
    """The actor a token names; an unknown or missing token is a read-only wall client."""
    if not isinstance(token, str) or not token:
        return ANONYMOUS
    if db.table("facilitator_sessions").contains(Query().token == token):
        return Actor(FACILITATOR)
    doc = participants.by_token(db, token)
    if doc is not None:
        return Actor(PARTICIPANT, doc.doc_id)
    return ANONYMOUS


class PinThrottle:
    """Slows down guessing the PIN, per address and for the PIN itself.

    Per address: after FREE wrong PINs, each try waits longer, doubling with every further failure
    (1 s, 2 s, 4 s… up to MAX_WAIT); a right PIN clears that address's count. For the PIN, whatever
    the address (a laptop can give itself many): after GLOBAL_FREE wrong PINs in all, tries go
    through one at a time, GLOBAL_SPACING seconds apart, the spacing doubling with every further
    GLOBAL_FREE failures up to GLOBAL_MAX_SPACING, so that guessing a 6-digit PIN takes months.
    The box's own address (its screen, see `limits.LOCAL_ADDRESSES`) is spared the PIN's budget:
    the facilitator keeps a way in. Nothing is kept on disk: a restart starts the counts afresh.

    `reserve` counts a try as a failure before it is checked (a right PIN then takes it back): tries
    sent together cannot all be checked before the first failure counts. The clock is injectable
    so the rules are tested without sleeping.
    """

    FREE = 5
    MAX_WAIT = 300.0
    GLOBAL_FREE = 20
    GLOBAL_SPACING = 1.0
    GLOBAL_MAX_SPACING = 60.0
    MAX_ADDRESSES = 10_000

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self._failures: dict[str, tuple[int, float]] = {}
        self._global_failures = 0
        self._global_next = 0.0  # when the PIN's budget lets the next try through
        self._lock = threading.Lock()

    def _address_wait(self, address: str, now: float) -> float:
        failures, last = self._failures.get(address, (0, 0.0))
        if failures < self.FREE:
            return 0.0
        wait = min(self.MAX_WAIT, 2.0 ** (failures - self.FREE))
        return max(0.0, last + wait - now)

    def global_spacing(self) -> float:
        """Seconds between two tries once the PIN's budget is spent (0 before)."""
        over = self._global_failures - self.GLOBAL_FREE
        if over < 0:
            return 0.0
        return min(self.GLOBAL_MAX_SPACING, self.GLOBAL_SPACING * 2.0 ** (over // self.GLOBAL_FREE))

    def wait_left(self, address: str) -> float:
        """Seconds this address must still wait before its next try (0: it may try now)."""
        now = self.clock()
        with self._lock:
            wait = self._address_wait(address, now)
            if not limits.is_local(address) and self.global_spacing() > 0:
                wait = max(wait, self._global_next - now)
            return wait

    def reserve(self, address: str) -> float:
        """Take a try for `address`, counted as a wrong PIN until `succeeded` says otherwise.
        Returns 0 when it may go on, else the seconds to wait (and nothing is counted)."""
        now = self.clock()
        with self._lock:
            wait = self._address_wait(address, now)
            spared = limits.is_local(address)
            spacing = 0.0 if spared else self.global_spacing()
            if spacing > 0:
                wait = max(wait, self._global_next - now)
            if wait > 0:
                return wait
            self._count_failure(address, now, spared)
            if spacing > 0:
                self._global_next = now + spacing
            return 0.0

    def _count_failure(self, address: str, now: float, spared: bool) -> None:
        failures, _ = self._failures.pop(address, (0, 0.0))
        self._failures[address] = (failures + 1, now)
        if len(self._failures) > self.MAX_ADDRESSES:
            del self._failures[next(iter(self._failures))]
        if not spared:
            self._global_failures += 1

    def failed(self, address: str) -> None:
        """Count a wrong PIN (for a try not reserved first)."""
        with self._lock:
            self._count_failure(address, self.clock(), limits.is_local(address))

    def succeeded(self, address: str) -> None:
        """The reserved try was the right PIN: that address's count is cleared, and the try no
        longer counts against the PIN's budget."""
        with self._lock:
            if self._failures.pop(address, None) is not None and not limits.is_local(address):
                self._global_failures = max(0, self._global_failures - 1)
