"""Project seeds: each group writes its seed on a shared card; anyone joins its action group."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT_OR_FACILITATOR, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "seeds": (_l("Project seeds"),
              _l("Each group writes its project seed; join the action groups you want to carry on with.")),
}

STRINGS = {
    "seeds_labels": {field: _l(label) for field, label in domain.LABELS.items()},
    "seeds_fields": list(domain.FIELDS),
    "seeds_limits": dict(domain.TEXTS),
    "seeds_multiline": list(domain.MULTILINE),
    "seeds_soon": _l("The seed cards will open once the groups are formed."),
    "seeds_yours": _l("Our seed"),
    "seeds_others": _l("The room's seeds"),
    "seeds_save": _l("Save"),
    "seeds_saved": _l("Saved."),
    "seeds_theirs": _l("Saved meanwhile by someone else:"),
    "seeds_take_theirs": _l("Take their text"),
    "seeds_join": _l("Join the action group"),
    "seeds_join_named": _l("Join the action group of “{title}”"),
    "seeds_leave": _l("Leave the action group"),
    "seeds_leave_named": _l("Leave the action group of “{title}”"),
    "seeds_be_referent": _l("I will be the referent"),
    "seeds_referent_is": _l("Referent: {name}"),
    "seeds_no_referent": _l("No referent yet"),
    "seeds_untitled": _l("Seed without a title yet"),
    "seeds_members_n": _l("{n} in the action group"),
    "seeds_members_n_one": _l("{n} in the action group"),
    "seeds_open_newcomers": _l("open to newcomers"),
    "seeds_closed_newcomers": _l("closed to newcomers"),
    "seeds_next_meeting": _l("Next meeting: {when}"),
    "seeds_show": _l("Show on the wall"),
    "seeds_edit": _l("Write the card"),
    "seeds_show_named": _l("Show “{title}” large on the wall"),
    "seeds_show_all": _l("Back to every seed"),
    "seeds_open_cards": _l("Open a seed card per group"),
    "seeds_none": _l("No seed yet: form the groups, then open the cards."),
    "seeds_referent_label": _l("Referent"),
    "seeds_open_action": _l("▶ Open the seed cards"),
    "seeds_present_first": _l("▶ Present the first seed"),
    "seeds_present_next": _l("▶ Present the next seed"),
    "seeds_all_action": _l("■ Back to every seed"),
    "seeds_no_referent_n": _l("{n} seeds without a referent"),
    "seeds_no_referent_n_one": _l("{n} seed without a referent"),
    "seeds_choose_referents": _l("Choose the referents"),
}


@command("seeds.open", FACILITATOR,
         "One seed card per group that has none yet, the need prefilled from the group (entering the phase does it too).")
def _seeds_open(ctx):
    return domain.open_seeds(ctx.db, ctx.payload)


@command("seed.edit", PARTICIPANT_OR_FACILITATOR,
         "`{seed_id, field, value, version}`: write one field of a seed (its group's members, its action group, the "
         "facilitator); `version` is the field's version the text was written on: an outdated one is refused (`conflict`).")
def _seed_edit(ctx):
    return domain.edit(ctx.db, ctx.payload, ctx.me)


@command("seed.join", PARTICIPANT_OR_FACILITATOR,
         "`{seed_id}`: join a seed's action group (anyone in the room); the facilitator adds `participant_id`.")
def _seed_join(ctx):
    return domain.join(ctx.db, ctx.payload, ctx.me)


@command("seed.leave", PARTICIPANT_OR_FACILITATOR,
         "`{seed_id}`: leave a seed's action group (a referent stops being one); the facilitator gives `participant_id`.")
def _seed_leave(ctx):
    return domain.leave(ctx.db, ctx.payload, ctx.me)


@command("seed.referent", PARTICIPANT_OR_FACILITATOR,
         "`{seed_id, participant_id}`: the facilitator picks the referent among the action group (null clears); "
         "a member volunteers themself.")
def _seed_referent(ctx):
    return domain.set_referent(ctx.db, ctx.payload, ctx.me)


@command("seeds.show", FACILITATOR, "`{seed_id}`: the wall shows that seed large (null: every seed again).")
def _seeds_show(ctx):
    return domain.show(ctx.db, ctx.payload)


def _public(db, deck):
    return {"seeds": domain.all_seeds(db), "seeds_shown": domain.shown(db)}


ACTIVITY = Activity(
    "seeds", phases=PHASES, strings=STRINGS, keys=("seeds", "seeds_shown"), public=_public, on_enter=domain.on_enter,
    start=domain.start,
    sheets=export.sheets, pdf=export.pdf, results=export.results, forget=domain.forget,
    demo=demo.play, absentees=export.absentees, spotlight=domain.spotlight)
