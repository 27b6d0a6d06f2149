"""The vote's part of the demo: a dot vote where everyone votes, then closed."""

from __future__ import annotations


def play(room, step) -> None:
    vote = room.state().get("vote")
    if vote is None or vote["status"] != "open":  # Next may have opened it already
        # A closed vote is replaced only on a later vote step, as the console confirms it.
        replace = {"replace": True} if vote is not None else {}
        vote = room.console("vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2, **replace})["vote"]
    choices = vote["issue_ids"]
    # The room leans towards a few choices, as rooms do: each person spreads their dots over two or three.
    favourites = choices[: max(1, len(choices) // 3)]
    for person in room.people:
        left = vote.get("dots", 3)
        picked = list(dict.fromkeys([room.rng.choice(favourites), room.rng.choice(choices), room.rng.choice(choices)]))
        for issue_id in picked:
            dots = min(left, vote.get("max_per_issue", 1), 1 + room.rng.randrange(2))
            if dots <= 0:
                break
            room.do(person, "vote.cast", {"issue_id": issue_id, "dots": dots})
            left -= dots
    room.console("vote.close")
