"""The programme's steps and countdowns, with a clock the tests move by hand: nothing sleeps."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PIN, events, refused
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import countdown, create_app, programmes, rooms, timer, workshop
from kiosk.activities.issues import domain as issues
from kiosk.programmes import Programme, Step

ROOT = Path(__file__).resolve().parent.parent
T0 = 1_800_000_000.0


@pytest.fixture(scope="module")
def programme():
    return programmes.load_programme(ROOT / "decks" / "programmes" / "sharitories.fr.toml")


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    return db


def step(db, programme):
    return timer.public(db, programme)


# --- Countdowns -------------------------------------------------------------------------------------

def test_a_countdown_ends_its_duration_after_it_starts():
    running = countdown.start(300, T0)
    assert running["ends_at"] == T0 + 300 and countdown.remaining(running, T0 + 100) == 200


def test_a_countdown_stays_at_zero_once_over():
    assert countdown.remaining(countdown.start(60, T0), T0 + 3600) == 0


def test_taking_more_time_off_than_is_left_stops_at_zero():
    over = countdown.add(countdown.start(300, T0), -1000, T0 + 100)
    assert over["ends_at"] == T0 + 100 and countdown.remaining(over, T0 + 100) == 0


def test_adding_time_after_zero_counts_from_now():
    late = countdown.add(countdown.start(60, T0), 60, T0 + 600)
    assert late["ends_at"] == T0 + 660


def test_a_paused_countdown_keeps_its_time_left_and_resumes_from_it():
    paused = countdown.pause(countdown.start(300, T0), T0 + 100)
    assert paused["ends_at"] is None and paused["remaining_s"] == 200
    assert countdown.remaining(paused, T0 + 5000) == 200
    resumed = countdown.resume(paused, T0 + 1000)
    assert resumed["ends_at"] == T0 + 1200 and resumed["remaining_s"] is None


def test_time_added_to_a_paused_countdown_waits_with_it_never_below_zero():
    paused = countdown.pause(countdown.start(300, T0), T0 + 100)
    assert countdown.add(paused, 60, T0 + 500)["remaining_s"] == 260
    assert countdown.add(paused, -500, T0 + 500)["remaining_s"] == 0


def test_pausing_twice_or_resuming_a_running_countdown_changes_nothing():
    paused = countdown.pause(countdown.start(300, T0), T0 + 100)
    assert countdown.pause(paused, T0 + 200) == paused
    running = countdown.start(300, T0)
    assert countdown.resume(running, T0 + 200) == running


# --- Moving through the programme -------------------------------------------------------------------

def test_next_before_the_start_starts_the_first_step_sets_its_phase_and_its_countdown(db, programme):
    result, evts = timer.next_step(db, programme, {}, T0)
    assert result["step"] == {
        "index": 0, "count": 10, "title": programme.steps[0].title, "phase": "welcome",
        "phone": programme.steps[0].phone, "wall": programme.steps[0].wall, "duration_s": 300,
        "started_at": T0, "ends_at": T0 + 300, "remaining_s": None, "paused": False}
    assert result["now"] == T0
    assert [e.name for e in evts] == ["phase.changed", "step.changed"]
    assert evts[1].data == {"step": result["step"], "now": T0} and evts[1].to == rooms.EVERYONE
    assert workshop.meta(db)["phase"] == "welcome"


def test_next_moves_to_the_following_step_and_its_phase(db, programme):
    timer.next_step(db, programme, {}, T0)
    issues.set_proposals(db, {"open": False})
    result, evts = timer.next_step(db, programme, {}, T0 + 400)
    assert result["step"]["index"] == 1 and result["step"]["ends_at"] == T0 + 700
    # The phase's own rules apply, as with phase.set: the issues phase opens proposals.
    assert [e.name for e in evts] == ["phase.changed", "issues.proposals", "step.changed"]
    assert workshop.meta(db)["phase"] == "issues" and issues.proposals_open(db)


def test_next_on_the_last_step_is_refused(db, programme):
    timer.go_to(db, programme, {"index": 9}, T0)
    refused("last_step", timer.next_step, db, programme, {}, T0)
    assert step(db, programme)["index"] == 9


def test_back_to_a_step_never_run_gives_it_a_fresh_countdown(db, programme):
    timer.go_to(db, programme, {"index": 3}, T0)
    result, _ = timer.previous_step(db, programme, {}, T0 + 50)
    assert result["step"]["index"] == 2 and result["step"]["phase"] == "vote"
    assert result["step"]["ends_at"] == T0 + 50 + 300


def test_back_on_the_first_step_or_before_the_start_is_refused(db, programme):
    refused("no_step", timer.previous_step, db, programme, {}, T0)
    timer.next_step(db, programme, {}, T0)
    refused("first_step", timer.previous_step, db, programme, {}, T0)


@pytest.mark.parametrize("index", [-1, 10, "2", None, True])
def test_going_to_a_step_outside_the_agenda_is_refused(db, programme, index):
    refused("bad_input", timer.go_to, db, programme, {"index": index}, T0)
    assert step(db, programme) is None


def test_a_box_without_a_programme_refuses_to_move(db):
    refused("no_programme", timer.next_step, db, None, {}, T0)
    refused("no_programme", timer.next_step, db, Programme("Vide", "fr", ()), {}, T0)


def test_a_step_gone_from_a_shorter_programme_shows_no_step(db, programme):
    timer.go_to(db, programme, {"index": 9}, T0)
    short = Programme("Court", "fr", (Step("Accueil", "welcome", 60),))
    assert timer.public(db, short) is None
    result, _ = timer.next_step(db, short, {}, T0)
    assert result["step"]["index"] == 0


# --- timer.add / pause / resume ----------------------------------------------------------------------

def test_adding_a_minute_moves_ends_at_and_tells_the_screens_only(db, programme):
    timer.next_step(db, programme, {}, T0)
    result, evts = timer.add_time(db, programme, {"seconds": 60}, T0 + 10)
    assert result["step"]["ends_at"] == T0 + 360
    assert [(e.name, e.to) for e in evts] == [("timer.changed", rooms.SCREENS)]
    assert evts[0].data == {"step": result["step"], "now": T0 + 10}


def test_taking_off_more_than_is_left_clamps_at_zero(db, programme):
    timer.next_step(db, programme, {}, T0)
    result, _ = timer.add_time(db, programme, {"seconds": -1000}, T0 + 100)
    assert result["step"]["ends_at"] == T0 + 100
    result, _ = timer.add_time(db, programme, {"seconds": 60}, T0 + 200)
    assert result["step"]["ends_at"] == T0 + 260


def test_pause_holds_the_time_left_and_resume_restarts_from_it(db, programme):
    timer.next_step(db, programme, {}, T0)
    result, _ = timer.pause_timer(db, programme, {}, T0 + 100)
    assert result["step"]["ends_at"] is None and result["step"]["remaining_s"] == 200
    assert result["step"]["paused"] is True
    result, _ = timer.add_time(db, programme, {"seconds": 30}, T0 + 150)
    assert result["step"]["remaining_s"] == 230
    result, _ = timer.resume_timer(db, programme, {}, T0 + 1000)
    assert result["step"]["ends_at"] == T0 + 1230 and result["step"]["remaining_s"] is None


def test_timer_commands_before_the_start_are_refused(db, programme):
    for command in (timer.add_time, timer.pause_timer, timer.resume_timer):
        refused("no_step", command, db, programme, {"seconds": 60}, T0)


@pytest.mark.parametrize("seconds", [None, "60", 1.5, True, 3 * 3600 + 1, -3 * 3600 - 1])
def test_timer_add_wants_whole_seconds_within_three_hours(db, programme, seconds):
    timer.next_step(db, programme, {}, T0)
    refused("bad_input", timer.add_time, db, programme, {"seconds": seconds}, T0)


def test_timer_add_names_a_known_countdown(db, programme):
    timer.next_step(db, programme, {}, T0)
    refused("bad_input", timer.add_time, db, programme, {"seconds": 60, "target": "group"}, T0)
    refused("no_report", timer.add_time, db, programme, {"seconds": 60, "target": "report"}, T0)


def test_the_chime_is_off_until_the_facilitator_turns_it_on(db):
    assert timer.chime_on(db) is False
    result, evts = timer.set_chime(db, {"on": True})
    assert result == {"chime": True} and timer.chime_on(db)
    assert evts[0].name == "timer.chime" and evts[0].to == rooms.SCREENS


# --- Through the box, its clock and its sockets --------------------------------------------------------

class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock(T0)


@pytest.fixture
def timed_app(tmp_path, clock):
    return create_app({"data": str(tmp_path / "data"), "pin": PIN, "public_url": "http://kiosk.test:8000/",
                       "async_mode": "threading", "tally_interval": 0, "clock": clock})


def test_the_box_counts_with_its_own_clock_and_says_its_time(timed_app, clock):
    from conftest import JoinActions

    actions = JoinActions(timed_app)
    wall, phone, facilitator = actions.wall(), actions.phone("Ana"), actions.facilitator()
    ack = facilitator.emit("programme.next", {}, callback=True)
    assert ack["ok"] and ack["step"]["ends_at"] == T0 + 300
    for client in (wall, phone):
        changed = events(client, "step.changed")
        assert changed == [{"step": ack["step"], "now": T0, "seq": ack["seq"]}]
    clock.now = T0 + 250
    ack = facilitator.emit("timer.add", {"seconds": -30}, callback=True)
    assert ack["step"]["ends_at"] == T0 + 270
    assert events(wall, "timer.changed") == [{"step": ack["step"], "now": T0 + 250, "seq": ack["seq"]}]
    assert events(phone, "timer.changed") == []  # phones show no countdown: they are not told
    wall.emit("state.get", {}, callback=True)
    state = events(wall, "state")[0]
    assert state["now"] == T0 + 250 and state["step"]["ends_at"] == T0 + 270 and state["phase"] == "welcome"


def test_only_the_facilitator_moves_the_programme(timed_app):
    from conftest import JoinActions

    phone = JoinActions(timed_app).phone("Ana")
    for name in ("programme.next", "programme.back", "programme.go", "timer.add", "timer.pause", "timer.resume",
                 "timer.chime", "report.start", "report.next", "report.stop", "reaction.hide"):
        assert phone.emit(name, {}, callback=True)["code"] == "forbidden", name


def test_the_consoles_snapshot_holds_the_agenda(timed_app, programme):
    from conftest import JoinActions

    facilitator = JoinActions(timed_app).facilitator()
    facilitator.emit("state.get", {}, callback=True)
    state = events(facilitator, "state")[0]
    assert state["programme"] == programme.public() and state["step"] is None
    assert [s["duration_s"] for s in state["programme"]["steps"]] == [s.duration_s for s in programme.steps]
    assert state["programme"]["steps"][7]["present_s"] == 120
