"""The moving debate's part of the demo: the room stands on each statement of the step, a few move
after the arguments the facilitator notes."""

from __future__ import annotations

STATEMENTS = ["Le covoiturage est une pratique collaborative durable.",
              "Une pratique collaborative doit être gratuite pour être durable."]
ARGUMENTS = [("agree", "Moins de voitures sur les routes"), ("disagree", "Dépend d'une plateforme privée"),
             ("doubt", "Tout dépend de qui l'organise"), ("agree", "Crée du lien entre voisins")]


def play(room, step) -> None:
    texts = list(step.options.get("statements") or STATEMENTS)
    for n, text in enumerate(texts):
        debate = room.state().get("debate")
        if n > 0 or debate is None or debate["status"] != "open" or debate["text"] != text:
            room.console("debate.open", {"statement": text})
        sides = ("agree", "doubt", "disagree")
        for person in room.people[:-2]:  # two never take a side
            room.do(person, "debate.take", {"side": room.rng.choice(sides)})
        for side, argument in ARGUMENTS[n % 2::2] + ARGUMENTS[:1]:
            room.console("debate.argument", {"side": side, "text": argument})
            for person in room.rng.sample(room.people[:-2], k=min(3, len(room.people) - 2)):
                room.do(person, "debate.take", {"side": side})
        room.console("debate.close")
