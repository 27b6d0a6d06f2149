"""Criteria and radar: the criteria the moving debate brought out (a name and an indicator each),
rated by the room from 0 to 4 ("je ne sais pas" allowed); the radar shows each one's median and
the band between its first and third quartiles, live on the wall and as `radar.png`."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "criteria": (_l("Criteria and radar"),
                 _l("Rate each criterion from 0 (not at all) to 4 (fully) on your phone, or say you don't know.")),
}

STRINGS = {
    "criteria_soon": _l("The criteria will come soon: the rating has not started."),
    "criteria_dont_know": _l("Don't know"),
    "criteria_rate_named": _l("{criterion}: {value}"),
    "criteria_rated": _l("{n} of {total} rated"),
    "criteria_people": _l("{n} people rated"),
    "criteria_people_one": _l("{n} person rated"),
    "criteria_median": _l("median {median}"),
    "criteria_band": _l("{q1}–{q3}"),
    "criteria_unknown": _l("{n} don't know"),
    "criteria_unknown_one": _l("{n} doesn't know"),
    "criteria_no_rating": _l("no rating yet"),
    "criteria_indicator": _l("Indicator"),
    "criteria_remove_named": _l("Remove the criterion “{name}”"),
    "criteria_edit_named": _l("Edit the criterion “{name}”"),
    "criteria_open_action": _l("▶ Open the rating"),
    "criteria_close_action": _l("■ Close the rating"),
    "criteria_need_three": _l("A radar needs at least 3 criteria"),
    "criteria_not_rated": _l("{n} people have not rated yet"),
    "criteria_not_rated_one": _l("{n} person has not rated yet"),
    "criteria_status_drafting": _l("Criteria being recorded"),
    "criteria_status_rating": _l("Rating open"),
    "criteria_status_closed": _l("Rating closed"),
}


@command("criteria.add", FACILITATOR, "`{name, indicator?}`: record a criterion (60 characters) and its indicator "
                                      "(140); at most 12, names all different.")
def _criteria_add(ctx):
    return domain.add(ctx.db, ctx.payload)


@command("criteria.edit", FACILITATOR, "`{criterion_id, name, indicator?}`: correct a criterion; its ratings stay.")
def _criteria_edit(ctx):
    return domain.edit(ctx.db, ctx.payload)


@command("criteria.remove", FACILITATOR, "`{criterion_id}`: remove a criterion and its ratings (not once the rating "
                                         "is closed).")
def _criteria_remove(ctx):
    return domain.remove(ctx.db, ctx.payload)


@command("criteria.open", FACILITATOR, "Open the rating (at least 3 criteria): the phones rate each criterion.")
def _criteria_open(ctx):
    return domain.set_status(ctx.db, domain.RATING)


@command("criteria.close", FACILITATOR, "Close the rating: the radar stays on the wall and in the export.")
def _criteria_close(ctx):
    return domain.set_status(ctx.db, domain.CLOSED)


@command("criteria.rate", PARTICIPANT, "`{criterion_id, value}`: rate a criterion from 0 to 4, or `null` for "
                                       "\"je ne sais pas\"; rating again replaces it.")
def _criteria_rate(ctx):
    return domain.rate(ctx.db, ctx.payload, ctx.me)


ACTIVITY = Activity(
    "criteria", phases=PHASES, strings=STRINGS,
    keys=("criteria",), public=lambda db, deck: {"criteria": domain.public(db)},
    me_keys=("ratings",), personal=lambda db, me: {"ratings": domain.mine(db, me)},
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start,
    sheets=export.sheets, pdf=export.pdf, pictures=export.pictures, posters=export.posters,
    results=export.results,
    absentees=export.absentees, forget=domain.forget, demo=demo.play, spotlight=domain.spotlight)
