"""Situation review ("état des lieux"): short notes in named buckets, +1s from the room, an optional
inbox, duplicates merged by the facilitator; the wall shows the buckets side by side."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "review": (_l("Situation review"),
               _l("Brakes, levers, means, needs, expectations: post your notes from your phone, +1 those of others.")),
}

STRINGS = {
    "review_soon": _l("The situation review will open soon."),
    "review_closed": _l("The situation review is closed."),
    "review_choose": _l("Choose a bucket"),
    "review_your_note": _l("Your note in “{bucket}”"),
    "review_post": _l("Post my note"),
    "review_other_bucket": _l("Another bucket"),
    "review_room": _l("The room's notes"),
    "review_mine": _l("My notes"),
    "review_pending": _l("awaiting approval"),
    "review_rejected": _l("not kept by the facilitator"),
    "review_hidden": _l("hidden by the facilitator"),
    "review_merged": _l("merged with a similar note"),
    "review_plus_named": _l("+1 to “{text}”"),
    "review_unplus_named": _l("Take back my +1 to “{text}”"),
    "review_edit_named": _l("Edit “{text}”"),
    "review_withdraw_named": _l("Withdraw “{text}”"),
    "review_save": _l("Save"),
    "review_edit": _l("Edit"),
    "review_move_to": _l("Move to…"),
    "review_fix": _l("Correct"),
    "review_by": _l("by {name}"),
    "review_withdraw": _l("Withdraw"),
    "review_empty": _l("No note yet: post yours from your phone!"),
    "review_notes_n": _l("{n} notes"),
    "review_notes_one": _l("{n} note"),
    "review_open": _l("Open a situation review"),
    "review_open_again": _l("Open a new situation review"),
    "review_close": _l("Close the situation review"),
    "review_inbox": _l("Inbox"),
    "review_inbox_empty": _l("No note waiting."),
    "review_accept_named": _l("Accept “{text}”"),
    "review_reject_named": _l("Reject “{text}”"),
    "review_accept": _l("Accept"),
    "review_reject": _l("Reject"),
    "review_select_named": _l("Select “{text}” to merge"),
    "review_merge_selected": _l("Merge the two selected notes (the first one selected is kept)"),
    "review_move_named": _l("Move “{text}” to another bucket"),
    "review_fix_named": _l("Correct “{text}”"),
    "review_merged_from": _l("merged from: {texts}"),
    "review_status_rejected": _l("rejected"),
    "review_earlier": _l("Earlier reviews: {prompts}"),
    "review_open_action": _l("▶ Open the situation review"),
    "review_close_action": _l("■ Close the situation review"),
    "review_pending_n": _l("{n} notes awaiting approval"),
    "review_pending_n_one": _l("{n} note awaiting approval"),
    "review_see_inbox": _l("See the inbox"),
}


@command("review.open", FACILITATOR,
         "`{prompt?, buckets?, moderation?}`: a new situation review (the programme step's options by default); "
         "an open one closes first and stays in the export.")
def _review_open(ctx):
    return domain.open_review(ctx.db, ctx.payload, ctx.step, ctx.step_index, ctx.now)


@command("review.close", FACILITATOR, "Close the situation review: no more notes nor +1s; it stays on the wall.")
def _review_close(ctx):
    return domain.close_review(ctx.db, ctx.payload, ctx.now)


@command("review.post", PARTICIPANT, "`{bucket, text}`: a note (200 characters at most) in one of the review's buckets.")
def _review_post(ctx):
    return domain.post(ctx.db, ctx.payload, ctx.me)


@command("review.edit", PARTICIPANT, "`{note_id, text}`: rewrite your own note while the review is open.")
def _review_edit(ctx):
    return domain.edit_own(ctx.db, ctx.payload, ctx.me)


@command("review.withdraw", PARTICIPANT, "`{note_id}`: take back your own note while the review is open.")
def _review_withdraw(ctx):
    return domain.withdraw(ctx.db, ctx.payload, ctx.me)


@command("review.plus", PARTICIPANT, "`{note_id, on?}`: a +1 on another's note (`on: false` takes it back).")
def _review_plus(ctx):
    return domain.plus(ctx.db, ctx.payload, ctx.me)


@command("review.accept", FACILITATOR, "`{note_id}`: a note of the inbox goes public.")
def _review_accept(ctx):
    return domain.moderate(ctx.db, ctx.payload, True)


@command("review.reject", FACILITATOR, "`{note_id}`: a note is turned down: never shown, kept in the export as rejected.")
def _review_reject(ctx):
    return domain.moderate(ctx.db, ctx.payload, False)


@command("review.hide", FACILITATOR, "`{note_id}`: a public note leaves the wall and the phones (the export marks it).")
def _review_hide(ctx):
    return domain.set_hidden(ctx.db, ctx.payload, True)


@command("review.restore", FACILITATOR, "`{note_id}`: a hidden note comes back.")
def _review_restore(ctx):
    return domain.set_hidden(ctx.db, ctx.payload, False)


@command("review.move", FACILITATOR, "`{note_id, bucket}`: the note goes to another bucket.")
def _review_move(ctx):
    return domain.move(ctx.db, ctx.payload)


@command("review.fix", FACILITATOR, "`{note_id, text}`: correct a note's text.")
def _review_fix(ctx):
    return domain.fix(ctx.db, ctx.payload)


@command("review.merge", FACILITATOR,
         "`{note_id, into}`: a duplicate joins `into`, which keeps the voters of both (each once) and its texts.")
def _review_merge(ctx):
    return domain.merge(ctx.db, ctx.payload)


def _public(db, deck):
    return {"review": domain.public(db), "reviews": domain.earlier(db)}


def _personal(db, me):
    return {"review": domain.mine(db, me)}


def _console(db):
    return {"review": domain.console(db)}


ACTIVITY = Activity(
    "review", phases=PHASES, strings=STRINGS,
    keys=("review", "reviews"), public=_public, me_keys=("review",), personal=_personal,
    console_keys=("review",), console=_console,
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start,
    sheets=export.sheets, pdf=export.pdf, results=export.results, forget=domain.forget,
    demo=demo.play, absentees=export.absentees, spotlight=domain.spotlight)
