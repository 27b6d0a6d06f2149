"""The console's steps: Next starts the step's activity with its options, Back keeps the time a
step had left, a new vote never silently replaces a closed one, and the programme checker reads
the new step options."""

from __future__ import annotations

import pytest
from conftest import events, refused
from test_timer import T0, db, programme  # noqa: F401  (the Sharitories programme and an empty workshop)

from kiosk import instances, participants, programmes, timer, workshop
from kiosk.activities.groups import domain as groups
from kiosk.activities.issues import domain as issues
from kiosk.activities.report import domain as report
from kiosk.activities.review import domain as review
from kiosk.activities.roundtable import domain as roundtable
from kiosk.activities.seeds import domain as seeds
from kiosk.activities.vote import domain as votes
from kiosk.activities.wordcloud import domain as wordcloud
from kiosk.programmes import ProgrammeError

VOTE, GROUPS, REPORT = 2, 3, 7  # the Sharitories steps


def propose(db, *texts):
    for n, text in enumerate(texts, start=1):
        issues.propose(db, {"text": text}, n)


def load(tmp_path, steps: str):
    path = tmp_path / "atelier.fr.toml"
    path.write_text(f'title = "Atelier"\nlang = "fr"\n{steps}', encoding="utf-8")
    return programmes.load_programme(path)


def problems(tmp_path, steps: str) -> list[str]:
    with pytest.raises(ProgrammeError) as error:
        load(tmp_path, steps)
    return error.value.problems


# --- Next starts the step's activity -----------------------------------------------------------------

def test_next_to_the_vote_step_opens_the_vote_with_the_steps_settings(db, programme):
    propose(db, "Mobilité rurale", "Logement des jeunes")
    timer.go_to(db, programme, {"index": VOTE - 1}, T0)
    result, evts = timer.next_step(db, programme, {}, T0 + 10)
    assert "not_started" not in result
    vote = votes.current(db)
    assert (vote["method"], vote["dots"], vote["max_per_issue"], vote["status"]) == ("dots", 3, 2, "open")
    assert [e.name for e in evts][-2:] == ["vote.opened", "step.changed"]


def test_a_majority_vote_step_opens_a_majority_vote(db, tmp_path):
    programme = load(tmp_path, '[[steps]]\ntitle = "Vote"\nminutes = 5\nphase = "vote"\nmethod = "majority"\n')
    propose(db, "Mobilité")
    timer.next_step(db, programme, {}, T0)
    assert votes.current(db)["method"] == "majority"


def test_a_step_whose_activity_cannot_start_still_moves_and_says_why(db, programme):
    timer.go_to(db, programme, {"index": VOTE - 1}, T0)
    result, _ = timer.next_step(db, programme, {}, T0)
    assert result["step"]["index"] == VOTE and workshop.meta(db)["phase"] == "vote"
    assert result["not_started"]["code"] == "no_issues" and votes.current(db) is None


def test_next_forms_the_groups_and_starts_the_report_back(db, programme):
    propose(db, "Mobilité", "Logement", "Énergie", "Alimentation")
    timer.go_to(db, programme, {"index": VOTE}, T0)
    votes.cast(db, {"issue_id": 3, "dots": 2}, 1)
    votes.close_vote(db, {})
    result, _ = timer.next_step(db, programme, {}, T0 + 60)
    assert "not_started" not in result
    assert [g["issue_id"] for g in groups.all_groups(db)] == [3, 1, 2]  # the step's 3, from the ranking
    timer.go_to(db, programme, {"index": REPORT - 1}, T0 + 120)
    timer.next_step(db, programme, {}, T0 + 180)
    started = report.public(db)
    assert started["index"] == 0 and started["part"] == "present" and started["duration_s"] == 120


def test_groups_are_not_formed_while_the_vote_is_open_and_never_formed_again_by_next(db, programme):
    propose(db, "Mobilité", "Logement")
    timer.go_to(db, programme, {"index": VOTE}, T0)
    result, _ = timer.next_step(db, programme, {}, T0 + 10)
    assert result["not_started"]["code"] == "no_results" and groups.all_groups(db) == []
    votes.close_vote(db, {})
    groups.form(db, {"count": 1})
    timer.go_to(db, programme, {"index": VOTE}, T0 + 20)
    timer.next_step(db, programme, {}, T0 + 30)
    assert len(groups.all_groups(db)) == 1  # the facilitator's groups stay


