"""Statistics of a plan: repeats, new people met, weight won and its bound, byes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mutuals.domain.schedule import ScheduleStats
from mutuals.events.weights import PairWeights

Tables = list[list[int]]


def _pair_keys(n: int, plan: Sequence[Tables]) -> np.ndarray:
    a: list[int] = []
    b: list[int] = []
    for tables in plan:
        for t in tables:
            for i, x in enumerate(t):
                for y in t[i + 1 :]:
                    a.append(x)
                    b.append(y)
    lo = np.minimum(a, b).astype(np.int64)
    hi = np.maximum(a, b).astype(np.int64)
    return lo * n + hi


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
    keys, counts = np.unique(_pair_keys(n, plan), return_counts=True)
    held = np.array([a * n + b for a, b in history], dtype=np.int64)
    before = np.zeros(len(keys), dtype=np.int64)
    if len(held):
        hist_counts = np.array(list(history.values()), dtype=np.int64)
        order = np.argsort(held)
        held, hist_counts = held[order], hist_counts[order]
        pos = np.clip(np.searchsorted(held, keys), 0, len(held) - 1)
        before = np.where(held[pos] == keys, hist_counts[pos], 0)
    repeats = int((counts - (before == 0)).sum())
    total_meetings = counts + before
    new = keys[before == 0]
    lo, hi = new // n, new % n
    met = np.bincount(lo, minlength=n) + np.bincount(hi, minlength=n)
    who = np.asarray(list(present) if present is not None else range(n), dtype=np.int64)
    met_here = met[who] if len(who) else met[:0]
    bye_count = np.zeros(n, dtype=np.int64)
    for b in byes:
        for p in b:
            bye_count[p] += 1
    total = 0.0
    if weights is not None:
        if weights.dense is not None:
            total = float(np.asarray(weights.dense[lo, hi], dtype=np.float64).sum())
        else:
            total = sum(weights.get(int(x), int(y)) for x, y in zip(lo, hi, strict=True))
    bound = weights.bound(bound_rounds, per_round) if weights is not None else None
    hist_max = max(history.values(), default=0)
    return ScheduleStats(
        repeats=repeats,
        max_meetings=int(max(total_meetings.max(initial=0), hist_max)),
        new_met_min=int(met_here.min()) if len(met_here) else 0,
        new_met_mean=round(float(met_here.mean()), 3) if len(met_here) else 0.0,
        byes=int(bye_count.sum()),
        max_byes=int(bye_count.max(initial=0)),
        total_weight=round(total, 6) if weights is not None else None,
        weight_bound=round(bound, 6) if bound is not None else None,
        weight_share=round(total / bound, 6) if bound else None,
    )
