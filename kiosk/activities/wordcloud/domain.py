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

from ... import derived, instances, payloads, rooms, workshop
from ...errors import N_, KioskError, bad_input
from ...events import COALESCE, Event, Later, event_type
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


class _Tally:
    """One cloud's words, counted as they come: a send, a removal cost what they change, never a
    reading of the cloud's words. Kept beside the database (`kiosk.derived`), built from the words
    table at its first use, and again when the cloud's merges or the workshop's language changed
    since (a merge, a split: the facilitator's rare decisions)."""

    def __init__(self, merges: dict, lang: str):
        self.merges, self.lang = dict(merges), lang
        self.entries: dict[int, list[tuple[int, str, str]]] = {}  # participant -> [(doc id, text, key)], oldest first
        self.people: dict[str, dict[int, int]] = {}  # group -> {participant: their entries in it}
        self.spellings: dict[str, dict[str, dict[int, None]]] = {}  # group -> spelling -> its doc ids, oldest first
        self.groups: dict[str, tuple] = {}  # group -> (count, folded text, first doc id, {key, text, count})

    def add(self, doc_id: int, participant: int, text: str, key: str) -> None:
        group = _root(self.merges, key)
        self.entries.setdefault(participant, []).append((doc_id, text, key))
        people = self.people.setdefault(group, {})
        people[participant] = people.get(participant, 0) + 1
        self.spellings.setdefault(group, {}).setdefault(words.trimmed(text, self.lang), {})[doc_id] = None
        self._count(group)

    def remove(self, participant: int) -> list[int]:
        """This participant's words leave the cloud; returns their documents' ids."""
        theirs = self.entries.pop(participant, [])
        for doc_id, text, key in theirs:
            group = _root(self.merges, key)
            people = self.people[group]
            people[participant] -= 1
            if not people[participant]:
                del people[participant]
            spelling = words.trimmed(text, self.lang)
            ids = self.spellings[group][spelling]
            del ids[doc_id]
            if not ids:
                del self.spellings[group][spelling]
            self._count(group)
        return [doc_id for doc_id, _, _ in theirs]

    def _count(self, group: str) -> None:
        """The group's figures again, from its own spellings only (`words.display`: the most
        frequent, the latest on a tie); a group nobody sent any more leaves."""
        if not self.people[group]:
            del self.people[group], self.spellings[group]
            self.groups.pop(group, None)
            return
        spellings = self.spellings[group]
        text = max(spellings, key=lambda s: (len(spellings[s]), next(reversed(spellings[s]))))
        count = len(self.people[group])
        first = min(next(iter(ids)) for ids in spellings.values())
        self.groups[group] = (count, words.fold(text), first, {"key": group, "text": text, "count": count})

    def mine(self, participant: int) -> list[str]:
        return [text for _, text, _ in self.entries.get(participant, [])]

    def live(self) -> tuple[list[tuple], int]:
        """What a view of the cloud needs, copied: the view may be built later (`Later`)."""
        return list(self.groups.values()), len(self.entries)


def _build_tally(db: TinyDB, cloud) -> _Tally:
    tally = _Tally(cloud.get("merges", {}), _lang(db))
    for doc in sorted(db.table(WORDS).search(Query().cloud == cloud.doc_id), key=lambda d: d.doc_id):
        tally.add(doc.doc_id, doc["participant"], doc["text"], doc["key"])
    return tally


def _running(db: TinyDB, cloud) -> _Tally:
    """The cloud's running tally (see `_Tally`)."""
    name = ("wordcloud", cloud.doc_id)
    tally = derived.get(db, name, lambda db: _build_tally(db, cloud))
    if tally.merges != cloud.get("merges", {}) or tally.lang != _lang(db):
        derived.drop(db, name)
        tally = derived.get(db, name, lambda db: _build_tally(db, cloud))
    return tally


def _sorted(groups: list[tuple], hidden: set) -> list[dict]:
    """The groups most sent first (then by their text, then the first sent), `{key, text, count, hidden}`."""
    return [{**g[3], "hidden": g[3]["key"] in hidden} for g in sorted(groups, key=lambda g: (-g[0], g[1], g[2]))]


def _tally(db: TinyDB, cloud) -> tuple[list[dict], int]:
    """One reading of a cloud's words: its groups, most sent first (`{key, text, count, hidden}`),
    and how many people sent words."""
    groups, people = _running(db, cloud).live()
    return _sorted(groups, set(cloud.get("hidden", []))), people


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
    """A participant's own words in `cloud`, as they sent them."""
    return [] if cloud is None else _running(db, cloud).mine(participant_id)


def closed(db: TinyDB) -> list[dict]:
    """The snapshot's `wordclouds`: the earlier clouds, `{id, prompt, people}`, oldest first."""
    current = instances.current(db, CLOUDS)
    return [{"id": doc.doc_id, "prompt": doc["prompt"], "people": len(_running(db, doc).entries)}
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
    once must not cost every phone every count. The counts are coalesced: of a burst of sends only
    a few views go out, each sorted when it goes (`Later`), from a copy of the groups as this change
    left them."""
    groups, people = _running(db, cloud).live()
    hidden, merges = set(cloud.get("hidden", [])), dict(cloud.get("merges", {}))
    everything = Later(lambda: _sorted(groups, hidden))
    return [Event(WORDCLOUD_WORDS, {"cloud_id": cloud.doc_id, "words": Later(lambda: _shown(everything())),
                                    "people": people}, to=(rooms.WALL,)),
            Event(WORDCLOUD_WORDS, {"cloud_id": cloud.doc_id, "words": everything, "merges": merges,
                                    "people": people}, to=(rooms.FACILITATOR,))]


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
    table, tally = db.table(WORDS), _running(db, cloud)
    table.remove(doc_ids=tally.remove(participant_id))
    for entry in entries:
        tally.add(table.insert(entry), participant_id, entry["text"], entry["key"])
    texts = [entry["text"] for entry in entries]
    return {"words": texts}, [Event(WORDCLOUD_MINE, {"cloud_id": cloud.doc_id, "words": texts},
                                    to=(rooms.participant(participant_id),)), *_words_event(db, cloud)]


def _group(db: TinyDB, cloud, payload: dict, field: str) -> str:
    key = payloads.text(payload, field, max_len=4 * words.ENTRY_MAX)
    if key not in _running(db, cloud).groups and key not in cloud.get("merges", {}):
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
    for cloud_id in {d["cloud"] for d in theirs}:
        tally = derived.peek(db, ("wordcloud", cloud_id))
        if tally is not None:  # else built from the table when next read
            tally.remove(participant_id)
    table.remove(doc_ids=[doc.doc_id for doc in theirs])
    current = instances.current(db, CLOUDS)
    return _words_event(db, current) if current is not None and current.doc_id in {d["cloud"] for d in theirs} else []
