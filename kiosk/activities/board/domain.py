"""The group board: the cards a group places as opportunities for its issue, by priority.

Each group has one board: an ordered list of the deck's cards (first = highest priority), each
with four free notes: steps to take, partners to involve, key success factors, blockers (at most
500 characters each). The members of the group (the secretary above all) and the facilitator
change it; anyone else is refused. A card is on a board once: placing it again is refused, so
a member learns that someone else already placed it. A placed card goes last.

The board lives in its group's document (`board` field), so forming the groups again starts
with empty boards. For the report-back the facilitator puts one group's board on the wall
(`wall_board` in the workshop's meta).
"""

from __future__ import annotations

from tinydb import TinyDB

from ... import payloads, rooms, workshop
from ..groups import domain as groups
from ...errors import N_, KioskError, bad_input
from ...events import Event, event_type

BOARD_UPDATED = event_type(
    "board.updated",
    "A group's board changed: `{group_id, board}` (cards in priority order with their notes), "
    "to the wall, the console and the group's members' phones.")
WALL_BOARD = event_type("wall.board", "The wall shows one group's board (or stops, with null): `{group_id}`, to the wall and the console.")

#: The four notes of a placed card, with their labels on screens and, shorter, as the export's
#: column names and report lines (the exported files have always said "Steps").
NOTE_LABELS = {
    "steps": N_("Steps to take"),
    "partners": N_("Partners to involve"),
    "success": N_("Key success factors"),
    "blockers": N_("Blockers"),
}
NOTE_EXPORT_LABELS = {
    "steps": N_("Steps"),
    "partners": N_("Partners"),
    "success": N_("Key success factors"),
    "blockers": N_("Blockers"),
}
NOTE_FIELDS = tuple(NOTE_LABELS)
NOTE_MAX = 500


def _entry(item: dict) -> dict:
    return {"card_id": item["card_id"], **{name: item.get(name, "") for name in NOTE_FIELDS}}


def board_of(doc) -> list[dict]:
    """A group's board, in priority order."""
    return [_entry(item) for item in doc.get("board", [])]


def all_boards(db: TinyDB) -> dict[str, list[dict]]:
    """`{group_id: board}` for every group (JSON object keys are texts)."""
    return {str(doc.doc_id): board_of(doc) for doc in db.table("groups").all()}


def shown_on_wall(db: TinyDB) -> int | None:
    """The group whose board the wall shows, or None (also when that group is gone)."""
    group_id = workshop.meta(db).get("wall_board")
    return group_id if group_id is not None and db.table("groups").contains(doc_id=group_id) else None


def _group(db: TinyDB, payload: dict, participant_id: int | None):
    """The group of the payload, if the caller may change its board (a member, or the facilitator)."""
    doc = groups.get_group(db, payload)
    if participant_id is not None and participant_id not in doc["members"]:
        raise KioskError("not_member", N_("Only the members of this group can change its board: join it first."))
    return doc


def _card_id(deck, payload: dict) -> str:
    card_id = payload.get("card_id")
    if deck is None or not isinstance(card_id, str) or deck.card(card_id) is None:
        raise KioskError("not_found", N_("This card is not in the deck."))
    return card_id


def _position(items: list, card_id: str) -> int:
    for index, item in enumerate(items):
        if item["card_id"] == card_id:
            return index
    raise KioskError("not_found", N_("This card is not on the board."))


def _save(db: TinyDB, doc, items: list[dict]) -> tuple[dict, list[Event]]:
    """Store the board and tell the screens and the group's members."""
    db.table("groups").update({"board": items}, doc_ids=[doc.doc_id])
    board = [_entry(item) for item in items]
    to = (*rooms.SCREENS, *sorted({rooms.participant(m) for m in doc["members"]}))
    data = {"group_id": doc.doc_id, "board": board}
    return dict(data), [Event(BOARD_UPDATED, data, to=to)]


