"""Motivation buddies: two participants who choose each other follow up on their commitments."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, command
from .. import Activity
from . import demo, domain, export

PHASES = {
}

STRINGS = {
    "buddy_none": _l("You have no buddy yet."),
    "buddy_pair": _l("Your buddy: {names}."),
    "buddy_waiting": _l("You chose {name}: when they choose you too, you are a pair."),
    "buddy_chosen_by": _l("{names} chose you."),
    "buddy_take": _l("Take {name} as my buddy"),
    "buddies_summary": _l("{pairs} pairs · {alone} without a buddy"),
    "buddy_of": _l("Buddy: {names}"),
}


@command("buddy.choose", PARTICIPANT, "Choose your motivation buddy `{participant_id}` (null clears).")
def _buddy_choose(ctx):
    return domain.choose(ctx.db, ctx.payload, ctx.actor.participant_id)


@command("buddies.pair_rest", FACILITATOR, "Pair everyone who has no buddy yet, in one click.")
def _buddies_pair_rest(ctx):
    return domain.pair_rest(ctx.db, ctx.payload)


def _public(db, deck):
    return {"buddies": domain.pairs(db)}


def _personal(db, me):
    return {"buddy": domain.mine(db, me)}


def _console(db):
    return {"buddy_choices": {str(a): b for a, b in domain.choices(db).items()}}


ACTIVITY = Activity(
    "buddies", strings=STRINGS, keys=("buddies",), public=_public, me_keys=("buddy",), personal=_personal,
    console_keys=("buddy_choices",), console=_console, sheets=export.sheets, pdf=export.pdf,
    forget=domain.forget, demo=demo.play)
