"""Rotation engine benchmark: anchor rows, weighted pairs against optimum and bound, re-planning.

Run: python benchmarks/rotation.py [--quick]   (--quick skips the 5,000-people runs and CP-SAT)
     python benchmarks/rotation.py --common      (only the common event sizes)
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from mutuals.events import plan_rotation, replan

ANCHORS = Path(__file__).resolve().parents[1] / ".." / "shared" / "anchors" / "no-repeat-rounds.csv"


def anchors() -> None:
    print("| people | table | best known | rounds reached | repeats | seconds |")
    print("|---:|---:|---:|---:|---:|---:|")
    with ANCHORS.open(newline="") as fh:
        for row in csv.DictReader(fh):
            n, k, best = int(row["people"]), int(row["table_size"]), int(row["best_known"])
            start = time.perf_counter()
            s = plan_rotation(range(n), table_size=k, rounds=best, seed=1)
            took = time.perf_counter() - start
            clean = 0
            seen: set[frozenset[int]] = set()
            for rnd in s.rounds:
                pairs = {frozenset((a, b)) for t in rnd for a in t for b in t if a < b}
                if pairs & seen:
                    break
                seen |= pairs
                clean += 1
            print(f"| {n} | {k} | {best} | {clean} | {s.stats.repeats} | {took:.3f} |")


# Common event sizes: (people, table size, rounds).
COMMON = [
    (21, 4, 4),
    (22, 4, 5),
    (26, 4, 6),
    (30, 4, 6),
    (35, 4, 8),
    (40, 5, 8),
    (48, 6, 7),
    (50, 5, 8),
    (60, 6, 8),
    (64, 4, 15),
    (80, 8, 9),
    (100, 8, 10),
    (120, 6, 10),
    (200, 5, 12),
]

# Repeats and seconds with seed=0 before the whole-plan tabu search (greedy rounds, per-round
# swaps and the per-person repair; main at cfffd54), measured on this machine the same day:
# (people, table, rounds, uneven) -> (repeats, seconds).
BEFORE: dict[tuple[int, int, int, str], tuple[int, float]] = {
    (30, 4, 6, "larger"): (7, 0.37),
    (30, 4, 6, "smaller"): (0, 0.00),
    (22, 4, 5, "larger"): (6, 0.18),
    (22, 4, 5, "smaller"): (0, 0.00),
    (26, 4, 6, "larger"): (13, 0.26),
    (26, 4, 6, "smaller"): (0, 0.00),
    (35, 4, 8, "larger"): (24, 0.58),
    (35, 4, 8, "smaller"): (0, 0.00),
    (100, 8, 10, "larger"): (291, 7.97),
    (100, 8, 10, "smaller"): (0, 0.00),
    (50, 5, 8, "larger"): (12, 1.28),
    (50, 5, 8, "smaller"): (12, 1.26),
    (60, 6, 8, "larger"): (41, 2.31),
    (60, 6, 8, "smaller"): (41, 2.41),
    (21, 4, 4, "larger"): (1, 0.13),
    (21, 4, 4, "smaller"): (0, 0.00),
    (40, 5, 8, "larger"): (0, 0.00),
    (40, 5, 8, "smaller"): (0, 0.00),
    (48, 6, 7, "larger"): (0, 0.00),
    (48, 6, 7, "smaller"): (0, 0.00),
    (64, 4, 15, "larger"): (0, 0.00),
    (64, 4, 15, "smaller"): (0, 0.00),
    (80, 8, 9, "larger"): (244, 5.61),
    (80, 8, 9, "smaller"): (244, 5.64),
    (120, 6, 10, "larger"): (0, 0.04),
    (120, 6, 10, "smaller"): (0, 0.04),
    (200, 5, 12, "larger"): (0, 0.03),
    (200, 5, 12, "smaller"): (0, 0.03),
}


def common_sizes() -> None:
    """Repeats and time for common event sizes, both ways of seating a remainder."""
    print(
        "| people | table | rounds | uneven | tables | repeats before | repeats now | most "
        "meetings of a pair | seconds before | seconds now |"
    )
    print("|---:|---:|---:|---|---|---:|---:|---:|---:|---:|")
    for n, k, rounds in COMMON:
        for uneven in ("larger", "smaller"):
            start = time.perf_counter()
            s = plan_rotation(range(n), table_size=k, rounds=rounds, uneven=uneven, seed=0)  # type: ignore[arg-type]
            took = time.perf_counter() - start
            sizes = "/".join(str(x) for x in sorted({len(t) for rnd in s.rounds for t in rnd}))
            old, old_s = BEFORE.get((n, k, rounds, uneven), (-1, float("nan")))
            print(
                f"| {n} | {k} | {rounds} | {uneven} | {sizes} | {old} | {s.stats.repeats} "
                f"| {s.stats.max_meetings} | {old_s:.2f} | {took:.2f} |"
            )


def lp_bound(w: np.ndarray, rounds: int) -> float:
    """Fractional b-matching (each person in exactly ``rounds`` pairs): an upper bound."""
    n = len(w)
    iu, ju = np.triu_indices(n, 1)
    m = len(iu)
    rows = np.concatenate([iu, ju])
    cols = np.concatenate([np.arange(m), np.arange(m)])
    a_eq = coo_matrix((np.ones(2 * m), (rows, cols)), shape=(n, m)).tocsr()
    res = linprog(-w[iu, ju], A_eq=a_eq, b_eq=np.full(n, rounds), bounds=(0, 1), method="highs")
    return float(-res.fun)


def cp_sat_optimum(w: np.ndarray, rounds: int, seconds: float) -> tuple[float, float]:
    """Best plan and proven bound from CP-SAT within ``seconds`` (integer weights ×1000)."""
    from ortools.sat.python import cp_model

    n = len(w)
    model = cp_model.CpModel()
    x = {}
    for r in range(rounds):
        for i in range(n):
            for j in range(i + 1, n):
                x[r, i, j] = model.NewBoolVar("")
    for r in range(rounds):
        for i in range(n):
            model.AddExactlyOne(x[r, min(i, j), max(i, j)] for j in range(n) if j != i)
    for i in range(n):
        for j in range(i + 1, n):
            model.AddAtMostOne(x[r, i, j] for r in range(rounds))
    model.Maximize(sum(int(w[i, j] * 1000) * v for (r, i, j), v in x.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 2
    solver.Solve(model)
    return solver.ObjectiveValue() / 1000, solver.BestObjectiveBound() / 1000


def weighted_small(quick: bool) -> None:
    rng = np.random.default_rng(0)
    n, rounds = 140, 5
    w = rng.random((n, n))
    w = (w + w.T) / 2
    np.fill_diagonal(w, 0)
    start = time.perf_counter()
    s = plan_rotation(range(n), table_size=2, rounds=rounds, weights=w, seed=0)
    took = time.perf_counter() - start
    total = s.stats.total_weight or 0.0
    lp = lp_bound(w, rounds)
    print(
        f"| 140 × 5 pairs, random | {took:.2f} s | {total:.2f} | LP bound {lp:.2f} "
        f"| {total / lp:.4f} | repeats {s.stats.repeats} |"
    )
    if not quick:
        best, bound = cp_sat_optimum(w, rounds, 120)
        print(
            f"| 140 × 5 pairs, CP-SAT (120 s) | | best {best:.2f} | bound {bound:.2f} "
            f"| {total / bound:.4f} of CP-SAT bound | |"
        )


def mutual_weights(n: int, d: int, rng: np.random.Generator) -> np.ndarray:
    """Low-rank 'offers meet needs' weights from random unit embeddings, float32."""
    offers = rng.normal(size=(n, d)).astype(np.float32)
    needs = rng.normal(size=(n, d)).astype(np.float32)
    offers /= np.linalg.norm(offers, axis=1, keepdims=True)
    needs /= np.linalg.norm(needs, axis=1, keepdims=True)
    a = offers @ needs.T
    w = (a + a.T) / 2
    np.fill_diagonal(w, 0)
    return w


def weighted_large() -> None:
    rng = np.random.default_rng(1)
    n, rounds = 5000, 8
    uniform = rng.random((n, n), dtype=np.float32)
    uniform = (uniform + uniform.T) / 2
    np.fill_diagonal(uniform, 0)
    for name, w in (("random", uniform), ("mutual-interest (rank 16)", None)):
        if w is None:
            del uniform
            w = mutual_weights(n, 16, rng)
        start = time.perf_counter()
        s = plan_rotation(range(n), table_size=2, rounds=rounds, weights=w, seed=0)
        took = time.perf_counter() - start
        print(
            f"| 5,000 × 8 pairs, {name} | {took:.1f} s | {s.stats.total_weight:.1f} "
            f"| bound {s.stats.weight_bound:.1f} | {s.stats.weight_share:.4f} "
            f"| repeats {s.stats.repeats} |"
        )


def replanning() -> None:
    for k in (2, 4):
        people = list(range(200))
        first = plan_rotation(people, table_size=k, rounds=10, seed=1)
        now = [p for p in people if p % 13 != 0] + [f"late{i}" for i in range(9)]
        start = time.perf_counter()
        again = replan(
            now, table_size=k, rounds=7, held=first.rounds[:3], planned=first.rounds[3:], seed=1
        )
        took = time.perf_counter() - start
        old = [{frozenset(t) for t in rnd} for rnd in first.rounds[3:]]
        kept = sum(frozenset(t) in o for o, rnd in zip(old, again.rounds, strict=True) for t in rnd)
        tables = sum(len(r) for r in again.rounds)
        print(
            f"| re-plan 200 → {len(now)}, tables of {k}, 7 rounds left | {took:.3f} s "
            f"| repeats {again.stats.repeats} | kept {kept}/{tables} tables |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--common", action="store_true", help="only the common event sizes")
    args = parser.parse_args()
    common_sizes()
    if args.common:
        return
    print()
    if ANCHORS.exists():
        anchors()
    print()
    weighted_small(args.quick)
    if not args.quick:
        weighted_large()
    print()
    replanning()


if __name__ == "__main__":
    main()
