"""The buddies' part of the demo: during the commitments (the wall's step, where its screens show),
pairs choose each other, one person waits for an answer, and the console pairs the rest."""

from __future__ import annotations


def play(room, step) -> None:
    if step.phase != "wall" or room.visits[step.phase] > 1:
        return
    people = room.people
    for n in range(0, min(12, len(people) - 1), 2):
        room.do(people[n], "buddy.choose", {"participant_id": room.id_of(people[n + 1])})
        room.do(people[n + 1], "buddy.choose", {"participant_id": room.id_of(people[n])})
    if len(people) > 13:
        room.do(people[12], "buddy.choose", {"participant_id": room.id_of(people[13])})
