"""Pairs by the circle method: every pair of an even group meets exactly once in n-1 rounds.

Person ``n-1`` stays put while the others turn around a circle. An odd group adds an empty seat:
whoever faces it either sits out (a bye, each person once per n rounds) or joins another pair as a
third, chosen so that, where possible, the trio brings no repeat.
"""

from __future__ import annotations

import numpy as np

from mutuals.events.costs import key

Tables = list[list[int]]


def circle_round(n: int, r: int) -> Tables:
    """Round ``r`` of the circle method on an even ``n``; table 0 holds the fixed person."""
    m = n - 1
    r %= m
    tables = [[n - 1, r]]
    for i in range(1, n // 2):
        tables.append([(r + i) % m, (r - i) % m])
    return tables


def pairs_even(n: int, rounds: int) -> list[Tables]:
    """``rounds`` rounds of pairs; after n-1 rounds the cycle starts again (pairs met once more)."""
    m = n - 1
    r = (np.arange(rounds) % m)[:, None]
    i = np.arange(1, n // 2)[None, :]
    plan = np.empty((rounds, n // 2, 2), dtype=np.int64)
    plan[:, 0, 0] = n - 1
    plan[:, 0, 1] = r[:, 0]
    plan[:, 1:, 0] = (r + i) % m
    plan[:, 1:, 1] = (r - i) % m
    out: list[Tables] = plan.tolist()
    return out


def pairs_with_byes(n: int, rounds: int) -> tuple[list[Tables], list[list[int]]]:
    """Odd n: the person facing the empty seat sits out; byes rotate through everyone in turn."""
    plan, byes = [], []
    for r in range(rounds):
        tables = circle_round(n + 1, r)
        byes.append([p for t in tables if n in t for p in t if p != n])
        plan.append([t for t in tables if n not in t])
    return plan, byes


def pairs_with_trios(n: int, rounds: int) -> list[Tables]:
    """Odd n: the person facing the empty seat joins the pair that brings them no repeat.

    Candidate pairs are scored by how often the newcomer has met, or will meet in the planned
    rounds, each of the two; ties go to the pair furthest along the circle, so trios spread.
    """
    plan, _ = pairs_with_byes(n, rounds)
    byes = [circle_round(n + 1, r)[0][1] for r in range(rounds)]
    met: dict[tuple[int, int], int] = {}
    for tables in plan:
        for a, b in tables:
            met[key(a, b)] = met.get(key(a, b), 0) + 1
    for r, tables in enumerate(plan):
        x = byes[r]
        best_i, best = 0, None
        for i, (a, b) in enumerate(tables):
            score = (met.get(key(x, a), 0) + met.get(key(x, b), 0), -i)
            if best is None or score < best:
                best_i, best = i, score
        a, b = tables[best_i]
        met[key(x, a)] = met.get(key(x, a), 0) + 1
        met[key(x, b)] = met.get(key(x, b), 0) + 1
        tables[best_i] = [a, b, x]
        # the trio goes last so that table numbers of the pairs stay as the circle gives them
        tables.append(tables.pop(best_i))
    return plan
