"""The export of a big workshop (issue 17): files sized for a reader, each person's best matches,
the box answering while it runs. The workshop comes from `kiosk.bigroom` (domain calls, one write)."""

from __future__ import annotations

import json
import math
import threading

import pytest
from PIL import Image

from kiosk import benchexport, bigroom, export
from kiosk.activities.vote import export as vote_export
from kiosk.activities.wall import export as wall_export
from kiosk.activities.wall.matches import BEST_PER_PERSON

MID = 150


@pytest.fixture
def mid_room(box):
    made = box.store.write(lambda db: (bigroom.fill(db, box.deck, MID), []))
    assert made == {"participants": MID, "issues": MID, "ballots": 2 * MID, "groups": bigroom.GROUPS, "posts": MID}
    return box


def test_the_generated_room_has_what_issue_17_describes(mid_room):
    state = mid_room.state(export.auth.Actor(export.auth.FACILITATOR))
    vote = state["vote"]
    assert len(vote["issue_ids"]) == MID and sum(r["dots"] for r in vote["results"]) == 3 * MID
    assert len(state["groups"]) == bigroom.GROUPS and all(g["secretary"] for g in state["groups"])
    assert sum(len(g["members"]) for g in state["groups"]) == MID
    assert all(board for board in state["boards"].values())
    assert len(state["posts"]) == MID


def test_a_150_person_export_keeps_each_persons_best_three_matches_and_small_files(mid_room, tmp_path):
    path = export.export_box(mid_room, tmp_path)
    results = json.loads((path / "results.json").read_text(encoding="utf-8"))
    by_person: dict = {}
    for link in results["matches"]:
        by_person.setdefault(link["authors"][0], []).append(link)
    assert len(by_person) == MID  # everyone shares words with someone in this room…
    for person, found in by_person.items():  # …and gets their best three, ranked, with why
        assert [link["rank"] for link in found] == list(range(1, BEST_PER_PERSON + 1))
        assert [link["strength"] for link in found] == sorted((link["strength"] for link in found), reverse=True)
        assert all(link["words"] or link.get("group_id") or link.get("family_id") for link in found)
        assert len({link["authors"][1] for link in found}) == BEST_PER_PERSON and person not in found[0]["authors"][1:]
    assert len(results["matches"]) == MID * BEST_PER_PERSON
    sizes = {f.name: f.stat().st_size for f in path.iterdir()}
    assert sizes["results.json"] < 600_000 and sizes["report.pdf"] < 400_000
    pages = min(math.ceil(MID / wall_export.NOTES_PER_PAGE), wall_export.PAGES_MAX)
    posters = ["wall.png", *(f"wall-{n}.png" for n in range(2, pages + 1))]
    assert sorted(name for name in sizes if name.startswith("wall")) == sorted([*posters, "wall.csv"])
    for name in [*posters, "vote-1.png"]:
        assert sizes[name] < 300_000, name
        with Image.open(path / name) as picture:
            assert picture.width <= 1920 and picture.height <= 3000, name
    with Image.open(path / "vote-1.png") as chart:  # the top results, not 150 rows
        assert chart.height < 130 + (vote_export.CHART_TOP + 2) * 86 + 40


def test_a_phone_is_answered_while_the_big_export_runs(mid_room, actions, tmp_path):
    phone = actions.phone("Zoé")
    done = threading.Event()
    outcome = {}

    def run():
        try:
            outcome["path"] = export.export_box(mid_room, tmp_path)
        finally:
            done.set()

    exporter = threading.Thread(target=run)
    exporter.start()
    answered_during = 0
    while not done.is_set():
        answer = phone.emit("state.get", {}, callback=True)
        assert answer["ok"], answer
        if not done.is_set():
            answered_during += 1
        phone.get_received()
        done.wait(0.25)  # a phone's pace, under the box's limit on repeated commands
    exporter.join()
    assert (outcome["path"] / "report.pdf").exists()
    # The data is copied under the store's lock, then rendered outside it: the phone is answered
    # all along the rendering, which is most of the export.
    assert answered_during >= 5


@pytest.mark.slow
def test_the_export_of_a_500_person_workshop_stays_under_200_mb_in_small_files(tmp_path):
    bigroom.make(tmp_path / "data", 500)
    result = benchexport.measure(tmp_path / "data")
    assert result["peak_rss_mb"] <= benchexport.RSS_TARGET_MB
    files = result["files"]
    assert files["results.json"] < 2_500_000 and files["report.pdf"] < 1_000_000
    assert max(files.values()) < 2_500_000 and result["total_bytes"] < 5_000_000
    assert len([name for name in files if name.endswith(".png")]) == wall_export.PAGES_MAX + 1


@pytest.mark.slow
def test_a_running_box_exports_in_a_process_of_its_own_and_keeps_its_memory(tmp_path):
    """`kiosk bench --export`'s second part, small: a real `kiosk serve` (gevent) on a generated room,
    phones posting while the console downloads the zip."""
    bigroom.make(tmp_path / "data", 60)
    result = benchexport.during(tmp_path / "data", phones=4)
    assert result["phones"] == 4 and result["refused"] == result["unanswered"] == 0
    assert result["ack_ms_during"]["count"] > 0 and result["zip_bytes"] > 100_000
    helper = result["export_process"]
    assert helper["count"] == 1 and helper["peak_rss_mb"] > 0  # the box started one process for the export…
    rss = result["box_rss_mb"]
    assert rss["after"] - rss["before"] < 20  # …and kept none of the rendering's memory
    assert "export process: 1, peak RSS" in benchexport.format_export(
        {"targets": [], "cpu_s": 0, "files": {}, "total_bytes": 0, "box": result})
