"""Group boards: each group places the deck's cards that serve its issue, with notes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT_OR_FACILITATOR, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "board": (_l("Group board"),
               _l("Your group places the cards that are opportunities for its issue.")),
}

STRINGS = {
    "note_labels": {name: _l(label) for name, label in domain.NOTE_LABELS.items()},
    "choose_card": _l("Choose a card…"),
    "choose_card_first": _l("Choose a card first."),
    "move_up_named": _l("Move “{title}” up"),
    "move_down_named": _l("Move “{title}” down"),
    "remove_card": _l("Remove"),
    "remove_card_named": _l("Remove “{title}” from the board"),
    "remove_card_confirm": _l("Remove “{title}” and its notes from the board?"),
    "save_notes_named": _l("Save the notes of “{title}”"),
    "no_card_yet": _l("No card yet"),
    "put_together": _l("Put both texts together"),
    "more_cards": _l("+ {n} more"),
    "show_on_wall": _l("Show on the wall"),
    "on_the_wall": _l("On the wall: stop"),
    "show_board_named": _l("Show the board of “{name}” on the wall"),
}


@command("board.place", PARTICIPANT_OR_FACILITATOR, "Put a card on a group's board, last: `{group_id, card_id}`.")
def _board_place(ctx):
    return domain.place(ctx.db, ctx.deck, ctx.payload, ctx.me)


@command("board.remove", PARTICIPANT_OR_FACILITATOR, "Take a card off a group's board: `{group_id, card_id}`.")
def _board_remove(ctx):
    return domain.remove(ctx.db, ctx.deck, ctx.payload, ctx.me)


@command("board.move", PARTICIPANT_OR_FACILITATOR,
         "Give a placed card its priority: `{group_id, card_id, position}` (0 is the top).")
def _board_move(ctx):
    return domain.move(ctx.db, ctx.deck, ctx.payload, ctx.me)


@command("board.note", PARTICIPANT_OR_FACILITATOR,
         "Write a placed card's note: `{group_id, card_id, field: steps|partners|success|blockers, text, base?}`; "
         "`base` (the text the writer started from) refuses with `conflict` when someone saved the note since.")
def _board_note(ctx):
    return domain.note(ctx.db, ctx.deck, ctx.payload, ctx.me)


@command("wall.show_board", FACILITATOR, "`{group_id}`: the wall shows that group's board large (null stops).")
def _wall_show_board(ctx):
    return domain.show_on_wall(ctx.db, ctx.payload)


def _public(db, deck):
    return {"boards": domain.all_boards(db), "wall_board": domain.shown_on_wall(db)}


ACTIVITY = Activity("board", phases=PHASES, strings=STRINGS, keys=("boards", "wall_board"), public=_public,
    sheets=export.sheets, pdf=export.pdf, demo=demo.play, spotlight=domain.spotlight)
