"""Matches: commitments that share a family, a group or key words are linked."""

from __future__ import annotations

import random

import pytest
from itertools import combinations

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import decks, participants
from kiosk.activities.wall import domain as wall
from kiosk.activities.wall import matches as matches_module
from kiosk.activities.wall.matches import (BEST_PER_PERSON, BEST_PER_POST, CONTACTS_MAX, best, close, keywords, links,
                                           reasons, releases)


def post(id_, author, text, **fields):
    return {"id": id_, "author": author, "text": text, "group_id": None, "family_id": None, **fields}


def test_key_words_drop_accents_plurals_and_common_words():
    assert keywords("Créer des jardins partagés avec les voisins") == {"creer", "jardin", "partage", "voisin"}


def test_posts_sharing_a_key_word_are_linked():
    found = links([post(1, 1, "Lancer un jardin partagé"), post(2, 2, "Des jardins pour l'école")])
    assert found == [{"posts": [1, 2], "authors": [1, 2], "words": ["jardin"], "strength": 1}]


def test_posts_sharing_a_family_or_a_group_are_linked():
    found = links([post(1, 1, "Réparer", family_id="reemploi"), post(2, 2, "Donner", family_id="reemploi"),
                   post(3, 3, "Marcher", group_id=4), post(4, 4, "Rouler", group_id=4)])
    assert [(link["posts"], link.get("family_id"), link.get("group_id")) for link in found] == [
        ([1, 2], "reemploi", None), ([3, 4], None, 4)]


def test_an_authors_own_posts_are_not_linked_together():
    assert links([post(1, 1, "Jardin partagé"), post(2, 1, "Jardin partagé encore")]) == []


def test_unrelated_posts_are_not_linked():
    assert links([post(1, 1, "Covoiturage vers la gare"), post(2, 2, "Monnaie locale au marché")]) == []


def test_links_are_those_of_comparing_every_pair():
    words = ["jardin", "vélo", "école", "marché", "voisins", "mairie", "cantine", "quartier"]
    rng = random.Random(8)
    posts = [post(n, rng.randrange(12), " ".join(rng.sample(words, 2)) + f" n° {n}",
                  family_id=rng.choice([None, "mobilite", "alimentation"]), group_id=rng.choice([None, 1, 2]))
             for n in range(1, 60)]
    every_pair = []
    for a, b in combinations(posts, 2):
        why = reasons(a, b) if a["author"] != b["author"] else {}
        if why:
            strength = 2 * ("family_id" in why) + 2 * ("group_id" in why) + len(why.get("words", []))
            every_pair.append({"posts": [a["id"], b["id"]], "authors": [a["author"], b["author"]], **why,
                               "strength": strength})
    every_pair.sort(key=lambda link: (-link["strength"], link["posts"]))
    assert links(posts) == every_pair and every_pair


def test_a_participant_sees_similar_commitments_and_only_shared_contacts(actions):
    ana = actions.phone("Ana", contact="ana@example.fr", share_contact=True)
    bruno = actions.phone("Bruno", contact="bruno@example.fr", share_contact=True)
    chloe = actions.phone("Chloé")
    ana.emit("wall.post", {"text": "Ouvrir un jardin partagé", "share_contact": True}, callback=True)
    bruno.emit("wall.post", {"text": "Un jardin partagé à l'école"}, callback=True)
    chloe.emit("wall.post", {"text": "Covoiturage du marché"}, callback=True)
    seen_by_bruno = bruno.emit("matches.mine", {}, callback=True)["matches"]
    assert [(m["name"], m["contact"], m["words"]) for m in seen_by_bruno] == [
        ("Ana", "ana@example.fr", ["jardin", "partage"])]
    seen_by_ana = ana.emit("matches.mine", {}, callback=True)["matches"]
    assert [(m["name"], m["contact"]) for m in seen_by_ana] == [("Bruno", None)]
    assert chloe.emit("matches.mine", {}, callback=True)["matches"] == []


# --- Contact release: close, mutual, a handful at most ----------------------------------------------

def test_one_common_word_is_not_close_enough_to_release_a_contact():
    assert not close({"words": ["jardin"]})
    assert close({"words": ["jardin", "partage"]})
    assert close({"words": ["jardin"], "family_id": "alimentation"}) and close({"words": ["jardin"], "group_id": 2})
    assert not close({"family_id": "alimentation", "group_id": 2})


FAMILY = "agriculture-urbaine"
DECK = decks.load_deck(decks.find_deck(decks.DEFAULT_DECK, decks.DECKS_DIR))


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    for n in range(1, 30):
        participants.join(db, {"name": f"P{n}", "contact": f"p{n}@example.fr", "share_contact": True})
    return db


def _post(db, author, text, family_id=None):
    payload = {"text": text, "share_contact": True, **({"family_id": FAMILY} if family_id else {})}
    return wall.post(db, payload, author, DECK)[0]["post"]["id"]


def test_one_common_word_shows_the_match_but_not_the_contact(db):
    _post(db, 1, "Un jardin au collège")
    _post(db, 2, "Un jardin sur le toit")
    assert [(m["name"], m["contact"]) for m in wall.similar_for(db, 2)] == [("P1", None)]


def test_a_common_word_and_the_same_family_release_the_contact(db):
    _post(db, 1, "Un jardin au collège", family_id=True)
    _post(db, 2, "Un jardin sur le toit", family_id=True)
    assert [(m["name"], m["contact"]) for m in wall.similar_for(db, 2)] == [("P1", "p1@example.fr")]


