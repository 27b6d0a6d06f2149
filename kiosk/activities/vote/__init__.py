"""Votes on the issues or another source's items: dots or majority judgment; the ranking that forms the groups."""

from __future__ import annotations

import importlib
import importlib.util

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, command
from .. import Activity
from . import demo, domain, export
from ..groups import domain as groups
from ..issues import domain as issues
from ...errors import N_, KioskError
from .tally import GRADES

PHASES = {
    "vote": (_l("Vote"),
              _l("Time to vote for the issues the room will work on.")),
}

STRINGS = {
    # JSON objects reach the scripts with sorted keys: orders travel as lists.
    "grade_order": list(GRADES),
    "grades": {grade: _l(label) for grade, label in domain.GRADE_LABELS.items()},
    "dot_add": _l("Add a dot to “{issue}”"),
    "dot_remove": _l("Take a dot from “{issue}”"),
    "dots_on": _l("{n} dots"),
    "n_dots": _l("{n} dots"),
    "n_dots_one": _l("{n} dot"),
    "dots_on_one": _l("{n} dot"),
    "dots_left": _l("Dots left: {n}"),
    "vote_opened": _l("The vote is open."),
    "vote_closed_now": _l("The vote is closed: the results are on your screen."),
    "cap_reached": _l("At most {max} dots on one issue."),
    "no_dot_left": _l("You have no dot left: take one from another issue first."),
    "dots_help": _l("You have {dots} dots: at most {max} on one issue. You can move them until the vote closes."),
    "majority_help": _l("Grade every issue, from “Excellent” to “To reject”. You can change your mind until the vote closes."),
    "vote_soon": _l("The vote will open soon."),
    "vote_open_voters": _l("Vote open · {n} voters"),
    "vote_open_voters_one": _l("Vote open · {n} voter"),
    "vote_final": _l("Vote closed: results are final."),
    "vote_hidden": _l("The results stay hidden until the facilitator reveals them."),
    "no_vote_yet": _l("No vote yet."),
    "majority": _l(domain.METHOD_LABELS["majority"]),
    "dots_method_summary": _l("Dot voting: {dots} dots, at most {max} per issue"),
    # The console's header: the step's action, the nudge, the confirmation before a new vote.
    "vote_open_action": _l("▶ Open the vote"),
    "vote_close_action": _l("■ Close the vote"),
    "vote_not_voted": _l("{n} have not voted yet"),
    "vote_not_voted_one": _l("{n} has not voted yet"),
    "vote_replace_confirm": _l("The closed vote's results are on every screen. Open a new vote? Its results will "
                               "replace them on the screens and for forming groups (the closed vote stays in the export)."),
}


@command("vote.open", FACILITATOR,
         "Open a vote on the shown issues: `{method: \"dots\", dots: 3, max_per_issue: 2}` or `{method: \"majority\"}`; "
         "`source` and `bucket` (the step's by default) vote on another activity's items, like the review's needs; "
         "over a closed vote only with `replace: true` (else refused with `vote_replace`); "
         "`hidden: true` keeps the results from the phones and the wall until `vote.reveal`.")
def _vote_open(ctx):
    return domain.open_vote(ctx.db, ctx.payload, ctx.step)


@command("vote.reveal", FACILITATOR, "The hidden results of the current vote go to the phones and the wall.")
def _vote_reveal(ctx):
    return domain.reveal(ctx.db)


@command("vote.cast", PARTICIPANT,
         "Dots: `{issue_id, dots}` sets your dots on that issue; majority: `{issue_id, grade}` (null clears).")
def _vote_cast(ctx):
    return domain.cast(ctx.db, ctx.payload, ctx.actor.participant_id)


@command("vote.close", FACILITATOR, "Close the vote: its results are final, late ballots are refused.")
def _vote_close(ctx):
    return domain.close_vote(ctx.db, ctx.payload)


GUARDED = {
    "propose": N_("A vote is open: proposals are closed until it ends."),
    "restore": N_("A vote is open: an issue cannot join it now."),
    "merge": N_("A vote is open: merge issues before or after it."),
}


def _no_issue_change_while_open(db, action):
    """The ballot must not change under the voters' feet: no new, restored or merged issue during a vote."""
    vote = domain.current(db)
    if vote is not None and vote["status"] == "open" and domain.source_of(vote) == domain.DEFAULT_SOURCE:
        raise KioskError("vote_open", GUARDED[action])


issues.GUARDS.append(_no_issue_change_while_open)
issues.ON_HIDDEN.append(domain.drop_issue)


@groups.source("vote")
def _one_group_per_top_item(db):
    """The contract's `groups.form {count}`: one group per top issue of the last closed vote; a
    vote over another source (the needs) makes groups named after its top items."""
    ranked = domain.ranked_items(db)
    if not ranked or not ranked[1]:
        raise KioskError("no_results", N_("Close a vote first: groups are formed from its results."))
    name, items = ranked
    if name == domain.DEFAULT_SOURCE:
        return [{"issue_id": item["id"], "name": item["text"]} for item in items]
    return [{"source": name, "source_id": item["id"], "name": item["text"]} for item in items]


if importlib.util.find_spec(f"{__package__.rpartition('.')[0]}.review") is not None:
    @domain.source("review")
    def _review_notes(db, bucket):
        """The situation review's live notes (of one bucket), through its public `notes`."""
        review = importlib.import_module(f"{__package__.rpartition('.')[0]}.review.domain")
        return [{"id": note["id"], "text": note["text"]} for note in review.notes(db, bucket=bucket)]


def _public(db, deck):
    return {"vote": domain.public(db, domain.current(db))}


def _personal(db, me):
    vote = domain.current(db)
    ballot = domain.ballot_of(db, vote, me)
    return {"ballot": ballot, "dots_left": domain.dots_left(vote, ballot)}


ACTIVITY = Activity(
    "vote", phases=PHASES, strings=STRINGS,
    keys=("vote",), public=_public, me_keys=("ballot", "dots_left"), personal=_personal,
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start,
    sheets=export.sheets, pdf=export.pdf, pictures=export.pictures, results=export.results, forget=domain.forget,
    demo=demo.play, absentees=export.absentees, spotlight=domain.spotlight)
