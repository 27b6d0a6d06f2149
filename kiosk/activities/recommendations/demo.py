"""The recommendations' part of the demo: the room proposes, rates impact and effort, two people
volunteer, the facilitator fills in the roadmap's who and when."""

from __future__ import annotations

PROPOSALS = ["Une carte contributive des initiatives du territoire", "Une soirée collaborative chaque trimestre",
             "Un fonds local pour amorcer les projets", "Mutualiser un véhicule entre associations",
             "Former les agents aux pratiques collaboratives", "Un guichet unique pour les porteurs de projets"]
#: Each proposal's usual (impact, effort): one per quadrant, and two the room disagrees on.
LEANING = [(4, 1), (3, 2), (4, 4), (2, 1), (2, 4), (3, 3)]


def play(room, step) -> None:
    state = room.state()["recommendations"]
    if state["status"] != "open":
        room.console("recommendations.open")
    have = {i["text"] for i in state["items"]}
    for n, text in enumerate(PROPOSALS):
        if text not in have:
            room.do(room.people[n % len(room.people)], "recommendations.propose", {"text": text})
    items = {i["text"]: i["id"] for i in room.state()["recommendations"]["items"]}
    for person in room.people[:-3]:
        for text, (impact, effort) in zip(PROPOSALS, LEANING):
            wobble = room.rng.choice((-1, 0, 0, 1))
            room.do(person, "recommendations.rate", {"recommendation_id": items[text],
                                                     "impact": min(4, max(1, impact + wobble)),
                                                     "effort": min(4, max(1, effort - wobble))})
    room.do(room.people[0], "recommendations.volunteer", {"recommendation_id": items[PROPOSALS[0]]})
    room.do(room.people[1], "recommendations.volunteer", {"recommendation_id": items[PROPOSALS[1]]})
    room.console("recommendations.plan", {"recommendation_id": items[PROPOSALS[0]], "who": "Comité d'animation",
                                          "when": "Mars 2027"})
    room.console("recommendations.plan", {"recommendation_id": items[PROPOSALS[1]], "when": "Juin 2027"})
    room.console("recommendations.close")
