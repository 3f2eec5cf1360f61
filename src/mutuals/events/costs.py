"""What a seating costs: repeated meetings, broken constraints, and the mutual interest it wins.

Costs are in units where a pair's weight is at most 1. A second meeting costs far more than any
weight can win, a third far more than a second (so repeats spread out before any pair meets a
third time), a broken ``separate_by`` more than any repeat, and a do-not-pair more than all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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
