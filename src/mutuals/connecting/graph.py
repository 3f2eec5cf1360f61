"""The tie graph: people as nodes, tie strengths in (0, 1] as undirected edges, held as CSR arrays.

A path's strength is the product of its ties, so paths are searched on ``cost = -log(strength)``,
which turns the product into a sum of non-negative costs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class TieGraph:
    """An undirected graph in compressed sparse row form.

    Row ``u`` holds ``indices[indptr[u]:indptr[u + 1]]`` (sorted ascending) with the matching
    ``strength`` and ``cost`` entries; every tie appears in both rows. Build it with
    ``TieGraph.from_ties``.
    """

    indptr: IntArray
    indices: NDArray[np.int32]
    strength: FloatArray
    cost: FloatArray

    @classmethod
    def from_ties(cls, n_nodes: int, a: ArrayLike, b: ArrayLike, strength: ArrayLike) -> TieGraph:
        """Build the graph of ``n_nodes`` people from ties ``a[i] -- b[i]`` of ``strength[i]``.

        Ties are undirected. When the same pair is given more than once, the strongest tie
        counts (two friends may both report knowing someone). Ties of a person to themselves
        are dropped. Raises ValueError for a node outside ``range(n_nodes)`` or a strength
        outside (0, 1].
        """
        if n_nodes < 0:
            raise ValueError("the number of people cannot be negative")
        src = np.asarray(a, dtype=np.int64).ravel()
        dst = np.asarray(b, dtype=np.int64).ravel()
        weight = np.asarray(strength, dtype=np.float64).ravel()
        if not (len(src) == len(dst) == len(weight)):
            raise ValueError("ties need as many strengths as pairs of people")
        if len(src) and (min(src.min(), dst.min()) < 0 or max(src.max(), dst.max()) >= n_nodes):
            raise ValueError(f"a tie names a person outside 0..{n_nodes - 1}")
        if len(weight) and not (np.all(weight > 0.0) and np.all(weight <= 1.0)):
            raise ValueError("tie strengths must lie in (0, 1]")
        keep = src != dst
        low = np.minimum(src[keep], dst[keep])
        high = np.maximum(src[keep], dst[keep])
        weight = weight[keep]
        # One entry per unordered pair, the strongest of its duplicates.
        key = low * n_nodes + high
        order = np.argsort(key)
        key = key[order]
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else key
        weight = np.maximum.reduceat(weight[order], starts) if len(key) else weight
        key = key[starts]
        low, high = key // n_nodes, key % n_nodes
        # Both directions of each tie; keys are unique, so one sort orders rows and columns.
        rows = np.concatenate([low, high])
        cols = np.concatenate([high, low])
        order = np.argsort(rows * n_nodes + cols)
        indptr = np.zeros(n_nodes + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n_nodes), out=indptr[1:])
        strengths = np.concatenate([weight, weight])[order]
        return cls(
            indptr=indptr,
            indices=cols[order].astype(np.int32),
            strength=strengths,
            cost=-np.log(strengths),
        )

    @property
    def n_nodes(self) -> int:
        """How many people the graph holds (including those without ties)."""
        return len(self.indptr) - 1

    @property
    def n_ties(self) -> int:
        """How many distinct undirected ties the graph holds."""
        return len(self.indices) // 2

    @property
    def nbytes(self) -> int:
        """Memory held by the graph's arrays, in bytes."""
        return int(
            self.indptr.nbytes + self.indices.nbytes + self.strength.nbytes + self.cost.nbytes
        )

    def degrees(self) -> IntArray:
        """Every person's number of ties."""
        return np.diff(self.indptr)

    def degree(self, node: int) -> int:
        """The number of ties of ``node``."""
        return int(self.indptr[node + 1] - self.indptr[node])

    def neighbours(self, node: int) -> NDArray[np.int32]:
        """The people ``node`` is tied to, in ascending order."""
        return self.indices[self.indptr[node] : self.indptr[node + 1]]

    def tie_strengths(self, node: int) -> FloatArray:
        """The strengths of ``node``'s ties, aligned with ``neighbours(node)``."""
        return self.strength[self.indptr[node] : self.indptr[node + 1]]

    def tie(self, u: int, v: int) -> float | None:
        """The strength of the tie between ``u`` and ``v``, or None when they are not tied."""
        start, end = int(self.indptr[u]), int(self.indptr[u + 1])
        at = start + int(np.searchsorted(self.indices[start:end], v))
        if at < end and int(self.indices[at]) == v:
            return float(self.strength[at])
        return None

    def check_node(self, node: int) -> None:
        """Raise ValueError unless ``node`` is a person of this graph."""
        if not 0 <= node < self.n_nodes:
            raise ValueError(f"no person {node} in a graph of {self.n_nodes}")


def edge_positions(graph: TieGraph, nodes: NDArray[np.int64]) -> tuple[IntArray, IntArray]:
    """Positions in ``indices`` of every tie of ``nodes``, with the index into ``nodes`` of each.

    This gathers many CSR rows at once without a Python loop.
    """
    starts = graph.indptr[nodes]
    counts = graph.indptr[nodes + 1] - starts
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(nodes), dtype=np.int64), counts)
    # Offset of each entry within its own row, added to that row's start.
    row_begin = np.cumsum(counts) - counts
    positions = np.arange(total, dtype=np.int64) - np.repeat(row_begin, counts)
    positions += np.repeat(starts, counts)
    return positions, owner
