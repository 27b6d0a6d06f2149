"""A heavy, realistic workshop written straight into a data directory, for the wall's layout test and
the README's pictures: 60 people (names with accents and emoji), 60 issues of up to 140 characters,
a closed dots vote on 40 of them, a word cloud, 60 address-book cards visible to the room (the first
with its longest structure, what it brings and seeks: the round table's first speaker), a situation
review of 60 notes of up to 200 characters in 5 buckets, 30 statements answered by 12 phones, a moving debate with 16 arguments, 12
criteria rated by everyone, 20 recommendations of up to 200 characters (a third of a few words) in the four quadrants, an analysis grid of 6 axes with 8
practices each and two entries per cell (half of them flagged), 60 examples on 8 tables' pads (two
per table with a title alone), 30 surprises (a third of a few words), 8 project seeds with long fields, a census of
240 initiatives (60 from phones, 180 typed from paper) over 9 themes and the 31 communes, 8 groups with their secretaries, all 10 families
claimed, a 12-card board, the room's reactions, 100 commitments of up to 280 characters (3 pinned),
buddies for everyone. The box process then serves it; the test moves between phases from there.
"""

from __future__ import annotations

import random
from pathlib import Path

from kiosk import auth, participants
from kiosk.activities.census import codes as census_codes
from kiosk.app import create_app

FIRST = ["Ana", "Bruno", "Chloé", "Djamel", "Élise", "François", "Gaëlle", "Hugo", "Inès", "Jean-Baptiste",
         "Karima", "Léo", "Maëlys", "Nicolas", "Océane", "Pierre-Emmanuel", "Quentin", "Rosalie", "Sébastien",
         "Thérèse"]
SUFFIX = ["", " 🌱", " M.", " du Val", " 🚲", " L."]
TOPICS = ["les mobilités douces entre les villages et la gare", "la cantine de l'école et les producteurs du coin",
          "le logement des jeunes, des saisonniers et des aînés", "les commerces et services de proximité",
          "le réemploi, la réparation et les ressourceries", "l'énergie citoyenne sur les toits publics",
          "les jardins partagés au pied des immeubles", "l'accueil des nouveaux habitants et des familles"]
PLACES = ["à Bligny", "au Val", "à Sombernon", "à Pont-de-Pany", "à Fleurey", "à Velars", "à Gissey",
          "à Saint-Victor"]
WORDS = ["solidarité", "vélo", "partage", "jardin", "énergie", "confiance", "marché", "écoute", "lien", "avenir",
         "entraide", "local", "joie 🎉", "circuit court", "tiers-lieu", "covoiturage", "réparer", "culture"]

# What people type when a few words say it: the short cards a wall page holds several of.
SHORT = ["Un vélo-bus pour l'école 🚲", "Une ressourcerie au Val", "Des repas partagés", "Un covoiturage vers la gare",
         "Un marché de producteurs", "La fête des voisins 🎉", "Un atelier de réparation", "Des toits solaires"]

THEME_MIX = [0, 0, 0, 1, 1, 2, 3, 4, 4, 5, 6, 7, 8, 0, 1, 4, 6, 0]  # some themes gather most initiatives


def names(count: int) -> list[str]:
    return [f"{FIRST[n % len(FIRST)]}{SUFFIX[(n // len(FIRST)) % len(SUFFIX)]}" for n in range(count)]


def text(rng: random.Random, n: int, limit: int) -> str:
    """A sentence about the territory, of up to `limit` characters (every fifth one the longest)."""
    base = f"Faire vivre {TOPICS[n % len(TOPICS)]} {PLACES[(n // len(TOPICS)) % len(PLACES)]}"
    if n % 5 == 0:
        filler = " Ensemble, avec les associations, les élus, les habitants et les entreprises du territoire, pas à pas."
        base = (base + filler * 12)[:limit - 1].rstrip() + "…"
    else:
        base = base[:limit]
    return base


