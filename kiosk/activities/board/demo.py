"""The board's part of the demo: each group places cards of the deck and writes its notes.

The first board step places two cards per group with their steps and partners; a later board
step adds the success factors and the blockers."""

from __future__ import annotations

NOTES = {
    "steps": ["Réunir les habitants intéressés", "Visiter un projet voisin", "Monter une association"],
    "partners": ["La mairie, la communauté de communes", "Le centre social", "Les commerçants du bourg"],
    "success": ["Un porteur motivé et disponible", "Le soutien des élus", "Un premier succès visible"],
    "blockers": ["Le financement de départ", "Le temps des bénévoles", "Trouver un local"],
}


def play(room, step) -> None:
    state = room.state()
    groups = state.get("groups") or []
    cards = [c["id"] for f in (state.get("deck") or {}).get("families", []) for c in f.get("cards", [])]
    if not groups or not cards:
        return
    first = room.visits[step.phase] == 1
    fields = ("steps", "partners") if first else ("success", "blockers")
    boards = state.get("boards") or {}
    for n, group in enumerate(groups):
        writer = room.people[n] if group.get("secretary") is None else _actor(room, group["secretary"])
        placed = [item["card_id"] for item in boards.get(group["id"], boards.get(str(group["id"]), []))]
        if first and not placed:
            for card in (cards[(3 * n) % len(cards)], cards[(3 * n + 7) % len(cards)]):
                room.do(writer, "board.place", {"group_id": group["id"], "card_id": card})
                placed.append(card)
        for k, card in enumerate(placed):
            for field in fields:
                room.do(writer, "board.note", {"group_id": group["id"], "card_id": card, "field": field,
                                               "text": NOTES[field][(n + k) % len(NOTES[field])]})


def _actor(room, participant_id):
    return next(p for p in room.people if room.id_of(p) == participant_id)
