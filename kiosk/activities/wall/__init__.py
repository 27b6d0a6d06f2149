"""The commitments wall: each participant's first small step, live on the projector."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "wall": (_l("Commitments wall"),
              _l("Write down your first small step, your commitment.")),
}

STRINGS = {
    "post_shown": _l("on the wall"),
    "post_pending": _l("waiting for the facilitator"),
    "post_hidden": _l("hidden"),
    "contact_is": _l("Contact: {contact}"),
    "tie_group": _l("Tie it to my group “{name}”"),
    "chars_left": _l("{n} characters left"),
    "chars_left_one": _l("{n} character left"),
    "no_match": _l("No similar commitment yet."),
    "pinned": _l("pinned"),
    "no_commitment": _l("No commitment yet: post yours from your phone!"),
    "approve": _l("Show"),
    "approve_named": _l("Show “{text}” on the wall"),
    "pin": _l("Pin"),
    "pin_named": _l("Pin “{text}”"),
    "premoderation_on": _l("Hold new posts until I show them"),
    "premoderation_off": _l("Show new posts at once"),
    "show_slideshow": _l("Wall: show as a slideshow"),
    "show_grid": _l("Wall: show every note"),
    "same_family": _l("same family"),
    "same_group": _l("same group"),
    "shared_words": _l("words: {words}"),
}


@command("wall.post", PARTICIPANT,
         "Post a commitment `{text, share_contact?, group_id?, family_id?}` (at most 280 characters).")
def _wall_post(ctx):
    return domain.post(ctx.db, ctx.payload, ctx.actor.participant_id, ctx.deck)


@command("wall.hide", FACILITATOR, "Hide a post `{post_id}`: it leaves the wall at once.")
def _wall_hide(ctx):
    return domain.hide(ctx.db, ctx.payload)


@command("wall.restore", FACILITATOR, "Show a post `{post_id}`: approves a held post or restores a hidden one.")
def _wall_restore(ctx):
    return domain.restore(ctx.db, ctx.payload)


@command("wall.pin", FACILITATOR, "Pin (or unpin with `pinned: false`) a post `{post_id, pinned?}`: pinned posts come first.")
def _wall_pin(ctx):
    return domain.pin(ctx.db, ctx.payload)


@command("wall.premoderation", FACILITATOR, "`{on}`: hold new posts until the facilitator shows them.")
def _wall_premoderation(ctx):
    return domain.set_premoderation(ctx.db, ctx.payload)


@command("wall.mode", FACILITATOR, "`{mode: \"grid\" | \"slideshow\"}`: how the wall shows the commitments.")
def _wall_mode(ctx):
    return domain.set_mode(ctx.db, ctx.payload)


@command("matches.mine", PARTICIPANT, "Commitments of others that match yours: answers `{matches}`.",
         changes=False, query=True)
def _matches_mine(ctx):
    return {"matches": domain.similar_for(ctx.db, ctx.actor.participant_id)}, []


def _public(db, deck):
    return {"wall": [domain.public(d) for d in domain.shown(db)], "wall_mode": domain.settings(db)["mode"]}


def _personal(db, me):
    return {"posts": [domain.private(d) for d in domain.authored(db, me)]}


def _console(db):
    return {"posts": [domain.private(d) for d in db.table("posts").all()],
            "premoderation": domain.settings(db)["premoderation"], "matches": domain.best_matches(db)}


ACTIVITY = Activity(
    "wall", phases=PHASES, strings=STRINGS,
    keys=("wall", "wall_mode"), public=_public, me_keys=("posts",), personal=_personal,
    console_keys=("posts", "premoderation", "matches"), console=_console,
    sheets=export.sheets, pdf=export.pdf, pictures=export.pictures, forget=domain.forget, demo=demo.play,
    spotlight=domain.spotlight)