def place(db: TinyDB, deck, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """Put a card of the deck on the group's board, last (lowest priority)."""
    doc = _group(db, payload, participant_id)
    card_id = _card_id(deck, payload)
    items = [dict(item) for item in doc.get("board", [])]
    if any(item["card_id"] == card_id for item in items):
        raise KioskError("duplicate", N_("“%(title)s” is already on the board."), title=deck.card(card_id).title)
    items.append({"card_id": card_id, **{name: "" for name in NOTE_FIELDS}})
    return _save(db, doc, items)


def remove(db: TinyDB, deck, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """Take a card off the board, with its notes."""
    doc = _group(db, payload, participant_id)
    items = [dict(item) for item in doc.get("board", [])]
    del items[_position(items, payload.get("card_id"))]
    return _save(db, doc, items)


def move(db: TinyDB, deck, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """Give a card its priority: `position` 0 is the top of the board."""
    doc = _group(db, payload, participant_id)
    items = [dict(item) for item in doc.get("board", [])]
    at = _position(items, payload.get("card_id"))
    to = _position_in(payload, len(items))
    if to == at:
        return {"group_id": doc.doc_id, "board": board_of(doc)}, []
    items.insert(to, items.pop(at))
    return _save(db, doc, items)


def _position_in(payload: dict, size: int) -> int:
    value = payload.get("position")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
        raise bad_input(N_("The position is a whole number from 0 (top of the board) to %(last)d."), last=size - 1)
    return value


def note(db: TinyDB, deck, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """Write one of a placed card's notes (`steps`, `partners`, `success`, `blockers`); empty clears it.

    `base` is the text the writer started from: when the note changed since (two members writing
    the same note), the save is refused with `conflict`, so the second writer sees the first one's
    text and puts both together; nothing is silently overwritten. Without `base` the text replaces
    the note (the console)."""
    doc = _group(db, payload, participant_id)
    items = [dict(item) for item in doc.get("board", [])]
    at = _position(items, payload.get("card_id"))
    name = payloads.choice(payload, "field", NOTE_FIELDS)
    text = payloads.text(payload, "text", max_len=NOTE_MAX, required=False, multiline=True) or ""
    current = items[at].get(name, "")
    if current == text:
        return {"group_id": doc.doc_id, "board": board_of(doc)}, []
    if "base" in payload:
        base = payloads.text(payload, "base", max_len=NOTE_MAX, required=False, multiline=True) or ""
        if base != current:
            # Someone saved this note since this writer started: their text is not overwritten.
            raise KioskError("conflict", N_("Someone else saved this note while you were writing: “%(current)s”. "
                                            "Your text is still in the box: put both together, then save."),
                             current=current)
    items[at][name] = text
    return _save(db, doc, items)


def show_on_wall(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """The wall shows this group's issue and full board (`group_id: null` goes back to the phase)."""
    group_id = payload.get("group_id")
    if group_id is not None:
        group_id = _group(db, payload, None).doc_id
    workshop.save(db, {"wall_board": group_id})
    return {"group_id": group_id}, [Event(WALL_BOARD, {"group_id": group_id}, to=rooms.SCREENS)]


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """A card of a group's board shown large on the wall (`wall.spotlight` with `id` "<group_id>:<card_id>"): the
    card's title, the group's name, its rank on the board and its notes."""
    group_id, _, card_id = str(item_id).partition(":")
    doc = db.table("groups").get(doc_id=int(group_id)) if group_id.isdigit() else None
    items = doc.get("board", []) if doc is not None else []
    at = next((i for i, item in enumerate(items) if item["card_id"] == card_id), None)
    card = deck.card(card_id) if deck is not None else None
    if at is None or card is None:
        raise KioskError("not_found", N_("This card is not on the board."))
    parts = [{"label": t.gettext(label), "text": items[at].get(name, "")} for name, label in NOTE_LABELS.items()
             if items[at].get(name)]
    return {"text": card.title, "context": doc["name"], "parts": parts,
            "figures": [t.gettext("Priority %(n)d of %(of)d") % {"n": at + 1, "of": len(items)}]}
