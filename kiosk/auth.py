"""Who is calling: the facilitator PIN, facilitator sessions, and the slow-down on wrong PINs.

The PIN is generated at first start (or taken from KIOSK_PIN) and kept in the data directory. It
never leaves the box except on the terminal that started it. A right PIN gives a facilitator
token; tokens are kept in the store so that a restart does not log the console out.
"""

from __future__ import annotations

import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from tinydb import Query, TinyDB

from . import participants

PARTICIPANT = "participant"
FACILITATOR = "facilitator"
WALL = "wall"


@dataclass(frozen=True)
class Actor:
    """The caller of a command: a participant (with their id), the facilitator, or a read-only wall."""

    role: str
    participant_id: int | None = None

    @property
    def ref(self) -> str:
        """The name idempotency keys are remembered under."""
        return f"p{self.participant_id}" if self.role == PARTICIPANT else self.role


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
    """Slows down guessing: after FREE wrong PINs from one address, each try waits longer.

    The wait doubles with every further failure (1 s, 2 s, 4 s… up to MAX_WAIT); a right PIN
    clears the count. The clock is injectable so the rule is tested without sleeping.
    """

    FREE = 5
    MAX_WAIT = 300.0

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self._failures: dict[str, tuple[int, float]] = {}

    def wait_left(self, address: str) -> float:
        """Seconds this address must still wait before its next try (0: it may try now)."""
        failures, last = self._failures.get(address, (0, 0.0))
        if failures < self.FREE:
            return 0.0
        wait = min(self.MAX_WAIT, 2.0 ** (failures - self.FREE))
        return max(0.0, last + wait - self.clock())

    def failed(self, address: str) -> None:
        failures, _ = self._failures.get(address, (0, 0.0))
        self._failures[address] = (failures + 1, self.clock())

    def succeeded(self, address: str) -> None:
        self._failures.pop(address, None)
