"""The core's commands: the snapshot, joining, the phase, the workshop's details, the programme
and its timers, the card deck. Each activity registers its own in its package; importing this
module imports them all (through `activities`), so `protocol.COMMANDS` is then complete.
"""

from __future__ import annotations

from . import activities, auth, library, participants, payloads, phases, spotlight, timer, usb, workshop  # noqa: F401  (activities: their commands)
from .errors import N_, KioskError
from .protocol import EVERYONE, FACILITATOR, command


@command("state.get", EVERYONE, "Ask for the full snapshot again: the server emits `state` to the caller.",
         changes=False)
def _state_get(ctx):
    return {}, []


@command("participant.join", frozenset({auth.WALL, auth.PARTICIPANT}),
         "Join with `{name, contact?, share_contact?}` (through `POST /api/join`).", http_only=True)
def _participant_join(ctx):
    cap = ctx.box.join_cap if ctx.box is not None else 0
    return participants.join(ctx.db, ctx.payload, ctx.payload.get("_token"), ctx.actor.origin, cap)


@command("participant.remove", FACILITATOR,
         "`{participant_id}`: the participant leaves the workshop: their ballots go back, their name and posts leave "
         "every screen and list, their phone can no longer act; the export keeps a trace that they were removed.")
def _participant_remove(ctx):
    return participants.remove(ctx.db, ctx.payload, activities.forget, ctx.now)


@command("phase.set", FACILITATOR, "Move the workshop to a phase: `{phase}`.")
def _phase_set(ctx):
    return phases.set_phase(ctx.db, ctx.payload)


@command("wall.spotlight", FACILITATOR,
         "`{activity, id}`: the wall shows that item of that activity alone and large (its full text); "
         "`{activity: null}` or `{}` takes it off. Another phase takes it off too.")
def _wall_spotlight(ctx):
    return spotlight.show(ctx.db, ctx.deck, ctx.payload)


@command("workshop.update", FACILITATOR, "Change any of `{title, date, territory, lang}`.")
def _workshop_update(ctx):
    return workshop.update_details(ctx.db, ctx.payload)


@command("programme.next", FACILITATOR,
         "Move to the next step of the programme (the first one when it has not started): sets its phase, starts its countdown.")
def _programme_next(ctx):
    return timer.next_step(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("programme.back", FACILITATOR, "Move back to the previous step: sets its phase, starts its countdown again.")
def _programme_back(ctx):
    return timer.previous_step(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("programme.go", FACILITATOR, "`{index}`: jump to any step of the programme (0 is the first).")
def _programme_go(ctx):
    return timer.go_to(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("timer.add", FACILITATOR,
         "`{seconds, target?}`: more time on the countdown (negative takes some off, never below 0:00).")
def _timer_add(ctx):
    return timer.add_time(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("timer.pause", FACILITATOR, "`{target?}`: stop the countdown where it is.")
def _timer_pause(ctx):
    return timer.pause_timer(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("timer.resume", FACILITATOR, "`{target?}`: the countdown goes on from where it stopped.")
def _timer_resume(ctx):
    return timer.resume_timer(ctx.db, ctx.programme, ctx.payload, ctx.now)


@command("timer.chime", FACILITATOR, "`{on}`: the wall plays a soft chime when a countdown reaches 0:00.")
def _timer_chime(ctx):
    return timer.set_chime(ctx.db, ctx.payload)


@command("decks.list", FACILITATOR,
         "The decks the box can see (shipped, imported, on a USB stick): answers `{decks}`, each with `ok` "
         "or its `problems`.", changes=False, query=True)
def _decks_list(ctx):
    return {"decks": library.available(ctx.box.decks_dir, ctx.box.data_dir, usb.find_drives())}, []


@command("deck.choose", FACILITATOR,
         "`{path}` of a listed deck: it becomes the workshop's deck (one on a stick is copied into the box "
         "first); refused once experts or boards use the current one.")
def _deck_choose(ctx):
    library.check_free(ctx.db)  # before anything is copied from a stick
    path = ctx.payload.get("path")
    if not isinstance(path, str):
        raise KioskError("bad_input", N_("The field “%(field)s” is required."), field="path")
    deck, stored = library.take(path, ctx.box.decks_dir, ctx.box.data_dir, usb.find_drives())
    result, events = library.record(ctx.db, deck, stored)
    ctx.box.deck = deck
    return result, events


@command("programmes.list", FACILITATOR,
         "The programmes the box can see (shipped, imported, on a USB stick in a `programmes` folder): answers "
         "`{programmes}`, each with `ok` or its `problems`.", changes=False, query=True)
def _programmes_list(ctx):
    return {"programmes": library.available_programmes(ctx.box.programmes_dir, ctx.box.data_dir,
                                                       usb.find_drives())}, []


@command("programme.choose", FACILITATOR,
         "`{path}` of a listed programme: it becomes the workshop's agenda (one on a stick is copied into the box "
         "first); refused once the programme has started.")
def _programme_choose(ctx):
    library.check_not_started(ctx.db)  # before anything is copied from a stick
    path = payloads.text(ctx.payload, "path", max_len=4096)
    programme, stored = library.take_programme(path, ctx.box.programmes_dir, ctx.box.data_dir, usb.find_drives())
    result, events = library.record_programme(ctx.db, programme, stored)
    ctx.box.programme = programme
    return result, events
