"""Two-sided events: the smaller side stays seated, the larger side rotates and rests in turn."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from mutuals.events.costs import FORBID
from mutuals.events.problem import Problem

Tables = list[list[int]]


def plan_sides(pb: Problem, present: list[int]) -> tuple[list[Tables], list[list[int]]]:
    """Each round pairs every seated person with someone of the other side at least cost.

    Seated person i keeps table i. Those of the rotating side who rest are the ones who have
    rested least so far (taking turns in a fixed order), so nobody rests twice before everyone has
    rested once; a newcomer never rests in their first round.
    """
    assert pb.sides is not None
    here = set(present)
    seated = [p for p in pb.sides[0] if p in here]
    moving = [p for p in pb.sides[1] if p in here]
    if not seated or not moving:
        raise ValueError("a two-sided event needs people on both sides")
    if len(seated) > len(moving):
        seated, moving = moving, seated
    plan: list[Tables] = []
    byes: list[list[int]] = []
    order = {p: i for i, p in enumerate(moving)}
    m = len(moving)
    for r in range(pb.rounds):
        rest_count = len(moving) - len(seated)
        # play first: newcomers, then who rested most, then by turn; the tail of the queue rests
        queue = sorted(
            moving,
            key=lambda p: (
                p not in pb.newcomers,
                -pb.bye_counts[p],
                (order[p] - r * rest_count) % m,
            ),
        )
        playing = queue[: len(seated)]
        resting = queue[len(seated) :]
        cost = np.array(
            [[min(pb.model.add_cost(a, b), FORBID) for b in playing] for a in seated],
            dtype=np.float64,
        )
        rows, cols = linear_sum_assignment(cost)
        tables = [
            [seated[i], playing[j]] for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        ]
        for t in tables:
            pb.model.meet(t)
        for p in resting:
            pb.bye_counts[p] += 1
        plan.append(tables)
        byes.append(sorted(resting))
        pb.newcomers.clear()
    return plan, byes