def test_back_does_not_start_the_activity_again(db, programme):
    propose(db, "Mobilité")
    timer.go_to(db, programme, {"index": VOTE}, T0)
    votes.close_vote(db, {})
    closed = votes.current(db).doc_id
    timer.next_step(db, programme, {}, T0 + 10)
    timer.previous_step(db, programme, {}, T0 + 20)
    assert votes.current(db).doc_id == closed and votes.current(db)["status"] == "closed"
    timer.next_step(db, programme, {}, T0 + 30)  # Next again: the closed vote is not replaced
    assert votes.current(db).doc_id == closed


def test_a_word_cloud_step_opens_its_cloud_once(db, tmp_path):
    programme = load(tmp_path, '[[steps]]\ntitle = "Nuage"\nminutes = 3\nphase = "wordcloud"\nprompt = "En un mot ?"\n'
                               '[[steps]]\ntitle = "Accueil"\nminutes = 3\nphase = "welcome"\n')
    timer.next_step(db, programme, {}, T0)
    cloud = instances.current(db, wordcloud.CLOUDS)
    assert cloud["prompt"] == "En un mot ?" and cloud["status"] == "open" and cloud["step"] == 0
    timer.next_step(db, programme, {}, T0 + 10)
    timer.go_to(db, programme, {"index": 0}, T0 + 20)
    assert len(db.table(wordcloud.CLOUDS)) == 1


MORNING = ('[[steps]]\ntitle = "Accueil"\nminutes = 3\nphase = "welcome"\n'
           '[[steps]]\ntitle = "Tour de table"\nminutes = 20\nphase = "roundtable"\norder = "random"\nseconds = 45\n'
           '[[steps]]\ntitle = "État des lieux"\nminutes = 30\nphase = "review"\nprompt = "Sur la mobilité"\n'
           'buckets = ["Freins", "Leviers", "Besoins"]\nmoderation = true\n'
           '[[steps]]\ntitle = "Carnet"\nminutes = 10\nphase = "addressbook"\n'
           '[[steps]]\ntitle = "Graines"\nminutes = 40\nphase = "seeds"\n')


def test_a_review_step_opens_its_review_once_with_the_steps_options(db, tmp_path):
    programme = load(tmp_path, MORNING)
    timer.go_to(db, programme, {"index": 2}, T0)
    opened = instances.current(db, review.REVIEWS)
    assert (opened["prompt"], opened["buckets"], opened["moderation"], opened["status"], opened["step"]) == \
        ("Sur la mobilité", ["Freins", "Leviers", "Besoins"], True, "open", 2)
    review.close_review(db, {})
    timer.next_step(db, programme, {}, T0 + 10)
    timer.previous_step(db, programme, {}, T0 + 20)
    timer.next_step(db, programme, {}, T0 + 30)  # Back then Next: the closed review is finished work
    assert len(db.table(review.REVIEWS)) == 1 and instances.current(db, review.REVIEWS)["status"] == "closed"


def test_a_review_step_closes_the_review_of_an_earlier_step_and_opens_its_own(db, tmp_path):
    programme = load(tmp_path, MORNING)
    earlier = review.open_review(db, {"prompt": "Avant"}, None)[0]["review"]["id"]
    timer.go_to(db, programme, {"index": 2}, T0)
    assert db.table(review.REVIEWS).get(doc_id=earlier)["status"] == "closed"
    assert instances.current(db, review.REVIEWS)["prompt"] == "Sur la mobilité"


def test_a_round_table_step_starts_the_round_in_its_order_with_its_seconds_and_never_again(db, tmp_path):
    programme = load(tmp_path, MORNING)
    for name in ("Ana", "Bruno", "Chloé"):
        participants.join(db, {"name": name})
    timer.next_step(db, programme, {}, T0)
    result, _ = timer.next_step(db, programme, {}, T0 + 10)
    assert "not_started" not in result
    started = roundtable.public(db)
    assert (started["mode"], started["seconds"], started["current"], sorted(started["order"])) == ("random", 45, None, [1, 2, 3])
    roundtable.next_speaker(db, {}, T0 + 20)
    timer.previous_step(db, programme, {}, T0 + 30)
    timer.next_step(db, programme, {}, T0 + 40)  # Back then Next: the round goes on where it was
    assert roundtable.public(db)["current"] == started["order"][0] and roundtable.public(db)["order"] == started["order"]


