"""Rate limits: a token bucket per name, refusing without slowing anyone else."""

from __future__ import annotations

from kiosk.limits import RateLimit, is_local


def test_a_burst_goes_through_then_the_rate_refills_the_bucket():
    now = [0.0]
    limit = RateLimit(rate=2, burst=3, clock=lambda: now[0])
    assert [limit.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limit.allow("b")  # another name has its own bucket
    now[0] += 0.5
    assert limit.allow("a") and not limit.allow("a")
    now[0] += 100
    assert [limit.allow("a") for _ in range(4)] == [True, True, True, False]  # never more than the burst


def test_the_names_kept_are_bounded_and_the_longest_idle_is_forgotten():
    limit = RateLimit(rate=1, burst=1, clock=lambda: 0.0, max_names=3)
    for name in "abcd":
        limit.allow(name)
    assert len(limit._buckets) == 3 and "a" not in limit._buckets
    assert limit.allow("a")  # forgotten: a full bucket again


def test_only_the_box_itself_is_local():
    assert is_local("127.0.0.1") and is_local("::1")
    assert not is_local("127.0.0.2") and not is_local("10.42.0.5") and not is_local(None)
