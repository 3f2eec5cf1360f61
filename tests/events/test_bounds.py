"""The Lagrangian b-matching bound: above every plan, below ½·Σ top weights, near the LP."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from mutuals.events import plan_rotation
from mutuals.events.bounds import matching_bound
from mutuals.events.weights import PairWeights


def lp(w: np.ndarray, degree: int) -> float:
    n = len(w)
    iu, ju = np.triu_indices(n, 1)
    m = len(iu)
    rows = np.concatenate([iu, ju])
    cols = np.concatenate([np.arange(m), np.arange(m)])
    a = coo_matrix((np.ones(2 * m), (rows, cols)), shape=(n, m)).tocsr()
    res = linprog(-w[iu, ju], A_ub=a, b_ub=np.full(n, degree), bounds=(0, 1), method="highs")
    return float(-res.fun)


@pytest.mark.parametrize(
    ("n", "k", "rounds", "seed"), [(24, 4, 3, 0), (30, 3, 5, 1), (20, 2, 6, 2)]
)
def test_bound_is_between_plan_lp_and_top_weights(n: int, k: int, rounds: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    w = rng.random((n, n))
    w = (w + w.T) / 2
    np.fill_diagonal(w, 0.0)
    degree = (k - 1) * rounds
    bound = matching_bound(w, degree)
    plan = plan_rotation(range(n), table_size=k, rounds=rounds, weights=w, seed=0)
    assert plan.stats.repeats == 0
    assert plan.stats.total_weight is not None
    optimum_lp = lp(w, degree)
    assert plan.stats.total_weight <= optimum_lp + 1e-6
    assert optimum_lp - 1e-6 <= bound <= PairWeights(n, w, None).bound(rounds, k - 1) + 1e-6
    assert bound <= optimum_lp * 1.01


def test_degenerate_inputs() -> None:
    assert matching_bound(np.zeros((1, 1)), 3) == 0.0
    assert matching_bound(np.ones((4, 4)), 0) == 0.0
