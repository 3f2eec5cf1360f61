"""Fit people onto a design: choose who takes which point so that constraints and history hold.

A design fixes which points meet; any relabelling keeps "no pair twice". Swapping the points of
two people changes only the pairs they are in, so a local search over swaps can cheaply steer
colleagues (``separate_by``), do-not-pair couples and pairs already met in history onto points
that do not meet in the rounds used.
"""

from __future__ import annotations

import random

from mutuals.events.costs import REPEAT, CostModel

Rounds = list[list[list[int]]]


def _partners(design: Rounds, n: int) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in range(n)]
    for tables in design:
        for t in tables:
            for a in t:
                out[a].extend(x for x in t if x != a)
    return out


def relabel(
    model: CostModel, design: Rounds, people: list[int], rng: random.Random, iterations: int
) -> tuple[Rounds, float]:
    """Best assignment of ``people`` to the design's points found, and its remaining conflict cost.

    The conflict cost counts only penalties of at least one repeat (constraints, history); weights
    and must-meet bonuses do not enter, since a design gives everyone the same number of meetings.
    """
    n = len(people)
    partners = _partners(design, n)
    who = list(people)  # who[point] = person
    rng.shuffle(who)
    where = {p: u for u, p in enumerate(who)}
    # must-meet pairs should share a table in the first round
    first = {p: i for i, t in enumerate(design[0]) for p in t} if design else {}
    must: dict[int, list[int]] = {}
    for a, b in model.must:
        must.setdefault(a, []).append(b)
        must.setdefault(b, []).append(a)

    def must_cost(person: int, point: int) -> float:
        return sum(REPEAT for o in must.get(person, ()) if first[point] != first[where[o]])

    # conflicts between every two people, looked up many times below
    pos = {p: i for i, p in enumerate(people)}
    table = [
        [c if (c := model.add_cost(a, b)) >= REPEAT / 2 and a != b else 0.0 for b in people]
        for a in people
    ]

    def pair_cost(a: int, b: int) -> float:
        return table[pos[a]][pos[b]]

    def point_cost(u: int, person: int, skip: int = -1) -> float:
        return sum(pair_cost(person, who[x]) for x in partners[u] if x != skip) + must_cost(
            person, u
        )

    total = sum(point_cost(u, who[u]) for u in range(n)) / 2
    tabu: dict[int, int] = {}
    for it in range(iterations):
        if total <= 0:
            break
        bad = [u for u in range(n) if point_cost(u, who[u]) > 0]
        u = rng.choice(bad)
        before_u = point_cost(u, who[u])
        best_d, best_v = 0.0, -1
        for v in range(n):
            if v == u or tabu.get(who[v], -1) > it:
                continue
            pu, pv = who[u], who[v]
            before = before_u + point_cost(v, pv)
            where[pu], where[pv] = v, u
            after = (
                point_cost(u, pv, skip=v)
                + point_cost(v, pu, skip=u)
                + 2 * partners[u].count(v) * pair_cost(pu, pv)
            )
            where[pu], where[pv] = u, v
            d = (after - before) / 2
            # a small chance to take a sideways move keeps the search from stalling
            if best_v < 0 or d < best_d or (d == best_d and rng.random() < 0.3):
                best_d, best_v = d, v
        if best_v < 0:
            v = rng.randrange(n)
            if v == u:
                continue
            who[u], who[v] = who[v], who[u]
            where[who[u]], where[who[v]] = u, v
            total = sum(point_cost(x, who[x]) for x in range(n)) / 2
            continue
        tabu[who[u]] = it + 5 + rng.randrange(5)
        who[u], who[best_v] = who[best_v], who[u]
        where[who[u]], where[who[best_v]] = u, best_v
        total = sum(point_cost(x, who[x]) for x in range(n)) / 2
    plan = [[[who[p] for p in t] for t in tables] for tables in design]
    return plan, max(total, 0.0)