def test_a_round_table_step_before_anyone_joined_moves_and_says_why(db, tmp_path):
    programme = load(tmp_path, MORNING)
    timer.next_step(db, programme, {}, T0)
    result, _ = timer.next_step(db, programme, {}, T0 + 10)
    assert result["step"]["index"] == 1 and result["not_started"]["code"] == "nobody" and roundtable.public(db) is None


def test_a_seeds_step_opens_a_card_per_group_and_keeps_the_written_ones(db, tmp_path):
    programme = load(tmp_path, MORNING)
    timer.go_to(db, programme, {"index": 3}, T0)
    result, _ = timer.next_step(db, programme, {}, T0 + 10)
    assert result["not_started"]["code"] == "no_groups" and seeds.all_seeds(db) == []
    propose(db, "Mobilité", "Logement")
    votes.open_vote(db, {"method": "dots"})
    votes.close_vote(db, {})
    groups.form(db, {"count": 2})
    timer.previous_step(db, programme, {}, T0 + 20)
    result, _ = timer.next_step(db, programme, {}, T0 + 30)
    assert "not_started" not in result and [s["need"] for s in seeds.all_seeds(db)] == ["Mobilité", "Logement"]
    seeds.edit(db, {"seed_id": 1, "field": "title", "value": "Covoiturage", "version": 0}, None)
    timer.previous_step(db, programme, {}, T0 + 40)
    timer.next_step(db, programme, {}, T0 + 50)
    assert [s["title"] for s in seeds.all_seeds(db)] == ["Covoiturage", ""]


def test_the_round_tables_order_option_is_read(tmp_path):
    programme = load(tmp_path, MORNING)
    assert programme.steps[1].options == {"seconds": 45, "order": "random"}
    found = problems(tmp_path, '[[steps]]\ntitle = "Tour"\nminutes = 5\nphase = "roundtable"\norder = "alpha"\n')
    assert len(found) == 1 and """.order: must be "join" or "random", not 'alpha'""" in found[0], found


# --- Back keeps the time left --------------------------------------------------------------------

def test_back_returns_to_the_previous_step_with_the_time_it_had_left(db, programme):
    timer.go_to(db, programme, {"index": 0}, T0)  # 5 minutes
    timer.next_step(db, programme, {}, T0 + 100)  # left with 200 s
    result, _ = timer.previous_step(db, programme, {}, T0 + 130)
    assert result["step"]["index"] == 0 and result["step"]["ends_at"] == pytest.approx(T0 + 130 + 200)
    # and the step left by Back gets its time back too (it had 270 s of its 300 left)
    result, _ = timer.next_step(db, programme, {}, T0 + 140)
    assert result["step"]["ends_at"] == pytest.approx(T0 + 140 + 270)


def test_a_paused_step_keeps_its_time_left_when_the_programme_moves(db, programme):
    timer.go_to(db, programme, {"index": 0}, T0)
    timer.add_time(db, programme, {"seconds": 60}, T0)
    timer.pause_timer(db, programme, {}, T0 + 60)  # 300 s left
    timer.next_step(db, programme, {}, T0 + 500)
    result, _ = timer.previous_step(db, programme, {}, T0 + 600)
    assert result["step"]["ends_at"] == pytest.approx(T0 + 600 + 300)


# --- A new vote over a closed one ----------------------------------------------------------------

def test_a_new_vote_over_a_closed_one_needs_replace(db):
    propose(db, "Mobilité")
    votes.open_vote(db, {"method": "dots"})
    votes.close_vote(db, {})
    closed = votes.current(db).doc_id
    refused("vote_replace", votes.open_vote, db, {"method": "dots"})
    refused("vote_replace", votes.open_vote, db, {"method": "dots", "replace": False})
    refused("bad_input", votes.open_vote, db, {"method": "dots", "replace": "yes"})
    assert votes.current(db).doc_id == closed
    votes.open_vote(db, {"method": "majority", "replace": True})
    assert votes.current(db)["status"] == "open" and votes.current(db).doc_id != closed


