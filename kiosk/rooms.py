"""Socket.IO room names: who receives an event. Never spelled ad hoc elsewhere."""

WALL = "wall"
FACILITATOR = "facilitator"
PHONES = "phones"

#: Everyone: the projector, the console and every phone.
EVERYONE = (WALL, FACILITATOR, PHONES)
#: What the projector and the console show, but phones need not receive.
SCREENS = (WALL, FACILITATOR)


def participant(participant_id) -> str:
    """The room of one participant's phones (a participant may have two tabs open)."""
    return f"participant:{participant_id}"


def group(group_id) -> str:
    """The room of the members of one group."""
    return f"group:{group_id}"


def audience(names) -> frozenset[str]:
    """Which kinds of client may be in these rooms: the wall, the console, phones (a participant's
    room and a group's hold phones). Events to disjoint audiences reach no client in common."""
    return frozenset(name if name in (WALL, FACILITATOR) else PHONES for name in names)
