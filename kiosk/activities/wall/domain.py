"""The commitments wall ("mur des engagements"): first small steps posted from phones.

A post is at most 280 characters, optionally tied to the author's group and to a card family,
optionally sharing the author's contact with those whose commitments match. The facilitator sees
every post live and can hide, restore and pin; with pre-moderation on, posts wait for approval.
Whatever a participant typed is kept as text: the screens render it as text, never markup.
"""

from __future__ import annotations

import time

from tinydb import Query, TinyDB

from ... import derived, participants, payloads, rooms, workshop
from ..groups import domain as groups
from . import matches
from ...errors import N_, KioskError, bad_input
from ...events import Event, event_type

WALL_POSTED = event_type(
    "wall.posted", "A new commitment: `{post}` to the wall when shown; the console and the author get it with `status`.")
WALL_UPDATED = event_type(
    "wall.updated", "A post was hidden, shown (approved or restored) or pinned: `{post, hidden?}`; a hidden one leaves the wall.")
WALL_PREMODERATION = event_type("wall.premoderation", "Pre-moderation turned on or off: `{premoderation}` (console).")
WALL_MODE = event_type("wall.mode", "The wall switched between the notes grid and the slideshow: `{mode}`.")

TEXT_MAX = 280
PER_PARTICIPANT_MAX = 20
MODES = ("grid", "slideshow")
SHOWN, PENDING, HIDDEN = "shown", "pending", "hidden"


def public(doc) -> dict:
    return {"id": doc.doc_id, "text": doc["text"], "author": doc["author"], "group_id": doc.get("group_id"),
            "family_id": doc.get("family_id"), "pinned": bool(doc.get("pinned"))}


def private(doc) -> dict:
    return {**public(doc), "status": doc["status"], "share_contact": bool(doc.get("share_contact")),
            "created": doc.get("created")}


def shown(db: TinyDB) -> list:
    """Posts on the wall: pinned first, then in the order they came."""
    docs = db.table("posts").search(Query().status == SHOWN)
    return sorted(docs, key=lambda d: (not d.get("pinned"), d.doc_id))


def authored(db: TinyDB, author: int) -> list:
    """`author`'s posts, whatever their status, oldest first (`me.posts`), from the index of the posts by
    author (`kiosk.derived.by_field`): a post costs what it adds, not a reading of every post."""
    table = db.table("posts")
    return [table.get(doc_id=doc_id) for doc_id in derived.by_field(db, "posts", "author").get(author, [])]


def settings(db: TinyDB) -> dict:
    doc = workshop.meta(db)
    return {"premoderation": doc.get("premoderation", False), "mode": doc.get("wall_mode", "grid")}


def _get(db: TinyDB, payload: dict):
    return payloads.document(db, "posts", payload, "post_id", N_("This post does not exist."))


def _events(doc, name: str) -> list[Event]:
    """The wall sees shown posts (and hears when one leaves); the console and the author see all."""
    author = rooms.participant(doc["author"])
    events = [Event(name, {"post": private(doc)}, to=(rooms.FACILITATOR, author))]
    if doc["status"] == SHOWN:
        events.append(Event(name, {"post": public(doc)}, to=(rooms.WALL,)))
    elif name == WALL_UPDATED:
        events.append(Event(name, {"post": {"id": doc.doc_id}, "hidden": True}, to=(rooms.WALL,)))
    return events


def post(db: TinyDB, payload: dict, author: int, deck=None) -> tuple[dict, list[Event]]:
    text = payloads.text(payload, "text", max_len=TEXT_MAX, label=N_("commitment"), multiline=True)
    share = payloads.boolean(payload, "share_contact")
    group_id = payload.get("group_id")
    family_id = payload.get("family_id")
    if group_id is not None:
        group = groups.group_of(db, author)
        if group is None or group.doc_id != group_id:
            raise bad_input(N_("A commitment can only be tied to your own group."))
    if family_id is not None and (deck is None or deck.family(family_id) is None):
        raise bad_input(N_("This family is not in the deck."))
    me = participants.get(db, author)
    if share and not (me and me.get("contact")):
        raise bad_input(N_("To share a contact, write one first."))
    if len(derived.by_field(db, "posts", "author").get(author, [])) >= PER_PARTICIPANT_MAX:
        raise KioskError("too_many", N_("You have posted %(max)d commitments already: that is the most."),
                         max=PER_PARTICIPANT_MAX)
    status = PENDING if settings(db)["premoderation"] else SHOWN
    doc_id = db.table("posts").insert({"text": text, "author": author, "group_id": group_id,
                                       "family_id": family_id, "share_contact": share, "status": status,
                                       "pinned": False, "created": time.time()})
    derived.filed(db, "posts", "author", doc_id, derived.NEW, author)
    doc = db.table("posts").get(doc_id=doc_id)
    return {"post": {"id": doc_id, "text": text}, "status": status}, _events(doc, WALL_POSTED)


