"""Rules of the two tallies: dots ("gommettes") and majority judgment ("jugement majoritaire")."""

import pytest

from kiosk.activities.vote.tally import GRADES, majority_value, median_grade, tally_dots, tally_majority


def ballots_from_counts(table):
    """{issue_id: {grade: n}} -> majority ballots, one made-up participant per grade given."""
    ballots = []
    for issue_id, counts in table.items():
        for grade, n in counts.items():
            ballots += [(f"{issue_id}-{grade}-{k}", issue_id, grade) for k in range(n)]
    return ballots


def order(results):
    return [r["issue_id"] for r in results]


def ranks(results):
    return {r["issue_id"]: r["rank"] for r in results}


# --- Dots ---------------------------------------------------------------------------------------

def test_dots_are_summed_per_issue_and_sorted_most_first():
    ballots = [("p1", "a", 1), ("p1", "b", 2), ("p2", "b", 1), ("p2", "a", 1), ("p3", "a", 2)]
    assert tally_dots(["a", "b"], ballots) == [
        {"issue_id": "a", "rank": 1, "dots": 4},
        {"issue_id": "b", "rank": 2, "dots": 3},
    ]


def test_dots_ties_share_a_rank_and_the_next_rank_skips():
    ballots = [("p1", "a", 2), ("p2", "b", 2), ("p3", "c", 1), ("p4", "c", 1), ("p5", "d", 1)]
    results = tally_dots(["d", "a", "b", "c"], ballots)
    assert [(r["issue_id"], r["rank"], r["dots"]) for r in results] == [
        ("a", 1, 2), ("b", 1, 2), ("c", 1, 2), ("d", 4, 1),
    ]


def test_dots_tied_issues_keep_the_order_of_issue_ids():
    ballots = [("p1", "x", 1), ("p1", "y", 1), ("p1", "z", 1)]
    assert order(tally_dots(["z", "x", "y"], ballots)) == ["z", "x", "y"]
    assert order(tally_dots(["y", "z", "x"], ballots)) == ["y", "z", "x"]


def test_dots_issues_without_dots_are_listed_last_with_zero():
    results = tally_dots(["a", "b", "c"], [("p1", "b", 1), ("p2", "c", 0)])
    assert [(r["issue_id"], r["rank"], r["dots"]) for r in results] == [
        ("b", 1, 1), ("a", 2, 0), ("c", 2, 0),
    ]


def test_dots_with_no_ballot_list_every_issue_tied_first():
    assert tally_dots(["a", "b"], []) == [
        {"issue_id": "a", "rank": 1, "dots": 0},
        {"issue_id": "b", "rank": 1, "dots": 0},
    ]


def test_dots_for_an_unknown_issue_are_ignored():
    results = tally_dots(["a"], [("p1", "a", 1), ("p1", "hidden", 3)])
    assert results == [{"issue_id": "a", "rank": 1, "dots": 1}]


def test_dots_a_later_ballot_replaces_the_participants_earlier_one():
    # vote.cast *sets* this participant's dots on the issue.
    results = tally_dots(["a"], [("p1", "a", 2), ("p1", "a", 1), ("p2", "a", 1)])
    assert results[0]["dots"] == 2


def test_dots_negative_count_is_refused():
    with pytest.raises(ValueError):
        tally_dots(["a"], [("p1", "a", -1)])


# --- Majority judgment: median and majority value ------------------------------------------------

def test_grades_are_the_seven_contract_grades_best_first():
    assert GRADES == ("excellent", "tres_bien", "bien", "assez_bien", "passable",
                      "insuffisant", "a_rejeter")


def test_median_of_an_odd_count_is_the_middle_grade():
    assert median_grade({"excellent": 1, "bien": 1, "a_rejeter": 1}) == "bien"


def test_median_of_an_even_count_is_the_lower_of_the_two_middle_grades():
    assert median_grade({"excellent": 1, "a_rejeter": 1}) == "a_rejeter"
    assert median_grade({"tres_bien": 2, "bien": 2}) == "bien"
    assert median_grade({"excellent": 3, "passable": 1, "insuffisant": 2}) == "passable"


def test_median_needs_a_strict_majority_at_or_above_it():
    # 3 of 6 grades are "excellent": not a majority, so the median is the next grade down.
    assert median_grade({"excellent": 3, "a_rejeter": 3}) == "a_rejeter"
    assert median_grade({"excellent": 4, "a_rejeter": 3}) == "excellent"


def test_median_of_no_grade_is_none():
    assert median_grade({}) is None
    assert median_grade({"bien": 0}) is None


def test_median_rejects_an_unknown_grade():
    with pytest.raises(ValueError):
        median_grade({"superbe": 1})


def test_majority_value_lists_successive_lower_medians():
    # excellent, bien, bien, passable -> median bien; remove it: excellent, bien, passable ->
    # bien; remove it: excellent, passable -> passable (lower); then excellent.
    assert majority_value({"excellent": 1, "bien": 2, "passable": 1}) == (
        "bien", "bien", "passable", "excellent")
    assert majority_value({}) == ()


