"""Census (DOMINO method): the initiatives of a territory, one form each, from the phones during a
workshop and from paper forms typed in later; possible duplicates flagged for the facilitator."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, PARTICIPANT_OR_FACILITATOR, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "census": (_l("Census"),
               _l("Tell us about an initiative of your territory: one form each, as many as you know.")),
}

STRINGS = {
    "census_soon": _l("The census will open soon."),
    "census_closed": _l("The census is closed: thank you!"),
    "census_added": _l("Added to the census: “{name}”. Thank you!"),
    "census_total": _l("{n} initiatives"),
    "census_total_one": _l("{n} initiative"),
    "census_source_phone": _l("Phones"),
    "census_source_paper": _l("Paper forms"),
    "census_source_count": _l("{source}: {n}"),
    "census_required": _l("required"),
    "census_field_required": _l("“{field}” is required."),
    "census_choose": _l("Choose…"),
    "census_open_action": _l("▶ Open the census"),
    "census_close_action": _l("■ Close the census"),
    "census_review_nudge": _l("{n} possible duplicates to review"),
    "census_review_nudge_one": _l("{n} possible duplicate to review"),
    "census_review_section": _l("Review"),
    "census_reason_same_name": _l("same name"),
    "census_reason_close_spelling": _l("close spelling"),
    "census_keep_named": _l("Merge, keeping “{name}”"),
    "census_distinct": _l("Not a duplicate"),
    "census_page": _l("Page {page} of {pages}"),
    "census_typed": _l("{n} forms typed in here"),
    "census_typed_one": _l("{n} form typed in here"),
    "census_saved_code": _l("Saved: {code} “{name}”. Next form."),
    "census_duplicate_flagged": _l("Possibly already in the census: the facilitator will check."),
    "census_preparing": _l("Preparing the paper forms…"),
    "census_merged": _l("merged"),
}


@command("census.open", FACILITATOR,
         "`{form?}`: the census opens with a form of decks/forms/ (the programme step's `form`, else `domino`), in the "
         "workshop's language; a closed census reopens with its own form.")
def _census_open(ctx):
    return domain.open_census(ctx.db, ctx.payload, ctx.step, ctx.step_index, ctx.now)


@command("census.close", FACILITATOR, "The census takes no more entries; they stay on the wall and in the export.")
def _census_close(ctx):
    return domain.close_census(ctx.db, ctx.payload)


@command("census.add", PARTICIPANT_OR_FACILITATOR,
         "`{values: {field id: answer}, code?}`: one initiative. From a phone: source `phone` (the same answers again "
         "give back the same entry); from the console's entry screen: source `paper` with the paper form's `code`. "
         "Answers `{entry, duplicates}` (how many possible duplicates it raised).")
def _census_add(ctx):
    return domain.add(ctx.db, ctx.payload, ctx.me, ctx.step_index, ctx.now)


@command("census.merge", FACILITATOR,
         "`{pair, keep}`: a possible duplicate is one initiative: `keep` (one of the pair's entry ids) stays, the "
         "other's answers fill its empty fields and it is marked merged.")
def _census_merge(ctx):
    return domain.merge(ctx.db, ctx.payload)


@command("census.distinct", FACILITATOR, "`{pair}`: not a duplicate; the pair leaves the review for good.")
def _census_distinct(ctx):
    return domain.distinct(ctx.db, ctx.payload)


@command("census.list", FACILITATOR,
         "`{page?, search?}`: one page of 25 entries, newest first, filtered by a text of the name, commune, theme or "
         "code: answers `{entries, total, page, pages}`.", changes=False, query=True)
def _census_list(ctx):
    return domain.page(ctx.db, ctx.payload), []


def _public(db, deck):
    return {"census": domain.public(db)}


def _personal(db, me):
    return {"census": domain.mine(db, me)}


def _console(db):
    return {"census_review": domain.review(db)}


ACTIVITY = Activity(
    "census", phases=PHASES, strings=STRINGS,
    keys=("census",), public=_public, me_keys=("census",), personal=_personal,
    console_keys=("census_review",), console=_console,
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start,
    sheets=export.sheets, pdf=export.pdf, posters=export.posters, results=export.results,
    private_tables=(domain.ENTRIES,),
    absentees=export.absentees, forget=domain.forget, demo=demo.play, spotlight=domain.spotlight)
