"""The statements' part of the demo: the room writes statements, the facilitator moderates them
(one is not kept), everyone answers until nothing is left, and the results go on the wall."""

from __future__ import annotations

#: What a room writes about contributive practices (seed 003), and how much each person agrees:
#: a positive lean agrees more often, a lean near 0 splits the room.
STATEMENTS = [
    ("Contribuer, c'est donner de son temps sans attendre de retour.", 0.9),
    ("Les tiers-lieux sont le cœur des territoires contributifs.", 0.2),
    ("La collectivité doit financer les initiatives citoyennes.", 0.0),
    ("Un pad partagé suffit pour travailler avec un groupe à distance.", -0.8),
    ("Les associations doivent se professionnaliser pour durer.", -0.1),
    ("On apprend mieux à contribuer en le faisant qu'en formation.", 0.8),
]
REJECTED = "Les réunions, c'est nul."


def play(room, step) -> None:
    state = room.state()["statements"]
    if not state["prompt"]:
        room.console("statements.prompt", {"prompt": "Qu'est-ce qui rend un territoire contributif ?"})
    known = {s["text"] for s in state["items"]} | {s["text"] for s in state["pending"]}
    leaning = dict(STATEMENTS)
    for n, (text, _lean) in enumerate(STATEMENTS):
        if text not in known:
            room.do(room.people[n], "statements.propose", {"text": text})
    if REJECTED not in known:
        room.do(room.people[len(STATEMENTS)], "statements.propose", {"text": REJECTED})
    for pending in room.state()["statements"]["pending"]:
        room.console("statements.reject" if pending["text"] == REJECTED else "statements.accept", {"id": pending["id"]})
    for person in room.people[:-3]:  # a few never answer
        me = room.box.state(person)["me"]
        statement = me["statement"]
        while statement is not None:
            lean = leaning.get(statement["text"], 0.3)
            draw = room.rng.random() * 2 - 1
            vote = 0 if abs(draw - lean) < 0.15 else (1 if draw < lean else -1)
            statement = room.do(person, "statements.answer", {"id": statement["id"], "vote": vote})["next"]
    room.console("statements.show", {"shown": True})
