"""Statistics of a plan: repeats, new people met, weight won and its bound, byes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mutuals.domain.schedule import ScheduleStats

if TYPE_CHECKING:
    from mutuals.events.weights import PairWeights

Tables = list[list[int]]


def _pair_counts(plan: Sequence[Tables]) -> Counter[tuple[int, int]]:
    # Plain Python: an unweighted plan is then planned and summed up without importing NumPy.
    counts: Counter[tuple[int, int]] = Counter()
    for tables in plan:
        for t in tables:
            for i, x in enumerate(t):
                for y in t[i + 1 :]:
                    counts[(x, y) if x < y else (y, x)] += 1
    return counts


def plan_stats(
    n: int,
    plan: Sequence[Tables],
    byes: Sequence[Sequence[int]],
    history: dict[tuple[int, int], int],
    weights: PairWeights | None,
    bound_rounds: int,
    per_round: int,
    present: Sequence[int] | None = None,
) -> ScheduleStats:
    """Stats over ``plan`` given meetings already held; ``present`` limits the per-person figures.

    A pair that meets again (in the plan, or after meeting in ``history``) is a repeat and wins
    no weight a second time.
    """
    counts = _pair_counts(plan)
    repeats = 0
    max_meetings = max(history.values(), default=0)
    met = [0] * n
    new: list[tuple[int, int]] = []
    for pair in sorted(counts):
        count, before = counts[pair], history.get(pair, 0)
        repeats += count - (before == 0)
        max_meetings = max(max_meetings, count + before)
        if before == 0:
            new.append(pair)
            met[pair[0]] += 1
            met[pair[1]] += 1
    who = list(present) if present is not None else range(n)
    met_here = [met[p] for p in who]
    bye_count = [0] * n
    for b in byes:
        for p in b:
            bye_count[p] += 1
    total = 0.0
    if weights is not None:
        if weights.dense is not None:
            import numpy as np

            lo = np.array([a for a, _ in new], dtype=np.int64)
            hi = np.array([b for _, b in new], dtype=np.int64)
            total = float(np.asarray(weights.dense[lo, hi], dtype=np.float64).sum())
        else:
            total = sum(weights.get(x, y) for x, y in new)
    bound = weights.bound(bound_rounds, per_round) if weights is not None else None
    return ScheduleStats(
        repeats=repeats,
        max_meetings=max_meetings,
        new_met_min=min(met_here) if met_here else 0,
        new_met_mean=round(sum(met_here) / len(met_here), 3) if met_here else 0.0,
        byes=sum(bye_count),
        max_byes=max(bye_count, default=0),
        total_weight=round(total, 6) if weights is not None else None,
        weight_bound=round(bound, 6) if bound is not None else None,
        weight_share=round(total / bound, 6) if bound else None,
    )
