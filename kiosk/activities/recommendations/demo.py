"""The recommendations' part of the demo: the room proposes twelve recommendations and rates
their impact and effort; then (at the programme's last recommendations step) people volunteer and
the facilitator writes the roadmap's who and when for each, and proposals close."""

from __future__ import annotations

#: Each proposal with its usual (impact, effort) (every quadrant, some the room disagrees on), and
#: the roadmap's who and when.
PROPOSALS = [
    ("Une carte contributive des initiatives du territoire", (4, 1), "Comité d'animation", "Mars 2027"),
    ("Une soirée collaborative chaque trimestre", (3, 2), "Conseil de développement", "Juin 2027"),
    ("Un fonds local pour amorcer les projets", (4, 4), "Communauté de communes", "Janvier 2028"),
    ("Mutualiser un véhicule entre associations", (2, 1), "Maison des associations", "Avril 2027"),
    ("Former les agents aux pratiques collaboratives", (2, 4), "Service développement local", "Automne 2027"),
    ("Un guichet unique pour les porteurs de projets", (3, 3), "Communauté de communes", "Septembre 2027"),
    ("Des chantiers participatifs dans les bourgs", (3, 2), "Communes volontaires", "Printemps 2027"),
    ("Ouvrir les salles communales aux collectifs", (3, 1), "Communes volontaires", "Février 2027"),
    ("Un tiers-lieu mobile qui tourne dans les communes", (4, 3), "Comité d'animation", "2028"),
    ("Une lettre d'information des initiatives", (2, 2), "Comité d'animation", "Mai 2027"),
    ("Réserver une part des marchés publics aux coopératives", (3, 4), "Élus du territoire", "2028"),
    ("Recenser chaque année les nouvelles initiatives", (2, 1), "Bénévoles du recensement", "Chaque automne"),
]


def play(room, step) -> None:
    state = room.state()["recommendations"]
    if state["status"] != "open":
        room.console("recommendations.open")
    have = {i["text"] for i in state["items"]}
    if not have:
        for n, (text, *_) in enumerate(PROPOSALS):
            room.do(room.people[n % len(room.people)], "recommendations.propose", {"text": text})
        items = {i["text"]: i["id"] for i in room.state()["recommendations"]["items"]}
        for person in room.people[:-3]:
            for text, (impact, effort), *_ in PROPOSALS:
                wobble = room.rng.choice((-1, 0, 0, 1))
                room.do(person, "recommendations.rate", {"recommendation_id": items[text],
                                                         "impact": min(4, max(1, impact + wobble)),
                                                         "effort": min(4, max(1, effort - wobble))})
    if not room.last_of_phase(step):
        return
    items = {i["text"]: i["id"] for i in room.state()["recommendations"]["items"]}
    for n, (text, _, who, when) in enumerate(PROPOSALS):
        if n < 4:
            room.do(room.people[n], "recommendations.volunteer", {"recommendation_id": items[text]})
        room.console("recommendations.plan", {"recommendation_id": items[text], "who": who, "when": when})
    room.console("recommendations.close")
