"""Round table: each person in turn gets the floor and a short timer; the wall shows who they are."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, command
from .. import Activity, Countdown
from . import demo, domain, export

PHASES = {
    "roundtable": (_l("Round table"),
                   _l("Each person in turn: who you are, what you bring, what you seek.")),
}

STRINGS = {
    "roundtable_your_turn": _l("Your turn!"),
    "roundtable_speaks": _l("{name} has the floor"),
    "roundtable_next": _l("Next: {name}"),
    "roundtable_progress": _l("{n}/{total}"),
    "roundtable_soon": _l("The round table will start soon."),
    "roundtable_over": _l("Everyone has spoken: thank you!"),
    "roundtable_you_next": _l("You are next: get ready."),
    "roundtable_card_hint": _l("The wall shows your first name, and your structure, what you bring and what you seek "
                               "if your address-book card is visible to the room."),
    "roundtable_start_join": _l("Start in join order"),
    "roundtable_start_random": _l("Start in a random order"),
    "roundtable_next_button": _l("Next speaker"),
    "roundtable_skip": _l("Come back later"),
    "roundtable_give_floor_named": _l("Give the floor to {name}"),
    "roundtable_spoke": _l("spoke"),
    "roundtable_later": _l("later"),
    "roundtable_start_action": _l("▶ Start the round table"),
    "roundtable_next_action": _l("▶ Next: {name}"),
    "roundtable_finish_action": _l("■ End the round"),
    "roundtable_waiting": _l("{n} people have not spoken yet"),
    "roundtable_waiting_one": _l("{n} person has not spoken yet"),
}


@command("roundtable.start", FACILITATOR,
         "`{order: join|random, seconds?}`: fix the order once (join order, or shuffled once and kept); "
         "each turn lasts `seconds` (the programme step's, 60 by default).")
def _roundtable_start(ctx):
    return domain.start(ctx.db, ctx.payload, ctx.step, ctx.now)


@command("roundtable.next", FACILITATOR, "The speaker is done; the floor goes to the next in the order, and a new countdown starts.")
def _roundtable_next(ctx):
    return domain.next_speaker(ctx.db, ctx.payload, ctx.now)


@command("roundtable.pick", FACILITATOR, "`{participant_id}`: the floor goes to this person (the speaker is done).")
def _roundtable_pick(ctx):
    return domain.pick(ctx.db, ctx.payload, ctx.now)


@command("roundtable.skip", FACILITATOR, "The speaker comes back later, after the others; the floor goes to the next.")
def _roundtable_skip(ctx):
    return domain.skip(ctx.db, ctx.payload, ctx.now)


ACTIVITY = Activity(
    "roundtable", phases=PHASES, strings=STRINGS,
    keys=("roundtable",), public=lambda db, deck: {"roundtable": domain.public(db)},
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.begin,
    countdown=Countdown(running=domain.running, change=domain.change_countdown),
    pdf=export.pdf, results=domain.results, forget=domain.forget, demo=demo.play)
