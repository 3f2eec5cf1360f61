"""Weighted table plans at the door: time and share of the bound, against the old local search.

Run: python benchmarks/weighted_tables.py [--quick] [--seeds N] [--no-baseline]
Weights are uniform random and symmetric ((U + Uᵀ)/2), as in issue 15. Each case prints the new
planner (`plan_rotation` with weights) and, as the in-run baseline, the greedy-rounds local
search that planned weighted tables before (still used for re-plans), on the same weights.
Shares are against ½·Σᵢ (i's top (k−1)·R weights) and against the tighter Lagrangian bound of
fractional b-matching (mutuals.events.bounds). --quick skips 1,000 people and the baseline at 300.
With --seeds N the table shows medians and the lowest share over the N weight matrices, then
every matrix's share and seconds. Rooms that do not divide evenly seat a few people at larger
tables; the bound still counts (k−1)·R partners each, as the issue defines it.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from mutuals.events import plan_rotation
from mutuals.events.bounds import matching_bound
from mutuals.events.planner import gc_paused, to_schedule
from mutuals.events.problem import build_problem
from mutuals.events.tables import _local_search
from mutuals.events.weights import PairWeights

CASES = [(40, 4, 5), (100, 4, 6), (300, 5, 6), (1000, 6, 8)]


def weights(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    w = rng.random((n, n))
    w = (w + w.T) / 2
    np.fill_diagonal(w, 0.0)
    return w


def old_planner(w: np.ndarray, k: int, rounds: int, seed: int) -> tuple[float, float, int]:
    """The local search that planned weighted tables before: seconds, share, repeats."""
    n = len(w)
    start = time.perf_counter()
    pb, held = build_problem(
        range(n), table_size=k, rounds=rounds, weights=w, hosts=(), sides=None, avoid=(),
        must_meet=(), separate_by=None, history=(), odd="trio", uneven="larger", seed=seed,
    )  # fmt: skip
    with gc_paused():
        plan = _local_search(pb, list(range(n)), None)
        s = to_schedule(pb, list(range(n)), plan, [[] for _ in plan], held, list(range(n)))
    top = PairWeights(n, w, None).bound(rounds, k - 1)
    return time.perf_counter() - start, (s.stats.total_weight or 0.0) / top, s.stats.repeats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seeds", type=int, default=1, help="weight matrices per case")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    print(
        "| people / table / rounds | seconds | share of ½Σtop | lowest share | share of Lagrangian "
        "bound | repeats | before: seconds | before: share | before: repeats | speed-up |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    detail = []
    for n, k, rounds in CASES:
        if args.quick and n > 300:
            continue
        rows = []
        for seed in range(args.seeds):
            w = weights(n, seed)
            start = time.perf_counter()
            s = plan_rotation(range(n), table_size=k, rounds=rounds, weights=w, seed=seed)
            took = time.perf_counter() - start
            total = s.stats.total_weight or 0.0
            # the bound: (k-1)·R partners each (the stats use the widest table instead)
            top = PairWeights(n, w, None).bound(rounds, k - 1)
            tight = matching_bound(w, (k - 1) * rounds)
            base = (float("nan"), float("nan"), -1)
            if not args.no_baseline and n <= 300 and not (args.quick and n == 300):
                base = old_planner(w, k, rounds, seed)
            rows.append((took, total / top, total / tight, s.stats.repeats, *base))
        med = [statistics.median(r[i] for r in rows) for i in range(7)]
        print(
            f"| {n} / {k} / {rounds} | {med[0]:.2f} | {med[1]:.4f} | {min(r[1] for r in rows):.4f} "
            f"| {med[2]:.4f} | {max(r[3] for r in rows)} | {med[4]:.2f} | {med[5]:.4f} "
            f"| {max(r[6] for r in rows)} | {med[4] / med[0]:.1f}× |"
        )
        if len(rows) > 1:
            shares = ", ".join(f"{r[1]:.4f}" for r in rows)
            secs = ", ".join(f"{r[0]:.2f}" for r in rows)
            detail.append(f"{n} / {k} / {rounds}: shares {shares}; seconds {secs}")
    for line in detail:
        print(line)
    print()
    print("| budget | people / table / rounds | seconds | share of ½Σtop | repeats |")
    print("|---:|---|---:|---:|---:|")
    for n, k, rounds, budget in ((300, 5, 6, 1.0), (1000, 6, 8, 3.0)):
        if args.quick and n > 300:
            continue
        w = weights(n, 0)
        start = time.perf_counter()
        s = plan_rotation(
            range(n), table_size=k, rounds=rounds, weights=w, seed=0, budget_seconds=budget
        )
        took = time.perf_counter() - start
        share = (s.stats.total_weight or 0.0) / PairWeights(n, w, None).bound(rounds, k - 1)
        print(
            f"| {budget:.1f} s | {n} / {k} / {rounds} | {took:.2f} | {share:.4f} "
            f"| {s.stats.repeats} |"
        )


if __name__ == "__main__":
    main()
