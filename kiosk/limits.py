"""Rate limits: how often one caller may ask, so that no caller can slow the box down for the others.

A token bucket per name (a participant, an address): `burst` requests at once, then `rate` per
second. A refused request costs a dictionary lookup: nothing is read, run or written for it. The
clock is injectable so the rules are tested without sleeping.
"""

from __future__ import annotations

import threading
import time

#: The box's own address: its screen (the projector's browser), a proxy in front of it, the tests and
#: the benchmark. It is trusted with no per-address limit (anyone there has the box in their hands).
LOCAL_ADDRESSES = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})


def is_local(address: str | None) -> bool:
    return address in LOCAL_ADDRESSES


class RateLimit:
    """`burst` requests at once per name, then `rate` per second; at most `max_names` names kept."""

    def __init__(self, rate: float, burst: float, clock=time.monotonic, max_names: int = 10_000):
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.max_names = max_names
        self._buckets: dict[str, tuple[float, float]] = {}  # name -> (tokens, when)
        self._lock = threading.Lock()

    def allow(self, name: str) -> bool:
        """Take one token from `name`'s bucket: False (and nothing taken) when it is empty."""
        now = self.clock()
        with self._lock:
            tokens, when = self._buckets.pop(name, (self.burst, now))
            tokens = min(self.burst, tokens + (now - when) * self.rate)
            allowed = tokens >= 1
            self._buckets[name] = (tokens - 1 if allowed else tokens, now)  # the newest last
            if len(self._buckets) > self.max_names:
                del self._buckets[next(iter(self._buckets))]  # the longest idle: a full bucket by now
            return allowed
