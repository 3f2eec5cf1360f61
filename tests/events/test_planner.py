"""plan_rotation: seating, no repeats, byes, hosts, sides, constraints, weights and determinism."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.events import plan_rotation, table_sizes

from .helpers import assert_seated_once, pair_counts

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.integers(2, 60), st.data())
def test_pairs_even_meet_everyone_once(half: int, data: st.DataObject) -> None:
    n = 2 * half
    rounds = data.draw(st.integers(1, n - 1))
    s = plan_rotation(range(n), table_size=2, rounds=rounds, seed=data.draw(st.integers(0, 9)))
    assert_seated_once(s, range(n))
    assert s.stats.repeats == 0
    assert all(len(t) == 2 for rnd in s.rounds for t in rnd)
    if rounds == n - 1:
        assert len(pair_counts(s)) == n * (n - 1) // 2


@FAST
@given(st.integers(1, 30), st.integers(1, 12))
def test_odd_pairs_with_byes_rotate_fairly(half: int, rounds: int) -> None:
    n = 2 * half + 1
    s = plan_rotation(range(n), table_size=2, rounds=rounds, odd="bye")
    assert_seated_once(s, range(n))
    byes = Counter(p for b in s.byes for p in b)
    assert all(len(b) == 1 for b in s.byes)
    # nobody gets a second bye before everyone has had one
    assert max(byes.values()) - min(byes.get(p, 0) for p in range(n)) <= 1
    assert all(len(t) == 2 for rnd in s.rounds for t in rnd)
    if rounds <= n:
        assert s.stats.repeats == 0


@FAST
@given(st.integers(3, 25), st.integers(1, 4))
def test_odd_pairs_seat_one_trio(half: int, rounds: int) -> None:
    n = 2 * half + 1
    s = plan_rotation(range(n), table_size=2, rounds=rounds)
    assert_seated_once(s, range(n))
    for rnd in s.rounds:
        assert sorted(len(t) for t in rnd) == [2] * (half - 1) + [3]
    assert not any(s.byes)
    if n >= 11:
        assert s.stats.repeats == 0


@FAST
@given(st.integers(2, 6), st.integers(0, 1), st.data())
def test_tables_sizes_and_no_repeats_in_two_rounds(k: int, extra: int, data: st.DataObject) -> None:
    tables = data.draw(st.integers(k + 1, k + 6))
    n = tables * k + extra * data.draw(st.integers(1, tables))
    s = plan_rotation(range(n), table_size=k, rounds=2, seed=data.draw(st.integers(0, 5)))
    assert_seated_once(s, range(n))
    expected = sorted(table_sizes(n, k))
    for rnd in s.rounds:
        assert sorted(len(t) for t in rnd) == expected
    assert s.stats.repeats == 0


@FAST
@given(st.integers(3, 5), st.integers(2, 7), st.integers(1, 3), st.integers(0, 3))
def test_hosts_never_move(k: int, tables: int, hosts: int, seed: int) -> None:
    n = k * tables + 1
    host_ids = [f"h{i}" for i in range(min(hosts, tables))]
    people = [*host_ids, *(f"p{i}" for i in range(n - len(host_ids)))]
    s = plan_rotation(people, table_size=k, rounds=4, hosts=host_ids, seed=seed)
    assert_seated_once(s, people)
    for rnd in s.rounds:
        for i, h in enumerate(host_ids):
            assert h in rnd[i]
    for pair in pair_counts(s):
        assert not pair <= set(host_ids)


@FAST
@given(st.integers(2, 12), st.integers(1, 10), st.integers(0, 3))
def test_pairs_hosts_stay_and_pairs_not_repeated(half: int, hosts: int, seed: int) -> None:
    n = 2 * half
    hosts = min(hosts, half)
    # a host meets only non-hosts, so n - hosts rounds is the most without a repeat
    rounds = min(n - hosts, 5)
    s = plan_rotation(range(n), table_size=2, rounds=rounds, hosts=range(hosts), seed=seed)
    for rnd in s.rounds:
        for h in range(hosts):
            assert h in rnd[h]
    assert s.stats.repeats == 0


@FAST
@given(st.integers(1, 12), st.integers(0, 8), st.integers(1, 10), st.integers(0, 3))
def test_two_sided_meets_across_only_and_rests_fairly(
    a: int, extra: int, rounds: int, seed: int
) -> None:
    b = a + extra
    people = [f"m{i}" for i in range(a)] + [f"e{i}" for i in range(b)]
    sides = {p: p[0] for p in people}
    s = plan_rotation(people, table_size=2, rounds=rounds, sides=sides, seed=seed)
    assert_seated_once(s, people)
    for rnd in s.rounds:
        for i, t in enumerate(rnd):
            assert {sides[p] for p in t} == {"m", "e"}
            assert f"m{i}" in t  # the smaller side stays seated
    rests = Counter(p for r in s.byes for p in r)
    mentees = [p for p in people if p[0] == "e"]
    assert max(rests.get(p, 0) for p in mentees) - min(rests.get(p, 0) for p in mentees) <= 1
    if rounds <= b:
        assert s.stats.repeats == 0


def test_avoid_separate_and_must_meet() -> None:
    people = [f"p{i}" for i in range(24)]
    company = {p: f"c{i % 6}" for i, p in enumerate(people)}
    avoid = [("p0", "p1"), ("p2", "p3"), ("p5", "p7")]
    must = [("p0", "p13"), ("p4", "p9")]
    s = plan_rotation(
        people,
        table_size=4,
        rounds=5,
        avoid=avoid,
        must_meet=must,
        separate_by=company,
        seed=3,
    )
    assert_seated_once(s, people)
    for rnd in s.rounds:
        for t in rnd:
            assert len({company[p] for p in t}) == len(t)
            for a, b in avoid:
                assert not (a in t and b in t)
    first = {frozenset(p) for t in s.rounds[0] for p in [(x, y) for x in t for y in t if x != y]}
    for a, b in must:
        assert frozenset((a, b)) in first
    assert s.stats.repeats == 0


def test_pairs_with_avoid_and_must_meet() -> None:
    s = plan_rotation(range(10), table_size=2, rounds=9, avoid=[(0, 1)], must_meet=[(2, 7)])
    counts = pair_counts(s)
    assert frozenset((0, 1)) not in counts
    assert [2, 7] in [sorted(t) for t in s.rounds[0]]


@pytest.mark.parametrize("k", [2, 3, 4])
def test_same_seed_same_schedule(k: int) -> None:
    rng = np.random.default_rng(5)
    w = rng.random((30, 30))
    w = w + w.T
    one = plan_rotation(range(30), table_size=k, rounds=4, weights=w, seed=7)
    two = plan_rotation(range(30), table_size=k, rounds=4, weights=w, seed=7)
    assert one == two
    plain = [plan_rotation(range(31), table_size=k, rounds=6, seed=s).rounds for s in (1, 1, 2)]
    assert plain[0] == plain[1]
    assert plain[0] != plain[2]


@pytest.mark.parametrize(("n", "k"), [(40, 2), (41, 2), (30, 3), (36, 4)])
def test_weighted_front_loaded_without_repeats(n: int, k: int) -> None:
    rng = np.random.default_rng(n)
    w = rng.random((n, n))
    w = (w + w.T) / 2
    s = plan_rotation(range(n), table_size=k, rounds=5, weights=w, seed=1)
    assert s.stats.repeats == 0
    assert s.stats.weight_share is not None and 0.5 < s.stats.weight_share <= 1.0
    per_round = [sum(w[a, b] for t in rnd for a in t for b in t if a < b) for rnd in s.rounds]
    assert per_round == sorted(per_round, reverse=True)
    # better than an unweighted plan of the same shape
    blind = plan_rotation(range(n), table_size=k, rounds=5, seed=1)
    blind_w = sum(w[a, b] for rnd in blind.rounds for t in rnd for a in t for b in t if a < b)
    assert sum(per_round) > blind_w


def test_weights_as_sparse_and_mapping_agree() -> None:
    import scipy.sparse as sp

    rng = np.random.default_rng(2)
    n = 12
    w = np.triu(rng.random((n, n)), 1)
    w = w + w.T
    dense = plan_rotation(range(n), table_size=2, rounds=3, weights=w)
    sparse = plan_rotation(range(n), table_size=2, rounds=3, weights=sp.csr_matrix(w))
    mapping = {(a, b): float(w[a, b]) for a in range(n) for b in range(a + 1, n)}
    mapped = plan_rotation(range(n), table_size=2, rounds=3, weights=mapping)
    assert dense.stats.total_weight == pytest.approx(sparse.stats.total_weight)
    assert dense.stats.total_weight == pytest.approx(mapped.stats.total_weight)


def test_beyond_best_known_repeats_are_spread() -> None:
    s = plan_rotation(range(9), table_size=3, rounds=6, seed=0)
    assert s.stats.max_meetings == 2
    assert s.stats.repeats > 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"table_size": 1, "rounds": 3}, "table size"),
        ({"table_size": 2, "rounds": 0}, "rounds"),
        ({"table_size": 2, "rounds": 2, "hosts": ["x"]}, "hosts"),
        ({"table_size": 3, "rounds": 2, "sides": {i: i % 2 for i in range(6)}}, "pairs"),
    ],
)
def test_bad_input_is_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plan_rotation(range(6), **kwargs)  # type: ignore[arg-type]


def test_two_sided_hosts_stay_at_their_table() -> None:
    people = [f"m{i}" for i in range(3)] + [f"e{i}" for i in range(5)]
    sides = {p: p[0] for p in people}
    s = plan_rotation(people, table_size=2, rounds=5, sides=sides, hosts=["m2", "m0"])
    assert all(rnd[0][0] == "m2" and rnd[1][0] == "m0" for rnd in s.rounds)
    # equal sides: the hosts' side is the one that stays
    even = {f"a{i}": "a" for i in range(3)} | {f"b{i}": "b" for i in range(3)}
    s = plan_rotation(list(even), table_size=2, rounds=3, sides=even, hosts=["b1"])
    assert all(rnd[0][0] == "b1" for rnd in s.rounds)
    with pytest.raises(ValueError, match="hosts"):
        plan_rotation(people, table_size=2, rounds=2, sides=sides, hosts=["e1"])


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_weights_are_refused(bad: float) -> None:
    dense = np.ones((4, 4))
    dense[0, 1] = dense[1, 0] = bad
    for weights in (dense, sp.csr_matrix(dense), {(0, 1): bad}):
        with pytest.raises(ValueError, match="finite"):
            plan_rotation(range(4), table_size=2, rounds=2, weights=weights)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a number"):
        plan_rotation(range(4), table_size=2, rounds=2, weights={(0, 1): "high"})  # type: ignore[dict-item]


def test_without_a_choice_the_layout_with_fewer_repeats_is_kept() -> None:
    # 26 people at tables of 4 for 6 rounds: tables of 4 and 5, or of 4 and 3.
    larger = plan_rotation(range(26), table_size=4, rounds=6, uneven="larger")
    smaller = plan_rotation(range(26), table_size=4, rounds=6, uneven="smaller")
    chosen = plan_rotation(range(26), table_size=4, rounds=6)
    assert chosen.stats.repeats == min(larger.stats.repeats, smaller.stats.repeats)
    best = larger if larger.stats.repeats <= smaller.stats.repeats else smaller
    assert chosen.rounds == best.rounds
    # Sizes the table size divides have one layout: the same plan as asking for it.
    even = plan_rotation(range(24), table_size=4, rounds=5)
    assert even.rounds == plan_rotation(range(24), table_size=4, rounds=5, uneven="larger").rounds
