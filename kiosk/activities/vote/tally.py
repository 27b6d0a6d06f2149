"""Tallies for the two voting methods: dots ("gommettes") and majority judgment.

Pure functions: they take the issue ids and the ballots and return the ``results`` list of the
``vote`` snapshot (see CONTRACT.md), ordered by rank. They know nothing of storage, Flask or
sockets, so the live count of an open vote and the final count of a closed one are the same call.

Both methods use standard competition ranking ("1, 1, 3"): issues that tie share a rank, the next
rank skips, and tied issues keep the order of ``issue_ids``.
"""

from collections import Counter
from collections.abc import Iterable, Mapping

# Majority-judgment grades, best first (CONTRACT.md).
GRADES = ("excellent", "tres_bien", "bien", "assez_bien", "passable", "insuffisant", "a_rejeter")
WORST_GRADE = GRADES[-1]
_INDEX = {grade: i for i, grade in enumerate(GRADES)}  # 0 is the best grade


def _latest(ballots):
    """Keep the last ballot of each (participant, issue): `vote.cast` *sets* a choice, so a
    later ballot replaces an earlier one instead of adding to it."""
    return {(pid, iid): value for pid, iid, value in ballots}


def _competition_ranks(keys):
    """Ranks for keys already sorted best first: equal keys share a rank and the next one skips."""
    ranks = []
    for position, key in enumerate(keys):
        ranks.append(ranks[-1] if position and key == keys[position - 1] else position + 1)
    return ranks


# --- Dots ---------------------------------------------------------------------------------------

def tally_dots(issue_ids: Iterable, ballots: Iterable) -> list[dict]:
    """Dots per issue, most dots first.

    ``ballots`` holds ``(participant_id, issue_id, dots)`` with ``dots >= 0``; a participant's
    last ballot for an issue is the one that counts. Every issue of ``issue_ids`` is listed, those
    without dots too (with 0, hence last). Ballots for issues not in ``issue_ids`` (hidden or
    deleted) are ignored. Returns ``[{"issue_id", "rank", "dots"}]``.
    """
    issue_ids = list(issue_ids)
    totals = dict.fromkeys(issue_ids, 0)
    for (_, issue_id), dots in _latest(ballots).items():
        if dots < 0:
            raise ValueError(f"A ballot cannot hold negative dots ({dots})")
        if issue_id in totals:
            totals[issue_id] += dots
    return rank_dots(issue_ids, totals)


def rank_dots(issue_ids: Iterable, totals: Mapping) -> list[dict]:
    """The results of `tally_dots` from each issue's total (`{issue_id: dots}`, missing = 0): what a
    running tally keeps, so that the live results never read the ballots back."""
    issue_ids = list(issue_ids)
    totals = {iid: totals.get(iid, 0) for iid in issue_ids}
    # sorted() is stable, so tied issues keep the order of issue_ids.
    ordered = sorted(issue_ids, key=totals.__getitem__, reverse=True)
    ranks = _competition_ranks([totals[iid] for iid in ordered])
    return [{"issue_id": iid, "rank": rank, "dots": totals[iid]}
            for iid, rank in zip(ordered, ranks)]


# --- Majority judgment --------------------------------------------------------------------------

def _count_list(counts: Mapping) -> list[int]:
    """Counts as a list indexed like GRADES (best first); missing grades count 0."""
    unknown = set(counts) - set(GRADES)
    if unknown:
        raise ValueError(f"Unknown grade(s): {sorted(unknown)}")
    return [counts.get(grade, 0) for grade in GRADES]


def _median_index(counts: list[int], total: int) -> int:
    """Index of the lower median grade. Listing the grades best first, the lower median of
    ``total`` grades sits at 0-based position ``total // 2``: the middle one when ``total`` is
    odd, the worse of the two middle ones when it is even (Balinski & Laraki's "lower
    middlemost", the usual majority-judgment convention)."""
    position = total // 2
    for index, n in enumerate(counts):
        if position < n:
            return index
        position -= n
    raise AssertionError("total exceeds the sum of counts")  # unreachable for consistent input


def median_grade(counts: Mapping) -> str | None:
    """The majority grade (lower median) of ``{grade: n}``; None when there is no grade."""
    values = _count_list(counts)
    total = sum(values)
    return GRADES[_median_index(values, total)] if total else None


