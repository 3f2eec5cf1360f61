"""Pair weights (mutual interest) in the forms the planner accepts, behind one small interface.

Accepted: a dense symmetric NumPy array (float32 is fine, and halves memory: 5,000 people take
100 MB), a SciPy sparse matrix or array (missing entries weigh 0), or a mapping
``{(person_a, person_b): weight}`` (symmetric: one order is enough). Weights may be any real
finite numbers; the engine scales them by the largest absolute weight. A sparse input that is not
symmetric (say, each person's top-k list) is made symmetric by the larger of the two entries.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp

WeightsInput: TypeAlias = (
    np.ndarray[Any, Any] | sp.spmatrix | sp.sparray | Mapping[tuple[Hashable, Hashable], float]
)


class PairWeights:
    """Symmetric weights over people ``0..n-1``: look-ups, best partners and the R-round bound."""

    def __init__(self, n: int, dense: np.ndarray[Any, Any] | None, csr: sp.csr_matrix | None):
        self.n = n
        self.dense = dense
        self.csr = csr
        self._lookup: dict[tuple[int, int], float] = {}
        self._entries: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]] | None = None
        if csr is not None:
            coo = csr.tocoo()
            for i, j, w in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True):
                if i != j:
                    self._lookup[(i, j)] = float(w)
        scale = self._max_abs()
        self.scale = scale if scale > 0 else 1.0

    def _max_abs(self) -> float:
        if self.dense is not None:
            off = np.abs(self.dense).astype(np.float64)
            np.fill_diagonal(off, 0.0)
            return float(off.max()) if off.size else 0.0
        return max((abs(w) for w in self._lookup.values()), default=0.0)

    def get(self, i: int, j: int) -> float:
        """The raw weight of the pair."""
        if i == j:
            return 0.0
        if self.dense is not None:
            return float(self.dense[i, j])
        return self._lookup.get((i, j), 0.0)

    def many(self, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """Raw weights of the pairs ``(a[i], b[i])``, as float64 (0 for a person with themself)."""
        if self.dense is not None:
            out = np.asarray(self.dense[a, b], dtype=np.float64)
        else:
            keys, vals = self._sorted_entries()
            want = np.asarray(a, dtype=np.int64) * self.n + np.asarray(b, dtype=np.int64)
            at = np.clip(np.searchsorted(keys, want), 0, max(len(keys) - 1, 0))
            out = np.where(keys[at] == want, vals[at], 0.0) if len(keys) else np.zeros(len(want))
        return np.where(np.asarray(a) == np.asarray(b), 0.0, out)

    def scaled_many(self, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """``many`` divided by the largest absolute weight."""
        return self.many(a, b) / self.scale

    def _sorted_entries(self) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
        if self._entries is None:
            assert self.csr is not None
            coo = self.csr.tocoo()
            keys = coo.row.astype(np.int64) * self.n + coo.col.astype(np.int64)
            order = np.argsort(keys, kind="stable")
            self._entries = (keys[order], coo.data[order].astype(np.float64))
        return self._entries

    def of_round(self, tables: Sequence[Sequence[int]]) -> float:
        """The summed weight of every pair seated together in one round."""
        return sum(self.get(a, b) for t in tables for i, a in enumerate(t) for b in t[i + 1 :])

    def scaled(self, i: int, j: int) -> float:
        """The weight divided by the largest absolute weight, so within [-1, 1]."""
        return self.get(i, j) / self.scale

    def top_partners(self, count: int) -> list[list[int]]:
        """Each person's ``count`` best partners, best first (fewer when a sparse row is short)."""
        n = self.n
        count = max(1, min(count, n - 1))
        out: list[list[int]] = []
        if self.dense is not None:
            block = 512  # rows at a time keeps temporary copies small for large events
            for start in range(0, n, block):
                rows = np.array(self.dense[start : start + block], dtype=np.float32, copy=True)
                idx = np.arange(rows.shape[0])
                rows[idx, idx + start] = -np.inf
                part = np.argpartition(-rows, count - 1, axis=1)[:, :count]
                vals = np.take_along_axis(rows, part, axis=1)
                order = np.argsort(-vals, axis=1, kind="stable")
                out.extend(np.take_along_axis(part, order, axis=1).tolist())
            return out
        assert self.csr is not None
        for i in range(n):
            lo, hi = self.csr.indptr[i], self.csr.indptr[i + 1]
            cols = self.csr.indices[lo:hi]
            vals = self.csr.data[lo:hi]
            keep = cols != i
            cols, vals = cols[keep], vals[keep]
            order = np.argsort(-vals, kind="stable")[:count]
            out.append(cols[order].tolist())
        return out

    def bound(self, rounds: int, per_round: int = 1) -> float:
        """½·Σᵢ (sum of i's ``rounds*per_round`` highest weights): no plan can win more.

        ``per_round`` is the partners met per round (table size minus one).
        """
        m = max(0, min(rounds * per_round, self.n - 1))
        if m == 0:
            return 0.0
        total = 0.0
        if self.dense is not None:
            block = 512
            for start in range(0, self.n, block):
                rows = np.array(self.dense[start : start + block], dtype=np.float64, copy=True)
                idx = np.arange(rows.shape[0])
                rows[idx, idx + start] = -np.inf
                part = -np.partition(-rows, m - 1, axis=1)[:, :m]
                total += float(np.where(np.isfinite(part), part, 0.0).clip(min=0.0).sum())
            return total / 2
        for i in range(self.n):
            lo, hi = self.csr.indptr[i], self.csr.indptr[i + 1]  # type: ignore[union-attr]
            vals = np.sort(self.csr.data[lo:hi][self.csr.indices[lo:hi] != i])[::-1]  # type: ignore[union-attr]
            total += float(vals[:m].clip(min=0.0).sum())
        return total / 2


