"""Moving debate ("débat mouvant"): the facilitator reads a statement, each phone stands on a side
(agree, doubt, disagree) and may move at any time; the wall shows the room's line live, the console
notes the arguments heard on each side."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ... import instances
from ...protocol import FACILITATOR, PARTICIPANT, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "debate": (_l("Moving debate"),
               _l("Agree, in doubt or disagree? Take your side on your phone; move whenever an argument convinces you.")),
}

STRINGS = {
    "debate_agree": _l("Agree"),
    "debate_doubt": _l("In doubt"),
    "debate_disagree": _l("Disagree"),
    "debate_soon": _l("The statement will be read soon."),
    "debate_closed": _l("This statement is closed: wait for the next one."),
    "debate_your_side": _l("You stand on “{side}”: move whenever an argument convinces you."),
    "debate_at_start": _l("at the start: {n}"),
    "debate_moved": _l("{n} people moved ({moves} moves)"),
    "debate_moved_one": _l("{n} person moved ({moves} moves)"),
    "debate_people": _l("{n} people on the line"),
    "debate_people_one": _l("{n} person on the line"),
    "debate_remove_argument_named": _l("Remove the argument “{text}”"),
    "debate_open_action": _l("▶ Read the next statement"),
    "debate_close_action": _l("■ Close the statement"),
    "debate_not_placed": _l("{n} people have not taken a side"),
    "debate_not_placed_one": _l("{n} person has not taken a side"),
    "debate_earlier": _l("Earlier statements: {texts}"),
}


@command("debate.open", FACILITATOR,
         "`{statement?}`: read a statement (the programme step's next one when left out); an open statement "
         "closes first and stays in the export.")
def _debate_open(ctx):
    return domain.open_statement(ctx.db, ctx.payload, ctx.step, ctx.step_index, ctx.now)


@command("debate.take", PARTICIPANT, "`{side}` (`agree`, `doubt` or `disagree`): stand on a side of the current "
                                     "statement, or move to another one.")
def _debate_take(ctx):
    return domain.take(ctx.db, ctx.payload, ctx.me, ctx.now)


@command("debate.argument", FACILITATOR, "`{side, text}`: note an argument heard on a side, in a few words "
                                         "(140 characters at most).")
def _debate_argument(ctx):
    return domain.argue(ctx.db, ctx.payload, ctx.now)


@command("debate.unargue", FACILITATOR, "`{argument_id}`: remove a noted argument.")
def _debate_unargue(ctx):
    return domain.unargue(ctx.db, ctx.payload)


@command("debate.close", FACILITATOR, "Close the statement: the line stops; it stays on the wall and in the export.")
def _debate_close(ctx):
    return domain.close_statement(ctx.db, ctx.payload, ctx.now)


def _public(db, deck):
    return {"debate": domain.view(db, instances.current(db, domain.STATEMENTS)), "debates": domain.earlier(db)}


ACTIVITY = Activity(
    "debate", phases=PHASES, strings=STRINGS,
    keys=("debate", "debates"), public=_public, me_keys=("side",),
    personal=lambda db, me: {"side": domain.side_of(db, me)},
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start,
    sheets=export.sheets, pdf=export.pdf, results=export.results, absentees=export.absentees,
    forget=domain.forget, demo=demo.play, spotlight=domain.spotlight)
