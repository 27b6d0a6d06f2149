"""The wall's spotlight: one item of one activity shown large on the wall, until it is taken off.

The wall's views fit the stage by shrinking, using columns and turning pages; a long text cut in
a crowded view stays reachable: the facilitator shows it alone, large (`wall.spotlight`). The core
names no activity: an activity whose items can be shown says how with `Activity.spotlight(db, deck,
item_id, t)`, which returns the item as plain values for the wall (see `ITEM`) or raises
`KioskError` when there is no such item to show (hidden, withdrawn, not on the wall).

The item is kept under the meta key `spotlight` with the activity, its id and the phase it was
shown in. After every change (`Box.execute`) the box asks the activity again (`refresh`): a +1 or
an edit shows at once, and an item that was hidden or removed leaves the wall, as it does when the
workshop moves to another phase.
"""

from __future__ import annotations

import logging

from tinydb import TinyDB

from . import activities, i18n, rooms, workshop
from .errors import N_, KioskError, bad_input
from .events import Event, event_type

log = logging.getLogger(__name__)

META = "spotlight"
ID_MAX = 100

#: What `Activity.spotlight` returns: `text` (the item's full text, required) and, each optional,
#: `author` (a name the room already sees), `context` (where it belongs: a bucket, a group),
#: `figures` (short texts in the workshop's language: "3rd", "12 dots", "+4"), `parts`
#: (`[{label, text}]`: a card's notes, a seed's fields). Texts come as the participants typed them;
#: labels and figures come through `t` (`i18n.Words`: `gettext`, `ngettext`, `date` in the workshop's language).
ITEM = ("text", "author", "context", "figures", "parts")

SPOTLIGHT_CHANGED = event_type(
    "spotlight.changed",
    "The wall shows one item large, or no longer: `{spotlight}`, `{activity, id, item}` or null (as in the snapshot), "
    "to the wall and the console; sent again when the item changes.")


def hooks() -> dict:
    """The activities whose items can be shown large, by name."""
    return {a.name: a.spotlight for a in activities.ACTIVITIES if a.spotlight is not None}


def current(db: TinyDB) -> dict | None:
    """What the wall shows large: `{activity, id, item}`, or None."""
    kept = workshop.meta(db).get(META)
    return {k: kept[k] for k in ("activity", "id", "item")} if kept else None


def _item_id(payload: dict):
    item_id = payload.get("id")
    if isinstance(item_id, bool) or not (isinstance(item_id, int) and item_id >= 0
                                         or isinstance(item_id, str) and 0 < len(item_id) <= ID_MAX):
        raise bad_input(N_("The field “%(field)s” must be an item's id."), field="id")
    return item_id


def _item(db: TinyDB, deck, name: str, item_id) -> dict:
    """The item as the activity gives it, checked: a text, and nothing but the known fields."""
    t = i18n.Words(workshop.meta(db)["workshop"]["lang"])
    item = hooks()[name](db, deck, item_id, t)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str) or set(item) - set(ITEM):
        raise RuntimeError(f"{name}'s spotlight gave {item!r}: expected a dict of {ITEM} with a text")
    return {k: item[k] for k in ITEM if item.get(k) not in (None, "", [])}


def _changed(shown: dict | None) -> list[Event]:
    return [Event(SPOTLIGHT_CHANGED, {"spotlight": shown}, to=rooms.SCREENS)]


def show(db: TinyDB, deck, payload: dict) -> tuple[dict, list[Event]]:
    """`wall.spotlight {activity, id}`: show that item large; `{activity: null}` (or `{}`) takes it off."""
    name = payload.get("activity")
    if name is None:
        return clear(db)
    if name not in hooks():
        raise bad_input(N_("No item of “%(activity)s” can be shown large: choose one of %(options)s."),
                        activity=str(name)[:40], options=", ".join(hooks()))
    item_id = _item_id(payload)
    shown = {"activity": name, "id": item_id, "item": _item(db, deck, name, item_id)}
    workshop.save(db, {META: {**shown, "phase": workshop.meta(db)["phase"]}})
    return {"spotlight": shown}, _changed(shown)


def clear(db: TinyDB) -> tuple[dict, list[Event]]:
    """Take the item off the wall (nothing shown: nothing changes, no event)."""
    if workshop.meta(db).get(META) is None:
        return {"spotlight": None}, []
    workshop.save(db, {META: None})
    return {"spotlight": None}, _changed(None)


def refresh(db: TinyDB, deck) -> list[Event]:
    """After a change: the item shown as it is now (its +1s, its new wording); off the wall when it
    is gone or hidden, or when the workshop is in another phase. No event when nothing changed."""
    kept = workshop.meta(db).get(META)
    if not kept:
        return []
    if kept.get("phase") != workshop.meta(db)["phase"] or kept["activity"] not in hooks():
        return clear(db)[1]
    try:
        item = _item(db, deck, kept["activity"], kept["id"])
    except KioskError:
        return clear(db)[1]
    except Exception:  # a bug in an activity's hook must not stop every change: the item leaves the wall
        log.exception("the spotlight of %s could not be read again", kept["activity"])
        return clear(db)[1]
    if item == kept["item"]:
        return []
    workshop.save(db, {META: {**kept, "item": item}})
    return _changed(current(db))