def as_pair_weights(
    weights: WeightsInput, people: Sequence[Hashable], index: Mapping[Hashable, int]
) -> PairWeights:
    """Normalise any accepted weights input for ``people`` (indexed by ``index``)."""
    n = len(people)
    if isinstance(weights, np.ndarray):
        if weights.shape != (n, n):
            raise ValueError(f"weights must be {n}×{n} for {n} people, got {weights.shape}")
        _check_finite(weights)
        if not np.allclose(weights, weights.T, equal_nan=False):
            raise ValueError("weights must be symmetric")
        return PairWeights(n, weights, None)
    if sp.issparse(weights):
        csr = sp.csr_matrix(weights)
        if csr.shape != (n, n):
            raise ValueError(f"weights must be {n}×{n} for {n} people, got {csr.shape}")
        _check_finite(csr.data)
        # top-k lists are one-sided; a pair listed by either person counts at its larger weight
        csr = csr.maximum(csr.T).tocsr() if (csr != csr.T).nnz else csr
        return PairWeights(n, None, csr)
    if isinstance(weights, Mapping):
        pairs: dict[tuple[int, int], float] = {}
        for (a, b), w in weights.items():
            if a not in index or b not in index:
                raise ValueError(f"weights name someone not attending: {a!r} or {b!r}")
            i, j = index[a], index[b]
            if i != j:
                try:
                    pairs[(min(i, j), max(i, j))] = float(w)
                except (TypeError, ValueError) as err:
                    raise ValueError(f"weight of {(a, b)!r} is not a number: {w!r}") from err
        _check_finite(np.fromiter(pairs.values(), dtype=np.float64, count=len(pairs)))
        rows = [i for i, _ in pairs] + [j for _, j in pairs]
        cols = [j for _, j in pairs] + [i for i, _ in pairs]
        vals = list(pairs.values()) * 2
        return PairWeights(n, None, sp.csr_matrix((vals, (rows, cols)), shape=(n, n)))
    raise TypeError("weights must be a NumPy array, a SciPy sparse matrix or a mapping of pairs")


def _check_finite(values: np.ndarray[Any, Any]) -> None:
    # a NaN or infinite weight would poison the scale every other weight is divided by
    if values.size and not np.isfinite(values).all():
        raise ValueError("weights must be finite numbers (no NaN or infinity)")
