"""The largest online events: 20,000 people × 8 rounds of pairs from a sparse top-k weight graph.

Run: python benchmarks/online_pairs.py [--people N] [--rounds R] [--top K] [--quick]

The pair weights are never a dense matrix. Each person gets a random unit "offer" and "need"
vector (rank 16); a pair's weight is the mean of offer·need both ways, computed 1,024 rows at a
time, and only each person's K best partners are kept (CSR, symmetric: a pair stays when either
side keeps it). The planner then keeps each person's best partners as candidates and solves each
round as a sparse assignment. Baselines in the same run: the bound ½·Σᵢ (i's top R weights), and
at 5,000 people the previous per-pair Python loop that built the candidate graph (--quick: 5,000
people only). With --profiles the weights are also built the real way: synthetic templated
profiles (benchmarks/matching.py) scored by `pair_weights(..., top_k=K)` with wordllama, which
works one block of rows at a time and never holds the dense matrix.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

import numpy as np
import scipy.sparse as sp

from mutuals.events import matching, plan_rotation
from mutuals.events.costs import FORBID, CostModel


def top_k_weights(n: int, k: int, seed: int, rank: int = 16) -> sp.csr_array:
    rng = np.random.default_rng(seed)
    offers = rng.normal(size=(n, rank)).astype(np.float32)
    needs = rng.normal(size=(n, rank)).astype(np.float32)
    offers /= np.linalg.norm(offers, axis=1, keepdims=True)
    needs /= np.linalg.norm(needs, axis=1, keepdims=True)
    rows, cols, vals = [], [], []
    for start in range(0, n, 1024):
        stop = min(n, start + 1024)
        block = (offers[start:stop] @ needs.T + needs[start:stop] @ offers.T) / 2
        block[np.arange(stop - start), np.arange(start, stop)] = -np.inf
        pick = np.argpartition(-block, k - 1, axis=1)[:, :k]
        rows.append(np.repeat(np.arange(start, stop), k))
        cols.append(pick.ravel())
        vals.append(np.take_along_axis(block, pick, axis=1).ravel())
    w = sp.csr_array(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    )
    return w.maximum(w.T).tocsr()


def python_edges(
    model: CostModel, people: list[int], candidates: list[list[int]], rng: random.Random
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate graph as built before: one ``add_cost`` call per pair, in Python."""
    pos = {p: i for i, p in enumerate(people)}
    m = len(people)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    seen: set[tuple[int, int]] = set()
    for i, a in enumerate(people):
        extra = [people[rng.randrange(m)] for _ in range(matching.RANDOM_EDGES)]
        for b in [*candidates[a], *extra]:
            j = pos.get(b)
            if j is None or j == i or (i, j) in seen:
                continue
            c = model.add_cost(a, b)
            if c >= FORBID:
                continue
            seen.add((i, j))
            seen.add((j, i))
            rows += [i, j]
            cols += [j, i]
            vals += [c, c]
    return np.asarray(rows), np.asarray(cols), np.asarray(vals, dtype=np.float64)


def from_profiles(n: int, k: int) -> sp.csr_array:
    """The real path: synthetic profiles scored by the prospecting engine (wordllama), top k."""
    from matching import synthetic  # benchmarks/matching.py, beside this script
    from mutuals.prospecting import get_backend, pair_weights

    weights = pair_weights(synthetic(n, seed=3), backend=get_backend("wordllama"), top_k=k)
    assert isinstance(weights, sp.csr_array)
    return weights


def run(n: int, rounds: int, top: int, label: str, profiles: bool = False) -> float:
    start = time.perf_counter()
    w = from_profiles(n, top) if profiles else top_k_weights(n, top, seed=1)
    built = time.perf_counter() - start
    start = time.perf_counter()
    s = plan_rotation(range(n), table_size=2, rounds=rounds, weights=w, seed=0)
    took = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(
        f"| {label} | {n:,} × {rounds} | {built:.1f} s ({w.nnz:,} entries) | {took:.1f} s "
        f"| {s.stats.total_weight:.1f} | {s.stats.weight_bound:.1f} | {s.stats.weight_share:.4f} "
        f"| {s.stats.repeats} | {rss:.2f} GiB |"
    )
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--top", type=int, default=30, help="partners kept per person")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--profiles",
        action="store_true",
        help="also build the weights from synthetic profiles with the prospecting engine",
    )
    args = parser.parse_args()
    print(
        "| planner | people × rounds | weights built | plan | weight won | bound | share "
        "| repeats | peak memory so far |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    fast = run(5000, args.rounds, args.top, "now")
    vectorised = matching._candidate_edges
    matching._candidate_edges = python_edges  # type: ignore[assignment]
    try:
        slow = run(5000, args.rounds, args.top, "before (Python candidate loop)")
    finally:
        matching._candidate_edges = vectorised
    print(f"\nspeed-up at 5,000 people: {slow / fast:.1f}×")
    if not args.quick:
        print()
        run(args.people, args.rounds, args.top, "now")
    if args.profiles:
        run(args.people, args.rounds, args.top, "now, weights from profiles", profiles=True)


if __name__ == "__main__":
    main()