def test_vote_open_over_a_closed_vote_is_refused_in_the_callers_language(actions):
    facilitator, ana = actions.facilitator(), actions.phone("Ana")
    ana.emit("issue.propose", {"text": "Mobilité"}, callback=True)
    assert facilitator.emit("vote.open", {"method": "dots"}, callback=True)["ok"]
    assert facilitator.emit("vote.close", {}, callback=True)["ok"]
    events(ana)
    answer = facilitator.emit("vote.open", {"method": "dots"}, callback=True)
    assert answer["code"] == "vote_replace" and "remplace" in answer["error"]
    assert events(ana, "vote.opened") == []
    assert facilitator.emit("vote.open", {"method": "dots", "replace": True}, callback=True)["ok"]
    assert events(ana, "vote.opened")[0]["vote"]["status"] == "open"


def test_next_answers_why_the_activity_did_not_start_in_the_callers_language(actions):
    facilitator = actions.facilitator()
    for _ in range(VOTE + 1):
        answer = facilitator.emit("programme.next", {}, callback=True)
    assert answer["ok"] and answer["step"]["phase"] == "vote"
    assert answer["not_started"] == "Il n’y a encore aucun enjeu à soumettre au vote."


# --- The programme checker reads the new options ---------------------------------------------------

def test_vote_and_groups_step_options_are_read(tmp_path):
    programme = load(tmp_path, '[[steps]]\ntitle = "Vote"\nminutes = 5\nphase = "vote"\ndots = 5\nmax_per_issue = 3\n'
                               '[[steps]]\ntitle = "Groupes"\nminutes = 2\nphase = "groups"\ngroups = 4\n'
                               '[[steps]]\ntitle = "Vote bis"\nminutes = 5\nphase = "vote"\n')
    assert [s.options for s in programme.steps] == [{"method": "dots", "dots": 5, "max_per_issue": 3}, {"groups": 4},
                                                    {"method": "dots", "dots": 3, "max_per_issue": 2}]
    assert programme.public()["steps"][0]["dots"] == 5


@pytest.mark.parametrize("options, problem", [
    ('method = "gommettes"', ".method: must be \"dots\" or \"majority\", not 'gommettes'"),
    ("dots = 0", ".dots: must be a whole number from 1 to 20"),
    ("dots = 2\nmax_per_issue = 3", ".max_per_issue: must be a whole number from 1 to 2"),
    ('dots = "3"', ".dots: must be a whole number from 1 to 20"),
    ('method = "majority"\ndots = 3', ".dots: only a dots vote has it"),
])
def test_bad_vote_step_options_are_reported(tmp_path, options, problem):
    found = problems(tmp_path, f'[[steps]]\ntitle = "Vote"\nminutes = 5\nphase = "vote"\n{options}\n')
    assert len(found) == 1 and problem in found[0], found


def test_bad_groups_step_options_are_reported(tmp_path):
    found = problems(tmp_path, '[[steps]]\ntitle = "Groupes"\nminutes = 2\nphase = "groups"\ngroups = 13\n'
                               '[[steps]]\ntitle = "Vote"\nminutes = 2\nphase = "vote"\ngroups = 3\n')
    assert any("must be a whole number from 1 to 12" in line for line in found), found
    assert any("only a step of the groups phase has groups" in line for line in found), found


def test_a_second_review_step_on_the_same_buckets_goes_on_with_the_open_review(db, tmp_path):
    review_step = ('[[steps]]\ntitle = "{title}"\nminutes = 30\nphase = "review"\nprompt = "Sur la mobilité"\n'
                   'buckets = ["Freins", "Leviers", "Besoins"]\n')
    programme = load(tmp_path, review_step.format(title="État des lieux") + review_step.format(title="Les besoins")
                     + '[[steps]]\ntitle = "Autre"\nminutes = 10\nphase = "review"\nbuckets = ["Idées"]\n')
    timer.go_to(db, programme, {"index": 0}, T0)
    first = instances.current(db, review.REVIEWS)
    timer.next_step(db, programme, {}, T0 + 10)  # the list of needs: the same review, still open
    assert len(db.table(review.REVIEWS)) == 1 and instances.current(db, review.REVIEWS).doc_id == first.doc_id
    assert instances.current(db, review.REVIEWS)["status"] == "open"
    timer.next_step(db, programme, {}, T0 + 20)  # other buckets: a review of their own
    assert len(db.table(review.REVIEWS)) == 2 and instances.current(db, review.REVIEWS)["buckets"] == ["Idées"]