# --- Majority judgment: ranking and tie-breaks ---------------------------------------------------

def test_majority_ranks_by_median_grade_first():
    table = {"a": {"bien": 3}, "b": {"excellent": 2, "tres_bien": 1}, "c": {"a_rejeter": 3}}
    results = tally_majority(["c", "a", "b"], ballots_from_counts(table))
    assert [(r["issue_id"], r["rank"], r["median"]) for r in results] == [
        ("b", 1, "excellent"), ("a", 2, "bien"), ("c", 3, "a_rejeter"),
    ]


def test_majority_tie_is_broken_near_the_median_not_by_extreme_grades():
    """Worked tie-break. X = excellent, bien, bien, passable; Y = tres_bien, bien, bien, assez_bien.
    Both medians are "bien". Remove one "bien" from each: X = excellent, bien, passable and
    Y = tres_bien, bien, assez_bien, both still "bien". Remove another: X = excellent, passable
    (lower median passable) and Y = tres_bien, assez_bien (lower median assez_bien), so Y wins:
    X's single "excellent" does not outweigh its "passable"."""
    table = {"X": {"excellent": 1, "bien": 2, "passable": 1},
             "Y": {"tres_bien": 1, "bien": 2, "assez_bien": 1}}
    results = tally_majority(["X", "Y"], ballots_from_counts(table))
    assert order(results) == ["Y", "X"]
    assert ranks(results) == {"Y": 1, "X": 2}
    assert [r["median"] for r in results] == ["bien", "bien"]


def test_majority_tie_is_broken_by_the_grades_above_the_median():
    """Worked tie-break. P = tres_bien, bien, bien; Q = bien, bien, bien. Medians "bien"; after
    removing one "bien": P = tres_bien, bien -> lower median "bien", Q = bien, bien -> "bien";
    after removing another: P = tres_bien, Q = bien, so P wins."""
    table = {"Q": {"bien": 3}, "P": {"tres_bien": 1, "bien": 2}}
    results = tally_majority(["Q", "P"], ballots_from_counts(table))
    assert order(results) == ["P", "Q"]
    assert ranks(results) == {"P": 1, "Q": 2}


def test_majority_published_example_tennessee_capital():
    """Source: Wikipedia, "Majority judgment", section "Example" (the Tennessee capital election,
    also on electowiki.org "Majority Judgment"). Voters: Memphis 42 %, Nashville 26 %,
    Chattanooga 15 %, Knoxville 17 %; each bloc gives its 1st..4th choice the article's 1st..4th
    grade (Excellent, Very Good, Good, and the lowest grade used), giving the article's table:

        Memphis      42 Excellent,                           58 lowest
        Nashville    26 Excellent, 42 Very Good, 32 Good
        Chattanooga  15 Excellent, 43 Very Good, 42 Good
        Knoxville    17 Excellent, 15 Very Good, 26 Good,    42 lowest

    The four grades map in order onto our top four (excellent, tres_bien, bien, assez_bien); only
    the order of grades matters. Published result: Nashville and Chattanooga share the median
    "Very Good" and the tie-break makes Nashville the winner; then Chattanooga, Knoxville
    ("Good"), Memphis (lowest grade)."""
    table = {
        "Memphis": {"excellent": 42, "assez_bien": 58},
        "Nashville": {"excellent": 26, "tres_bien": 42, "bien": 32},
        "Chattanooga": {"excellent": 15, "tres_bien": 43, "bien": 42},
        "Knoxville": {"excellent": 17, "tres_bien": 15, "bien": 26, "assez_bien": 42},
    }
    results = tally_majority(list(table), ballots_from_counts(table))
    assert [(r["issue_id"], r["rank"], r["median"]) for r in results] == [
        ("Nashville", 1, "tres_bien"),
        ("Chattanooga", 2, "tres_bien"),
        ("Knoxville", 3, "bien"),
        ("Memphis", 4, "assez_bien"),
    ]


def test_majority_published_example_mieux_voter():
    """Source: Mieux Voter's Dart package majority_judgment 0.1.0, README "Get started"
    (pub.dev/packages/majority_judgment). Four proposals, ten judges, five grades given worst to
    best: A [1, 2, 4, 2, 1], B [1, 2, 4, 1, 2], C [3, 1, 3, 1, 2], D = A. Published ranks:
    A 2, B 1, C 4, D 2. All four medians are the middle grade; B beats A and D on its extra top
    grade, C loses on its extra worst grades; A and D are identical so they tie. The five grades
    map in order onto our five lowest (a_rejeter .. bien)."""
    scale = ("a_rejeter", "insuffisant", "passable", "assez_bien", "bien")  # worst to best
    published = {"A": [1, 2, 4, 2, 1], "B": [1, 2, 4, 1, 2], "C": [3, 1, 3, 1, 2],
                 "D": [1, 2, 4, 2, 1]}
    table = {iid: dict(zip(scale, counts)) for iid, counts in published.items()}
    results = tally_majority(list(table), ballots_from_counts(table))
    assert ranks(results) == {"A": 2, "B": 1, "C": 4, "D": 2}
    assert order(results) == ["B", "A", "D", "C"]
    assert {r["median"] for r in results} == {"passable"}


