"""The word cloud ("nuage de mots"): each phone sends a few words; the wall shows them sized by
how many people sent them.

A workshop may hold several clouds (an ice-breaker at the start, another at the end): each is an
instance (`wordcloud_clouds`, see `instances.py`), the latest the current one; closing one keeps
it for the export. While a cloud is open a participant sends up to `max_words` words or short
expressions (3 by default, each at most 30 characters and 3 words); sending again replaces their
words. Words are grouped by `words.key` (case, accents, punctuation, elisions, plurals and
inflections aside) and a group counts the people who sent it, not the entries. The facilitator
merges two groups ("vélo" and "bicyclette"), splits a merge again, hides a word and shows it
again: these decisions are kept with the cloud, so the export shows what the wall showed.

Tables: `wordcloud_clouds` (one document per cloud: prompt, status, max_words, step, merges,
hidden) and `wordcloud_words` (one per word sent: cloud, participant, text, key).
"""

from __future__ import annotations

import time

from tinydb import Query, TinyDB

from ... import instances, payloads, rooms, workshop
from ...errors import N_, KioskError, bad_input
from ...events import COALESCE, Event, event_type
from . import words

CLOUDS, WORDS = "wordcloud_clouds", "wordcloud_words"

WORDCLOUD_OPENED = event_type("wordcloud.opened", "A word cloud opened: `{wordcloud}` (as in the snapshot), to everyone.")
WORDCLOUD_CLOSED = event_type(
    "wordcloud.closed", "The word cloud closed: `{wordcloud}` with its final words, to everyone; it stays in the export.")
WORDCLOUD_WORDS = event_type(
    "wordcloud.words", "The cloud's words changed (sent, merged, split, hidden): `{cloud_id, people, words: [{key, text, "
    "count}]}` to the wall; the console's copy holds every word with `hidden`, and `merges`. A few times a second at most.",
    deliver=COALESCE)
WORDCLOUD_MINE = event_type(
    "wordcloud.mine", "A participant's own words in the current cloud: `{cloud_id, words: [text]}`, to their phones.")

PROMPT_MAX = 140
MAX_WORDS_DEFAULT = 3
MAX_WORDS_MAX = 5
SHOWN_MAX = 60  # the wall shows the 60 most frequent words: beyond that nobody reads them
OPEN, CLOSED = "open", "closed"
STEP_KEYS = {"prompt": "the question of the cloud, shown on the phones and the wall (at most 140 characters)",
             "max_words": "how many words each participant sends (1 to 5, default 3)"}


def step_options(reader) -> dict | None:
    """A word-cloud step's options: `{prompt, max_words}`."""
    prompt = reader.text("prompt", PROMPT_MAX)
    max_words = MAX_WORDS_DEFAULT
    if reader.has("max_words"):
        value = reader.block["max_words"]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_WORDS_MAX:
            reader.problem("max_words", f"must be a whole number from 1 to {MAX_WORDS_MAX}, like max_words = 3")
            return None
        max_words = value
    if prompt is None:
        return None
    return {"prompt": prompt, "max_words": max_words}


# --- Reading --------------------------------------------------------------------------------------

def _lang(db: TinyDB) -> str:
    return workshop.meta(db)["workshop"].get("lang", "fr")


def _root(merges: dict, key: str) -> str:
    """Where a group went through the facilitator's merges (a chain of merges is followed)."""
    seen = set()
    while key in merges and key not in seen:
        seen.add(key)
        key = merges[key]
    return key


def _tally(db: TinyDB, cloud) -> tuple[list[dict], int]:
    """One reading of a cloud's words: its groups, most sent first (`{key, text, count, hidden}`),
    and how many people sent words."""
    merges, hidden, lang = cloud.get("merges", {}), set(cloud.get("hidden", [])), _lang(db)
    people: dict[str, set] = {}
    spellings: dict[str, list[str]] = {}
    senders = set()
    for doc in sorted(db.table(WORDS).search(Query().cloud == cloud.doc_id), key=lambda d: d.doc_id):
        group = _root(merges, doc["key"])
        people.setdefault(group, set()).add(doc["participant"])
        spellings.setdefault(group, []).append(words.trimmed(doc["text"], lang))
        senders.add(doc["participant"])
    groups = [{"key": group, "text": words.display(spellings[group]), "count": len(people[group]),
               "hidden": group in hidden} for group in people]
    return sorted(groups, key=lambda g: (-g["count"], words.fold(g["text"]))), len(senders)


def counts(db: TinyDB, cloud) -> list[dict]:
    """Every word group of a cloud, most sent first: `{key, text, count, hidden}`."""
    return _tally(db, cloud)[0]


def _shown(groups: list[dict]) -> list[dict]:
    """What the wall shows: the words not hidden, the most sent first, SHOWN_MAX at most."""
    return [{k: g[k] for k in ("key", "text", "count")} for g in groups if not g["hidden"]][:SHOWN_MAX]


