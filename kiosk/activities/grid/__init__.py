"""The analysis grid (DOMINO): the thematic axes the vote validated, and each axis's grid filled by its group."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT_OR_FACILITATOR, command
from .. import Activity
from ..groups import domain as groups
from . import demo, domain, export

PHASES = {
    "axes": (_l("Thematic axes"),
             _l("The axes the room voted for: each will have its group and its part of the analysis grid.")),
    "grid": (_l("Analysis grid"),
             _l("Each group fills its axis's grid: practices, examples, stakes, leads, limits, brakes.")),
}

STRINGS = {
    "grid_columns": {key: _l(label) for key, label in domain.COLUMNS.items()},
    "grid_flags": {key: _l(label) for key, label in domain.FLAGS.items()},
    "grid_flags_many": {"pepite": _l("Nuggets"), "opportunite": _l("Opportunities"), "vigilance": _l("Vigilance")},
    "grid_markers": dict(domain.MARKERS),
    "grid_your_axis": _l("Your axis: {title}"),
    "grid_no_practice": _l("No practice yet: add the first one."),
    "grid_column": _l("Column"),
    "grid_entry": _l("Your entry"),
    "grid_flag": _l("Flag"),
    "grid_no_flag": _l("No flag"),
    "grid_add_entry": _l("Add to “{practice}”"),
    "grid_flag_named": _l("Flag of “{text}”"),
    "grid_edit_named": _l("Edit “{text}”"),
    "grid_remove_named": _l("Remove “{text}”"),
    "grid_save": _l("Save"),
    "grid_cancel": _l("Cancel"),
    "grid_edit": _l("Edit"),
    "grid_remove": _l("Remove"),
    "grid_up_named": _l("Move “{practice}” up"),
    "grid_down_named": _l("Move “{practice}” down"),
    "grid_remove_practice_named": _l("Remove the practice “{practice}” and its entries"),
    "grid_remove_practice_confirm": _l("Remove “{practice}” and all its entries?"),
    "grid_by": _l("by {name}"),
    "grid_no_resource": _l("Nothing on the list yet."),
    "grid_practices_n": _l("{n} practices"),
    "grid_practices_n_one": _l("{n} practice"),
    "grid_entries_n": _l("{n} entries"),
    "grid_entries_n_one": _l("{n} entry"),
    "grid_show_matrix": _l("Every axis"),
    "grid_show_axis_named": _l("Show the grid of “{title}” on the wall"),
    "grid_show_flags": _l("The flagged entries"),
    "grid_drop_named": _l("Drop the axis “{title}”"),
    "grid_drop": _l("Drop"),
    "grid_revalidate_confirm": _l("Validate the axes again from the vote? The groups must then be formed again."),
    "grid_validate_action": _l("✓ Validate the axes"),
    "grid_show_next_action": _l("▶ Show the grid of “{title}”"),
    "grid_show_flags_action": _l("★ Show the flagged entries"),
    "grid_empty_axes_n": _l("{n} axes without any practice yet"),
    "grid_empty_axes_n_one": _l("{n} axis without any practice yet"),
    "grid_see": _l("See the grids"),
}


@command("grid.validate", FACILITATOR,
         "`{count?}`: the top `count` items of the last closed vote (6 at most, and by default) become the axes; "
         "again only while no grid is started.")
def _grid_validate(ctx):
    return domain.validate(ctx.db, ctx.payload)


@command("grid.drop", FACILITATOR, "`{axis_id}`: take an axis off before its group writes anything.")
def _grid_drop(ctx):
    return domain.drop(ctx.db, ctx.payload)


@command("grid.row", PARTICIPANT_OR_FACILITATOR,
         "`{axis_id, practice}`: a practice (a row, 80 characters at most) at the end of the axis's grid; members of "
         "the axis's group only.")
def _grid_row(ctx):
    return domain.add_row(ctx.db, ctx.payload, ctx.me)


@command("grid.rename", PARTICIPANT_OR_FACILITATOR,
         "`{row_id, practice}`: correct a practice's name (its author, the secretary or the facilitator).")
def _grid_rename(ctx):
    return domain.rename_row(ctx.db, ctx.payload, ctx.me)


@command("grid.order", PARTICIPANT_OR_FACILITATOR,
         "`{axis_id, row_ids}`: the secretary (or the facilitator) orders the axis's practices.")
def _grid_order(ctx):
    return domain.order_rows(ctx.db, ctx.payload, ctx.me)


@command("grid.row_remove", PARTICIPANT_OR_FACILITATOR,
         "`{row_id}`: the secretary (or the facilitator) takes a practice off the grid, with its entries.")
def _grid_row_remove(ctx):
    return domain.remove_row(ctx.db, ctx.payload, ctx.me)


@command("grid.add", PARTICIPANT_OR_FACILITATOR,
         "`{row_id, column, text, flag?}`: an entry (200 characters at most) in a cell; `column` is examples, stakes, "
         "innovation, regulatory or cultural; `flag` pepite, opportunite or vigilance.")
def _grid_add(ctx):
    return domain.add_entry(ctx.db, ctx.payload, ctx.me)


@command("grid.edit", PARTICIPANT_OR_FACILITATOR,
         "`{entry_id, text, base?}`: rewrite your own entry; `base` (the text you started from) refuses with "
         "`conflict` when it was saved meanwhile.")
def _grid_edit(ctx):
    return domain.edit_entry(ctx.db, ctx.payload, ctx.me)


@command("grid.flag", PARTICIPANT_OR_FACILITATOR,
         "`{entry_id, flag}`: a member marks any entry of the axis pepite, opportunite or vigilance (null clears).")
def _grid_flag(ctx):
    return domain.flag_entry(ctx.db, ctx.payload, ctx.me)


@command("grid.remove", PARTICIPANT_OR_FACILITATOR, "`{entry_id}`: its author, the secretary or the facilitator removes an entry.")
def _grid_remove(ctx):
    return domain.remove_entry(ctx.db, ctx.payload, ctx.me)


@command("grid.resource", PARTICIPANT_OR_FACILITATOR,
         "`{axis_id, text}`: a resource to collect before the next workshop, on the axis's list.")
def _grid_resource(ctx):
    return domain.add_resource(ctx.db, ctx.payload, ctx.me)


@command("grid.resource_remove", PARTICIPANT_OR_FACILITATOR,
         "`{resource_id}`: its author, the secretary or the facilitator takes a resource off the list.")
def _grid_resource_remove(ctx):
    return domain.remove_resource(ctx.db, ctx.payload, ctx.me)


@command("grid.show", FACILITATOR,
         "`{view, axis_id?}`: the wall shows the axes' matrix (`matrix`), one axis's grid (`axis`) or the flagged "
         "entries of every axis (`flags`).")
def _grid_show(ctx):
    return domain.show(ctx.db, ctx.payload)


groups.source("grid")(domain.candidates)


def _public(db, deck):
    return {"grid": domain.public(db), "grid_wall": domain.shown(db)}


ACTIVITY = Activity(
    "grid", phases=PHASES, strings=STRINGS, keys=("grid", "grid_wall"), public=_public,
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start,
    sheets=export.sheets, pdf=export.pdf, files=export.files, forget=domain.forget, demo=demo.play, spotlight=domain.spotlight)
