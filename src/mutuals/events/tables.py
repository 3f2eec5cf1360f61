"""Planning rounds at tables of three or more: a design when one fits, local search otherwise."""

from __future__ import annotations

from mutuals.events.designs import best_design
from mutuals.events.layout import host_order
from mutuals.events.localsearch import greedy_round, improve_round, repair
from mutuals.events.problem import Problem
from mutuals.events.relabel import relabel

Tables = list[list[int]]

# with weights, rooms up to this size that end with a repeat also try the local search
SMALL_ROOM = 60
# relabelling looks up every pair of people; beyond this it costs more than it saves
RELABEL_LIMIT = 600


def plan_tables(pb: Problem, present: list[int], keep: list[Tables] | None = None) -> list[Tables]:
    """Rounds of tables for ``present``; ``keep`` are rounds to start from where still valid."""
    if pb.weights is not None and keep is None:
        return _weighted(pb, present)
    return _local_search(pb, present, keep)


def _weighted(pb: Problem, present: list[int]) -> list[Tables]:
    """The weighted search; in a small room that forces repeats, also the local search, and
    the plan with fewer repeats (then more weight) wins."""
    from mutuals.events.weighted import plan_weighted_problem

    assert pb.weights is not None
    before = dict(pb.model.counts)
    plan = plan_weighted_problem(pb, present)
    if len(present) <= SMALL_ROOM and _repeats(pb, before):
        found = dict(pb.model.counts)
        pb.model.counts = dict(before)
        other = _local_search(pb, present, None)
        local_score = (_repeats(pb, before), -sum(map(pb.weights.of_round, other)))
        pb.model.counts = found
        weighted_score = (_repeats(pb, before), -sum(map(pb.weights.of_round, plan)))
        if local_score < weighted_score:
            plan = other
            pb.model.counts = dict(before)
            for tables in plan:
                for t in tables:
                    pb.model.meet(t)
    if not pb.model.must:
        plan = sorted(plan, key=pb.weights.of_round, reverse=True)
    return plan


def _repeats(pb: Problem, before: dict[tuple[int, int], int]) -> int:
    """Meetings recorded in the model beyond the first of each pair, not counting ``before``."""
    return sum(c - max(1, before.get(p, 0)) for p, c in pb.model.counts.items() if c > 1)


def _local_search(pb: Problem, present: list[int], keep: list[Tables] | None) -> list[Tables]:
    """Designs when they fit, else greedy rounds improved by swaps and a whole-plan search."""
    n = len(present)
    sizes = pb.sizes(n)
    pinned = {h: i for i, h in enumerate(pb.hosts) if h in set(present)}
    plan: list[Tables] = []
    fixed_rounds = 0
    design = best_design(n, pb.k) if n % pb.k == 0 and keep is None else None
    padded = False
    if design is None and keep is None and pb.weights is None and not pb.model.must:
        design = _padded(n, sizes, pb)
        padded = design is not None
    if design and pb.weights is None:
        design = design[: pb.rounds]
        points = sorted(present)
        if pb.plain:
            pb.rng.shuffle(points)
            fitted, conflict = [[[points[p] for p in t] for t in tb] for tb in design], 0.0
        elif n <= RELABEL_LIMIT:
            fitted, conflict = relabel(pb.model, design, points, pb.rng, iterations=50 * n)
        else:
            fitted, conflict = design, 1.0
        if conflict == 0 and _hosts_apart(fitted, pinned):
            plan = [host_order(tables, list(pinned)) for tables in fitted]
            # an extra seat may bring a repeat the repair below must be free to undo
            fixed_rounds = 0 if padded else len(plan)
            for tables in plan:
                for t in tables:
                    pb.model.meet(t)
    movable = set(present) - set(pinned)
    weighted = pb.weights is not None or bool(pb.model.must)
    for r in range(len(plan), pb.rounds):
        start = keep[r] if keep is not None and r < len(keep) and keep[r] else None
        if start is not None:
            tables = [list(t) for t in start]
        else:
            tables = greedy_round(pb.model, sizes, present, pinned, pb.rng)
        if not (pb.plain and not pinned):
            # a plain plan is left to the whole-plan search below, which does this job faster
            improve_round(pb.model, tables, movable, pb.rng, passes=3, only_bad=not weighted)
        for t in tables:
            pb.model.meet(t)
        plan.append(tables)
    if pb.plain and not pinned and (fixed_rounds < pb.rounds or padded):
        plan = _search(pb, plan, present, 0 if padded else fixed_rounds)
    elif fixed_rounds < pb.rounds or padded:
        moves = [set() if r < fixed_rounds else movable for r in range(pb.rounds)]
        plan = repair(
            pb.model, plan, moves, pb.rng, iterations=min(4000, 60 * n), deadline=pb.deadline
        )
    if pb.weights is not None and not pb.model.must:
        plan = sorted(plan, key=pb.weights.of_round, reverse=True)
    return plan


