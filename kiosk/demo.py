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
    for name, contact, share in PEOPLE:
        answer = box.execute(auth.ANONYMOUS, "participant.join", {"name": name, "contact": contact, "share_contact": share})
        assert answer["ok"], answer
    box.execute(facilitator, "phase.set", {"phase": "issues"})
    return True
