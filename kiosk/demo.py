"""`--demo`: fill an empty workshop with a sample one to explore (never touches a real one)."""

from __future__ import annotations

import datetime

from . import auth
from .box import Box

PEOPLE = [
    ("Ana", "ana@exemple.fr", True),
    ("Bruno", "", False),
    ("Chloé", "06 12 34 56 78", True),
    ("Djamel", "", False),
    ("Élise", "elise@exemple.fr", False),
    ("François", "", False),
]


ISSUES = [
    "Se déplacer sans voiture dans les villages",
    "Garder des commerces et des services de proximité",
    "Loger les jeunes et les saisonniers",
    "Manger local à la cantine",
]

FAMILIES = ["mobilite-partagee", "agriculture-urbaine", "reemploi-reparation", "energie-citoyenne",
            "echanges-entre-particuliers", "habitat-participatif"]

POSTS = [
    ("Proposer un covoiturage le mardi vers le marché de la ville", True),
    ("Lancer un repair café un samedi par mois à la salle des fêtes", True),
    ("Parler de la centrale villageoise au prochain conseil municipal", False),
]


def fill(box: Box) -> bool:
    """Add the sample workshop; return False (doing nothing) when the workshop already has people."""
    if box.store.read(lambda db: len(db.table("participants"))) > 0:
        return False
    facilitator = auth.Actor(auth.FACILITATOR)
    box.execute(facilitator, "workshop.update", {
        "title": "Inventer votre territoire collaboratif",
        "date": datetime.date.today().isoformat(),
        "territory": "Communauté de communes du Val de l'Ouche",
    })
    people = []
    for name, contact, share in PEOPLE:
        answer = box.execute(auth.ANONYMOUS, "participant.join", {"name": name, "contact": contact, "share_contact": share})
        people.append(auth.Actor(auth.PARTICIPANT, answer["participant"]["id"]))
    for who, text in zip([people[0], people[2], facilitator, people[3]], ISSUES):
        box.execute(who, "issue.propose", {"text": text})
    for who, family in zip(people, FAMILIES):
        box.execute(who, "family.claim", {"family_id": family})
    for who, (text, share) in zip([people[0], people[2], people[4]], POSTS):
        box.execute(who, "wall.post", {"text": text, "share_contact": share})
    box.execute(people[0], "buddy.choose", {"participant_id": people[2].participant_id})
    box.execute(facilitator, "phase.set", {"phase": "issues"})
    return True
