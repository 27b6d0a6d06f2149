"""The statistics of the statements, as Pol.is computes them (polismath's `stats.clj` and
`conversation.clj`, ported in red-dwarf's `utils/stats.py` and `utils/consensus.py`).

For one statement, `n` people answered (agree, disagree or pass: a pass counts as seen, as in
Pol.is), `na` agreed and `nd` disagreed. With Pol.is's pseudocount of 1 (Laplace smoothing):

- the probability of agreeing is `pa = (na + 1) / (n + 2)` (`pd` likewise for disagreeing);
- its one-proportion test is `pat = 2·√(n + 1)·((na + 1)/(n + 1) − ½)` (`pdt` likewise), a z-score.

A statement is a **consensus** one way when `pa > ½` and `pat` passes the one-tailed test at 90 %
(`pat > 1.2816`), Pol.is's rule; we add that at least `MIN_VOTERS` people answered, so that two
agreeing phones never make a consensus. Consensus statements rank by `pa · pat` (Pol.is's metric).

A statement is **divisive** (the room splits) when at least `MIN_VOTERS` answered, it is no
consensus, and the smaller side holds at least `SPLIT_SHARE` of those who took a side (smoothed:
`(min(na, nd) + 1) / (na + nd + 2) ≥ 0.4`), those who took a side being at least half of the
answers (a statement most people pass is uncertain, not divisive). Divisive statements rank by
how even the split is, then by how many took a side. Pol.is without opinion groups has no
divisive rule of its own: this is ours, written with the same smoothed counts.
"""

from __future__ import annotations

import math

Z_90 = 1.2815515655446004  # one-tailed 90 %: Pol.is's confidence for consensus and repness
MIN_VOTERS = 5
SPLIT_SHARE = 0.4
CONSENSUS, DIVISIVE = "consensus", "divisive"
AGREE, DISAGREE = "agree", "disagree"


def probability(count: int, total: int) -> float:
    """Pol.is's probability with a pseudocount of 1: `(count + 1) / (total + 2)`."""
    return (count + 1) / (total + 2)


def one_prop_test(count: int, total: int) -> float:
    """Pol.is's one-proportion z-score: `2·√(total + 1)·((count + 1)/(total + 1) − ½)`."""
    return 2 * math.sqrt(total + 1) * ((count + 1) / (total + 1) - 0.5)


def figures(agree: int, disagree: int, passed: int) -> dict:
    """Every figure of one statement: `n, pa, pd, pat, pdt`."""
    n = agree + disagree + passed
    return {"n": n, "pa": probability(agree, n), "pd": probability(disagree, n),
            "pat": one_prop_test(agree, n), "pdt": one_prop_test(disagree, n)}


def consensus(agree: int, disagree: int, passed: int) -> str | None:
    """`agree` or `disagree` when the statement is a consensus that way, else None."""
    f = figures(agree, disagree, passed)
    if f["n"] < MIN_VOTERS:
        return None
    if f["pa"] > 0.5 and f["pat"] > Z_90:
        return AGREE
    if f["pd"] > 0.5 and f["pdt"] > Z_90:
        return DISAGREE
    return None


def split(agree: int, disagree: int) -> float:
    """How even the sides are, smoothed: the smaller side's share of those who took a side."""
    return (min(agree, disagree) + 1) / (agree + disagree + 2)


def verdict(agree: int, disagree: int, passed: int) -> tuple[str | None, str | None]:
    """`(consensus, agree|disagree)`, `(divisive, None)` or `(None, None)`."""
    direction = consensus(agree, disagree, passed)
    if direction is not None:
        return CONSENSUS, direction
    n = agree + disagree + passed
    if n >= MIN_VOTERS and 2 * (agree + disagree) >= n and split(agree, disagree) >= SPLIT_SHARE:
        return DIVISIVE, None
    return None, None


def consensus_rank(agree: int, disagree: int, passed: int) -> float:
    """Pol.is's ordering of consensus statements: `pa · pat` (or `pd · pdt` for a consensus against)."""
    f = figures(agree, disagree, passed)
    if consensus(agree, disagree, passed) == DISAGREE:
        return f["pd"] * f["pdt"]
    return f["pa"] * f["pat"]
