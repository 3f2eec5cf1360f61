"""A tighter upper bound on a plan's weight: the Lagrangian dual of fractional b-matching.

No plan in which each person meets at most ``degree`` others can win more than the best
fractional b-matching: max Σ w_ij x_ij with 0 ≤ x_ij ≤ 1 and Σ_j x_ij ≤ degree for each i.
Pricing each person's degree at u_i ≥ 0 gives, for any u, the bound
``degree · Σ u_i + Σ_{i<j} max(0, w_ij − u_i − u_j)``; a subgradient descent lowers it. It is
never above ½·Σᵢ (i's top ``degree`` weights), which is its value at one particular u.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray


def matching_bound(
    weights: NDArray[Any], degree: int, iterations: int = 300, block: int = 1024
) -> float:
    """An upper bound on the weight of any plan where each person meets ≤ ``degree`` others.

    ``weights``: a dense symmetric matrix (the diagonal is ignored). Every iterate is a valid
    bound; the smallest is returned. Costs ``iterations`` passes over the matrix, in row blocks.
    """
    w = np.asarray(weights, dtype=np.float64)
    n = w.shape[0]
    degree = max(0, min(degree, n - 1))
    if n < 2 or degree == 0:
        return 0.0
    # Start at half of each person's degree-th best weight: the same bound as ½·Σ top weights
    # up to the ties, and a good place for the descent to begin.
    off = w.copy()
    np.fill_diagonal(off, -np.inf)
    kth = -np.partition(-off, degree - 1, axis=1)[:, degree - 1]
    u = np.maximum(kth, 0.0) / 2.0
    del off
    best = np.inf
    scale = float(np.abs(w).max()) or 1.0
    for it in range(iterations):
        value, over = _dual(w, u, block)
        value += degree * float(u.sum())
        best = min(best, value)
        grad = degree - over  # people priced too high (fewer than degree partners) get cheaper
        norm = float(np.sqrt((grad * grad).sum()))
        if norm == 0.0:
            break
        step = 0.05 * scale / np.sqrt(it + 1.0) / max(norm, 1.0) * np.sqrt(n)
        u = np.maximum(u - step * grad, 0.0)
    return float(best)


def _dual(w: NDArray[np.float64], u: NDArray[np.float64], block: int) -> tuple[float, Any]:
    """Σ_{i<j} max(0, w_ij − u_i − u_j), and per person how many j have a positive term."""
    n = w.shape[0]
    total = 0.0
    over = np.zeros(n, dtype=np.float64)
    for start in range(0, n, block):
        rows = w[start : start + block] - u[start : start + block, None] - u[None, :]
        idx = np.arange(rows.shape[0])
        rows[idx, idx + start] = 0.0
        np.maximum(rows, 0.0, out=rows)
        total += float(rows.sum())
        over[start : start + block] = (rows > 0).sum(axis=1)
    return total / 2.0, over
