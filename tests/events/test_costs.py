"""Vectorised pair costs and weight look-ups agree with the one-pair versions."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from mutuals.events.costs import CostModel
from mutuals.events.weights import PairWeights


def test_add_costs_matches_add_cost() -> None:
    rng = np.random.default_rng(0)
    n = 30
    dense = rng.random((n, n))
    dense = (dense + dense.T) / 2
    pw = PairWeights(n, dense, None)
    model = CostModel(
        n,
        counts={(0, 1): 1, (2, 5): 2, (3, 4): 3},
        forbidden={(1, 2), (6, 7)},
        must={(0, 9), (3, 4)},
        label=[i % 4 if i < 12 else -1 for i in range(n)],
        weight=pw.scaled,
        weights_of=pw.scaled_many,
    )
    a = rng.integers(0, n, 400)
    b = rng.integers(0, n, 400)
    a = np.concatenate([a, [0, 1, 2, 3, 6, 0]])
    b = np.concatenate([b, [1, 2, 5, 4, 7, 9]])
    keep = a != b
    a, b = a[keep], b[keep]
    expected = [model.add_cost(int(x), int(y)) for x, y in zip(a, b, strict=True)]
    np.testing.assert_allclose(model.add_costs(a, b), expected, rtol=1e-12)


def test_many_weights_dense_and_sparse() -> None:
    rng = np.random.default_rng(1)
    n = 25
    dense = rng.random((n, n)) * (rng.random((n, n)) < 0.3)
    dense = np.maximum(dense, dense.T)
    np.fill_diagonal(dense, 0.0)
    a = rng.integers(0, n, 300)
    b = rng.integers(0, n, 300)
    for pw in (PairWeights(n, dense, None), PairWeights(n, None, sp.csr_matrix(dense))):
        np.testing.assert_allclose(
            pw.many(a, b), [pw.get(int(x), int(y)) for x, y in zip(a, b, strict=True)]
        )