def _view(db: TinyDB, cloud, everything: bool) -> dict | None:
    if cloud is None:
        return None
    groups, people = _tally(db, cloud)
    view = {"id": cloud.doc_id, "prompt": cloud["prompt"], "status": cloud["status"], "max_words": cloud["max_words"],
            "people": people, "words": _shown(groups)}
    if everything:
        view.update(words=groups, merges=dict(cloud.get("merges", {})))
    return view


def public(db: TinyDB, cloud) -> dict | None:
    """The snapshot's `wordcloud`: `{id, prompt, status, max_words, people, words: [{key, text, count}]}`."""
    return _view(db, cloud, everything=False)


def console(db: TinyDB, cloud) -> dict | None:
    """The console's `wordcloud`: every group, hidden ones marked, and the merges."""
    return _view(db, cloud, everything=True)


def mine(db: TinyDB, cloud, participant_id: int) -> list[str]:
    if cloud is None:
        return []
    return [d["text"] for d in sorted(db.table(WORDS).search((Query().cloud == cloud.doc_id)
                                                               & (Query().participant == participant_id)),
                                      key=lambda d: d.doc_id)]


def closed(db: TinyDB) -> list[dict]:
    """The snapshot's `wordclouds`: the earlier clouds, `{id, prompt, people}`, oldest first."""
    current = instances.current(db, CLOUDS)
    return [{"id": doc.doc_id, "prompt": doc["prompt"], "people": len({d["participant"] for d in
                                                                       db.table(WORDS).search(Query().cloud == doc.doc_id)})}
            for doc in instances.every(db, CLOUDS) if current is None or doc.doc_id != current.doc_id]


# --- Changing -------------------------------------------------------------------------------------

def _current(db: TinyDB, status: str | None = None):
    cloud = instances.current(db, CLOUDS)
    if cloud is None:
        raise KioskError("no_cloud", N_("There is no word cloud yet: the facilitator opens one."))
    if status == OPEN and cloud["status"] != OPEN:
        raise KioskError("cloud_closed", N_("The word cloud is closed: words are no longer taken."))
    return cloud


def _words_event(db: TinyDB, cloud) -> list[Event]:
    """The wall gets the words it shows; the console every word, hidden ones marked, and the merges.
    Phones hear only their own words (and the final ones at the close): a room sending words at
    once must not cost every phone every count."""
    view = console(db, cloud)
    return [Event(WORDCLOUD_WORDS, {"cloud_id": cloud.doc_id, "words": _shown(view["words"]), "people": view["people"]},
                  to=(rooms.WALL,)),
            Event(WORDCLOUD_WORDS, {"cloud_id": cloud.doc_id, "words": view["words"], "merges": view["merges"],
                                    "people": view["people"]}, to=(rooms.FACILITATOR,))]


def open_cloud(db: TinyDB, payload: dict, step, step_index: int | None = None,
               now: float | None = None) -> tuple[dict, list[Event]]:
    """`wordcloud.open {prompt?, max_words?}`: a new cloud, the programme step's options by default.

    An open cloud is closed first: its words stay, in the export.
    """
    options = step.options if step is not None and step.phase == "wordcloud" else {}
    prompt = payloads.text(payload, "prompt", max_len=PROMPT_MAX, required=False) or options.get("prompt") or ""
    max_words = payloads.integer(payload, "max_words", minimum=1, maximum=MAX_WORDS_MAX,
                                 default=options.get("max_words", MAX_WORDS_DEFAULT))
    events = []
    current = instances.current(db, CLOUDS)
    if current is not None and current["status"] == OPEN:
        events += _close(db, current, now)
    cloud = instances.start(db, CLOUDS, {"prompt": prompt, "status": OPEN, "max_words": max_words, "merges": {},
                                         "hidden": [], "opened": time.time() if now is None else now},
                            step_index=step_index)
    view = public(db, cloud)
    return {"wordcloud": view}, events + [Event(WORDCLOUD_OPENED, {"wordcloud": view})]


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a word-cloud step: its cloud opens with the step's prompt, unless it opened already."""
    cloud = instances.current(db, CLOUDS)
    if cloud is not None and cloud.get("step") == index:
        return []
    return open_cloud(db, {}, step, index, now)[1]


def _close(db: TinyDB, cloud, now) -> list[Event]:
    db.table(CLOUDS).update({"status": CLOSED, "closed": time.time() if now is None else now}, doc_ids=[cloud.doc_id])
    cloud = db.table(CLOUDS).get(doc_id=cloud.doc_id)
    return [Event(WORDCLOUD_CLOSED, {"wordcloud": public(db, cloud)})]


def close_cloud(db: TinyDB, payload: dict, now: float | None = None) -> tuple[dict, list[Event]]:
    """`wordcloud.close`: no more words; the cloud stays on the wall and in the export."""
    cloud = _current(db, OPEN)
    events = _close(db, cloud, now)
    return {"wordcloud": events[0].data["wordcloud"]}, events