def build(data: Path, *, people: int = 60, issues: int = 60, ranked: int = 40, groups: int = 8,
          posts: int = 100, census: int = 240, seed: int = 7, public_url: str = "http://kiosk.test:8765/") -> dict:
    """Fill `data` (a fresh data directory) and return ids the test needs."""
    rng = random.Random(seed)
    app = create_app({"data": str(data), "pin": "482913", "async_mode": "threading",
                      "public_url": public_url})
    box = app.extensions["kiosk_box"]
    boss = auth.Actor(auth.FACILITATOR)
    run = box.execute

    def ok(actor, name, payload):
        answer = run(actor, name, payload)
        assert answer.get("ok", True) is not False, (name, payload, answer)
        return answer

    ok(boss, "workshop.update", {"title": "Inventer ensemble le territoire collaboratif de demain : mobilités, "
                                           "alimentation, logement et énergie 🌍",
                                 "date": "2026-11-30", "territory": "Communauté de communes du Val de l'Ouche"})
    room = []
    for name in names(people):
        answer = ok(auth.ANONYMOUS, "participant.join", {"name": name})
        room.append(auth.Actor(auth.PARTICIPANT, answer["participant"]["id"]))

    ok(boss, "wordcloud.open", {"prompt": "En un mot, ce qui vous amène ce matin ?", "max_words": 3})
    for who in room:
        ok(who, "wordcloud.send", {"words": rng.sample(WORDS, 3)})

    for n, who in enumerate(room):
        longest = n == 0
        ok(who, "addressbook.save", {
            "name": names(people)[n],
            "structure": (("Association intercommunale pour " if longest else "") + TOPICS[n % len(TOPICS)])[:80],
            "role": "Bénévole" if n % 2 else "Chargée de mission",
            "bring": text(rng, 0 if longest else n, 280) if longest or n % 3 == 0 else "",
            "seek": text(rng, 5 if longest else n + 1, 280) if longest or n % 4 == 0 else "",
            "room": True})

    review = ok(boss, "review.open", {"prompt": "Où en est le territoire ? Freins, leviers, besoins 🧭",
                                      "moderation": False})
    buckets = box.state(boss)["review"]["buckets"]
    for n, who in enumerate(room):
        ok(who, "review.post", {"bucket": buckets[n % len(buckets)], "text": text(rng, n, 200)})
    del review

    # The DOMINO method: a moving debate with 16 arguments, 12 criteria rated by the room, 30
    # recommendations spread over the four quadrants.
    ok(boss, "debate.open", {"statement": text(rng, 0, 200)})
    for n, who in enumerate(room):
        ok(who, "debate.take", {"side": ("agree", "doubt", "disagree")[n % 3 if n % 4 else 0]})
        if n % 5 == 0:
            ok(who, "debate.take", {"side": "doubt"})
    for n in range(16):
        ok(boss, "debate.argument", {"side": ("agree", "doubt", "disagree")[n % 3], "text": text(rng, n, 140)})
    criteria = [f"{TOPICS[n % len(TOPICS)][:40]} ({n + 1})" if n % 3 else text(rng, 5 * n // 3, 60) for n in range(12)]
    for n, name in enumerate(criteria):
        ok(boss, "criteria.add", {"name": name, "indicator": text(rng, n, 140)})
    ok(boss, "criteria.open", {})
    for c, item in enumerate(box.state(boss)["criteria"]["items"]):
        for n, who in enumerate(room):
            value = None if (n + c) % 11 == 0 else min(4, max(0, (c % 5) + rng.choice((-2, -1, 0, 0, 1, 2)) * (c % 2)))
            ok(who, "criteria.rate", {"criterion_id": item["id"], "value": value})
    for n in range(20):
        said = SHORT[n % len(SHORT)] if n % 3 == 2 else text(rng, n + 1, 200)
        rec = ok(room[n], "recommendations.propose", {"text": said})["recommendation"]["id"]
        impact, effort = (n % 4) + 1, ((n // 4) % 4) + 1
        for who in room[:12]:
            ok(who, "recommendations.rate", {"recommendation_id": rec, "impact": impact, "effort": effort})
    # 30 statements of up to 140 characters, answered by 12 phones: a third the room agrees on, a
    # third it disagrees with, a third splits it; the wall shows them all as results.
    statement_ids = [ok(boss, "statements.seed", {"text": f"n° {n + 1} : {text(rng, n, 130)}"})["statement"]["id"]
                     for n in range(30)]
    for k, who in enumerate(room[:12]):
        for n, sid in enumerate(statement_ids):
            vote = (1, -1 if k else 1, 1 if k % 2 else -1)[n % 3]
            ok(who, "statements.answer", {"id": sid, "vote": vote})
    ok(boss, "statements.prompt", {"prompt": "Qu'est-ce qui rend un territoire contributif ? 🤝"})
    ok(boss, "statements.show", {"shown": True})

    issue_ids = []
    for n in range(issues):
        issue_ids.append(ok(room[n % people], "issue.propose", {"text": text(rng, n, 140)})["issue"]["id"])
    for issue_id in issue_ids[ranked:]:
        ok(boss, "issue.hide", {"issue_id": issue_id})
    ok(boss, "vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2})
    weights = [1 / (1 + i) for i in range(ranked)]  # a few favourites, a long tail
    for who in room:
        chosen: set[int] = set()
        while len(chosen) < 3:
            chosen.add(rng.choices(range(ranked), weights)[0])
        for index in chosen:
            ok(who, "vote.cast", {"issue_id": issue_ids[index], "dots": 1})
    ok(boss, "vote.close", {})

    # The analysis grid: six axes from the vote, each with eight practices, two entries per cell (up
    # to 200 characters), half of them flagged; written by the facilitator (the groups stay the vote's).
    axes = ok(boss, "grid.validate", {"count": 6})["grid"]["axes"]
    flags = [None, "pepite", None, "opportunite", None, "vigilance"]
    for a, axis in enumerate(axes):
        for r in range(8):
            row = ok(boss, "grid.row", {"axis_id": axis["id"], "practice": f"Pratique {a + 1}.{r + 1} : "
                                                                         f"{TOPICS[(a + r) % len(TOPICS)]}"[:80]})["row"]
            for c, column in enumerate(("examples", "stakes", "innovation", "regulatory", "cultural")):
                for k in range(2):
                    n = a * 80 + r * 10 + c * 2 + k
                    ok(boss, "grid.add", {"row_id": row["id"], "column": column, "text": text(rng, n, 200 if n % 7 else 60),
                                          "flag": flags[n % len(flags)]})
        ok(boss, "grid.resource", {"axis_id": axis["id"], "text": text(rng, a, 200)})

    formed = ok(boss, "groups.form", {"count": groups})["groups"]
    for n, who in enumerate(room):
        ok(boss, "group.join", {"group_id": formed[n % groups]["id"], "participant_id": who.participant_id})
    for n, group in enumerate(formed):
        ok(boss, "group.secretary", {"group_id": group["id"], "participant_id": room[n].participant_id})

    # The société contributive: a pad per group (one remote), a typology sorting most examples,
    # thirty surprises over the groups, forty blockers and triggers.
    ok(boss, "examples.open", {"prompt": "Quels fonctionnements contributifs connaissez-vous ? 🤝"})
    ok(boss, "examples.remote", {"group_id": formed[-1]["id"], "on": True})
    for n, who in enumerate(room):
        if (n // groups) % 3 == 2:  # two per table
            ok(who, "examples.add", {"title": SHORT[n % len(SHORT)]})
        else:
            ok(who, "examples.add", {"title": text(rng, n, 80), "what": text(rng, n + 1, 280), "where": text(rng, n + 2, 80),
                                     "who": text(rng, n + 3, 80)})
    categories = [ok(boss, "examples.category", {"label": text(rng, n, 60)})["category"]["id"] for n in range(6)]
    for n, example in enumerate(box.state(boss)["examples"]["examples"][:45]):
        ok(boss, "examples.sort", {"example_id": example["id"], "category_id": categories[n % 6]})
    ok(boss, "surprises.open", {})
    for n, who in enumerate(room[:30]):
        ok(who, "surprises.post", {"text": SHORT[n % len(SHORT)] if n % 3 == 2 else text(rng, n, 280)})
    ok(boss, "forces.open", {"prompt": "Qu’est-ce qui bloque, qu’est-ce qui déclenche ? ⚖️"})
    for n, who in enumerate(room[:40]):
        ok(who, "forces.add", {"kind": "blocker" if n % 2 else "trigger", "text": text(rng, n, 140),
                               "strength": n % 5 + 1, "actionable": (n * 3) % 5 + 1})

    ok(boss, "seeds.open", {})
    for n, seed in enumerate(box.state(boss)["seeds"]):
        for field, limit in (("title", 80), ("need", 280), ("pitch", 1000), ("first_step", 500),
                             ("who_does_what", 1000), ("meeting_place", 120)):
            ok(boss, "seed.edit", {"seed_id": seed["id"], "field": field, "version": seed["versions"][field],
                                   "value": text(rng, 5 * n if field != "title" else n, limit)})
        ok(boss, "seed.edit", {"seed_id": seed["id"], "field": "meeting_date",
                               "version": seed["versions"]["meeting_date"], "value": "2026-12-14"})
        members = [who for k, who in enumerate(room) if k % groups == n]
        for who in members:
            ok(who, "seed.join", {"seed_id": seed["id"]})
        ok(boss, "seed.referent", {"seed_id": seed["id"], "participant_id": members[0].participant_id})
    seed_ids = [seed["id"] for seed in box.state(boss)["seeds"]]

    ok(boss, "census.open", {})
    form = box.state(boss)["census"]["form"]
    fields = {f["id"]: f for f in form["fields"]}
    themes, communes = fields["theme"]["choices"], fields["commune"]["communes"]
    # The paper forms' codes, drawn at once so that none repeats (one drawn at a time may).
    paper = iter(census_codes.new_codes(max(0, census - people)))
    for n in range(census):
        values = {"name": f"{TOPICS[n % len(TOPICS)].capitalize()[:60]} n° {n + 1}", "theme": themes[THEME_MIX[n % len(THEME_MIX)] % len(themes)],
                  "commune": communes[17 if n % 4 == 0 else (n * 11 + n // 9) % len(communes)]}
        if n < people:
            ok(room[n], "census.add", {"values": values})
        else:
            ok(boss, "census.add", {"values": values, "code": next(paper)})

    deck = box.state(boss)["deck"]
    ok(boss, "families.limit", {"max": 2})
    for n, family in enumerate(deck["families"]):
        for who in room[n * 4:(n + 1) * 4]:
            ok(who, "family.claim", {"family_id": family["id"]})

    cards = [card["id"] for family in deck["families"] for card in family["cards"]]
    first = formed[0]["id"]
    for n, card in enumerate(cards[:12]):
        ok(boss, "board.place", {"group_id": first, "card_id": card})
        for field in ("steps", "partners", "success", "blockers"):
            ok(boss, "board.note", {"group_id": first, "card_id": card, "field": field,
                                    "text": text(rng, n + len(field), 160)})
    for group in formed[1:]:
        for card in rng.sample(cards, 5):
            ok(boss, "board.place", {"group_id": group["id"], "card_id": card})

    ok(boss, "report.start", {"group_id": first})
    others = [who for n, who in enumerate(room) if n % groups != 0]
    for n, who in enumerate(others[:16]):
        ok(who, "reaction.post", {"group_id": first, "kind": "positive" if n % 2 else "improve",
                                  "text": text(rng, n, 200 if n % 3 else 280)})
    ok(boss, "report.stop", {})

    post_ids = []
    for n in range(posts):
        who = room[n % people]
        post_ids.append(ok(who, "wall.post", {"text": f"Je m’engage, n° {n + 1} : {text(rng, n, 255)}"})["post"]["id"])
    for post_id in post_ids[:3]:
        ok(boss, "wall.pin", {"post_id": post_id})
    ok(boss, "buddies.pair_rest", {})
    ok(boss, "phase.set", {"phase": "welcome"})
    tokens = box.store.read(lambda db: [participants.token_of(db, who.participant_id) for who in room[:6]])
    box.store.close()
    return {"first_group": first, "issues": issue_ids, "ranked": issue_ids[:ranked], "tokens": tokens,
            "seeds": seed_ids, "axes": [axis["id"] for axis in axes]}
