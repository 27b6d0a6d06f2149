"""Word cloud: each phone sends a few words; the wall shows them sized by how many sent them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ... import instances
from ...protocol import FACILITATOR, PARTICIPANT, command
from .. import Activity
from . import domain, export

PHASES = {
    "wordcloud": (_l("Word cloud"),
                  _l("In a few words: send yours from your phone, the wall shows them all.")),
}

STRINGS = {
    "wordcloud_send": _l("Send my words"),
    "wordcloud_word_n": _l("Word {n}"),
    "wordcloud_sent": _l("Your words are on the wall: you can change them until the cloud closes."),
    "wordcloud_soon": _l("The word cloud will open soon."),
    "wordcloud_closed": _l("The word cloud is closed."),
    "wordcloud_people": _l("{n} people sent words"),
    "wordcloud_people_one": _l("{n} person sent words"),
    "wordcloud_empty": _l("No word yet: send yours from your phone!"),
    "wordcloud_open": _l("Open a word cloud"),
    "wordcloud_open_again": _l("Open a new word cloud"),
    "wordcloud_close": _l("Close the word cloud"),
    "wordcloud_open_action": _l("▶ Open the word cloud"),
    "wordcloud_close_action": _l("■ Close the word cloud"),
    "wordcloud_prompt": _l("Question"),
    "wordcloud_merge_named": _l("Merge “{text}” into another word"),
    "wordcloud_split": _l("Split"),
    "wordcloud_split_named": _l("Split “{text}” again"),
    "wordcloud_hide_named": _l("Hide “{text}”"),
    "wordcloud_restore_named": _l("Show “{text}” again"),
    "wordcloud_earlier": _l("Earlier clouds: {prompts}"),
}


@command("wordcloud.open", FACILITATOR,
         "`{prompt?, max_words?}`: a new word cloud (the programme step's prompt and number of words by default); "
         "an open one closes first and stays in the export.")
def _wordcloud_open(ctx):
    return domain.open_cloud(ctx.db, ctx.payload, ctx.step, ctx.step_index, ctx.now)


@command("wordcloud.send", PARTICIPANT,
         "`{words: [text]}`: your words in the open cloud (at most its `max_words`, 30 characters each); "
         "sending again replaces them.")
def _wordcloud_send(ctx):
    return domain.send(ctx.db, ctx.payload, ctx.me)


@command("wordcloud.close", FACILITATOR, "Close the word cloud: no more words; it stays on the wall and in the export.")
def _wordcloud_close(ctx):
    return domain.close_cloud(ctx.db, ctx.payload, ctx.now)


@command("wordcloud.merge", FACILITATOR, "`{word, into}` (keys of the cloud's words): one word joins another.")
def _wordcloud_merge(ctx):
    return domain.merge(ctx.db, ctx.payload)


@command("wordcloud.split", FACILITATOR, "`{word}`: undo the merges of and into that word.")
def _wordcloud_split(ctx):
    return domain.split(ctx.db, ctx.payload)


@command("wordcloud.hide", FACILITATOR, "`{word}`: the word leaves the wall (the export marks it hidden).")
def _wordcloud_hide(ctx):
    return domain.set_hidden(ctx.db, ctx.payload, True)


@command("wordcloud.restore", FACILITATOR, "`{word}`: a hidden word comes back.")
def _wordcloud_restore(ctx):
    return domain.set_hidden(ctx.db, ctx.payload, False)


def _public(db, deck):
    return {"wordcloud": domain.public(db, instances.current(db, domain.CLOUDS)), "wordclouds": domain.closed(db)}


def _personal(db, me):
    return {"words": domain.mine(db, instances.current(db, domain.CLOUDS), me)}


def _console(db):
    return {"wordcloud": domain.console(db, instances.current(db, domain.CLOUDS))}


ACTIVITY = Activity(
    "wordcloud", phases=PHASES, strings=STRINGS,
    keys=("wordcloud", "wordclouds"), public=_public, me_keys=("words",), personal=_personal,
    console_keys=("wordcloud",), console=_console,
    step_keys=domain.STEP_KEYS, step_options=domain.step_options, start=domain.start,
    sheets=export.sheets, pdf=export.pdf, pictures=export.pictures, results=export.results, forget=domain.forget)
