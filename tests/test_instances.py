"""Several instances of one activity in a workshop: the latest is current, every one is kept."""

from __future__ import annotations

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import instances
from kiosk.activities.vote import domain as votes


def test_the_latest_instance_is_current_and_every_one_is_kept():
    db = TinyDB(storage=MemoryStorage)
    assert instances.current(db, "clouds") is None and instances.every(db, "clouds") == []
    first = instances.start(db, "clouds", {"prompt": "En un mot ?", "status": "closed"}, step_index=0)
    second = instances.start(db, "clouds", {"prompt": "Et maintenant ?", "status": "open"}, step_index=9)
    assert instances.current(db, "clouds").doc_id == second.doc_id
    assert [(d["prompt"], d["step"]) for d in instances.every(db, "clouds")] == [("En un mot ?", 0),
                                                                                ("Et maintenant ?", 9)]
    assert first.doc_id < second.doc_id


def test_an_instance_outside_the_programme_names_no_step():
    db = TinyDB(storage=MemoryStorage)
    assert "step" not in instances.start(db, "clouds", {"prompt": "?"})


def test_the_export_numbers_the_second_instance_on():
    assert [instances.numbered("words.csv", n) for n in (1, 2, 3)] == ["words.csv", "words-2.csv", "words-3.csv"]
    assert instances.numbered("radar", 2) == "radar-2"


def test_the_vote_is_an_activity_with_instances():
    db = TinyDB(storage=MemoryStorage)
    db.table("votes").insert({"method": "dots", "status": "closed"})
    db.table("votes").insert({"method": "majority", "status": "open"})
    assert votes.current(db)["method"] == "majority"
