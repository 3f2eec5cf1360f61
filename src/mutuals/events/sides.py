"""Two-sided events: the smaller side stays seated, the larger side rotates and rests in turn."""

from __future__ import annotations

import numpy as np

from mutuals.events.costs import FORBID
from mutuals.events.problem import Problem

Tables = list[list[int]]

# far above any seating cost: fairness of rests comes before everything else
FAIR = 1e13
# above fairness: a newcomer's first round is never a rest, even if someone else is owed a seat
NEWCOMER = 2 * FAIR


def plan_sides(pb: Problem, present: list[int]) -> tuple[list[Tables], list[list[int]]]:
    """Each round pairs every seated person with someone of the other side at least cost.

    Seated person i keeps table i. With d seats short on the rotating side, let t be the rest
    count of the d-th least rested person: whoever rested more than t plays, whoever rested less
    rests, and the assignment chooses among those at exactly t. So nobody rests twice before
    everyone has rested once. A newcomer never rests in their first round (when there are seats
    for all newcomers), even if that delays someone owed a seat.
    """
    from scipy.optimize import linear_sum_assignment

    assert pb.sides is not None
    here = set(present)
    seated = [p for p in pb.sides[0] if p in here]
    moving = [p for p in pb.sides[1] if p in here]
    plan: list[Tables] = []
    byes: list[list[int]] = []
    order = {p: i for i, p in enumerate(moving)}
    m = len(moving)
    d = m - len(seated)
    for r in range(pb.rounds):

        def turn(p: int, r: int = r) -> int:
            return (order[p] - r * d) % m

        ranked = sorted(moving, key=lambda p: (pb.bye_counts[p], turn(p)))
        t = pb.bye_counts[ranked[d - 1]] if d else -1
        must_rest = [p for p in moving if pb.bye_counts[p] < t and p not in pb.newcomers]
        open_ = [p for p in moving if p not in must_rest]
        bonus = [
            (NEWCOMER if p in pb.newcomers else FAIR if pb.bye_counts[p] > t else 0.0)
            + turn(p) * 1e-6
            for p in open_
        ]
        cost = np.array(
            [
                [min(pb.model.add_cost(a, b), FORBID) - bonus[j] for j, b in enumerate(open_)]
                for a in seated
            ],
            dtype=np.float64,
        )
        rows, cols = linear_sum_assignment(cost)
        chosen = set(cols.tolist())
        tables = [[seated[i], open_[j]] for i, j in zip(rows.tolist(), cols.tolist(), strict=True)]
        resting = must_rest + [p for j, p in enumerate(open_) if j not in chosen]
        for table in tables:
            pb.model.meet(table)
        for p in resting:
            pb.bye_counts[p] += 1
        plan.append(tables)
        byes.append(sorted(resting))
        pb.newcomers.clear()
    return plan, byes
