"""Statements, consensus and dissensus (Pol.is's way): the room writes short statements, each
phone answers agree / disagree / pass, the wall shows what the room agrees on and what splits it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "statements": (_l("Statements"),
                   _l("Agree, disagree or pass, one statement at a time, and write your own: "
                      "the wall shows what the room agrees on and what splits it.")),
}

STRINGS = {
    "statements_agree": _l("Agree"),
    "statements_disagree": _l("Disagree"),
    "statements_pass": _l("Pass / unsure"),
    "statements_waiting": _l("Waiting for the facilitator"),
    "statements_rejected": _l("Not kept"),
    "statements_fared": _l("{agree} agree · {disagree} disagree · {pass} pass"),
    "statements_consensus_agree": _l("Consensus: the room agrees"),
    "statements_consensus_disagree": _l("Consensus: the room disagrees"),
    "statements_divisive": _l("Divisive: the room splits"),
    "statements_count": _l("{n} statements · {voters} people answered"),
    "statements_count_one": _l("{n} statement · {voters} people answered"),
    "statements_total": _l("{n} statements"),
    "statements_total_one": _l("{n} statement"),
    "statements_voters": _l("{n} people answered"),
    "statements_voters_one": _l("{n} person answered"),
    "statements_no_result": _l("No consensus nor split yet: keep answering."),
    "statements_sent": _l("Thank you: your statement goes live once the facilitator has read it."),
    "statements_answer_named": _l("{answer}: “{text}”"),
    "statements_show_action": _l("▶ Show the results"),
    "statements_hide": _l("Hide the results"),
    "statements_pending": _l("{n} statements to moderate"),
    "statements_pending_one": _l("{n} statement to moderate"),
    "statements_see_inbox": _l("See them"),
    "statements_accept": _l("Accept"),
    "statements_reject": _l("Reject"),
    "statements_accept_named": _l("Accept “{text}”"),
    "statements_reject_named": _l("Reject “{text}”"),
}


@command("statements.prompt", FACILITATOR, "`{prompt}`: the question the statements answer (\"\" for none).")
def _statements_prompt(ctx):
    return domain.set_prompt(ctx.db, ctx.payload)


@command("statements.propose", PARTICIPANT,
         "`{text}`: your statement (8 to 140 characters), waiting for the facilitator; 3 waiting and 10 in all at "
         "most, 15 s apart.")
def _statements_propose(ctx):
    return domain.propose(ctx.db, ctx.payload, ctx.me, ctx.now)


@command("statements.seed", FACILITATOR, "`{text}`: a statement of the facilitator's, live at once.")
def _statements_seed(ctx):
    return domain.seed(ctx.db, ctx.payload, ctx.now)


@command("statements.accept", FACILITATOR, "`{id}`: a waiting statement goes live.")
def _statements_accept(ctx):
    return domain.moderate(ctx.db, ctx.payload, accept=True)


@command("statements.reject", FACILITATOR, "`{id}`: a waiting statement is not kept (its author sees so).")
def _statements_reject(ctx):
    return domain.moderate(ctx.db, ctx.payload, accept=False)


@command("statements.answer", PARTICIPANT,
         "`{id, vote}` (1 agree, -1 disagree, 0 pass): your answer to a live statement, or a changed one; the answer "
         "holds your next statement (`next`).")
def _statements_answer(ctx):
    return domain.answer(ctx.db, ctx.payload, ctx.me)


@command("statements.show", FACILITATOR, "`{shown}`: the wall shows the consensus and divisive statements (or the count).")
def _statements_show(ctx):
    return domain.show(ctx.db, ctx.payload)


def _public(db, deck):
    return {"statements": domain.public(db)}


def _console(db):
    return {"statements": domain.console(db)}


ACTIVITY = Activity(
    "statements", phases=PHASES, strings=STRINGS,
    keys=("statements",), public=_public, console_keys=("statements",), console=_console,
    me_keys=("statement", "statement_answers", "statements_mine"), personal=domain.personal,
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start,
    sheets=export.sheets, pdf=export.pdf, results=export.results, absentees=export.absentees,
    forget=domain.forget, demo=demo.play, spotlight=domain.spotlight)
