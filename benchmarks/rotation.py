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


def repeat_lower_bound(n: int, sizes: list[int], rounds: int) -> int:
    """A counting bound on repeats for ``n`` people at tables of ``sizes`` for ``rounds`` rounds.

    Pair meetings number ``rounds * sum(s * (s - 1) / 2)`` and distinct pairs at most
    ``n * (n - 1) / 2``; and each person meets at most ``n - 1`` different people, so partner
    seats beyond that are repeats (half a repeat each, a repeat having two sides). The seats are
    spread as evenly as the table sizes allow, which makes the second bound as small as it can be.
    0 means no counting argument forces a repeat; a plan above 0 there may still be optimal.
    """
    meetings = rounds * sum(s * (s - 1) // 2 for s in sizes)
    by_pairs = max(0, meetings - n * (n - 1) // 2)
    # Seats per person over the event: as even as possible, at most one table size apart.
    seats = 2 * meetings
    low, extra = divmod(seats, n)
    per_person = extra * max(0, low + 1 - (n - 1)) + (n - extra) * max(0, low - (n - 1))
    return max(by_pairs, -(-per_person // 2))


def common_sizes() -> None:
    """Repeats and time for common event sizes: each way of seating a remainder, and the
    planner's own choice when none is given (both planned, the one with fewer repeats kept)."""
    print(
        "| people | table | rounds | uneven | tables | repeats | lower bound | most meetings "
        "of a pair | seconds |"
    )
    print("|---:|---:|---:|---|---|---:|---:|---:|---:|")
    for n, k, rounds in COMMON:
        for uneven in ("larger", "smaller", None):
            start = time.perf_counter()
            s = plan_rotation(range(n), table_size=k, rounds=rounds, uneven=uneven, seed=0)  # type: ignore[arg-type]
            took = time.perf_counter() - start
            sizes = sorted({len(t) for rnd in s.rounds for t in rnd})
            bound = repeat_lower_bound(n, [len(t) for t in s.rounds[0]], rounds)
            label = uneven or "not chosen"
            shown = "/".join(str(x) for x in sizes)
            print(
                f"| {n} | {k} | {rounds} | {label} | {shown} | {s.stats.repeats} | {bound} "
                f"| {s.stats.max_meetings} | {took:.2f} |"
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
