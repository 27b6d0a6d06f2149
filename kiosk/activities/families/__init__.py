"""Expert families: each participant claims one or two families of the card deck."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, PARTICIPANT_OR_FACILITATOR, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "families": (_l("Expert families"),
                  _l("Each participant becomes the expert of one or two families of practices.")),
}

STRINGS = {
    "no_family": _l("No family"),
    "claim_family": _l("Become its expert"),
    "claim_family_named": _l("Become the expert of “{name}”"),
    "release_family": _l("Release"),
    "release_family_named": _l("Release “{name}”"),
    "families_help": _l("Choose the families you will be the expert of (at most {max}), then read their cards below."),
    "families_held": _l("You hold {n} of {max}."),
    "families_full": _l("To choose another family, release one."),
    "families_covered": _l("{n} of {total} families have an expert"),
    "cards_loading": _l("Loading the card…"),
    "examples": _l("Examples"),
    "card_n_of": _l("Card {n} of {total}"),
    "assign_to": _l("Assign to…"),
    "assign_named": _l("Assign “{family}” to a participant"),
    "release_for_named": _l("Release “{family}” for {name}"),
}


@command("family.claim", PARTICIPANT,
         "Become an expert of a family `{family_id}`, within the limit (claiming one you hold changes nothing).")
def _family_claim(ctx):
    return domain.claim(ctx.db, ctx.deck, ctx.payload, ctx.actor.participant_id)


@command("family.release", PARTICIPANT_OR_FACILITATOR,
         "Give a family back: `{family_id}`; the facilitator adds `participant_id` to release it for someone.")
def _family_release(ctx):
    return domain.release(ctx.db, ctx.deck, ctx.payload, ctx.me)


@command("family.assign", FACILITATOR, "`{family_id, participant_id}`: make someone an expert of a family, beyond the limit.")
def _family_assign(ctx):
    return domain.assign(ctx.db, ctx.deck, ctx.payload)


@command("families.limit", FACILITATOR, "`{max}` (1 to 10): how many families a participant may claim.")
def _families_limit(ctx):
    return domain.set_limit(ctx.db, ctx.payload)


def _public(db, deck):
    return {"claims": domain.all_claims(db, deck), "families_limit": domain.limit(db)}


ACTIVITY = Activity("families", phases=PHASES, strings=STRINGS, keys=("claims", "families_limit"), public=_public,
    sheets=export.sheets, pdf=export.pdf, forget=domain.forget, demo=demo.play)
