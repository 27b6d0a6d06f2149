"""Surprises ("rapport d'étonnement"): each table posts what surprised it; the wall shows them table
by table, and under the board of the table presenting during the report-back."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "surprises": (_l("What surprised us"),
                  _l("Each table posts what surprised it; the tables present them in turn.")),
}

STRINGS = {
    "surprises_soon": _l("The surprises will open soon."),
    "surprises_closed": _l("The surprises are closed."),
    "surprises_of": _l("What surprised {table}"),
    "surprises_withdraw": _l("Take back"),
    "surprises_withdraw_named": _l("Take back “{text}”"),
    "surprises_open_action": _l("▶ Open the surprises"),
    "surprises_close_action": _l("■ Close the surprises"),
    "surprises_hide_named": _l("Hide “{text}”"),
    "surprises_restore_named": _l("Restore “{text}”"),
    "surprises_n": _l("{n} surprises"),
    "surprises_n_one": _l("{n} surprise"),
}


@command("surprises.open", FACILITATOR, "`{prompt?}`: the tables post what surprised them (the step's question by default).")
def _surprises_open(ctx):
    return domain.open_surprises(ctx.db, ctx.payload, ctx.step)


@command("surprises.close", FACILITATOR, "Close the surprises: they stay on the wall, for the report-back, and in the export.")
def _surprises_close(ctx):
    return domain.close_surprises(ctx.db, ctx.payload)


@command("surprises.post", PARTICIPANT, "`{text}`: what surprised your table (280 characters at most).")
def _surprises_post(ctx):
    return domain.post(ctx.db, ctx.payload, ctx.me)


@command("surprises.withdraw", PARTICIPANT, "`{surprise_id}`: take back one of your table's surprises while they are open.")
def _surprises_withdraw(ctx):
    return domain.withdraw(ctx.db, ctx.payload, ctx.me)


@command("surprises.hide", FACILITATOR, "`{surprise_id}`: the surprise leaves the wall and the phones (the export marks it).")
def _surprises_hide(ctx):
    return domain.set_hidden(ctx.db, ctx.payload, True)


@command("surprises.restore", FACILITATOR, "`{surprise_id}`: a hidden surprise comes back.")
def _surprises_restore(ctx):
    return domain.set_hidden(ctx.db, ctx.payload, False)


ACTIVITY = Activity(
    "surprises", phases=PHASES, strings=STRINGS,
    keys=("surprises",), public=lambda db, deck: {"surprises": domain.public(db)},
    console_keys=("surprises",), console=lambda db: {"surprises": domain.console(db)},
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start,
    sheets=export.sheets, pdf=export.pdf, results=export.results, forget=domain.forget,
    demo=demo.play, absentees=export.absentees, spotlight=domain.spotlight)
