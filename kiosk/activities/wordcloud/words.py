"""Grouping a cloud's words: one key per word whatever its case, accents, punctuation, elision,
plural or inflection, so that "Vélos", "vélo" and "le vélo !" make one word of the cloud.

The pipeline, each step on its own: clean the entry (Unicode NFC, spaces, outer punctuation);
split it into tokens (casefolded, ’ and ' alike, elisions l' d' qu' j' n' s' c' m' t' split off,
internal hyphens kept: "tiers-lieu"); drop stop words (a short list kept in this folder: words
that matter in a workshop, "faire", "sans", "ensemble", are not stop words); key each remaining
token by its lemma (simplemma, loaded on first use only: about 30 MB) with accents folded. The
wall shows the most frequent spelling of a group, the most recent one on a tie.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ELISIONS = ("l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu")
ENTRY_MAX = 30  # characters of one word or expression
ENTRY_WORDS_MAX = 3
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_ELIDED = re.compile(r"\b(" + "|".join(ELISIONS) + r")'(?=\w)")
_OUTER = re.compile(r"^[\W_]+|[\W_]+$")


def fold(text: str) -> str:
    """Lower case without accents: "Élève" → "eleve"."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


@functools.lru_cache(maxsize=4)
def stop_words(lang: str) -> frozenset[str]:
    path = HERE / f"stopwords.{lang}.txt"
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


def clean(text: str) -> str:
    """An entry as shown: NFC, single spaces, no punctuation around it ("  Le vélo ! " → "Le vélo")."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return _OUTER.sub("", text)


def tokens(text: str) -> list[str]:
    """The words of an entry, casefolded, elisions split off: "L’eau potable" → ["eau", "potable"]."""
    text = unicodedata.normalize("NFC", text).casefold().replace("’", "'").replace("`", "'")
    text = _ELIDED.sub(" ", text)
    return _TOKEN.findall(text)


@functools.lru_cache(maxsize=8192)
def lemma(token: str, lang: str) -> str:
    """The token's dictionary form, accents folded ("vélos" → "velo"); the token itself if unknown."""
    try:
        import simplemma
    except ImportError:  # pragma: no cover - a dependency; without it plurals stay apart
        return fold(token)
    return fold(simplemma.lemmatize(token, lang=lang if lang in ("fr", "en") else "fr"))


def key(text: str, lang: str = "fr") -> str | None:
    """The grouping key of an entry, or None when it holds only stop words or punctuation."""
    stops = stop_words(lang)
    kept = [token for token in tokens(text) if fold(token) not in stops and len(token) > 1]
    if not kept:
        return None
    return " ".join(lemma(token, lang) for token in kept)


def trimmed(text: str, lang: str = "fr") -> str:
    """An entry without the stop words around it, as a group shows it: "le vélo" → "vélo"."""
    stops = stop_words(lang)
    parts = text.split(" ")
    while len(parts) > 1 and fold(parts[0]) in stops:
        parts.pop(0)
    while len(parts) > 1 and fold(parts[-1]) in stops:
        parts.pop()
    return " ".join(parts)


def display(spellings: list[str]) -> str:
    """The spelling a group shows: the most frequent, the latest one on a tie (oldest first in the list)."""
    counts: dict[str, int] = {}
    for spelling in spellings:
        counts[spelling] = counts.get(spelling, 0) + 1
    best = max(counts.values())
    return next(s for s in reversed(spellings) if counts[s] == best)
