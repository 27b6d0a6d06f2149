"""Matches: commitments that share a family, a group or key words are linked."""

from __future__ import annotations

import random
from itertools import combinations

from kiosk.activities.wall.matches import keywords, links, reasons


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
    bruno.emit("wall.post", {"text": "Un jardin à l'école"}, callback=True)
    chloe.emit("wall.post", {"text": "Covoiturage du marché"}, callback=True)
    seen_by_bruno = bruno.emit("matches.mine", {}, callback=True)["matches"]
    assert [(m["name"], m["contact"], m["words"]) for m in seen_by_bruno] == [("Ana", "ana@example.fr", ["jardin"])]
    seen_by_ana = ana.emit("matches.mine", {}, callback=True)["matches"]
    assert [(m["name"], m["contact"]) for m in seen_by_ana] == [("Bruno", None)]
    assert chloe.emit("matches.mine", {}, callback=True)["matches"] == []
