"""The force-field board's part of the demo: blockers and triggers from the room, each with its
strength and how far the room can act on it; one the facilitator hides as off topic."""

from __future__ import annotations

#: (kind, text, strength, actionable)
ITEMS = [
    ("blocker", "Des élus qui craignent de perdre la main", 5, 2),
    ("blocker", "Le temps bénévole qui s'épuise", 4, 3),
    ("blocker", "Des financements par appel à projets, au coup par coup", 4, 2),
    ("blocker", "On ne sait pas expliquer le « contributif »", 3, 5),
    ("blocker", "Les outils numériques qui excluent", 3, 4),
    ("trigger", "Un tiers-lieu qui ouvre ses portes", 5, 4),
    ("trigger", "Des formations croisées élus – habitants", 4, 5),
    ("trigger", "Raconter les réussites locales", 3, 5),
    ("trigger", "Une crise qui oblige à coopérer", 4, 1),
    ("trigger", "Des grilles d'analyse partagées", 2, 4),
    ("trigger", "Les gratuiteries du mois", 2, 3),
]


def play(room, step) -> None:
    forces = room.state().get("forces")
    if forces is None or forces["status"] != "open":
        room.console("forces.open")
    for n, (kind, text, strength, actionable) in enumerate(ITEMS):
        room.do(room.people[(n * 3) % len(room.people)], "forces.add",
                {"kind": kind, "text": text, "strength": strength, "actionable": actionable})
    off_topic = room.do(room.people[1], "forces.add", {"kind": "blocker", "text": "Le café est froid", "strength": 1,
                                                       "actionable": 5})["item"]
    room.console("forces.hide", {"item_id": off_topic["id"]})
