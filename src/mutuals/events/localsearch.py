"""Seat tables by greedy placement and swaps; repair a whole plan by conflict-driven tabu search.

A round is built greedily (each person to the open table where they cost least) and improved by
swapping two people at different tables. The repair phase follows the social-golfer tabu searches:
pick a person in a conflict (a repeat or a broken constraint), try swapping them with everyone at
another table of that round, take the best move not recently undone, and keep the best plan seen.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from mutuals.events.budget import NO_DEADLINE, Deadline
from mutuals.events.costs import REPEAT, CostModel, key, repeat_step

Tables = list[list[int]]


def greedy_round(
    model: CostModel,
    sizes: Sequence[int],
    people: Sequence[int],
    pinned: dict[int, int],
    rng: random.Random,
) -> Tables:
    """Seat ``people`` at tables of ``sizes``; ``pinned`` maps a person to their fixed table."""
    tables: Tables = [[] for _ in sizes]
    for p, t in pinned.items():
        tables[t].append(p)
    free = [p for p in people if p not in pinned]
    rng.shuffle(free)
    # the most constrained first: people with the most meetings so far have the fewest options
    for p in free:
        best_t, best_c = -1, 0.0
        for t, table in enumerate(tables):
            if len(table) >= sizes[t]:
                continue
            c = sum(model.add_cost(p, x) for x in table)
            if best_t < 0 or c < best_c:
                best_t, best_c = t, c
        tables[best_t].append(p)
    return tables


def _swap_delta(model: CostModel, ta: list[int], a: int, tb: list[int], b: int) -> float:
    d = 0.0
    for x in ta:
        if x != a:
            d += model.add_cost(b, x) - model.add_cost(a, x)
    for y in tb:
        if y != b:
            d += model.add_cost(a, y) - model.add_cost(b, y)
    return d


def improve_round(
    model: CostModel,
    tables: Tables,
    movable: set[int],
    rng: random.Random,
    passes: int = 3,
    only_bad: bool = True,
) -> None:
    """Swap people between tables of one unrecorded round while it lowers the cost.

    With ``only_bad`` only people in a costly pair (a repeat or a broken constraint) start a swap,
    which is what matters when there are no weights and keeps big rounds fast.
    """
    where = {p: t for t, table in enumerate(tables) for p in table}
    for _ in range(passes):
        improved = False
        order = [p for p in where if p in movable]
        rng.shuffle(order)
        for a in order:
            ta = tables[where[a]]
            if only_bad and all(model.add_cost(a, x) < REPEAT / 2 for x in ta if x != a):
                continue
            best, best_b = -1e-9, -1
            for b in order:
                if where[b] == where[a]:
                    continue
                d = _swap_delta(model, ta, a, tables[where[b]], b)
                if d < best:
                    best, best_b = d, b
            if best_b >= 0:
                b = best_b
                tb = tables[where[b]]
                ta[ta.index(a)] = b
                tb[tb.index(b)] = a
                where[a], where[b] = where[b], where[a]
                improved = True
        if not improved:
            return


def _conflicts(model: CostModel, rounds: list[Tables]) -> tuple[list[tuple[int, int]], float]:
    """(round, person) for everyone seated in a repeated or forbidden pair, and their total cost.

    A pair met c times contributes ``repeat_step(c-1)`` in all, so a third meeting weighs more than
    two second ones.
    """
    out: list[tuple[int, int]] = []
    score = 0.0
    for r, tables in enumerate(rounds):
        for table in tables:
            for i, a in enumerate(table):
                for b in table[i + 1 :]:
                    c = model.counts.get(key(a, b), 0)
                    f = model.fixed(a, b)
                    if c > 1 or f >= REPEAT:
                        out.append((r, a))
                        out.append((r, b))
                        score += repeat_step(c - 1) / c + max(f, 0.0)
    return out, score


def _move_delta(model: CostModel, ta: list[int], a: int, tb: list[int], b: int) -> float:
    """Cost change of swapping a and b in a round whose meetings are recorded."""
    d = 0.0
    for x in ta:
        if x != a:
            d += model.add_cost(b, x) - model.remove_cost(a, x)
    for y in tb:
        if y != b:
            d += model.add_cost(a, y) - model.remove_cost(b, y)
    return d


def repair(
    model: CostModel,
    rounds: list[Tables],
    movable: list[set[int]],
    rng: random.Random,
    iterations: int,
    tenure: int = 8,
    deadline: Deadline = NO_DEADLINE,
) -> list[Tables]:
    """Tabu search over recorded rounds to remove repeats and broken constraints.

    ``model.counts`` must include the meetings of ``rounds``; on return it holds those of the
    returned plan. ``movable[r]`` is who may change table in round r. Stops early, with the
    best plan so far, when ``deadline`` expires.
    """
    best = [[list(t) for t in tables] for tables in rounds]
    conflicts, best_score = _conflicts(model, rounds)
    score = best_score
    tabu: dict[tuple[int, int], int] = {}
    for it in range(iterations):
        if not conflicts or (it % 16 == 0 and deadline.expired()):
            break
        r, a = conflicts[rng.randrange(len(conflicts))]
        if a not in movable[r]:
            continue
        tables = rounds[r]
        ta_i = next(i for i, t in enumerate(tables) if a in t)
        ta = tables[ta_i]
        best_move: tuple[float, int, int] | None = None
        for tb_i, tb in enumerate(tables):
            if tb_i == ta_i:
                continue
            for b in tb:
                if b not in movable[r]:
                    continue
                d = _move_delta(model, ta, a, tb, b)
                if tabu.get((r, b), -1) >= it and d >= 0:
                    continue
                if (
                    best_move is None
                    or d < best_move[0]
                    or (d == best_move[0] and rng.random() < 0.3)
                ):
                    best_move = (d, tb_i, b)
        if best_move is None:
            continue
        _, tb_i, b = best_move
        tb = tables[tb_i]
        model.meet(ta, -1)
        model.meet(tb, -1)
        ta[ta.index(a)] = b
        tb[tb.index(b)] = a
        model.meet(ta)
        model.meet(tb)
        tabu[(r, a)] = it + tenure
        tabu[(r, b)] = it + tenure
        conflicts, score = _conflicts(model, rounds)
        if score < best_score:
            best_score = score
            best = [[list(t) for t in tbls] for tbls in rounds]
    if score != best_score:
        for tables in rounds:
            for t in tables:
                model.meet(t, -1)
        for tables in best:
            for t in tables:
                model.meet(t)
    return best
