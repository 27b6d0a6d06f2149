"""The word cloud's part of the demo: most of the room sends one to three words to each cloud."""

from __future__ import annotations

#: Words a room sends, with the variants people type (case, accents, plurals) that the cloud groups.
WORDS = [
    "Rencontres", "rencontre", "Coopération", "cooperation", "Réseau", "réseaux", "Curiosité", "Projets",
    "projet", "Territoire", "Mobilité", "Entraide", "Partage", "partager", "Solidarité", "Idées",
    "Agir ensemble", "agir ensemble", "Jeunesse", "Énergie", "Transition", "L'emploi", "Confiance",
    "Écoute", "Convivialité", "Apprendre", "Alimentation locale", "Logement", "Culture", "Envie",
]


def play(room, step) -> None:
    # One cloud per step: Next may have opened it already (with the step's question), else the console does.
    if cloud_count(room) < room.visits[step.phase]:
        room.console("wordcloud.open")
    cloud = room.state()["wordcloud"]
    for n, person in enumerate(room.people[:-4]):  # a few never send anything
        count = 1 + room.rng.randrange(cloud["max_words"])
        words = list(dict.fromkeys(room.rng.choice(WORDS) for _ in range(count)))
        room.do(person, "wordcloud.send", {"words": words})
    state = room.state()["wordcloud"]
    if len(state["words"]) > 2:  # the facilitator hides one word, as a moderation would
        room.console("wordcloud.hide", {"word": state["words"][-1]["key"]})


def cloud_count(room) -> int:
    """How many clouds the workshop has opened so far (the current one included)."""
    state = room.state()
    return len(state.get("wordclouds") or []) + (1 if state.get("wordcloud") else 0)
