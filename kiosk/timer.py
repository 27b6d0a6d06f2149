"""Running the programme: the current step, its countdown, and the facilitator's timer controls.

The state lives in the workshop's meta document, so it survives a restart of the box:
`step = {index, duration_s, started_at, ends_at, remaining_s}`. Times are the server's Unix
seconds and every function takes `now` from its caller (the box's clock, which tests replace):
nothing here reads the time itself, nothing sleeps.

The countdown itself (running or paused, never below 0:00) is `countdown.py`.

`programme.next` with no step yet starts the first step; `programme.back` on the first step and
`programme.next` on the last are refused. Moving to a step sets its phase (with the events of
`phase.set`) and starts its countdown; a step left earlier gets back the time it had left
(`step_left = {index: seconds}` in the meta document), so Back is not a fresh countdown. Moving
forward (Next, or `programme.go` to a later step) also starts the step's activity with the
step's options (`Activity.start`: the vote opens, the groups form…); when it cannot, the step
still changes and the answer says why under `not_started`. An activity's own countdown (`Activity.countdown`: the
report-back's, for each group) is handled by the same `timer.*` commands with `target: <its
name>`, the default while it runs.
"""

from __future__ import annotations

from tinydb import TinyDB

from . import activities, payloads, phases, rooms, workshop
from .countdown import add, pause, public_countdown, remaining, resume, start
from .errors import N_, KioskError
from .events import STEP_CHANGED, TIMER_CHANGED, TIMER_CHIME, Event

ADD_MAX_S = 3 * 3600
#: The countdowns `timer.*` can act on: the step's, and each activity's own.
COUNTDOWNS = {a.name: a.countdown for a in activities.ACTIVITIES if a.countdown is not None}
TARGETS = ("step", *COUNTDOWNS)


# --- The current step -------------------------------------------------------------------------

def _stored(db: TinyDB, programme) -> dict | None:
    """The stored step, or None (also when the programme changed and that step is gone)."""
    doc = workshop.meta(db).get("step")
    if not doc or programme is None or not 0 <= doc.get("index", -1) < len(programme.steps):
        return None
    return doc


def current_index(db: TinyDB, programme) -> int | None:
    doc = _stored(db, programme)
    return doc["index"] if doc else None


def current_step(db: TinyDB, programme):
    """The programme's Step now running, or None."""
    index = current_index(db, programme)
    return programme.steps[index] if index is not None else None


def public(db: TinyDB, programme) -> dict | None:
    """The snapshot's `step`: `{index, count, title, phase, duration_s, ends_at, remaining_s, paused, phone, wall}`,
    and `part` in a programme with parts (the day the step belongs to)."""
    doc = _stored(db, programme)
    if doc is None:
        return None
    step = programme.steps[doc["index"]]
    return {"index": doc["index"], "count": len(programme.steps), "title": step.title, "phase": step.phase,
            "phone": step.phone, "wall": step.wall, **({"part": step.part} if step.part else {}), **public_countdown(doc)}


def _programme(programme):
    if programme is None or not programme.steps:
        raise KioskError("no_programme", N_("The box has no programme: start it with one (KIOSK_PROGRAMME)."))
    return programme


def go(db: TinyDB, programme, index: int, now: float, forward: bool = True) -> tuple[dict, list[Event]]:
    """Move to step `index`: set its phase, start its countdown (or give back the time it had
    left), and, moving `forward`, start its activity."""
    step = programme.steps[index]
    left = dict(workshop.meta(db).get("step_left") or {})
    doc = _stored(db, programme)
    if doc is not None:
        left[str(doc["index"])] = round(remaining(doc, now), 3)
    _, events = phases.enter(db, step.phase)
    events += phases.leave_for(db, step.phase, now)
    countdown = start(step.duration_s, now)
    if str(index) in left:
        countdown["ends_at"] = now + left[str(index)]
    workshop.save(db, {"step": {"index": index, **countdown}, "step_left": left})
    answer = {}
    owner = activities.owner_of(activities.ACTIVITIES, step.phase)
    if forward and owner is not None and owner.start is not None:
        try:
            events += owner.start(db, step, index, now)
        except KioskError as error:
            answer["not_started"] = error.answer()
    view = public(db, programme)
    events.append(Event(STEP_CHANGED, {"step": view, "now": now}))
    return {"step": view, "now": now, **answer}, events


def next_step(db: TinyDB, programme, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`programme.next`: the next step, or the first one when the programme has not started."""
    programme = _programme(programme)
    index = current_index(db, programme)
    target = 0 if index is None else index + 1
    if target >= len(programme.steps):
        raise KioskError("last_step", N_("This is the last step of the programme."))
    return go(db, programme, target, now)


def previous_step(db: TinyDB, programme, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`programme.back`: the step before, with the time it had left; its activity is not started again."""
    programme = _programme(programme)
    index = current_index(db, programme)
    if index is None:
        raise KioskError("no_step", N_("The programme has not started: press “Next” to start it."))
    if index == 0:
        raise KioskError("first_step", N_("This is the first step of the programme."))
    return go(db, programme, index - 1, now, forward=False)


def go_to(db: TinyDB, programme, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`programme.go {index}`: jump to any step of the agenda (0 is the first); a later step's
    activity starts, an earlier step is as Back leaves it."""
    programme = _programme(programme)
    index = payloads.integer(payload, "index", minimum=0, maximum=len(programme.steps) - 1)
    current = current_index(db, programme)
    return go(db, programme, index, now, forward=current is None or index > current)


# --- timer.* ----------------------------------------------------------------------------------

def _target(db: TinyDB, programme, payload: dict) -> str:
    """Which countdown a `timer.*` command acts on: `target`, else an activity's while it runs."""
    if payload.get("target") is None:
        return next((name for name, countdown in COUNTDOWNS.items() if countdown.running(db)), "step")
    return payloads.choice(payload, "target", TARGETS)


def _change(db: TinyDB, programme, payload: dict, now: float, change) -> tuple[dict, list[Event]]:
    target = _target(db, programme, payload)
    if target != "step":
        return COUNTDOWNS[target].change(db, lambda countdown: change(countdown, now), now)
    doc = _stored(db, programme)
    if doc is None:
        raise KioskError("no_step", N_("The programme has not started: press “Next” to start it."))
    workshop.save(db, {"step": change(doc, now)})
    view = public(db, programme)
    return {"step": view, "now": now}, [Event(TIMER_CHANGED, {"step": view, "now": now}, to=rooms.SCREENS)]


def add_time(db: TinyDB, programme, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`timer.add {seconds}`: more time (fewer with a negative number), never below 0:00."""
    seconds = payloads.integer(payload, "seconds", minimum=-ADD_MAX_S, maximum=ADD_MAX_S)
    return _change(db, programme, payload, now, lambda countdown, at: add(countdown, seconds, at))


def pause_timer(db: TinyDB, programme, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`timer.pause`: the countdown stops where it is (pausing a paused one changes nothing)."""
    return _change(db, programme, payload, now, pause)


def resume_timer(db: TinyDB, programme, payload: dict, now: float) -> tuple[dict, list[Event]]:
    """`timer.resume`: the countdown goes on from where it stopped."""
    return _change(db, programme, payload, now, resume)


def chime_on(db: TinyDB) -> bool:
    return bool(workshop.meta(db).get("chime", False))


def set_chime(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`timer.chime {on}`: the wall plays a soft chime when a countdown reaches 0:00 (off by default)."""
    on = payloads.boolean(payload, "on")
    workshop.save(db, {"chime": on})
    return {"chime": on}, [Event(TIMER_CHIME, {"chime": on}, to=rooms.SCREENS)]
