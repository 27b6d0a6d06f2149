"""The groups' part of the demo: five groups around the top choices (or from the step's source), everyone in one,
each with a secretary."""

from __future__ import annotations

GROUPS = 5


def play(room, step) -> None:
    groups = room.state().get("groups") or []
    source = step.options.get("from")
    other = source is not None and groups and groups[0].get("source") != source  # the step's own source
    if not groups or room.visits[step.phase] > 1 or other:  # Next may have formed them already
        groups = room.console("groups.form", {"count": GROUPS, **({"from": source} if source else {})})["groups"]
    ids = [g["id"] for g in groups]
    for n, person in enumerate(room.people):
        room.do(person, "group.join", {"group_id": ids[n % len(ids)]})
    for n, group_id in enumerate(ids):
        secretary = room.people[n]
        room.do(secretary, "group.secretary", {"group_id": group_id, "participant_id": room.id_of(secretary)})
