"""Matches ("mises en lien"): commitments that share a card family, a group or key words.

Pure functions over the shown posts. Key words are the significant words of a text: folded to
lower case without accents, at least four letters, not a common French or English word, and
with a plural -s or -x dropped so that "jardins" meets "jardin".

`links` gives every linked pair (the phones' `matches.mine` picks among them); `best` gives each
participant their few strongest matches, ranked, with why: what the console lists and the export
keeps. In a full room every commitment shares a word with many others ("voisins", "mairie"): 500
commitments make 124,750 pairs, a list nobody reads. `best` looks only at the pairs that share a
telling mark (a word, family or group held by at most COMMON_MAX commitments), through an index,
so its work grows with the room, not with its square.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from itertools import combinations

STOPWORDS = frozenset("""
    avec avoir aussi autre autres avant apres cela celle celles celui ceux cette chez comme dans
    depuis donc elle elles encore entre etre fait faire faut leur leurs mais meme memes moins mon
    nous notre nos pour plus peut pas par quand quel quelle quelles quels sans selon sera sont sous
    tout toute toutes tous tres vers votre vous veux voudrais aimerais ferai vais aller mettre
    premier premiere petit petits petite petites pas chaque semaine mois jour jours annee moi
    about after also been being from have into just more most other over some such than that
    their them then there these they this those very what when where which while will with would
    your want make first small step steps week month