def test_majority_identical_distributions_tie_with_the_same_rank():
    table = {"a": {"tres_bien": 1, "passable": 2}, "b": {"excellent": 3},
             "c": {"tres_bien": 1, "passable": 2}, "d": {"a_rejeter": 3}}
    results = tally_majority(["a", "b", "c", "d"], ballots_from_counts(table))
    assert [(r["issue_id"], r["rank"]) for r in results] == [("b", 1), ("a", 2), ("c", 2), ("d", 4)]


def test_majority_same_median_but_different_distributions_do_not_tie():
    table = {"a": {"bien": 2, "passable": 1}, "b": {"bien": 2, "insuffisant": 1}}
    results = tally_majority(["b", "a"], ballots_from_counts(table))
    assert [(r["issue_id"], r["rank"]) for r in results] == [("a", 1), ("b", 2)]


def test_majority_missing_grades_count_as_a_rejeter_when_voters_are_given():
    ballots = [("p1", "a", "excellent"), ("p2", "a", "excellent"), ("p3", "a", "excellent"),
               ("p1", "b", "bien"), ("p2", "b", "bien"), ("p3", "b", "bien"),
               ("p4", "b", "bien"), ("p5", "b", "bien")]
    voters = ["p1", "p2", "p3", "p4", "p5"]
    # Only cast grades: a (3 x excellent) beats b (5 x bien).
    assert order(tally_majority(["a", "b"], ballots)) == ["a", "b"]
    # p4 and p5 did not grade a: 3 x excellent + 2 x a_rejeter, median still excellent.
    results = tally_majority(["a", "b"], ballots, voters=voters)
    assert results[0]["issue_id"] == "a"
    assert results[0]["grades"]["a_rejeter"] == 2
    assert results[1]["grades"]["a_rejeter"] == 0
    # A sixth, silent voter drops a below its majority: 3 excellent, 3 a_rejeter -> a_rejeter.
    results = tally_majority(["a", "b"], ballots, voters=voters + ["p6"])
    assert [(r["issue_id"], r["median"]) for r in results] == [("b", "bien"), ("a", "a_rejeter")]
    assert {r["issue_id"]: sum(r["grades"].values()) for r in results} == {"a": 6, "b": 6}


def test_majority_a_participant_who_cast_a_ballot_counts_as_a_voter():
    # p9 is not in voters but graded "a": their silence on "b" still counts as a_rejeter.
    results = tally_majority(["a", "b"], [("p9", "a", "bien"), ("p1", "b", "bien")],
                             voters=["p1"])
    assert {r["issue_id"]: r["grades"]["a_rejeter"] for r in results} == {"a": 1, "b": 1}


def test_majority_issue_with_no_grade_ranks_last_with_median_none():
    results = tally_majority(["empty", "a"], [("p1", "a", "a_rejeter")])
    assert [(r["issue_id"], r["rank"], r["median"]) for r in results] == [
        ("a", 1, "a_rejeter"), ("empty", 2, None)]
    assert results[1]["grades"] == dict.fromkeys(GRADES, 0)


def test_majority_with_no_ballot_ties_every_issue_with_median_none():
    results = tally_majority(["a", "b"], [])
    assert [(r["issue_id"], r["rank"], r["median"]) for r in results] == [
        ("a", 1, None), ("b", 1, None)]


def test_majority_with_voters_but_no_ballot_rejects_every_issue():
    results = tally_majority(["a"], [], voters=["p1", "p2"])
    assert results[0]["median"] == "a_rejeter"
    assert results[0]["grades"]["a_rejeter"] == 2


def test_majority_grades_dict_has_all_seven_grades_in_order():
    results = tally_majority(["a"], [("p1", "a", "bien")])
    assert list(results[0]["grades"]) == list(GRADES)
    assert results[0]["grades"] == {**dict.fromkeys(GRADES, 0), "bien": 1}


def test_majority_ballots_for_an_unknown_issue_are_ignored():
    results = tally_majority(["a"], [("p1", "a", "bien"), ("p1", "hidden", "excellent")])
    assert [r["issue_id"] for r in results] == ["a"]
    assert sum(results[0]["grades"].values()) == 1


def test_majority_a_later_ballot_replaces_the_participants_earlier_grade():
    results = tally_majority(["a"], [("p1", "a", "excellent"), ("p1", "a", "insuffisant")])
    assert results[0]["median"] == "insuffisant"
    assert sum(results[0]["grades"].values()) == 1


def test_majority_unknown_grade_is_refused():
    with pytest.raises(ValueError):
        tally_majority(["a"], [("p1", "a", "superbe")])
