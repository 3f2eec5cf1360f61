"""Mutual connections: the people two persons both know, with both tie strengths."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mutuals.connecting.graph import TieGraph


@dataclass(frozen=True, slots=True)
class Mutual:
    """Someone tied to both ``a`` and ``b``: ``strength_a`` to ``a``, ``strength_b`` to ``b``."""

    node: int
    strength_a: float
    strength_b: float

    @property
    def strength(self) -> float:
        """The strength of the two-tie path ``a -- node -- b``."""
        return self.strength_a * self.strength_b


def mutual_connections(graph: TieGraph, a: int, b: int) -> list[Mutual]:
    """Everyone tied to both ``a`` and ``b``, strongest two-tie path first (then by node)."""
    graph.check_node(a)
    graph.check_node(b)
    if a == b:
        raise ValueError("mutual connections need two different people")
    common, at_a, at_b = np.intersect1d(
        graph.neighbours(a), graph.neighbours(b), assume_unique=True, return_indices=True
    )
    sa = graph.tie_strengths(a)[at_a]
    sb = graph.tie_strengths(b)[at_b]
    order = np.lexsort((common, -(sa * sb)))
    return [Mutual(int(common[i]), float(sa[i]), float(sb[i])) for i in order.tolist()]
