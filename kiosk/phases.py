"""The workshop's phases: the welcome, each activity's phases in the registry's order, the closing.

The phase decides what the wall and the phones show. Entering a phase tells every activity
(`Activity.on_enter`); moving the programme to a step tells the activities whose phase it is not
(`Activity.on_leave`), so that, say, a report-back ends when the programme moves on.
"""

from __future__ import annotations

from tinydb import TinyDB

from . import activities, payloads, workshop
from .events import PHASE_CHANGED, Event


def all_phases() -> tuple[str, ...]:
    return activities.PHASES


def set_phase(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`phase.set {phase}`."""
    return enter(db, payloads.choice(payload, "phase", all_phases()))


def enter(db: TinyDB, phase: str) -> tuple[dict, list[Event]]:
    """Move the workshop to `phase` (a valid one) and tell the activities."""
    events = [Event(PHASE_CHANGED, {"phase": phase})]
    for activity in activities.ACTIVITIES:
        if activity.on_enter is not None:
            events += activity.on_enter(db, phase)
    workshop.save(db, {"phase": phase})
    return {"phase": phase}, events


def leave_for(db: TinyDB, phase: str, now: float) -> list[Event]:
    """The programme moves to a step of `phase`: the activities that do not own it leave theirs."""
    events = []
    for activity in activities.ACTIVITIES:
        if activity.on_leave is not None and phase not in activity.phases:
            events += activity.on_leave(db, now)
    return events
