"""What a seating costs: repeated meetings, broken constraints, and the mutual interest it wins.

Costs are in units where a pair's weight is at most 1. A second meeting costs far more than any
weight can win, a third far more than a second (so repeats spread out before any pair meets a
third time), a broken ``separate_by`` more than any repeat, and a do-not-pair more than all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # NumPy is loaded by the vectorised costs alone: planning from a design needs none of it.
    import numpy as np
    from numpy.typing import NDArray

    ManyWeightsFn = Callable[[NDArray[np.int64], NDArray[np.int64]], NDArray[np.float64]]

REPEAT = 1_000.0
REPEAT_GROWTH = 50.0
SEPARATE = 1e8
FORBID = 1e11
MUST_MEET = 100.0

WeightFn = Callable[[int, int], float]


def key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def repeat_step(count: int) -> float:
    """Extra cost of one more meeting for a pair that has already met ``count`` times."""
    return 0.0 if count <= 0 else REPEAT * REPEAT_GROWTH ** (count - 1)


@dataclass(slots=True)
class CostModel:
    """Pair costs for one event: meeting counts so far plus fixed per-pair penalties and weights."""

    n: int
    counts: dict[tuple[int, int], int] = field(default_factory=dict)
    forbidden: set[tuple[int, int]] = field(default_factory=set)
    must: set[tuple[int, int]] = field(default_factory=set)
    label: list[int] | None = None  # separate_by group per person, -1 for none
    weight: WeightFn | None = None
    weights_of: ManyWeightsFn | None = None  # the same weights for arrays of pairs

    def fixed(self, a: int, b: int) -> float:
        """Cost of seating a and b together that does not depend on how often they met."""
        c = 0.0
        k = key(a, b)
        if k in self.forbidden:
            c += FORBID
        if self.label is not None and self.label[a] >= 0 and self.label[a] == self.label[b]:
            c += SEPARATE
        if self.weight is not None:
            c -= self.weight(a, b)
        return c

    def add_cost(self, a: int, b: int) -> float:
        """Cost of one more meeting of a and b, given the counts so far."""
        k = key(a, b)
        met = self.counts.get(k, 0)
        c = self.fixed(a, b) + repeat_step(met)
        if met == 0 and k in self.must:
            c -= MUST_MEET
        return c

    def add_costs(self, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.float64]:
        """``add_cost`` of many pairs at once (``a[i]`` with ``b[i]``), with NumPy."""
        import numpy as np

        n = self.n
        keys = np.minimum(a, b) * n + np.maximum(a, b)
        cost = np.zeros(len(keys), dtype=np.float64)
        if self.forbidden:
            cost += FORBID * np.isin(keys, _keys(self.forbidden, n))
        if self.label is not None:
            lab = np.asarray(self.label, dtype=np.int64)
            cost += SEPARATE * ((lab[a] >= 0) & (lab[a] == lab[b]))
        if self.weights_of is not None:
            cost -= self.weights_of(a, b)
        met = np.zeros(len(keys), dtype=np.int64)
        if self.counts:
            held = _keys(self.counts, n)
            times = np.fromiter(self.counts.values(), dtype=np.int64, count=len(self.counts))
            order = np.argsort(held)
            held, times = held[order], times[order]
            at = np.clip(np.searchsorted(held, keys), 0, len(held) - 1)
            met = np.where(held[at] == keys, times[at], 0)
        seen = met > 0
        cost[seen] += REPEAT * REPEAT_GROWTH ** (met[seen] - 1.0)
        if self.must:
            cost -= MUST_MEET * ((met == 0) & np.isin(keys, _keys(self.must, n)))
        return cost

    def remove_cost(self, a: int, b: int) -> float:
        """Cost saved by undoing one meeting of a and b (its ``add_cost`` before it happened)."""
        k = key(a, b)
        met = self.counts.get(k, 0)
        c = self.fixed(a, b) + repeat_step(met - 1)
        if met == 1 and k in self.must:
            c -= MUST_MEET
        return c

    def meet(self, table: list[int], step: int = 1) -> None:
        """Record (or, with ``step=-1``, undo) the meetings of one table."""
        for i, a in enumerate(table):
            for b in table[i + 1 :]:
                k = key(a, b)
                v = self.counts.get(k, 0) + step
                if v:
                    self.counts[k] = v
                else:
                    del self.counts[k]


def _keys(pairs: Any, n: int) -> NDArray[np.int64]:
    """Pairs (a, b) with a < b as the integers a * n + b."""
    import numpy as np

    arr = np.fromiter((x for p in pairs for x in p), dtype=np.int64, count=2 * len(pairs))
    out: NDArray[np.int64] = arr[0::2] * n + arr[1::2]
    return out
