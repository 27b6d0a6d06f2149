"""Groups ("sous-groupes"): one per top issue of the vote, each with members and a secretary.

Groups are formed from a *source* that another activity offers (`SOURCES`): by default the
vote's ranking (one group per top issue); `groups.form {from: "issues"}` makes one per shown
issue without a vote, and an activity that yields themes (project seeds, a grid's axes) adds its
own source the same way. A group from another source than the issues carries `source` and
`source_id` (what it was formed around) instead of an `issue_id`.

A participant is in one group at most. Participants join from their phone; the facilitator can
move people, balance the groups and name secretaries. A secretary who leaves the group stops
being its secretary.
"""

from __future__ import annotations

from typing import Callable

from tinydb import TinyDB

from ... import participants, payloads, rooms, workshop
from ...errors import N_, KioskError
from ...events import COALESCE, Event, event_type

GROUPS_FORMED = event_type("groups.formed", "Groups were formed from the vote's top issues: `{groups}`.")
GROUP_UPDATED = event_type(
    "group.updated", "A group's members or secretary changed: `{group}`, to the screens and the phones concerned.")

GROUPS_MEMBERS = event_type(
    "groups.members",
    "Who is in which group, for every phone (people choose a group partly by who is in it): "
    "`{groups: [{id, members, secretary}], names: [{id, name}]}` (the names of the members), "
    "a few times a second at most.", deliver=COALESCE)

COUNT_MAX = 12

#: Where groups can come from: name -> function(db) giving the candidate groups, best first, each
#: as the fields it starts with (`name`, and `issue_id` or `source`/`source_id`). It raises a
#: KioskError saying what to do first when there is nothing to form groups from.
SOURCES: dict[str, Callable[[TinyDB], list[dict]]] = {}
#: The contract's `groups.form {count}`: one group per top issue of the last closed vote.
DEFAULT_SOURCE = "vote"


def source(name: str):
    """Register the function below as the group source `name` (`groups.form {from: name}`)."""
    def register(candidates):
        if name in SOURCES:
            raise RuntimeError(f"The group source {name!r} is registered twice.")
        SOURCES[name] = candidates
        return candidates

    return register


def public(doc) -> dict:
    view = {"id": doc.doc_id, "issue_id": doc.get("issue_id"), "name": doc["name"], "members": list(doc["members"]),
            "secretary": doc.get("secretary")}
    if doc.get("source"):
        view.update(source=doc["source"], source_id=doc.get("source_id"))
    return view


def all_groups(db: TinyDB) -> list[dict]:
    return [public(doc) for doc in db.table("groups").all()]


def group_of(db: TinyDB, participant_id: int):
    for doc in db.table("groups").all():
        if participant_id in doc["members"]:
            return doc
    return None


def get_group(db: TinyDB, payload: dict):
    return payloads.document(db, "groups", payload, "group_id", N_("This group does not exist."))


def members_event(db: TinyDB) -> Event:
    """Every group's members and secretary, with the members' names, to every phone: coalesced, so
    a rush of joins costs each phone a few small messages a second, whoever is concerned."""
    docs = db.table("groups").all()
    people = (participants.get(db, m) for m in sorted({m for doc in docs for m in doc["members"]}))
    names = [participants.public(person) for person in people if person]
    groups = [{"id": doc.doc_id, "members": list(doc["members"]), "secretary": doc.get("secretary")} for doc in docs]
    return Event(GROUPS_MEMBERS, {"groups": groups, "names": names}, to=(rooms.PHONES,))


def _updated(db: TinyDB, group_ids, concerned) -> list[Event]:
    """One event per changed group, to the screens and to the phones of the people concerned; then
    the members of every group to every phone (coalesced)."""
    events = []
    for group_id in sorted(set(group_ids)):
        doc = db.table("groups").get(doc_id=group_id)
        to = set(rooms.SCREENS) | {rooms.participant(p) for p in set(doc["members"]) | set(concerned)}
        events.append(Event(GROUP_UPDATED, {"group": public(doc)}, to=tuple(sorted(to))))
    if events:
        events.append(members_event(db))
    return events


