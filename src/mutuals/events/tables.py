"""Planning rounds at tables of three or more: a design when one fits, local search otherwise."""

from __future__ import annotations

from mutuals.events.designs import best_design
from mutuals.events.localsearch import greedy_round, improve_round, repair
from mutuals.events.problem import Problem

Tables = list[list[int]]


def plan_tables(pb: Problem, present: list[int], keep: list[Tables] | None = None) -> list[Tables]:
    """Rounds of tables for ``present``; ``keep`` are rounds to start from where still valid."""
    n = len(present)
    sizes = pb.sizes(n)
    pinned = {h: i for i, h in enumerate(pb.hosts) if h in set(present)}
    plan: list[Tables] = []
    fixed_rounds = 0
    if pb.plain and n == pb.n and n % pb.k == 0 and keep is None:
        design = best_design(n, pb.k)
        if design:
            perm = list(range(n))
            pb.rng.shuffle(perm)
            plan = [[[perm[p] for p in t] for t in tables] for tables in design[: pb.rounds]]
            fixed_rounds = len(plan)
            for tables in plan:
                for t in tables:
                    pb.model.meet(t)
    movable = set(present) - set(pinned)
    weighted = pb.weights is not None
    for r in range(fixed_rounds, pb.rounds):
        start = keep[r] if keep is not None and r < len(keep) and keep[r] else None
        if start is not None:
            tables = [list(t) for t in start]
        else:
            tables = greedy_round(pb.model, sizes, present, pinned, pb.rng)
        improve_round(pb.model, tables, movable, pb.rng, passes=3, only_bad=not weighted)
        for t in tables:
            pb.model.meet(t)
        plan.append(tables)
    if fixed_rounds < pb.rounds:
        moves = [set() if r < fixed_rounds else movable for r in range(pb.rounds)]
        plan = repair(pb.model, plan, moves, pb.rng, iterations=min(4000, 30 * n))
    if weighted and not pb.model.must:
        w = pb.weights
        assert w is not None

        def weight(tables: Tables) -> float:
            return sum(w.get(a, b) for t in tables for i, a in enumerate(t) for b in t[i + 1 :])

        plan = sorted(plan, key=weight, reverse=True)
    return plan
