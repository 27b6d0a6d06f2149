"""Report-back: each group presents its board, then the room reacts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ... import phases
from ...protocol import FACILITATOR, PARTICIPANT, command
from .. import Activity
from . import domain, export
from .. import Countdown

PHASES = {
    "report": (_l("Report-back"),
                _l("Each group presents its work: listen and react.")),
}

STRINGS = {
    "report_present": _l("{name} presents"),
    "report_react": _l("Reactions to {name}"),
    "report_group_n_of": _l("Group {n} of {total}"),
    "report_ready": _l("Each group presents its board, then the room reacts."),
    "report_no_groups": _l("Form the groups first."),
    "report_next_react": _l("Go to the reactions"),
    "report_next_group": _l("Next group: {name}"),
    "report_finish": _l("End the report-back"),
    "report_start_action": _l("▶ Start the report-back"),
    "reaction_kind_order": list(domain.KINDS),
    "reaction_kinds": {kind: _l(label) for kind, label in domain.KIND_LABELS.items()},
    "no_reaction_yet": _l("No reaction yet."),
    "hide_reaction_named": _l("Hide the reaction “{text}”"),
    "react_own_group": _l("Your group is presenting: the room is reacting."),
    "reaction_sent": _l("Sent to {name}: thank you!"),
}


@command("report.start", FACILITATOR, "`{group_id?}`: the report-back begins with the first group (or that one).")
def _report_start(ctx):
    return domain.start(ctx.db, ctx.payload, ctx.step, ctx.now, phases.enter)


@command("report.next", FACILITATOR, "The group's reactions, then the next group, then the end of the report-back.")
def _report_next(ctx):
    return domain.next_part(ctx.db, ctx.payload, ctx.now)


@command("report.stop", FACILITATOR, "End the report-back now.")
def _report_stop(ctx):
    return domain.stop(ctx.db, ctx.payload, ctx.now)


@command("reaction.post", PARTICIPANT,
         "`{group_id, kind: positive|improve, text}`: a quick reaction to another group's report-back.")
def _reaction_post(ctx):
    return domain.post(ctx.db, ctx.payload, ctx.actor.participant_id, ctx.now)


@command("reaction.hide", FACILITATOR, "`{reaction_id}`: the reaction leaves the wall.")
def _reaction_hide(ctx):
    return domain.hide(ctx.db, ctx.payload)


def _public(db, deck):
    return {"report": domain.public(db), "reactions": domain.shown_reactions(db)}


def _console(db):
    return {"reactions": domain.all_reactions(db)}


ACTIVITY = Activity(
    "report", phases=PHASES, strings=STRINGS,
    keys=("report", "reactions"), public=_public, console_keys=("reactions",), console=_console,
    step_options=domain.step_options, step_keys=domain.STEP_KEYS, on_leave=domain.end,
    start=lambda db, step, index, now: domain.begin(db, step, index, now, phases.enter),
    countdown=Countdown(running=domain.running, change=domain.change_countdown), sheets=export.sheets, pdf=export.pdf,
    forget=domain.forget)
