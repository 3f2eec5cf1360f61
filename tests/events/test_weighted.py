"""Weighted tables: valid seatings, no repeats, constraints kept, deterministic, budget honoured."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import numpy as np
import pytest

from mutuals.events import plan_rotation, table_sizes, weighted
from mutuals.events.budget import Deadline
from mutuals.events.weighted import WeightedTables, plan_weighted, tabu_steps

Tables = list[list[int]]


def random_weights(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    w = rng.random((n, n))
    w = (w + w.T) / 2
    np.fill_diagonal(w, 0.0)
    return w


def pair_counts(rounds: object) -> Counter[frozenset[object]]:
    return Counter(
        frozenset(p)
        for tables in rounds  # type: ignore[attr-defined]
        for t in tables
        for p in combinations(t, 2)
    )


def value(w: np.ndarray, plan: list[Tables]) -> float:
    return float(sum(w[a, b] for tables in plan for t in tables for a, b in combinations(t, 2)))


class Ticks:
    """A clock that moves one second each time it is read, and counts its reads."""

    def __init__(self) -> None:
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return float(self.reads)


def job(n: int, k: int, rounds: int, seed: int = 0) -> WeightedTables:
    return WeightedTables(
        value=random_weights(n, seed),
        held=np.zeros((n, n), dtype=np.int64),
        sizes=table_sizes(n, k),
        rounds=rounds,
        pinned={},
    )


@pytest.mark.parametrize(("n", "k", "rounds"), [(30, 3, 5), (41, 4, 6), (60, 5, 6), (25, 5, 4)])
def test_every_round_seats_everyone_without_repeats(n: int, k: int, rounds: int) -> None:
    w = random_weights(n, n)
    s = plan_rotation(range(n), table_size=k, rounds=rounds, weights=w, seed=1, uneven="larger")
    assert len(s.rounds) == rounds
    for rnd in s.rounds:
        assert sorted(p for t in rnd for p in t) == list(range(n))
        assert sorted(len(t) for t in rnd) == sorted(table_sizes(n, k))
    assert s.stats.repeats == 0
    assert max(pair_counts(s.rounds).values()) == 1
    # the weights matter: the plan wins far more than a plan that ignores them
    plain = plan_rotation(range(n), table_size=k, rounds=rounds, seed=1, uneven="larger")
    assert value(w, [list(map(list, r)) for r in s.rounds]) > value(
        w, [list(map(list, r)) for r in plain.rounds]
    )


def test_search_beats_its_greedy_start() -> None:
    j = job(60, 5, 4)
    spent = plan_weighted(j, np.random.default_rng(0), Deadline(0.0))
    full = plan_weighted(j, np.random.default_rng(0), Deadline(None))
    assert value(j.value, full) > value(j.value, spent)
    for plan in (spent, full):
        assert all(sorted(p for t in r for p in t) == list(range(60)) for r in plan)
        assert max(pair_counts(plan).values()) == 1


def test_same_seed_same_plan() -> None:
    w = random_weights(40, 3)
    a = plan_rotation(range(40), table_size=4, rounds=5, weights=w, seed=7)
    b = plan_rotation(range(40), table_size=4, rounds=5, weights=w, seed=7)
    assert a.rounds == b.rounds


def test_budget_is_honoured_and_the_plan_is_complete() -> None:
    # A deadline ten clock reads away: the search must stop soon after, yet seat every round.
    ticks = Ticks()
    j = job(50, 5, 6)
    plan = plan_weighted(j, np.random.default_rng(0), Deadline(10.0, clock=ticks))
    assert ticks.reads <= 1 + 10 + 2 * j.rounds
    assert len(plan) == 6
    assert all(sorted(p for t in r for p in t) == list(range(50)) for r in plan)


def test_a_share_of_the_budget_ends_with_its_part_of_the_time_left() -> None:
    now = [0.0]
    deadline = Deadline(12.0, clock=lambda: now[0])
    now[0] = 4.0
    part = deadline.share(4)  # 8 s left: 2 s each
    now[0] = 5.9
    assert not part.expired()
    now[0] = 6.0
    assert part.expired() and not deadline.expired()
    assert deadline.share(1) is deadline
    unlimited = Deadline(None)
    assert unlimited.share(3) is unlimited and not unlimited.share(3).expired()


def test_every_round_is_searched_within_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # 100 clock reads of budget, while one round's search alone would read the clock 78 times:
    # each round's search stops at its share, so that every round is searched, not only the first.
    searched: list[int] = []
    search = weighted._tabu

    def recording(state: Any, r: int, *args: Any) -> None:
        searched.append(r)
        search(state, r, *args)

    monkeypatch.setattr(weighted, "_tabu", recording)
    j = job(60, 5, 4)
    ticks = Ticks()
    plan = plan_weighted(j, np.random.default_rng(0), Deadline(100.0, clock=ticks), steps=5000)
    assert searched == [0, 1, 2, 3]
    assert ticks.reads <= 1 + 100 + 2 * j.rounds
    assert max(pair_counts(plan).values()) == 1
    assert all(sorted(p for t in r for p in t) == list(range(60)) for r in plan)


@pytest.mark.parametrize(
    ("n", "k", "weighted"), [(40, 2, True), (41, 2, False), (36, 4, True), (37, 4, False)]
)
def test_zero_budget_still_gives_a_whole_plan(n: int, k: int, weighted: bool) -> None:
    w = random_weights(n, 0) if weighted else None
    s = plan_rotation(range(n), table_size=k, rounds=4, weights=w, budget_seconds=0)
    assert len(s.rounds) == 4
    assert all(sorted(p for t in r for p in t) == list(range(n)) for r in s.rounds)


def test_negative_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="budget"):
        plan_rotation(range(8), table_size=2, rounds=2, budget_seconds=-1)


def test_constraints_hold_with_weights() -> None:
    n = 40
    w = random_weights(n, 5)
    # make the forbidden and separated pairs the most attractive, so only the rules keep them apart
    w[0, 1] = w[1, 0] = w[2, 3] = w[3, 2] = 5.0
    company = {p: ("acme" if p in (2, 3) else None) for p in range(n)}
    s = plan_rotation(
        range(n),
        table_size=4,
        rounds=5,
        weights=w,
        hosts=[10, 11],
        avoid=[(0, 1)],
        separate_by=company,  # type: ignore[arg-type]
        must_meet=[(20, 30)],
        seed=2,
    )
    together = pair_counts(s.rounds)
    assert together[frozenset((0, 1))] == 0
    assert together[frozenset((2, 3))] == 0
    assert together[frozenset((20, 30))] == 1
    assert together[frozenset((10, 11))] == 0
    for rnd in s.rounds:
        assert 10 in rnd[0] and 11 in rnd[1]
    assert s.stats.repeats == 0


def test_history_is_not_repeated() -> None:
    n = 30
    w = random_weights(n, 9)
    first = plan_rotation(range(n), table_size=5, rounds=2, weights=w, seed=0)
    more = plan_rotation(range(n), table_size=5, rounds=2, weights=w, history=first.rounds, seed=0)
    met = pair_counts(first.rounds) + pair_counts(more.rounds)
    assert max(met.values()) == 1
    assert more.stats.repeats == 0


def test_fewer_search_steps_for_larger_rooms() -> None:
    assert tabu_steps(100) <= tabu_steps(300)
    assert tabu_steps(300) > tabu_steps(1000) > tabu_steps(2000) > 0
    # beyond about 2,100 people the search is skipped: a step costs milliseconds
    assert tabu_steps(3000) == 0