def _search(pb: Problem, plan: list[Tables], present: list[int], fixed: int) -> list[Tables]:
    """Tabu search over the whole plan, on local indices; the model then holds its meetings."""
    # NumPy comes with the search: a plan taken whole from a design does without it.
    import numpy as np

    from mutuals.events.tabu import step_budget, tabu_search

    local = {p: i for i, p in enumerate(present)}
    rounds = [[[local[p] for p in t] for t in tables] for tables in plan]
    rng = np.random.default_rng(pb.rng.getrandbits(64))
    steps = step_budget(len(present), pb.k)
    found = tabu_search(rounds, len(present), rng, steps, fixed=fixed, deadline=pb.deadline)
    for tables in plan:
        for t in tables:
            pb.model.meet(t, -1)
    out = [[[present[i] for i in t] for t in tables] for tables in found]
    for tables in out:
        for t in tables:
            pb.model.meet(t)
    return out


def _hosts_apart(plan: list[Tables], pinned: dict[int, int]) -> bool:
    return all(sum(h in pinned for h in t) <= 1 for tables in plan for t in tables)


def _padded(n: int, sizes: list[int], pb: Problem) -> list[Tables] | None:
    """A design for a nearby head count, fitted to tables one seat larger or smaller.

    Tables of k+1: the extra people join the design's tables, each where they meet nobody they
    have met. Tables of k-1: the design has a few empty seats, on points that never share a table.
    """
    k = pb.k
    extra = sum(s == k + 1 for s in sizes)
    short = sum(s == k - 1 for s in sizes)
    if extra and not short:
        base = best_design(n - extra, k)
        if not base or len(base) < pb.rounds:
            return None
        base = base[: pb.rounds]
        met: set[tuple[int, int]] = set()
        plan: list[Tables] = []
        for tables in base:
            tables = [list(t) for t in tables]
            for x in range(n - extra, n):
                free = [t for t in tables if len(t) == k]
                best = min(free, key=lambda t: sum((min(x, y), max(x, y)) in met for y in t))
                for y in best:
                    met.add((min(x, y), max(x, y)))
                best.append(x)
            plan.append(tables)
        return plan
    if short and not extra:
        base = best_design(n + short, k)
        if not base or len(base) < pb.rounds:
            return None
        base = base[: pb.rounds]
        together: set[tuple[int, int]] = {
            (a, b) for tables in base for t in tables for a in t for b in t if a < b
        }
        empty: list[int] = []
        for p in range(n + short - 1, -1, -1):
            if all((min(p, q), max(p, q)) not in together for q in empty):
                empty.append(p)
                if len(empty) == short:
                    break
        if len(empty) < short:
            return None
        gone = set(empty)
        keep = [p for p in range(n + short) if p not in gone]
        relabel_to = {p: i for i, p in enumerate(keep)}
        return [[[relabel_to[p] for p in t if p not in gone] for t in tables] for tables in base]
    return None
