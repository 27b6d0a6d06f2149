"""The report-back: each group presents then the room reacts, on a clock the tests move by hand;
the reactions' rules, what the wall and the console see, and what the export keeps."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import events, refused
from pypdf import PdfReader
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from kiosk import auth, export, participants, phases, programmes, rooms, snapshot, timer, workshop
from kiosk.activities.board import domain as board
from kiosk.activities.groups import domain as groups
from kiosk.activities.issues import domain as issues
from kiosk.activities.report import domain as report
from kiosk.activities.vote import domain as votes
from kiosk.errors import KioskError
from kiosk.programmes import Step

ROOT = Path(__file__).resolve().parent.parent
T0 = 1_800_000_000.0
FACILITATOR = auth.Actor(auth.FACILITATOR)
# Ana (1) and Bruno (2) in Mobilité (1), Chloé (3) in Logement (2), Driss (4) in Énergie (3), Élise (5) in none.
NAMES = ["Ana", "Bruno", "Chloé", "Driss", "Élise"]


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    for name in NAMES:
        participants.join(db, {"name": name})
    for text in ["Mobilité", "Logement", "Énergie"]:
        issues.propose(db, {"text": text}, None)
    votes.open_vote(db, {"method": "dots"})
    votes.cast(db, {"issue_id": 1, "dots": 2}, 1)
    votes.cast(db, {"issue_id": 2, "dots": 1}, 1)
    votes.close_vote(db, {})
    groups.form(db, {"count": 3})
    for who, group_id in [(1, 1), (2, 1), (3, 2), (4, 3)]:
        groups.join(db, {"group_id": group_id}, who)
    return db


def react(db, author=3, group_id=1, kind="positive", text="Très clair !", now=T0):
    return report.post(db, {"group_id": group_id, "kind": kind, "text": text}, author, now)


def where(db):
    """(group, part) of the report-back now, or None."""
    view = report.public(db)
    return (view["group_id"], view["part"]) if view else None


# --- The cycle ------------------------------------------------------------------------------------

def test_the_report_back_starts_with_the_first_group_its_board_on_the_wall(db):
    result, evts = report.start(db, {}, None, T0, phases.enter)
    assert result["report"] == {"group_id": 1, "index": 0, "count": 3, "part": "present", "duration_s": 120,
                                "started_at": T0, "ends_at": T0 + 120, "remaining_s": None, "paused": False}
    assert board.shown_on_wall(db) == 1 and workshop.meta(db)["phase"] == "report"
    assert [e.name for e in evts] == ["phase.changed", "wall.board", "report.changed"]
    assert evts[-1].data == {"report": result["report"], "now": T0} and evts[-1].to == rooms.EVERYONE


def test_the_report_step_of_the_programme_gives_the_timings(db):
    step = Step("Restitution", "report", 900, options={"present_s": 180, "react_s": 90})
    result, _ = report.start(db, {}, step, T0, phases.enter)
    assert result["report"]["ends_at"] == T0 + 180
    result, _ = report.next_part(db, {}, T0 + 200)
    assert result["report"]["part"] == "react" and result["report"]["ends_at"] == T0 + 290


def test_next_cycles_present_then_react_for_each_group_then_ends(db):
    report.start(db, {}, None, T0, phases.enter)
    seen = [where(db)]
    for n in range(6):
        report.next_part(db, {}, T0 + 120 * (n + 1))
        seen.append(where(db))
    assert seen == [(1, "present"), (1, "react"), (2, "present"), (2, "react"), (3, "present"), (3, "react"), None]
    assert board.shown_on_wall(db) is None


def test_each_part_starts_its_own_countdown(db):
    report.start(db, {}, None, T0, phases.enter)
    result, evts = report.next_part(db, {}, T0 + 150)
    assert result["report"]["ends_at"] == T0 + 270 and [e.name for e in evts] == ["report.changed"]
    result, evts = report.next_part(db, {}, T0 + 300)
    assert result["report"]["ends_at"] == T0 + 420
    assert [e.name for e in evts] == ["wall.board", "report.changed"] and board.shown_on_wall(db) == 2


def test_the_end_puts_every_board_back_on_the_wall(db):
    report.start(db, {"group_id": 3}, None, T0, phases.enter)
    report.next_part(db, {}, T0)
    result, evts = report.next_part(db, {}, T0)
    assert result["report"] is None
    assert [(e.name, e.data.get("group_id", "-")) for e in evts] == [("wall.board", None), ("report.changed", "-")]


def test_starting_at_a_named_group_and_an_unknown_one(db):
    report.start(db, {"group_id": 2}, None, T0, phases.enter)
    assert where(db) == (2, "present")
    refused("not_found", report.start, db, {"group_id": 9}, None, T0, phases.enter)


def test_no_report_back_without_groups(db):
    db.table("groups").truncate()
    refused("no_groups", report.start, db, {}, None, T0, phases.enter)


def test_next_and_stop_when_it_is_off_are_refused(db):
    refused("no_report", report.next_part, db, {}, T0)
    refused("no_report", report.stop, db, {}, T0)


def test_stop_ends_it_at_once(db):
    report.start(db, {}, None, T0, phases.enter)
    result, evts = report.stop(db, {}, T0)
    assert result["report"] is None and not report.running(db)
    assert [e.name for e in evts] == ["wall.board", "report.changed"]


def test_the_timer_commands_act_on_the_group_while_the_report_back_runs(db):
    programme = programmes.load_programme(ROOT / "decks" / "programmes" / "sharitories.fr.toml")
    timer.go_to(db, programme, {"index": 7}, T0)
    report.start(db, {}, timer.current_step(db, programme), T0, phases.enter)
    result, evts = timer.add_time(db, programme, {"seconds": 60}, T0 + 10)
    assert result["report"]["ends_at"] == T0 + 180 and timer.public(db, programme)["ends_at"] == T0 + 900
    assert [(e.name, e.to) for e in evts] == [("report.changed", rooms.SCREENS)]
    result, _ = timer.add_time(db, programme, {"seconds": 60, "target": "step"}, T0 + 10)
    assert result["step"]["ends_at"] == T0 + 960
    result, _ = timer.pause_timer(db, programme, {}, T0 + 20)
    assert result["report"]["paused"] and result["report"]["remaining_s"] == 160


def test_moving_to_a_step_of_another_phase_ends_the_report_back(db):
    programme = programmes.load_programme(ROOT / "decks" / "programmes" / "sharitories.fr.toml")
    timer.go_to(db, programme, {"index": 7}, T0)
    report.start(db, {}, None, T0, phases.enter)
    _, evts = timer.next_step(db, programme, {}, T0 + 5)
    assert not report.running(db) and board.shown_on_wall(db) is None
    assert [e.name for e in evts] == ["phase.changed", "wall.board", "report.changed", "step.changed"]
    assert evts[2].data == {"report": None, "now": T0 + 5}  # the screens set their clocks by it


# --- Reactions ------------------------------------------------------------------------------------

def test_a_reaction_reaches_the_wall_without_its_author_and_the_console_with_it(db):
    report.start(db, {}, None, T0, phases.enter)
    result, evts = react(db, author=3, group_id=1, kind="improve", text="Chiffrer le budget")
    assert result["reaction"] == {"id": 1, "group_id": 1, "kind": "improve", "text": "Chiffrer le budget"}
    to_wall, to_console = evts
    assert to_wall.to == (rooms.WALL,) and to_wall.data == {"reaction": result["reaction"]}
    assert to_console.to == (rooms.FACILITATOR,) and to_console.data["reaction"]["author"] == 3


def test_no_reaction_before_the_report_back_starts_or_after_it_ends(db):
    refused("no_report", react, db)
    report.start(db, {}, None, T0, phases.enter)
    report.stop(db, {}, T0)
    refused("no_report", react, db)
    assert db.table("reactions").all() == []


def test_a_group_does_not_react_to_itself(db):
    report.start(db, {}, None, T0, phases.enter)
    refused("own_group", react, db, 2, 1)


def test_a_reaction_may_go_to_a_group_that_presented_earlier(db):
    report.start(db, {}, None, T0, phases.enter)
    report.next_part(db, {}, T0)
    report.next_part(db, {}, T0)  # Logement presents now
    result, _ = react(db, author=4, group_id=1)
    assert result["reaction"]["group_id"] == 1


def test_someone_in_no_group_may_react_to_any(db):
    report.start(db, {}, None, T0, phases.enter)
    assert react(db, author=5, group_id=1)[0]["reaction"]["id"] == 1


@pytest.mark.parametrize("payload", [{"group_id": 1, "kind": "bravo", "text": "Super"},
                                     {"group_id": 1, "kind": "positive", "text": "   "},
                                     {"group_id": 1, "kind": "positive", "text": "x" * 281},
                                     {"group_id": 1, "kind": "positive"}])
def test_a_reaction_needs_a_kind_and_a_text_of_280_characters_at_most(db, payload):
    report.start(db, {}, None, T0, phases.enter)
    refused("bad_input", report.post, db, payload, 3, T0)


def test_a_reaction_to_an_unknown_group_is_refused(db):
    report.start(db, {}, None, T0, phases.enter)
    refused("not_found", react, db, 3, 7)


def test_ten_reactions_per_group_at_most(db):
    report.start(db, {}, None, T0, phases.enter)
    for n in range(10):
        react(db, author=3, group_id=1, text=f"Idée {n}")
    refused("too_many", react, db, 3, 1)
    assert react(db, author=3, group_id=3)[0]["reaction"]["group_id"] == 3


def test_a_hidden_reaction_leaves_the_wall_but_stays_for_the_console(db):
    report.start(db, {}, None, T0, phases.enter)
    react(db, text="Hors sujet")
    react(db, text="Bravo")
    result, evts = report.hide(db, {"reaction_id": 1})
    assert evts[0].name == "reaction.hidden" and evts[0].to == rooms.SCREENS
    assert evts[0].data == {"reaction": {"id": 1, "group_id": 1}}
    public = snapshot.public_state(db, None)
    assert [r["text"] for r in public["reactions"]] == ["Bravo"] and "author" not in public["reactions"][0]
    console = snapshot.state_for(db, None, FACILITATOR)
    assert [(r["text"], r["hidden"], r["author"]) for r in console["reactions"]] == [
        ("Hors sujet", True, 3), ("Bravo", False, 3)]
    refused("not_found", report.hide, db, {"reaction_id": 9})


# --- Through the sockets ---------------------------------------------------------------------------

def test_a_phone_reacts_and_the_wall_shows_it_live(actions):
    ana, chloe = actions.phone("Ana"), actions.phone("Chloé")
    facilitator, wall = actions.facilitator(), actions.wall()
    for text in ["Mobilité", "Logement"]:
        assert facilitator.emit("issue.propose", {"text": text}, callback=True)["ok"]
    facilitator.emit("vote.open", {"method": "dots"}, callback=True)
    ana.emit("vote.cast", {"issue_id": 1, "dots": 1}, callback=True)
    facilitator.emit("vote.close", {}, callback=True)
    facilitator.emit("groups.form", {"count": 2}, callback=True)
    ana.emit("group.join", {"group_id": 1}, callback=True)
    chloe.emit("group.join", {"group_id": 2}, callback=True)
    wall.get_received(), chloe.get_received()
    ack = facilitator.emit("report.start", {}, callback=True)
    assert ack["ok"] and ack["report"]["group_id"] == 1
    assert events(chloe, "report.changed")[0]["report"]["group_id"] == 1
    assert events(wall, "wall.board") == [{"group_id": 1, "seq": ack["seq"]}]
    answer = chloe.emit("reaction.post", {"group_id": 1, "kind": "positive", "text": "Très clair", "key": "r1"},
                        callback=True)
    assert answer["ok"] and chloe.emit("reaction.post", {"group_id": 1, "kind": "positive", "text": "Très clair",
                                                         "key": "r1"}, callback=True) == answer
    assert events(wall, "reaction.posted") == [{"reaction": {"id": 1, "group_id": 1, "kind": "positive",
                                                             "text": "Très clair"}, "seq": answer["seq"]}]
    refusal = ana.emit("reaction.post", {"group_id": 1, "kind": "positive", "text": "Nous !"}, callback=True)
    assert refusal["code"] == "own_group" and "votre propre groupe" in refusal["error"]
    wall.emit("state.get", {}, callback=True)
    assert events(wall, "state")[0]["reactions"] == [{"id": 1, "group_id": 1, "kind": "positive", "text": "Très clair"}]


# --- The export ------------------------------------------------------------------------------------

def test_the_export_keeps_the_reactions_with_their_author(db):
    report.start(db, {}, None, T0, phases.enter)
    react(db, author=3, group_id=1, kind="positive", text="Des partenaires bien choisis")
    react(db, author=4, group_id=1, kind="improve", text="=Chiffrer le budget")
    react(db, author=5, group_id=2, kind="improve", text="Hors sujet")
    report.hide(db, {"reaction_id": 3})
    bundle = export.build(export.collect(db, None))
    rows = list(csv.reader(io.StringIO(bundle.files["reactions.csv"].decode("utf-8-sig")), delimiter=";"))
    assert rows == [["N°", "Sous-groupe", "Type", "Réaction", "Auteur", "État"],
                    ["1", "Mobilité", "Point positif", "Des partenaires bien choisis", "Chloé", "affiché"],
                    ["2", "Mobilité", "Piste d’amélioration", "'=Chiffrer le budget", "Driss", "affiché"],
                    ["3", "Logement", "Piste d’amélioration", "Hors sujet", "Élise", "masqué"]]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(bundle.files["report.pdf"])).pages)
    assert "Réactions à la restitution" in text and "Des partenaires bien choisis" in text
    assert "Hors sujet" not in text
    assert [r["text"] for r in export.collect(db, None)["reactions"]][0] == "Des partenaires bien choisis"


def test_the_limit_of_reactions_read_from_the_index_equals_a_count_of_the_table_after_any_sequence(db):
    """Reactions to each group, hides, removed participants and restarts, in a seeded random order:
    whether a reaction is taken (at most PER_GROUP_MAX per person and group), decided from the index
    of the reactions by author, always agrees with a count of every reaction."""
    import random

    from conftest import restarted

    rng = random.Random(17)
    report.start(db, {}, None, T0, phases.enter)
    people = [1, 2, 3, 4, 5]
    taken = 0
    for step in range(400):
        roll = rng.random()
        if roll < 0.8:
            author, group_id = rng.choice(people), rng.choice([1, 2, 3])
            before = db.table("reactions").count((Query().author == author) & (Query().group_id == group_id))
            try:
                react(db, author, group_id, text=f"Réaction {step}")
            except KioskError as error:
                assert error.code in ("own_group", "too_many")
                assert (error.code == "too_many") == (before >= report.PER_GROUP_MAX)
            else:
                assert before < report.PER_GROUP_MAX
                taken += 1
        elif roll < 0.9 and db.table("reactions").all():
            report.hide(db, {"reaction_id": rng.choice(db.table("reactions").all()).doc_id})
        elif roll < 0.93 and len(people) > 2:
            gone = rng.choice(people)
            participants.remove(db, {"participant_id": gone}, report.forget, T0 + step)
            people.remove(gone)
        else:
            db = restarted(db)
    assert taken > 20 and len(db.table("reactions")) == taken