def form(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`{count, from?}`: one group per top candidate of a source (the vote's ranking by default);
    forming again starts the groups afresh."""
    name = payloads.choice(payload, "from", tuple(SOURCES)) if payload.get("from") is not None else DEFAULT_SOURCE
    candidates = SOURCES[name](db)
    count = payloads.integer(payload, "count", minimum=1, maximum=min(COUNT_MAX, len(candidates)))
    table = db.table("groups")
    table.truncate()
    # New groups reuse the old ids: the wall must not go on showing a former group's board.
    workshop.save(db, {"wall_board": None})
    for fields in candidates[:count]:
        table.insert({**fields, "members": [], "secretary": None})
    groups = all_groups(db)
    return {"groups": groups}, [Event(GROUPS_FORMED, {"groups": groups})]


def _move(db: TinyDB, participant_id: int, target) -> list[int]:
    """Put a participant in `target` (or in no group); return the ids of the groups that changed."""
    changed = []
    table = db.table("groups")
    current = group_of(db, participant_id)
    if current is not None and (target is None or current.doc_id != target.doc_id):
        fields = {"members": [m for m in current["members"] if m != participant_id]}
        if current.get("secretary") == participant_id:
            fields["secretary"] = None
        table.update(fields, doc_ids=[current.doc_id])
        changed.append(current.doc_id)
    if target is not None and participant_id not in target["members"]:
        table.update({"members": [*target["members"], participant_id]}, doc_ids=[target.doc_id])
        changed.append(target.doc_id)
    return changed


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A removed participant leaves their group (and its secretary's seat)."""
    return _updated(db, _move(db, participant_id, None), [])


def join(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """A participant joins a group (leaving their former one); the facilitator names whom to move."""
    target = get_group(db, payload)
    who = participant_id if participant_id is not None else participants.named(db, payload)
    changed = _move(db, who, target)
    doc = db.table("groups").get(doc_id=target.doc_id)
    return {"group": public(doc)}, _updated(db, changed, [who])


def leave(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    who = participant_id if participant_id is not None else participants.named(db, payload)
    if group_of(db, who) is None:
        raise KioskError("not_in_group", N_("You are not in a group."))
    changed = _move(db, who, None)
    return {"group": None}, _updated(db, changed, [who])


def set_secretary(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """The facilitator names (or clears, with null) a group's secretary; a member may volunteer."""
    target = get_group(db, payload)
    changed = [target.doc_id]
    if participant_id is not None:  # a participant, for themself only
        if payload.get("participant_id") != participant_id:
            raise KioskError("forbidden", N_("You can only volunteer yourself as secretary."))
        if participant_id not in target["members"]:
            raise KioskError("not_member", N_("Join this group first to be its secretary."))
        holder = target.get("secretary")
        if holder not in (None, participant_id):
            name = participants.get(db, holder)["name"]
            raise KioskError("taken", N_("This group already has a secretary: %(name)s."), name=name)
        secretary = participant_id
    elif payload.get("participant_id") is None:
        secretary = None
    else:
        secretary = participants.named(db, payload)
        changed += _move(db, secretary, target)
    db.table("groups").update({"secretary": secretary}, doc_ids=[target.doc_id])
    doc = db.table("groups").get(doc_id=target.doc_id)
    return {"group": public(doc)}, _updated(db, changed, [secretary] if secretary else [])


def balance(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """Put everyone without a group into the smallest groups, then even out the sizes.

    Sizes end up differing by one at most. Whoever moves is the latest to have joined a large
    group; a secretary never moves.
    """
    table = db.table("groups")
    groups = {doc.doc_id: dict(doc) for doc in table.all()}
    if not groups:
        raise KioskError("no_groups", N_("Form the groups first."))
    placed = {m for g in groups.values() for m in g["members"]}
    moved: list[int] = []

    def smallest():
        return min(groups, key=lambda gid: (len(groups[gid]["members"]), gid))

    for doc in db.table("participants").all():
        if doc.doc_id not in placed:
            target = groups[smallest()]
            target["members"] = [*target["members"], doc.doc_id]
            moved.append(doc.doc_id)
    while True:
        big = max(groups, key=lambda gid: (len(groups[gid]["members"]), -gid))
        small = smallest()
        movable = [m for m in groups[big]["members"] if m != groups[big].get("secretary")]
        if len(groups[big]["members"]) - len(groups[small]["members"]) <= 1 or not movable:
            break
        person = movable[-1]
        groups[big]["members"] = [m for m in groups[big]["members"] if m != person]
        groups[small]["members"] = [*groups[small]["members"], person]
        moved.append(person)
    changed = []
    for gid, group in groups.items():
        if group["members"] != table.get(doc_id=gid)["members"]:
            table.update({"members": group["members"]}, doc_ids=[gid])
            changed.append(gid)
    return {"groups": all_groups(db)}, _updated(db, changed, moved)


#: The options a programme step of the groups phase may set: Next forms the groups with them.
DEFAULT_COUNT = 3
STEP_KEYS = {"groups": f"how many groups Next forms, one per top result, 1 to {COUNT_MAX} (default {DEFAULT_COUNT})",
             "from": "what the groups are formed from: a group source (\"vote\", the vote's top results, by default; "
                     "issues, tables, typology, forces, or \"grid\", the analysis grid's validated axes)"}


def step_options(reader) -> dict | None:
    """A groups step's settings: `{groups}`, and `from` when the groups come from another source than the vote."""
    value = reader.block.get("groups", DEFAULT_COUNT)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= COUNT_MAX:
        reader.problem("groups", f"must be a whole number from 1 to {COUNT_MAX}, like groups = 3")
        return None
    if not reader.has("from"):
        return {"groups": value}
    if not isinstance(reader.block["from"], str) or reader.block["from"] not in SOURCES:
        reader.problem("from", f"must be one of {', '.join(sorted(SOURCES))}, like from = \"{DEFAULT_SOURCE}\"")
        return None
    return {"groups": value, "from": reader.block["from"]}


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to a groups step: the groups form from the step's source (`from`, the vote's results by
    default; as many as the step says, or as there are results), unless groups exist already: forming
    again is the facilitator's choice (the console's header offers it when the groups came from
    another source)."""
    if len(db.table("groups")):
        return []
    name = step.options.get("from", DEFAULT_SOURCE)
    candidates = SOURCES[name](db)
    return form(db, {"from": name, "count": min(step.options.get("groups", DEFAULT_COUNT), len(candidates))})[1]
