"""Planning rounds of pairs: the circle method when nothing else matters, matchings otherwise."""

from __future__ import annotations

import numpy as np

from mutuals.events.layout import host_order
from mutuals.events.localsearch import repair
from mutuals.events.matching import EXACT_LIMIT, match_round
from mutuals.events.problem import Problem
from mutuals.events.roundrobin import pairs_even, pairs_with_byes, pairs_with_trios

Tables = list[list[int]]

# candidate partners kept per person beyond those already met, in large rooms
CANDIDATES = 12


def _relabel(plan: list[Tables], perm: list[int]) -> list[Tables]:
    if plan and all(len(t) == 2 for t in plan[0]) and all(len(ts) == len(plan[0]) for ts in plan):
        return np.asarray(perm)[np.asarray(plan)].tolist()  # type: ignore[no-any-return]
    return [[[perm[p] for p in t] for t in tables] for tables in plan]


def _circle(pb: Problem) -> tuple[list[Tables], list[list[int]]]:
    n, rounds = pb.n, pb.rounds
    perm = list(range(n))
    pb.rng.shuffle(perm)
    byes: list[list[int]] = [[] for _ in range(rounds)]
    if pb.hosts:
        # the circle's fixed seat (n-1) is table 0: that is where the host stays
        h = pb.hosts[0]
        j = perm.index(h)
        perm[j], perm[n - 1] = perm[n - 1], perm[j]
    if n % 2 == 0:
        plan = pairs_even(n, rounds)
    elif pb.odd == "bye":
        plan, byes = pairs_with_byes(n, rounds)
    else:
        plan = pairs_with_trios(n, rounds)
    plan = _relabel(plan, perm)
    byes = [[perm[p] for p in b] for b in byes]
    if n % 2 and pb.odd == "trio":
        for tables in plan:
            for t in tables:
                pb.model.meet(t)
        everyone = set(range(n))
        plan = repair(
            pb.model, plan, [everyone] * rounds, pb.rng, iterations=60 * n, deadline=pb.deadline
        )
    return plan, byes


def _pick_bye(pb: Problem, present: list[int], r: int) -> int:
    eligible = [p for p in present if p not in pb.hosts and p not in pb.newcomers]
    if not eligible:
        eligible = present
    # fewest byes first; among equals, take turns along a fixed order
    return min(eligible, key=lambda p: (pb.bye_counts[p], (p - r) % pb.n))


def _matched(pb: Problem, present: list[int]) -> tuple[list[Tables], list[list[int]]]:
    candidates: list[list[int]] | None = None
    if len(present) > EXACT_LIMIT:
        if pb.weights is not None:
            candidates = pb.weights.top_partners(CANDIDATES + pb.rounds)
        else:
            candidates = [
                [pb.rng.randrange(pb.n) for _ in range(CANDIDATES + pb.rounds)] for _ in range(pb.n)
            ]
    plan: list[Tables] = []
    byes: list[list[int]] = []
    for r in range(pb.rounds):
        seated = list(present)
        out: list[int] = []
        if len(seated) % 2 and pb.odd == "bye":
            b = _pick_bye(pb, seated, r)
            seated.remove(b)
            out = [b]
            pb.bye_counts[b] += 1
        tables = match_round(pb.model, seated, candidates, pb.rng)
        tables = host_order(tables, pb.hosts)
        for t in tables:
            pb.model.meet(t)
        plan.append(tables)
        byes.append(out)
        pb.newcomers.clear()
    if len(present) <= EXACT_LIMIT:
        # round-by-round matching can paint itself into a corner; swaps between tables undo it
        movable = set(present) - set(pb.hosts)
        plan = repair(
            pb.model,
            plan,
            [movable] * len(plan),
            pb.rng,
            iterations=40 * len(present),
            deadline=pb.deadline,
        )
    return plan, byes


def _front_load(pb: Problem, plan: list[Tables]) -> list[Tables]:
    """Highest-weight rounds first (rounds are independent once no byes are involved)."""
    if pb.weights is None or pb.model.must:
        return plan
    return sorted(plan, key=pb.weights.of_round, reverse=True)


def plan_pairs(pb: Problem, present: list[int]) -> tuple[list[Tables], list[list[int]]]:
    """Rounds of pairs (and a trio or a bye when the count is odd) for ``present`` people."""
    if pb.plain and len(present) == pb.n and (pb.n % 2 == 0 or not pb.hosts):
        return _circle(pb)
    plan, byes = _matched(pb, present)
    if not any(byes):
        plan = _front_load(pb, plan)
    return plan, byes