def majority_value(counts: Mapping) -> tuple[str, ...]:
    """Balinski & Laraki's majority value: the majority grade, then the majority grade once one
    copy of it is removed, and so on until no grade is left (one entry per grade given).

    Two issues compare as their majority values do, lexicographically (a better grade wins).
    This is the usual tie-break, stated once for all issues: "remove one median grade at a time
    from each tied issue until their medians differ" removes the same grade from both for as long
    as their medians agree, so the first point where that procedure sees different medians is
    exactly the first position where the two sequences differ, and the better median wins there
    in both descriptions. Computing the sequence per issue lets us sort, instead of running the
    removal procedure for every pair of tied issues.

    The sequence is the issue's grades reordered, so two issues get the same majority value
    exactly when their grade counts are identical: only identical distributions tie.
    """
    values = _count_list(counts)
    total = sum(values)
    sequence = []
    while total:
        index = _median_index(values, total)
        sequence.append(GRADES[index])
        values[index] -= 1
        total -= 1
    return tuple(sequence)


def _sort_key(value: tuple[str, ...]) -> tuple[int, ...]:
    """Larger is better: grade scores (best = highest) compared lexicographically. With equal
    leading grades the longer sequence wins, so an issue without any grade (the empty sequence)
    comes last. Lengths only differ when ``voters`` is not given (some issues got more grades)."""
    return tuple(len(GRADES) - 1 - _INDEX[grade] for grade in value)


def tally_majority(
    issue_ids: Iterable, ballots: Iterable, voters: Iterable | None = None
) -> list[dict]:
    """Majority-judgment results, best issue first.

    ``ballots`` holds ``(participant_id, issue_id, grade)``; a participant's last ballot for an
    issue counts; ballots for issues not in ``issue_ids`` are ignored.

    Missing grades: when ``voters`` (participant ids) is given, each voter (and each participant
    who graded one of the issues) who left an issue ungraded counts as giving it "a_rejeter", the
    worst grade, as Mieux Voter does: silence must not help an issue, and every issue is then
    judged by the same number of people, as majority judgment assumes. When ``voters`` is None
    only the grades actually cast count, and an issue nobody graded comes last with ``median``
    None.

    Returns ``[{"issue_id", "rank", "median", "grades": {grade: n for all seven grades}}]``;
    issues with identical grade counts share a rank.
    """
    issue_ids = list(issue_ids)
    counts = {iid: Counter() for iid in issue_ids}
    graded = {iid: set() for iid in issue_ids}
    latest = _latest(ballots)
    for (participant_id, issue_id), grade in latest.items():
        if grade not in _INDEX:
            raise ValueError(f"Unknown grade {grade!r}: expected one of {', '.join(GRADES)}")
        if issue_id in counts:
            counts[issue_id][grade] += 1
            graded[issue_id].add(participant_id)

    if voters is not None:
        electorate = set(voters).union(*graded.values())
        for iid in issue_ids:
            counts[iid][WORST_GRADE] += len(electorate - graded[iid])
    return _rank_counts(issue_ids, counts)


def rank_majority(issue_ids: Iterable, counts: Mapping, electorate: int) -> list[dict]:
    """The results of `tally_majority` (with `voters`) from each issue's grade counts
    (`{issue_id: {grade: n}}`) and the number of voters: each voter who left an issue ungraded
    gives it the worst grade. What a running tally keeps: the ballots are not read back."""
    issue_ids = list(issue_ids)
    full = {}
    for iid in issue_ids:
        given = Counter(counts.get(iid, {}))
        given[WORST_GRADE] += electorate - sum(given.values())
        full[iid] = given
    return _rank_counts(issue_ids, full)


def _rank_counts(issue_ids: list, counts: dict) -> list[dict]:
    values = {iid: majority_value(counts[iid]) for iid in issue_ids}
    keys = {iid: _sort_key(values[iid]) for iid in issue_ids}
    # reverse=True keeps sort stability, so tied issues keep the order of issue_ids.
    ordered = sorted(issue_ids, key=keys.__getitem__, reverse=True)
    ranks = _competition_ranks([keys[iid] for iid in ordered])
    return [
        {
            "issue_id": iid,
            "rank": rank,
            "median": values[iid][0] if values[iid] else None,
            "grades": {grade: counts[iid][grade] for grade in GRADES},
        }
        for iid, rank in zip(ordered, ranks)
    ]
