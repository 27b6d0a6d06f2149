"""Countdowns: how long a step (or a group's report-back) has left, as plain dicts.

A countdown runs (`ends_at` set, `remaining_s` null) or is paused (`ends_at` null, `remaining_s`
kept). Times are the server's Unix seconds, always given by the caller (`now`): nothing here
reads the clock, so tests move time by hand. A countdown never goes below zero: once `ends_at`
has passed the screens show 0:00 and stay there.
"""

from __future__ import annotations


def start(duration_s: int, now: float) -> dict:
    """A countdown of `duration_s` seconds, running from `now`."""
    return {"duration_s": duration_s, "started_at": now, "ends_at": now + duration_s, "remaining_s": None}


def paused(countdown: dict) -> bool:
    return countdown.get("ends_at") is None


def remaining(countdown: dict, now: float) -> float:
    """Seconds left (0 once the countdown is over)."""
    if paused(countdown):
        return max(0.0, countdown.get("remaining_s") or 0.0)
    return max(0.0, countdown["ends_at"] - now)


def add(countdown: dict, seconds: float, now: float) -> dict:
    """`seconds` more (fewer when negative), never below zero left; a countdown at 0:00 restarts."""
    left = max(0.0, remaining(countdown, now) + seconds)
    if paused(countdown):
        return {**countdown, "remaining_s": left}
    return {**countdown, "ends_at": now + left}


def pause(countdown: dict, now: float) -> dict:
    if paused(countdown):
        return dict(countdown)
    return {**countdown, "ends_at": None, "remaining_s": remaining(countdown, now)}


def resume(countdown: dict, now: float) -> dict:
    if not paused(countdown):
        return dict(countdown)
    return {**countdown, "ends_at": now + remaining(countdown, now), "remaining_s": None}


def public_countdown(countdown: dict) -> dict:
    """What the screens need to show it: `ends_at` (null while paused) and `remaining_s` when paused."""
    is_paused = paused(countdown)
    return {"duration_s": countdown["duration_s"], "started_at": countdown.get("started_at"),
            "ends_at": None if is_paused else countdown["ends_at"],
            "remaining_s": countdown.get("remaining_s") if is_paused else None, "paused": is_paused}
