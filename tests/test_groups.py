"""Groups: formed from the top issues, joined from phones, moved and balanced, with a secretary."""

from __future__ import annotations

import pytest
from conftest import refused
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import participants
from kiosk.activities.groups import domain as groups
from kiosk.activities.issues import domain as issues
from kiosk.activities.vote import domain as votes


@pytest.fixture
def db():
    """Six participants; four issues; a closed dots vote ranking Logement, Énergie, Mobilité, Alimentation."""
    db = TinyDB(storage=MemoryStorage)
    for name in ["Ana", "Bruno", "Chloé", "Djamel", "Élise", "François"]:
        participants.join(db, {"name": name})
    for text in ["Mobilité", "Logement", "Alimentation", "Énergie"]:
        issues.propose(db, {"text": text}, None)
    votes.open_vote(db, {"method": "dots", "dots": 3, "max_per_issue": 2})
    for participant, issue_id, dots in [(1, 2, 2), (2, 2, 1), (2, 4, 2), (3, 1, 1)]:
        votes.cast(db, {"issue_id": issue_id, "dots": dots}, participant)
    votes.close_vote(db, {})
    return db


def form(db, count=3):
    return groups.form(db, {"count": count})[0]["groups"]



def members(db):
    return {g["name"]: g["members"] for g in groups.all_groups(db)}


def test_groups_are_formed_one_per_top_issue_in_rank_order(db):
    formed = form(db, 3)
    assert [(g["issue_id"], g["name"]) for g in formed] == [(2, "Logement"), (4, "Énergie"), (1, "Mobilité")]
    assert all(g["members"] == [] and g["secretary"] is None for g in formed)


def test_groups_need_a_closed_vote():
    db = TinyDB(storage=MemoryStorage)
    issues.propose(db, {"text": "Mobilité"}, None)
    refused("no_results", groups.form, db, {"count": 1})
    votes.open_vote(db, {"method": "dots"})
    refused("no_results", groups.form, db, {"count": 1})


@pytest.mark.parametrize("count", [0, 5, "3", None])
def test_a_count_outside_the_issues_is_refused(db, count):
    refused("bad_input", groups.form, db, {"count": count})
    assert groups.all_groups(db) == []


def test_a_participant_is_in_one_group_at_most(db):
    a, b, _ = form(db)
    groups.join(db, {"group_id": a["id"]}, 1)
    groups.join(db, {"group_id": b["id"]}, 1)
    assert members(db) == {"Logement": [], "Énergie": [1], "Mobilité": []}


def test_joining_twice_changes_nothing(db):
    a, _, _ = form(db)
    groups.join(db, {"group_id": a["id"]}, 1)
    _, events = groups.join(db, {"group_id": a["id"]}, 1)
    assert members(db)["Logement"] == [1] and events == []


def test_the_facilitator_moves_someone(db):
    a, b, _ = form(db)
    groups.join(db, {"group_id": a["id"]}, 2)
    groups.join(db, {"group_id": b["id"], "participant_id": 2}, None)
    assert members(db)["Énergie"] == [2]
    refused("not_found", groups.join, db, {"group_id": b["id"], "participant_id": 99}, None)
    refused("not_found", groups.join, db, {"group_id": 99}, 1)


def test_a_member_volunteers_as_secretary_when_there_is_none(db):
    a, _, _ = form(db)
    groups.join(db, {"group_id": a["id"]}, 1)
    groups.join(db, {"group_id": a["id"]}, 2)
    assert groups.set_secretary(db, {"group_id": a["id"], "participant_id": 1}, 1)[0]["group"]["secretary"] == 1
    error = refused("taken", groups.set_secretary, db, {"group_id": a["id"], "participant_id": 2}, 2)
    assert error.values["name"] == "Ana"


def test_a_participant_cannot_name_someone_else_or_volunteer_outside_their_group(db):
    a, _, _ = form(db)
    groups.join(db, {"group_id": a["id"]}, 1)
    refused("forbidden", groups.set_secretary, db, {"group_id": a["id"], "participant_id": 1}, 2)
    refused("not_member", groups.set_secretary, db, {"group_id": a["id"], "participant_id": 3}, 3)


def test_the_facilitator_names_a_secretary_and_moves_them_into_the_group(db):
    a, b, _ = form(db)
    groups.join(db, {"group_id": b["id"]}, 4)
    group = groups.set_secretary(db, {"group_id": a["id"], "participant_id": 4}, None)[0]["group"]
    assert group["secretary"] == 4 and group["members"] == [4]
    assert members(db)["Énergie"] == []
    assert groups.set_secretary(db, {"group_id": a["id"], "participant_id": None}, None)[0]["group"]["secretary"] is None


