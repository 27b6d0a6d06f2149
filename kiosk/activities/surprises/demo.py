"""The surprises' part of the demo: a member of each table posts what surprised it."""

from __future__ import annotations

TEXTS = [
    "Tant d'exemples contributifs dans un si petit territoire",
    "Les élus présents étaient plus ouverts que prévu",
    "Le mot « contributif » ne veut pas dire la même chose pour tous",
    "La table à distance a apporté les exemples les plus concrets",
    "On a parlé de pouvoir d'agir bien plus que d'argent",
    "Personne ne connaissait la gratuiterie du village voisin",
]


def play(room, step) -> None:
    state = room.state()
    if state.get("surprises") is None or state["surprises"]["status"] != "open":
        room.console("surprises.open")
    n = 0
    for group in room.state()["groups"]:
        members = [p for p in room.people if room.id_of(p) in group["members"]]
        for person in members[:2]:
            room.do(person, "surprises.post", {"text": TEXTS[n % len(TEXTS)]})
            n += 1