def send(db: TinyDB, payload: dict, participant_id: int) -> tuple[dict, list[Event]]:
    """`wordcloud.send {words: [text]}`: this participant's words in the open cloud (replacing theirs)."""
    cloud = _current(db, OPEN)
    sent = payload.get("words")
    if not isinstance(sent, list) or not sent:
        raise bad_input(N_("Send your words as a list: “words”: [\"…\"]."))
    if len(sent) > cloud["max_words"]:
        raise bad_input(N_("At most %(max)d words: keep the ones that matter most."), max=cloud["max_words"])
    lang = _lang(db)
    entries, keys = [], set()
    for item in sent:
        if not isinstance(item, str):
            raise bad_input(N_("Each word is a text."))
        text = words.clean(payloads.text({"word": item}, "word", max_len=4 * words.ENTRY_MAX) or "")
        if len(text) > words.ENTRY_MAX or len(text.split()) > words.ENTRY_WORDS_MAX:
            raise bad_input(N_("“%(text)s” is too long: one word or a short expression (%(max)d characters, 3 words at most)."),
                            text=text[:40], max=words.ENTRY_MAX)
        key = words.key(text, lang)
        if key is None:
            raise bad_input(N_("“%(text)s” says nothing on its own: write a word that means something."), text=text[:40])
        if key not in keys:  # "vélo, vélos" from one phone is one word
            keys.add(key)
            entries.append({"cloud": cloud.doc_id, "participant": participant_id, "text": text, "key": key})
    table = db.table(WORDS)
    table.remove((Query().cloud == cloud.doc_id) & (Query().participant == participant_id))
    for entry in entries:
        table.insert(entry)
    texts = [entry["text"] for entry in entries]
    return {"words": texts}, [Event(WORDCLOUD_MINE, {"cloud_id": cloud.doc_id, "words": texts},
                                    to=(rooms.participant(participant_id),)), *_words_event(db, cloud)]


def _group(db: TinyDB, cloud, payload: dict, field: str) -> str:
    key = payloads.text(payload, field, max_len=4 * words.ENTRY_MAX)
    if not any(g["key"] == key for g in counts(db, cloud)) and key not in cloud.get("merges", {}):
        raise KioskError("not_found", N_("This word is not in the cloud."))
    return key


def merge(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`wordcloud.merge {word, into}`: the group `word` joins the group `into` (keys from the snapshot)."""
    cloud = _current(db)
    key, into = _group(db, cloud, payload, "word"), _group(db, cloud, payload, "into")
    merges = dict(cloud.get("merges", {}))
    if _root(merges, into) == key or key == into:
        raise bad_input(N_("A word cannot be merged into itself."))
    merges[key] = into
    db.table(CLOUDS).update({"merges": merges}, doc_ids=[cloud.doc_id])
    cloud = db.table(CLOUDS).get(doc_id=cloud.doc_id)
    return {"wordcloud": console(db, cloud)}, _words_event(db, cloud)


def split(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`wordcloud.split {word}`: undo the merges into `word` and of `word`: each group stands alone again."""
    cloud = _current(db)
    key = payloads.text(payload, "word", max_len=4 * words.ENTRY_MAX)
    merges = {k: v for k, v in cloud.get("merges", {}).items() if k != key and v != key}
    if merges == cloud.get("merges", {}):
        raise KioskError("not_merged", N_("This word is not merged with another."))
    db.table(CLOUDS).update({"merges": merges}, doc_ids=[cloud.doc_id])
    cloud = db.table(CLOUDS).get(doc_id=cloud.doc_id)
    return {"wordcloud": console(db, cloud)}, _words_event(db, cloud)


def set_hidden(db: TinyDB, payload: dict, hide: bool) -> tuple[dict, list[Event]]:
    """`wordcloud.hide {word}` / `wordcloud.restore {word}`: the word leaves the wall (or comes back)."""
    cloud = _current(db)
    key = _group(db, cloud, payload, "word")
    hidden = [k for k in cloud.get("hidden", []) if k != key] + ([key] if hide else [])
    db.table(CLOUDS).update({"hidden": hidden}, doc_ids=[cloud.doc_id])
    cloud = db.table(CLOUDS).get(doc_id=cloud.doc_id)
    return {"wordcloud": console(db, cloud)}, _words_event(db, cloud)


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """The facilitator removed a participant: their words leave every cloud (the open one's counts change)."""
    table = db.table(WORDS)
    theirs = table.search(Query().participant == participant_id)
    if not theirs:
        return []
    table.remove(doc_ids=[doc.doc_id for doc in theirs])
    current = instances.current(db, CLOUDS)
    return _words_event(db, current) if current is not None and current.doc_id in {d["cloud"] for d in theirs} else []
