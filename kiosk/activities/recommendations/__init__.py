"""Recommendations ("préconisations"): the room proposes recommendations and rates each one's
impact and effort; the wall places them in four quadrants; the roadmap keeps who, what, when."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, PARTICIPANT_OR_FACILITATOR, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "recommendations": (_l("Recommendations"),
                        _l("Propose recommendations, rate the impact and effort of each: the wall sorts them into four "
                           "quadrants.")),
}

STRINGS = {
    "recommendations_quick_win": _l("Quick wins"),
    "recommendations_major_project": _l("Major projects"),
    "recommendations_fill_in": _l("Fill-ins"),
    "recommendations_thankless": _l("Thankless tasks"),
    "recommendations_closed": _l("The recommendations are closed: thank you!"),
    "recommendations_impact": _l("Impact"),
    "recommendations_effort": _l("Effort"),
    "recommendations_impact_named": _l("Impact of “{text}”: {value}"),
    "recommendations_effort_named": _l("Effort of “{text}”: {value}"),
    "recommendations_volunteer": _l("I'll help"),
    "recommendations_volunteer_named": _l("I'll help with “{text}”"),
    "recommendations_not_rated": _l("{n} recommendations not rated yet"),
    "recommendations_not_rated_one": _l("{n} recommendation not rated yet"),
    "recommendations_figures": _l("impact {impact} · effort {effort}"),
    "recommendations_empty": _l("No recommendation yet: propose yours from your phone!"),
    "recommendations_who": _l("Who"),
    "recommendations_when": _l("When"),
    "recommendations_remove_named": _l("Remove “{text}”"),
    "recommendations_remove_confirm": _l("Remove this recommendation and its ratings?"),
    "recommendations_close_action": _l("■ Close the recommendations"),
    "recommendations_open_action": _l("▶ Open the recommendations"),
}


@command("recommendations.propose", PARTICIPANT_OR_FACILITATOR,
         "`{text}`: propose a recommendation (200 characters at most; the same text twice is refused).")
def _recommendations_propose(ctx):
    return domain.propose(ctx.db, ctx.payload, ctx.me)


@command("recommendations.rate", PARTICIPANT, "`{recommendation_id, impact, effort}`: rate a recommendation's impact "
                                              "and effort from 1 to 4; rating again replaces it.")
def _recommendations_rate(ctx):
    return domain.rate(ctx.db, ctx.payload, ctx.me)


@command("recommendations.volunteer", PARTICIPANT, "`{recommendation_id, on?}`: put your name to a recommendation "
                                                   "in the roadmap (`on: false` takes it back).")
def _recommendations_volunteer(ctx):
    return domain.volunteer(ctx.db, ctx.payload, ctx.me)


@command("recommendations.plan", FACILITATOR, "`{recommendation_id, who?, when?}`: the roadmap's who (80 characters) "
                                              "and when (40); empty clears.")
def _recommendations_plan(ctx):
    return domain.plan(ctx.db, ctx.payload)


@command("recommendations.remove", FACILITATOR, "`{recommendation_id}`: remove a recommendation and its ratings.")
def _recommendations_remove(ctx):
    return domain.remove(ctx.db, ctx.payload)


@command("recommendations.open", FACILITATOR, "Proposals and ratings open (again).")
def _recommendations_open(ctx):
    return domain.set_status(ctx.db, domain.OPEN)


@command("recommendations.close", FACILITATOR, "Proposals and ratings stop; the roadmap stays editable.")
def _recommendations_close(ctx):
    return domain.set_status(ctx.db, domain.CLOSED)


ACTIVITY = Activity(
    "recommendations", phases=PHASES, strings=STRINGS,
    keys=("recommendations",), public=lambda db, deck: {"recommendations": domain.public(db)},
    me_keys=("recommendation_ratings",), personal=lambda db, me: {"recommendation_ratings": domain.mine(db, me)},
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start, sheets=export.sheets, pdf=export.pdf, posters=export.posters,
    results=export.results,
    absentees=export.absentees, forget=domain.forget, demo=demo.play, spotlight=domain.spotlight)