def _set(db: TinyDB, payload: dict, **fields) -> tuple[dict, list[Event]]:
    doc = _get(db, payload)
    db.table("posts").update(fields, doc_ids=[doc.doc_id])
    doc = db.table("posts").get(doc_id=doc.doc_id)
    return {"post": private(doc)}, _events(doc, WALL_UPDATED)


def hide(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    return _set(db, payload, status=HIDDEN)


def restore(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """Show a hidden or pending post (approving it when pre-moderation held it)."""
    return _set(db, payload, status=SHOWN)


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A removed participant's posts leave the wall (hidden: the console and the export keep them,
    marked, without the contact, which leaves with its owner)."""
    events = []
    for doc in db.table("posts").search(Query().author == participant_id):
        if doc["status"] != HIDDEN:
            events += hide(db, {"post_id": doc.doc_id})[1]
    return events


def pin(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    return _set(db, payload, pinned=payloads.boolean(payload, "pinned", default=True))


def set_premoderation(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    on = payloads.boolean(payload, "on")
    workshop.save(db, {"premoderation": on})
    return {"premoderation": on}, [Event(WALL_PREMODERATION, {"premoderation": on}, to=(rooms.FACILITATOR,))]


def set_mode(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    mode = payloads.choice(payload, "mode", MODES)
    workshop.save(db, {"wall_mode": mode})
    return {"mode": mode}, [Event(WALL_MODE, {"mode": mode}, to=rooms.SCREENS)]


def similar_for(db: TinyDB, participant_id: int) -> list[dict]:
    """Shown posts of others linked to one of this participant's (at most `matches.MATCHES_MAX`),
    with the contact their author shared only where `matches.releases` allows it: a close match
    (more than one common word), mutual (each post among the other's few best), and never more
    than `matches.CONTACTS_MAX` contacts to one participant."""
    docs = shown(db)
    posts = [public(doc) for doc in docs]
    by_id = {doc.doc_id: doc for doc in docs}
    mine = {p["id"] for p in posts if p["author"] == participant_id}
    if not mine:
        return []
    links = matches.links(posts)
    released = matches.releases(links, mine)
    found, seen, people = [], set(), {}
    for link in links:
        a, b = link["posts"]
        if (a in mine) == (b in mine):
            continue
        other = b if a in mine else a
        if other in seen:
            continue
        seen.add(other)
        doc = by_id[other]
        if doc["author"] not in people:
            people[doc["author"]] = participants.get(db, doc["author"])
        person = people[doc["author"]]
        contact = person.get("contact") if person and doc.get("share_contact") and other in released else None
        reasons = {k: v for k, v in link.items() if k in ("family_id", "group_id", "words")}
        found.append({"post": public(doc), "name": person["name"] if person else "", "contact": contact or None,
                      **reasons})
        if len(found) >= matches.MATCHES_MAX:
            break
    return found


def best_matches(db: TinyDB) -> list[dict]:
    """Each participant's few strongest matches among the shown posts (`matches.best`): the console's
    list and the export's."""
    return matches.best([public(doc) for doc in shown(db)])


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """A commitment shown large on the wall (`wall.spotlight`): its full text, its author, its group."""
    doc = payloads.document(db, "posts", {"id": item_id}, "id", N_("This commitment is not on the wall."))
    if doc["status"] != SHOWN:
        raise KioskError("not_found", N_("This commitment is not on the wall."))
    author = participants.get(db, doc["author"])
    group = db.table("groups").get(doc_id=doc["group_id"]) if doc.get("group_id") else None
    return {"text": doc["text"], "author": author["name"] if author else None,
            "context": group["name"] if group else None}