""".split())

WORD = re.compile(r"[a-z0-9]+")

#: The matches one participant is shown, strongest first.
MATCHES_MAX = 10
#: The matches each participant gets in the console and the export, strongest first.
BEST_PER_PERSON = 3
#: A word, family or group held by more commitments than this tells nobody apart: it finds no
#: match on its own (it still counts in a match found through another mark).
COMMON_MAX = 50
#: A post's contact goes only to the authors of its few strongest close matches (mutual interest)…
BEST_PER_POST = 3
#: …and one participant receives at most this many contacts, however many posts they write.
CONTACTS_MAX = 3


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=8192)  # a post's text never changes: find its key words once
def keywords(text: str) -> frozenset[str]:
    words = set()
    for word in WORD.findall(fold(text)):
        if len(word) < 4 or word in STOPWORDS or word.isdigit():
            continue
        if len(word) > 4 and word[-1] in "sx":
            word = word[:-1]
        words.add(word)
    return frozenset(words)


def reasons(a: dict, b: dict) -> dict:
    """Why two posts are linked: `{family, group, words}` (empty when they are not)."""
    why = {}
    if a.get("family_id") and a.get("family_id") == b.get("family_id"):
        why["family_id"] = a["family_id"]
    if a.get("group_id") and a.get("group_id") == b.get("group_id"):
        why["group_id"] = a["group_id"]
    shared = sorted(keywords(a["text"]) & keywords(b["text"]))
    if shared:
        why["words"] = shared
    return why


def _marks(post: dict) -> list[tuple]:
    """What a post holds that another may share: its key words, its family, its group."""
    marks = [("word", word) for word in keywords(post["text"])]
    return marks + [(field, post[field]) for field in ("family_id", "group_id") if post.get(field)]


def _index(posts: list[dict]) -> dict[tuple, list[int]]:
    """Each mark → the positions of the posts that hold it."""
    holders: dict[tuple, list[int]] = {}
    for i, post in enumerate(posts):
        for mark in _marks(post):
            holders.setdefault(mark, []).append(i)
    return holders


def _candidates(posts: list[dict]) -> list[tuple[int, int]]:
    """Positions `(i, j)`, i < j, of the posts that share a key word, a family or a group.

    Through an index of what each post holds, rather than comparing every pair: 500 posts make
    125,000 pairs, of which only those that share something are looked at.
    """
    pairs = set()
    for positions in _index(posts).values():
        pairs.update(combinations(positions, 2))
    return sorted(pairs)


def _link(a: dict, b: dict) -> dict | None:
    """The link from post `a` to post `b` (`{posts, authors, family_id?, group_id?, words?, strength}`),
    or None when they share nothing."""
    why = reasons(a, b)
    if not why:
        return None
    return {"posts": [a["id"], b["id"]], "authors": [a["author"], b["author"]], **why,
            "strength": _strength(a, b, len(why.get("words", [])))}


def _strength(a: dict, b: dict, shared_words: int) -> int:
    """How strong the link between two posts is: 1 for each key word in common, 2 for the same card
    family, 2 for the same group."""
    strength = shared_words
    if a.get("family_id") and a["family_id"] == b.get("family_id"):
        strength += 2
    if a.get("group_id") and a["group_id"] == b.get("group_id"):
        strength += 2
    return strength


def _strongest(link: dict) -> tuple:
    return -link["strength"], link["posts"]


def links(posts: list[dict]) -> list[dict]:
    """Every pair of posts by different authors that share something, strongest first."""
    found = []
    for i, j in _candidates(posts):
        a, b = posts[i], posts[j]
        if a["author"] == b["author"]:
            continue
        link = _link(a, b)
        if link:
            found.append(link)
    found.sort(key=_strongest)
    return found


def best(posts: list[dict], per_person: int = BEST_PER_PERSON) -> list[dict]:
    """Each author's `per_person` strongest matches with other authors, as links from their post
    to the other's (`authors[0]` is the one matched), ranked (`rank` 1 first); by author, then rank.

    Between two people the strongest link between their posts counts; ties go to the earlier
    posts. Only pairs sharing a telling mark (held by at most COMMON_MAX posts) are looked at.
    """
    holders = _index(posts)
    telling = {mark: held for mark, held in holders.items() if 1 < len(held) <= COMMON_MAX}
    words = [keywords(post["text"]) for post in posts]
    strongest: dict = {}  # author -> {other author -> (strength key, own position, other's position)}

    def keep(author, other, key, own, theirs):
        mine = strongest.setdefault(author, {})
        held = mine.get(other)
        if held is None or key < held[0]:
            mine[other] = (key, own, theirs)

    for i, post in enumerate(posts):
        others = {j for mark in _marks(post) for j in telling.get(mark, ()) if j > i}
        for j in others:
            other = posts[j]
            if other["author"] == post["author"]:
                continue
            strength = _strength(post, other, len(words[i] & words[j]))
            # Ties go to the earlier posts, whichever side looks.
            keep(post["author"], other["author"], (-strength, post["id"], other["id"]), i, j)
            keep(other["author"], post["author"], (-strength, other["id"], post["id"]), j, i)
    ranked = []
    for author in sorted(strongest):
        chosen = sorted(strongest[author].values())[:per_person]
        for rank, (_key, own, theirs) in enumerate(chosen, start=1):
            ranked.append({**_link(posts[own], posts[theirs]), "rank": rank})
    return ranked


def close(link: dict) -> bool:
    """Is this link close enough to release a contact? More than one common key word, or a common
    word and the same card family or group: one word in common is a coincidence (or a harvest)."""
    words = len(link.get("words", []))
    return words >= 2 or (words >= 1 and ("family_id" in link or "group_id" in link))


def releases(links: list[dict], mine: set[int]) -> set[int]:
    """The posts of others whose shared contact the author of the posts `mine` may receive.

    A contact goes with a close link only, and only when that link is mutual: among the
    BEST_PER_POST strongest close links of both posts (ties go to the earlier post, so copying the
    words of a commitment afterwards does not push its real matches out). At most CONTACTS_MAX
    posts of others, from different authors, strongest first. A harvester who posts a word or two of
    every commitment gets a handful of contacts at most, and none from the posts it copied late.
    """
    best: dict[int, list[int]] = {}  # post -> the other posts of its strongest close links
    for link in links:  # strongest first
        if not close(link):
            continue
        a, b = link["posts"]
        for post, other in ((a, b), (b, a)):
            chosen = best.setdefault(post, [])
            if len(chosen) < BEST_PER_POST:
                chosen.append(other)
    released: list[int] = []
    authors: set = set()
    for link in links:
        if len(released) >= CONTACTS_MAX:
            break
        a, b = link["posts"]
        if (a in mine) == (b in mine) or not close(link):
            continue
        own, other = (a, b) if a in mine else (b, a)
        author = link["authors"][link["posts"].index(other)]
        if other in released or author in authors:
            continue
        if other in best.get(own, []) and own in best.get(other, []):
            released.append(other)
            authors.add(author)
    return set(released)