def test_a_secretary_who_leaves_is_no_longer_secretary(db):
    a, b, _ = form(db)
    groups.join(db, {"group_id": a["id"]}, 1)
    groups.set_secretary(db, {"group_id": a["id"], "participant_id": 1}, 1)
    groups.join(db, {"group_id": b["id"]}, 1)
    assert groups.all_groups(db)[0]["secretary"] is None
    groups.leave(db, {}, 1)
    refused("not_in_group", groups.leave, db, {}, 1)


def test_balancing_places_everyone_and_sizes_differ_by_one_at_most(db):
    a, b, c = form(db)
    for participant in (1, 2, 3, 4):
        groups.join(db, {"group_id": a["id"]}, participant)
    groups.set_secretary(db, {"group_id": a["id"], "participant_id": 4}, None)
    groups.balance(db, {})
    sizes = sorted(len(m) for m in members(db).values())
    assert sizes == [2, 2, 2]
    assert 4 in members(db)["Logement"]  # the secretary stayed
    assert sorted(p for m in members(db).values() for p in m) == [1, 2, 3, 4, 5, 6]


def test_events_reach_the_screens_and_the_phones_concerned(db):
    a, b, _ = form(db)
    groups.join(db, {"group_id": a["id"]}, 1)
    _, events = groups.join(db, {"group_id": b["id"]}, 1)
    rooms_by_group = {e.data["group"]["id"]: set(e.to) for e in events if e.name == "group.updated"}
    assert rooms_by_group[a["id"]] == {"wall", "facilitator", "participant:1"}
    assert rooms_by_group[b["id"]] == {"wall", "facilitator", "participant:1"}


def test_forming_again_starts_afresh(db):
    a, _, _ = form(db)
    groups.join(db, {"group_id": a["id"]}, 1)
    again = form(db, 2)
    assert [g["members"] for g in again] == [[], []]


def test_groups_form_from_the_shown_issues_without_a_vote():
    db = TinyDB(storage=MemoryStorage)
    for text in ["Mobilité", "Logement", "Alimentation"]:
        issues.propose(db, {"text": text}, None)
    issues.set_hidden(db, {"issue_id": 2}, True)
    formed = groups.form(db, {"count": 2, "from": "issues"})[0]["groups"]
    assert [(g["issue_id"], g["name"]) for g in formed] == [(1, "Mobilité"), (3, "Alimentation")]
    refused("bad_input", groups.form, db, {"count": 3, "from": "issues"})  # two issues shown


def test_groups_from_a_source_with_nothing_yet_or_an_unknown_source_are_refused(db):
    refused("no_issues", groups.form, TinyDB(storage=MemoryStorage), {"count": 1, "from": "issues"})
    refused("bad_input", groups.form, db, {"count": 1, "from": "seeds-that-do-not-exist"})
    assert groups.all_groups(db) == []


def test_a_source_of_another_activity_gives_groups_with_their_source():
    @groups.source("test-themes")
    def themes(db):
        return [{"name": "Eau", "source": "test-themes", "source_id": 7}]

    try:
        formed = groups.form(TinyDB(storage=MemoryStorage), {"count": 1, "from": "test-themes"})[0]["groups"]
        assert formed == [{"id": 1, "issue_id": None, "name": "Eau", "members": [], "secretary": None,
                           "source": "test-themes", "source_id": 7}]
        with pytest.raises(RuntimeError, match="registered twice"):
            groups.source("test-themes")(themes)
    finally:
        del groups.SOURCES["test-themes"]


def test_every_phone_hears_who_is_in_every_group_in_one_coalesced_event(db):
    a, b, _ = form(db)
    groups.join(db, {"group_id": a["id"]}, 1)
    _, events = groups.join(db, {"group_id": b["id"]}, 2)
    members_events = [e for e in events if e.name == "groups.members"]
    assert len(members_events) == 1  # one per change, whatever the number of groups touched
    event = members_events[0]
    assert event.to == ("phones",)
    assert {g["id"]: g["members"] for g in event.data["groups"]} == {a["id"]: [1], b["id"]: [2], 3: []}
    # Only the members' names, never a contact: what a phone needs to show who is in.
    assert event.data["names"] == [{"id": 1, "name": "Ana"}, {"id": 2, "name": "Bruno"}]
    from kiosk.events import COALESCE, DELIVERY
    assert DELIVERY["groups.members"] == COALESCE


def test_joining_twice_sends_no_membership_event(db):
    a, _, _ = form(db)
    groups.join(db, {"group_id": a["id"]}, 1)
    _, events = groups.join(db, {"group_id": a["id"]}, 1)
    assert [e.name for e in events] == []
