"""Examples per table and their typology: each table writes in its own pad (a remote room too),
the facilitator sorts the examples into categories live; the wall shows the pads side by side,
then the typology as it forms. Built on the groups (the tables) rather than on the situation
review's notes: an example is a record of five fields written by a whole table, not one person's
short note with +1s."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT_OR_FACILITATOR, command
from .. import Activity
from ..groups import domain as groups
from . import demo, domain, export

PHASES = {
    "examples": (_l("Examples per table"),
                 _l("Each table writes, in its own pad, the contributive practices it knows.")),
    "typology": (_l("Typology"),
                 _l("The examples sorted into types, as the room names them.")),
}

STRINGS = {
    "examples_soon": _l("The pads will open soon."),
    "examples_closed": _l("The pads are closed."),
    "examples_pad_of": _l("The pad of {table}"),
    "examples_fields": {"title": _l("Title"), **{field: _l(label) for field, label in domain.FIELD_LABELS.items()}},
    "examples_save": _l("Save"),
    "examples_remove_named": _l("Remove “{title}” from the pad"),
    "examples_remove": _l("Remove"),
    "examples_theirs": _l("Saved meanwhile by your table: {text}"),
    "examples_remote_tag": _l("remote"),
    "examples_empty": _l("No example yet: each table writes in its pad from its phones."),
    "examples_n": _l("{n} examples"),
    "examples_n_one": _l("{n} example"),
    "examples_unsorted": _l("Not sorted yet"),
    "examples_no_category": _l("No category yet: the facilitator names them from the console."),
    "examples_open_action": _l("▶ Open the pads"),
    "examples_close_action": _l("■ Close the pads"),
    "examples_rename_named": _l("Rename the category “{label}”"),
    "examples_rename": _l("Rename"),
    "examples_sort_to": _l("Category of “{title}”"),
    "examples_sorted_into": _l("“{title}” sorted into {category}"),
    "examples_unsorted_named": _l("“{title}” taken out of its category"),
    "examples_unsorted_n": _l("{n} examples not sorted"),
    "examples_unsorted_n_one": _l("{n} example not sorted"),
    "examples_see_typology": _l("See the typology"),
}


@command("examples.open", FACILITATOR, "`{prompt?}`: the tables' pads take examples (the programme step's question by default).")
def _examples_open(ctx):
    return domain.open_pads(ctx.db, ctx.payload, ctx.step)


@command("examples.close", FACILITATOR, "Close the pads: no more examples nor changes; the typology goes on.")
def _examples_close(ctx):
    return domain.close_pads(ctx.db, ctx.payload)


@command("examples.add", PARTICIPANT_OR_FACILITATOR,
         "`{title, what?, where?, who?, link?}`: an example in the pad of your table; the facilitator adds `group_id`.")
def _examples_add(ctx):
    return domain.add(ctx.db, ctx.payload, ctx.me)


@command("examples.edit", PARTICIPANT_OR_FACILITATOR,
         "`{example_id, field, text, base}`: one field of an example of your table's pad; `base` is the text you "
         "started from (refused when another saved the field meanwhile).")
def _examples_edit(ctx):
    return domain.edit(ctx.db, ctx.payload, ctx.me)


@command("examples.remove", PARTICIPANT_OR_FACILITATOR, "`{example_id}`: take an example out of your table's pad.")
def _examples_remove(ctx):
    return domain.remove(ctx.db, ctx.payload, ctx.me)


@command("examples.remote", PARTICIPANT_OR_FACILITATOR,
         "`{on, group_id?}`: your table is another room joining through the box's network (or no longer); "
         "the facilitator names the group.")
def _examples_remote(ctx):
    return domain.set_remote(ctx.db, ctx.payload, ctx.me)


@command("examples.category", FACILITATOR, "`{label}`: a new category of the typology (60 characters at most).")
def _examples_category(ctx):
    return domain.add_category(ctx.db, ctx.payload)


@command("examples.rename", FACILITATOR, "`{category_id, label}`: rename a category of the typology.")
def _examples_rename(ctx):
    return domain.rename_category(ctx.db, ctx.payload)


@command("examples.sort", FACILITATOR, "`{example_id, category_id}`: the example goes into that category (null: out of any).")
def _examples_sort(ctx):
    return domain.sort(ctx.db, ctx.payload)


groups.source("tables")(domain.tables)
groups.source("typology")(domain.typology)


ACTIVITY = Activity(
    "examples", phases=PHASES, strings=STRINGS,
    keys=("examples",), public=lambda db, deck: {"examples": domain.public(db)},
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start,
    sheets=export.sheets, pdf=export.pdf, results=export.results, forget=domain.forget,
    demo=demo.play, absentees=export.absentees, spotlight=domain.spotlight)
