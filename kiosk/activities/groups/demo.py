"""The groups' part of the demo: five groups around the top choices, everyone in one, each with a secretary."""

from __future__ import annotations

GROUPS = 5


def play(room, step) -> None:
    groups = room.state().get("groups") or []
    if not groups or room.visits[step.phase] > 1:  # Next may have formed them already
        groups = room.console("groups.form", {"count": GROUPS})["groups"]
    ids = [g["id"] for g in groups]
    for n, person in enumerate(room.people):
        room.do(person, "group.join", {"group_id": ids[n % len(ids)]})
    for n, group_id in enumerate(ids):
        secretary = room.people[n]
        room.do(secretary, "group.secretary", {"group_id": group_id, "participant_id": room.id_of(secretary)})
