"""Issues of the territory: participants propose, the facilitator curates."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, PARTICIPANT_OR_FACILITATOR, command
from .. import Activity
from . import demo, domain, export
from ..groups import domain as groups
from ...errors import N_, KioskError

PHASES = {
    "issues": (_l("Issues: proposals"),
                _l("Think about the issues of your territory that you want to work on.")),
}

STRINGS = {
    "hidden": _l("hidden"),
    "merged_into": _l("merged into “{text}”"),
    "edit": _l("Edit"),
    "edit_named": _l("Edit “{text}”"),
    "edit_prompt": _l("New wording of the issue:"),
    "hide": _l("Hide"),
    "hide_named": _l("Hide “{text}”"),
    "restore": _l("Restore"),
    "restore_named": _l("Restore “{text}”"),
    "merge_into": _l("Merge into…"),
    "merge_named": _l("Merge “{text}” into another issue"),
    "proposals_open": _l("Proposals are open."),
    "proposals_closed": _l("Proposals are closed."),
    "proposals_vote": _l("Proposals are closed while the vote is open."),
    "open_proposals": _l("Open proposals"),
    "close_proposals": _l("Close proposals"),
    "looks_like": _l("Yours looks like “{text}”. If it is the same, withdraw yours; if not, reword it to tell them apart."),
    "withdraw": _l("Withdraw"),
    "withdraw_named": _l("Withdraw “{text}”"),
    "withdraw_confirm": _l("Withdraw your issue “{text}”?"),
    "reword": _l("Reword"),
    "cancel": _l("Cancel"),
    "reword_named": _l("Reword “{text}”"),
    "reword_prompt": _l("New wording of your issue:"),
}


@command("issue.propose", PARTICIPANT_OR_FACILITATOR,
         "Propose an issue `{text}` (at most 140 characters); the facilitator's is added even when proposals are closed. "
         "The answer lists the shown issues it looks like (`similar`: at least half the words of the shorter in common; the 5 closest at most, most words in common first).")
def _issue_propose(ctx):
    return domain.propose(ctx.db, ctx.payload, ctx.me)


@command("issue.edit", FACILITATOR, "Reword an issue: `{issue_id, text}`.")
def _issue_edit(ctx):
    return domain.edit(ctx.db, ctx.payload)


@command("issue.reword", PARTICIPANT,
         "Reword your own issue while proposals are open: `{issue_id, text}`; the answer lists `similar` issues.")
def _issue_reword(ctx):
    return domain.reword(ctx.db, ctx.payload, ctx.me)


@command("issue.withdraw", PARTICIPANT, "Withdraw your own issue while proposals are open: `{issue_id}` (it is hidden).")
def _issue_withdraw(ctx):
    return domain.withdraw(ctx.db, ctx.payload, ctx.me)


@command("issue.hide", FACILITATOR, "Hide an issue `{issue_id}`; during a vote it leaves the vote and its dots go back.")
def _issue_hide(ctx):
    return domain.set_hidden(ctx.db, ctx.payload, True)


@command("issue.restore", FACILITATOR, "Show a hidden issue again: `{issue_id}`.")
def _issue_restore(ctx):
    return domain.set_hidden(ctx.db, ctx.payload, False)


@command("issue.merge", FACILITATOR, "Merge a duplicate `{issue_id}` into another issue `{into}`.")
def _issue_merge(ctx):
    return domain.merge(ctx.db, ctx.payload)


@command("issues.proposals", FACILITATOR, "Open or close proposals: `{open: true|false}`.")
def _issues_proposals(ctx):
    return domain.set_proposals(ctx.db, ctx.payload)


@groups.source("issues")
def _one_group_per_issue(db):
    """`groups.form {from: "issues"}`: one group per shown issue, in the order they came (no vote needed)."""
    shown = domain.visible(db)
    if not shown:
        raise KioskError("no_issues", N_("There is no issue yet: groups are formed around the issues shown."))
    return [{"issue_id": doc.doc_id, "name": doc["text"]} for doc in shown]


def _public(db, deck):
    return {"issues": [domain.public(d) for d in domain.visible(db)], "proposals": domain.proposals_open(db)}


def _personal(db, me):
    return {"issue_ids": domain.authored(db, me)}


def _console(db):
    return {"issues": [domain.private(d) for d in db.table("issues").all()]}


ACTIVITY = Activity(
    "issues", phases=PHASES, strings=STRINGS,
    keys=("issues", "proposals"), public=_public, me_keys=("issue_ids",), personal=_personal,
    console_keys=("issues",), console=_console, on_enter=domain.on_enter, sheets=export.sheets, pdf=export.pdf,
    demo=demo.play, spotlight=domain.spotlight)
