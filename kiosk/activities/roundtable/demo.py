"""The round table's part of the demo: the floor goes round the room in joining order, one
person asks to speak later, the facilitator gives the floor out of turn once."""

from __future__ import annotations


def play(room, step) -> None:
    table = room.state().get("roundtable") or {}
    if table.get("done") or table.get("current") is not None:
        return  # the round has been played already
    if not table.get("order"):  # Next starts it on a programme's step; by hand otherwise
        room.console("roundtable.start", {"order": "join"})
    room.console("roundtable.next")
    room.console("roundtable.skip")
    room.console("roundtable.pick", {"participant_id": room.id_of(room.people[-1])})
    while (room.state().get("roundtable") or {}).get("next") is not None:
        room.console("roundtable.next")
