"""Groups: formed from another activity's results, joined from the phones, each with its secretary."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT_OR_FACILITATOR, command
from .. import Activity
from . import domain, export

PHASES = {
    "groups": (_l("Groups"),
                _l("The groups are being formed around the top issues.")),
}

STRINGS = {
    "secretary": _l("secretary"),
    "secretary_is": _l("✎ Secretary: {name}"),
    "no_secretary": _l("No secretary yet"),
    "nobody_yet": _l("Nobody yet"),
    "your_group": _l("Your group. "),
    "volunteer": _l("I volunteer as secretary"),
    "join_group": _l("Join this group"),
    "join_group_named": _l("Join the group “{name}”"),
    "move_named": _l("Group of {name}"),
    "no_group": _l("No group"),
    "secretary_label": _l("Secretary"),
    "none": _l("Nobody"),
    "reform_confirm": _l("Form the groups again? Everyone will have to join again."),
    # The console's header: the step's action and the nudge.
    "groups_form_action": _l("▶ Form the groups"),
    "ungrouped_n": _l("{n} people without a group"),
    "ungrouped_n_one": _l("{n} person without a group"),
    "groups_balance_action": _l("Put everyone in a group"),
}


@command("groups.form", FACILITATOR, "`{count}`: one group per top issue of the last closed vote (forming again starts afresh).")
def _groups_form(ctx):
    return domain.form(ctx.db, ctx.payload)


@command("groups.balance", FACILITATOR, "Put everyone in a group and even out the sizes (secretaries stay).")
def _groups_balance(ctx):
    return domain.balance(ctx.db, ctx.payload)


@command("group.join", PARTICIPANT_OR_FACILITATOR,
         "Join a group `{group_id}` (leaving your former one); the facilitator adds `participant_id` to move someone.")
def _group_join(ctx):
    return domain.join(ctx.db, ctx.payload, ctx.me)


@command("group.leave", PARTICIPANT_OR_FACILITATOR, "Leave your group; the facilitator gives `participant_id`.")
def _group_leave(ctx):
    return domain.leave(ctx.db, ctx.payload, ctx.me)


@command("group.secretary", PARTICIPANT_OR_FACILITATOR,
         "`{group_id, participant_id}`: the facilitator names (null clears) a secretary; a member volunteers themself.")
def _group_secretary(ctx):
    return domain.set_secretary(ctx.db, ctx.payload, ctx.me)


def _public(db, deck):
    return {"groups": domain.all_groups(db)}


def _personal(db, me):
    group = domain.group_of(db, me)
    return {"group_id": group.doc_id if group else None}


ACTIVITY = Activity(
    "groups", phases=PHASES, strings=STRINGS,
    keys=("groups",), public=_public, me_keys=("group_id",), personal=_personal, sheets=export.sheets, pdf=export.pdf,
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start, forget=domain.forget)