def test_a_contact_goes_only_to_the_posts_closest_matches(db):
    for author in range(1, BEST_PER_POST + 3):  # all share the same words with the first post
        _post(db, author, "Un jardin partagé au collège")
    last = BEST_PER_POST + 2
    assert [m["contact"] for m in wall.similar_for(db, last) if m["name"] == "P1"] == [None]
    assert [m["contact"] for m in wall.similar_for(db, 2) if m["name"] == "P1"] == ["p1@example.fr"]


def test_a_harvester_posting_every_commitments_words_gets_no_strangers_contact(db):
    texts = ["Ouvrir un jardin partagé au collège", "Covoiturage solidaire vers la gare",
             "Réparer les vélos du quartier", "Monnaie locale au marché couvert", "Cantine bio pour les écoles"]
    for n, text in enumerate(texts):  # pairs of honest people with close commitments
        _post(db, 1 + 2 * n, text)
        _post(db, 2 + 2 * n, text + " demain")
    harvester = 29
    for text in texts:
        _post(db, harvester, sorted(keywords(text))[0])  # one word of each commitment, one post each…
    _post(db, harvester, " ".join(sorted(keywords(text))[-1] for text in texts))  # …and all in one post
    assert len(wall.similar_for(db, harvester)) >= len(texts)  # the matches show, as names and words
    got = [m["contact"] for m in wall.similar_for(db, harvester) if m["contact"]]
    assert got == []
    assert wall.similar_for(db, 2)[0]["contact"] == "p1@example.fr"  # the honest match still works


def test_a_copier_of_whole_commitments_receives_a_handful_of_contacts_at_most(db):
    for author in range(1, 13):
        _post(db, author, f"Jardin partagé numéro {author}", family_id=True)
    harvester = 20
    for author in range(1, 13):
        _post(db, harvester, f"Jardin partagé numéro {author}", family_id=True)
    assert len([m for m in wall.similar_for(db, harvester) if m["contact"]]) <= CONTACTS_MAX


def test_releases_are_mutual_and_bounded():
    found = links([post(n, n, "jardin partagé collège") for n in range(1, 10)])
    for author in range(1, 10):
        got = releases(found, {author})
        assert len(got) <= min(CONTACTS_MAX, BEST_PER_POST)
        for other in got:
            assert author in releases(found, {other})


# --- Each participant's best few (the console's list and the export's) -----------------------------

ROOM = [
    post(1, 1, "Créer un jardin partagé au collège", group_id=1),        # Ana
    post(2, 2, "Un jardin partagé pour le quartier", group_id=1),        # Bruno
    post(3, 3, "Un composteur au jardin du collège"),                    # Chloé
    post(4, 4, "Covoiturage vers la gare"),                              # Driss
    post(5, 5, "Covoiturage vers le marché", family_id="mobilite"),      # Élise
]


def ranked(found):
    return {(link["authors"][0], link["rank"]): (link["authors"][1], link["strength"], link.get("words"),
                                                 "group_id" in link) for link in found}


def test_each_person_gets_their_strongest_matches_ranked_with_why():
    found = best(ROOM, per_person=2)
    assert ranked(found) == {
        # Ana and Bruno: same group (2) and two words; Ana and Chloé: two words; Bruno and Chloé: one.
        (1, 1): (2, 4, ["jardin", "partage"], True), (1, 2): (3, 2, ["college", "jardin"], False),
        (2, 1): (1, 4, ["jardin", "partage"], True), (2, 2): (3, 1, ["jardin"], False),
        (3, 1): (1, 2, ["college", "jardin"], False), (3, 2): (2, 1, ["jardin"], False),
        (4, 1): (5, 1, ["covoiturage"], False), (5, 1): (4, 1, ["covoiturage"], False),
    }
    assert [link["posts"] for link in found if link["authors"][0] == 1] == [[1, 2], [1, 3]]  # own post first


def test_best_keeps_only_the_few_strongest_per_person():
    crowd = [post(n, n, "Un jardin partagé dans le quartier") for n in range(1, 11)]
    found = best(crowd)
    assert len(found) == 10 * BEST_PER_PERSON
    # Ties go to the earliest posts: everyone's three are the first three others.
    assert [link["authors"][1] for link in found if link["authors"][0] == 5] == [1, 2, 3]


def test_a_person_with_two_posts_counts_once_by_their_strongest_link():
    found = best([post(1, 1, "Un jardin"), post(2, 1, "Un jardin partagé au collège"),
                  post(3, 2, "Un jardin partagé au collège")])
    assert [(link["authors"], link["posts"], link["rank"]) for link in found] == [([1, 2], [2, 3], 1), ([2, 1], [3, 2], 1)]


def test_a_word_nearly_everyone_wrote_finds_no_match_on_its_own(monkeypatch):
    monkeypatch.setattr(matches_module, "COMMON_MAX", 3)
    common = [post(n, n, f"Voisinage {word}") for n, word in enumerate(["alpha", "bravo", "charlie", "delta"], 1)]
    assert best(common) == []  # "voisinage" in 4 posts > 3: it tells nobody apart
    paired = common + [post(5, 5, "Voisinage alpha")]
    assert ranked(best(paired)) == {(1, 1): (5, 2, ["alpha", "voisinage"], False),
                                    (5, 1): (1, 2, ["alpha", "voisinage"], False)}  # found by "alpha", all words count
