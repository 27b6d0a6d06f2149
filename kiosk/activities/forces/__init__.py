"""Blockers and triggers: a force-field board, each item with its strength and how far the room can
act on it; the wall draws the two sides facing each other, and the most actionable items become the
levers groups (`groups.form {from: "forces"}`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...errors import N_, KioskError
from ...protocol import FACILITATOR, PARTICIPANT_OR_FACILITATOR, command
from .. import Activity
from ..groups import domain as groups
from . import demo, domain, export

PHASES = {
    "forces": (_l("Blockers and triggers"),
               _l("What holds change back, what sets it going: post each with its strength and whether we can act on it.")),
}

STRINGS = {
    "forces_soon": _l("The board of blockers and triggers will open soon."),
    "forces_closed": _l("The board of blockers and triggers is closed."),
    "forces_kinds": {kind: _l(label) for kind, label in domain.KIND_LABELS.items()},
    "forces_sides": {domain.BLOCKER: _l("Blocking forces"), domain.TRIGGER: _l("Triggering forces")},
    "forces_post": _l("Post it"),
    "forces_save": _l("Save"),
    "forces_edit_named": _l("Change “{text}”"),
    "forces_edit": _l("Change"),
    "forces_figures": _l("strength {strength}/5 · can act {actionable}/5"),
    "forces_strength_short": _l("Strength {n}/5"),
    "forces_actionable_short": _l("Can act {n}/5"),
    "forces_open_action": _l("▶ Open the board of blockers and triggers"),
    "forces_close_action": _l("■ Close the board of blockers and triggers"),
    "forces_hide_named": _l("Hide “{text}”"),
    "forces_restore_named": _l("Restore “{text}”"),
    "forces_by": _l("by {name}"),
    "forces_items_n": _l("{n} items"),
    "forces_items_n_one": _l("{n} item"),
}


@command("forces.open", FACILITATOR,
         "`{prompt?}`: the board of blockers and triggers takes items (the programme step's question by default).")
def _forces_open(ctx):
    return domain.open_board(ctx.db, ctx.payload, ctx.step)


@command("forces.close", FACILITATOR, "Close the board of blockers and triggers: it stays on the wall and in the export.")
def _forces_close(ctx):
    return domain.close_board(ctx.db, ctx.payload)


@command("forces.add", PARTICIPANT_OR_FACILITATOR,
         "`{kind: blocker|trigger, text, strength: 1-5, actionable: 1-5}`: an item on the open board (140 characters at most).")
def _forces_add(ctx):
    return domain.add(ctx.db, ctx.payload, ctx.me)


@command("forces.change", PARTICIPANT_OR_FACILITATOR,
         "`{item_id, kind?, text?, strength?, actionable?}`: the author changes their item while the board is open; "
         "the facilitator any item.")
def _forces_change(ctx):
    return domain.change(ctx.db, ctx.payload, ctx.me)


@command("forces.hide", FACILITATOR, "`{item_id}`: the item leaves the wall and the phones (the export marks it).")
def _forces_hide(ctx):
    return domain.set_hidden(ctx.db, ctx.payload, True)


@command("forces.restore", FACILITATOR, "`{item_id}`: a hidden item comes back.")
def _forces_restore(ctx):
    return domain.set_hidden(ctx.db, ctx.payload, False)


@groups.source("forces")
def _levers(db):
    """`groups.form {count, from: "forces"}`: one levers group per item the room can act on most."""
    found = domain.levers(db)
    if not found:
        raise KioskError("no_forces", N_("Post blockers and triggers first: the levers groups are formed from them."))
    return [{"source": "forces", "source_id": item["id"], "name": item["text"]} for item in found]


ACTIVITY = Activity(
    "forces", phases=PHASES, strings=STRINGS,
    keys=("forces",), public=lambda db, deck: {"forces": domain.public(db)},
    me_keys=("forces",), personal=lambda db, me: {"forces": domain.mine(db, me)},
    console_keys=("forces",), console=lambda db: {"forces": domain.console(db)},
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start,
    sheets=export.sheets, pdf=export.pdf, results=export.results, forget=domain.forget,
    demo=demo.play, absentees=export.absentees, spotlight=domain.spotlight)
