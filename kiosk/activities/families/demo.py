"""The families' part of the demo: every family of the deck claimed, some by two or three experts."""

from __future__ import annotations


def play(room, step) -> None:
    state = room.state()
    families = [f["id"] for f in (state.get("deck") or {}).get("families", [])]
    if not families:
        return
    for n, person in enumerate(room.people):
        if n < len(families) or n % 3:  # every family first, then two people in three
            room.do(person, "family.claim", {"family_id": families[n % len(families)]})
