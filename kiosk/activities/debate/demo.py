"""The moving debate's part of the demo: the room stands on each statement of the step, the
facilitator notes the arguments heard on each side, and a few people move after each."""

from __future__ import annotations

STATEMENTS = ["Le covoiturage est une pratique collaborative durable.",
              "Une pratique collaborative doit être gratuite pour être durable."]
#: The arguments heard, statement by statement (the last list serves the statements after it).
ARGUMENTS = [
    [("disagree", "Un covoiturage par une plateforme privée reste une affaire de profit"),
     ("agree", "Mettre en commun, c’est déjà consommer moins"), ("doubt", "Tout dépend de qui l’organise")],
    [("agree", "Moins de voitures sur les routes"), ("disagree", "Dépend d’une plateforme privée"),
     ("doubt", "Et quand la plateforme ferme ?")],
    [("agree", "Crée du lien entre voisins"), ("doubt", "Les mêmes personnes viennent toujours"),
     ("disagree", "Le lien ne suffit pas si rien ne change pour l’environnement")],
]
SIDES = ("agree", "doubt", "disagree")


def play(room, step) -> None:
    texts = list(step.options.get("statements") or STATEMENTS)
    standing = room.people[:-2]  # two never take a side
    for n, text in enumerate(texts):
        debate = room.state().get("debate")
        if n > 0 or debate is None or debate["status"] != "open" or debate["text"] != text:
            room.console("debate.open", {"statement": text})
        for person in standing:
            room.do(person, "debate.take", {"side": room.rng.choice(SIDES)})
        for k, (side, argument) in enumerate(ARGUMENTS[min(n, len(ARGUMENTS) - 1)]):
            room.console("debate.argument", {"side": side, "text": argument})
            # Convinced, some move to its side: the first argument heard moves the most, so the line shifts.
            for person in room.rng.sample(standing, k=min(5 if k == 0 else 2, len(standing))):
                room.do(person, "debate.take", {"side": side})
        room.console("debate.close")
