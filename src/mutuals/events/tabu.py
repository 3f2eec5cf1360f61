"""Whole-plan tabu search for plain rotations: swap two people of one round to remove repeats.

This is the social-golfer local search of Dotú and Van Hentenryck. The state is every round's
tables and a matrix of how often each pair has met. Each step looks at every person who sits with
someone they meet more than once, scores swapping them with everyone at another table of the same
round (all at once, with NumPy gathers on the meeting matrix), and makes the best swap that is not
tabu. When the best plan has not improved for a while, the search goes back to it and shakes it
with a few random swaps. The number of steps is fixed in advance, never by the clock, so a seed
gives the same plan on any machine.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mutuals.events.budget import NO_DEADLINE, Deadline

Tables = list[list[int]]

# pen[c]: cost of a pair that met c times. A third meeting costs far more than a second, so
# repeats spread over many pairs before any pair meets three times.
_PEN = np.array([0, 0, 1, 9, 90, 900, 9_000, 90_000], dtype=np.int64)
# conflicts scored per step; beyond this a random sample keeps each step cheap
MAX_CANDIDATES = 48
# a swapped person may not go back for TENURE + up to TENURE_SPREAD steps
TENURE, TENURE_SPREAD = 8, 12
# steps without a new best (per person) before going back to the best plan and shaking it
STALL_PER_PERSON = 4
# random swaps per 100 people in a shake
SHAKE_PER_100 = 5
BLOCKED = np.iinfo(np.int64).max // 4


def step_budget(n: int, k: int) -> int:
    """Steps the search may take for n people at tables of k: fewer as each step gets dearer.

    A step costs about 100 + 0.35 * n * (k + 1) microseconds here (fixed NumPy overhead, then
    gathers over every seat for each scored conflict); the budget aims at about 1.3 s of search
    on this machine, but counts steps so that the plan does not depend on the machine's speed.
    """
    micros = 100 + 0.35 * n * (k + 1)
    return int(min(12_000, max(200, 1_300_000 / micros)))


def plan_cost(rounds: Sequence[Tables]) -> int:
    """What the search minimises: the sum over pairs of the cost of how often they met."""
    met: dict[tuple[int, int], int] = {}
    for tables in rounds:
        for t in tables:
            for i, a in enumerate(t):
                for b in t[i + 1 :]:
                    pair = (a, b) if a < b else (b, a)
                    met[pair] = met.get(pair, 0) + 1
    top = len(_PEN) - 1
    return int(sum(_PEN[min(c, top)] for c in met.values()))


def tabu_search(
    rounds: Sequence[Tables],
    n: int,
    rng: np.random.Generator,
    steps: int,
    fixed: int = 0,
    deadline: Deadline = NO_DEADLINE,
) -> list[Tables]:
    """The plan with the fewest (and most spread) repeats found from ``rounds`` in ``steps`` steps.

    Its :func:`plan_cost` is never above that of ``rounds``; a pair met c times costs at least
    c - 1, so the cost bounds the repeats.

    ``rounds`` seat people ``0..n-1`` (every round the same table sizes, in order); the first
    ``fixed`` rounds never change. Returns a new plan with the same table sizes in every round.
    Stops early, with the best plan so far, when ``deadline`` expires.
    """
    plan = [[list(t) for t in tables] for tables in rounds]
    if not plan:
        return plan
    sizes = [len(t) for t in plan[0]]
    width = max(sizes)
    g = len(sizes)
    dummy = n
    seats = np.full((len(plan), g, width), dummy, dtype=np.int64)
    for r, tables in enumerate(plan):
        for t, table in enumerate(tables):
            seats[r, t, : len(table)] = table
    search = _Search(seats, n, fixed, rng)
    best = search.run(steps, deadline)
    return [
        [[int(p) for p in best[r, t] if p != dummy] for t in range(g)] for r in range(len(plan))
    ]


class _Search:
    """Mutable state of one search: seats, meeting counts, tabu marks and the best plan so far."""

    def __init__(self, seats: np.ndarray, n: int, fixed: int, rng: np.random.Generator) -> None:
        self.seats = seats
        self.n = n
        self.fixed = fixed
        self.rng = rng
        rounds, g, width = seats.shape
        self.g, self.width = g, width
        cap = len(_PEN) - 1
        pen = _PEN
        # inc[c]: cost of one more meeting for a pair that met c times; dec[c]: saved by one fewer
        self.inc = np.append(pen[1:] - pen[:-1], pen[-1] - pen[-2])
        self.dec = np.concatenate(([0], pen[1:] - pen[:-1]))
        self.cap = cap
        self.count = np.zeros((n + 1, n + 1), dtype=np.int64)
        for r in range(rounds):
            for t in range(g):
                row = seats[r, t]
                row = row[row < n]
                self.count[np.ix_(row, row)] += 1
        np.fill_diagonal(self.count, 0)
        self.joins = self.inc[np.minimum(self.count, cap)]
        self.table_of = np.repeat(np.arange(g), width)  # seat slot -> table, within a round
        self.tabu = np.zeros((rounds, n + 1, g), dtype=np.int64)
        self.real = (seats < n).reshape(rounds, g * width)

    def cost(self) -> int:
        c = np.minimum(np.triu(self.count[: self.n, : self.n], 1), self.cap)
        return int(_PEN[c].sum())

    def _pair_state(self) -> tuple[np.ndarray, np.ndarray]:
        """Per seat: saved cost if its person left the table, and whether they are in a repeat."""
        s = self.seats
        met = np.minimum(self.count[s[:, :, :, None], s[:, :, None, :]], self.cap)
        leave = self.dec[met].sum(-1)
        bad = (met >= 2).any(-1) & (s < self.n)
        if self.fixed:
            bad[: self.fixed] = False
        return leave, bad

    def run(self, steps: int, deadline: Deadline) -> np.ndarray:
        cost = self.cost()
        best_cost, best = cost, self.seats.copy()
        stall, since = max(100, STALL_PER_PERSON * self.n), 0
        for it in range(1, steps + 1):
            if best_cost == 0 or (it % 16 == 0 and deadline.expired()):
                break
            leave, bad = self._pair_state()
            cands = np.argwhere(bad)
            if len(cands) == 0:
                break
            if len(cands) > MAX_CANDIDATES:
                cands = cands[self.rng.choice(len(cands), MAX_CANDIDATES, replace=False)]
            move = self._best_move(cands, leave, cost - best_cost, it)
            if move is None:
                since = stall
            else:
                r, ta, sa, tb, sb, delta = move
                self._swap(r, ta, sa, tb, sb, it)
                cost += delta
                if cost < best_cost:
                    best_cost, best, since = cost, self.seats.copy(), 0
                else:
                    since += 1
            if since >= stall:
                self._restart(best)
                cost, since = self.cost(), 0
        return best

    def _best_move(
        self, cands: np.ndarray, leave: np.ndarray, above_best: int, it: int
    ) -> tuple[int, int, int, int, int, int] | None:
        s, joins = self.seats, self.joins
        r, ta, sa = cands[:, 0], cands[:, 1], cands[:, 2]
        a = s[r, ta, sa]  # C
        rs = s[r]  # C x g x w
        b = rs.reshape(len(r), -1)  # C x S: every seat of the round as a partner
        home = s[r, ta]  # C x w: a's table, a included
        # b joins a's table (a leaves it)
        join_a = joins[b[:, :, None], home[:, None, :]].sum(-1)
        ab = joins[a[:, None], b]
        join_a -= ab
        # a joins b's table (b leaves it)
        per_table = joins[a[:, None, None], rs].sum(-1)  # C x g
        join_b = np.repeat(per_table, self.width, axis=1) - ab
        delta = join_a + join_b - leave[r, ta, sa][:, None] - leave[r].reshape(len(r), -1)
        tb = self.table_of[None, :]
        blocked = (tb == ta[:, None]) | ~self.real[r]
        tabu = (self.tabu[r[:, None], a[:, None], tb] >= it) | (
            self.tabu[r[:, None], b, ta[:, None]] >= it
        )
        # a tabu swap is still taken when it makes the best plan yet
        blocked |= tabu & (delta >= -above_best)
        delta = np.where(blocked, BLOCKED, delta)
        low = delta.min()
        if low >= BLOCKED:
            return None
        ties = np.flatnonzero(delta == low)
        pick = int(ties[self.rng.integers(len(ties))])
        c, slot = divmod(pick, delta.shape[1])
        tb_i, sb = divmod(slot, self.width)
        return int(r[c]), int(ta[c]), int(sa[c]), tb_i, sb, int(low)

    def _swap(self, r: int, ta: int, sa: int, tb: int, sb: int, it: int) -> None:
        s, n = self.seats, self.n
        a, b = int(s[r, ta, sa]), int(s[r, tb, sb])
        rest_a = s[r, ta][(s[r, ta] < n) & (s[r, ta] != a)]
        rest_b = s[r, tb][(s[r, tb] < n) & (s[r, tb] != b)]
        for x, y, step in ((a, rest_a, -1), (b, rest_a, 1), (b, rest_b, -1), (a, rest_b, 1)):
            self.count[x, y] += step
            self.count[y, x] += step
            self.joins[x, y] = self.joins[y, x] = self.inc[np.minimum(self.count[x, y], self.cap)]
        s[r, ta, sa], s[r, tb, sb] = b, a
        tenure = TENURE + int(self.rng.integers(0, TENURE_SPREAD))
        self.tabu[r, a, ta] = it + tenure
        self.tabu[r, b, tb] = it + tenure

    def _restart(self, best: np.ndarray) -> None:
        """Go back to the best plan and shake it with a few random swaps in movable rounds."""
        self.seats[...] = best
        self.count[...] = 0
        rounds, g, _ = best.shape
        for r in range(rounds):
            for t in range(g):
                row = best[r, t]
                row = row[row < self.n]
                self.count[np.ix_(row, row)] += 1
        np.fill_diagonal(self.count, 0)
        self.joins = self.inc[np.minimum(self.count, self.cap)]
        self.tabu[...] = 0
        if rounds <= self.fixed or g < 2:
            return
        for _ in range(max(2, SHAKE_PER_100 * self.n // 100)):
            r = int(self.rng.integers(self.fixed, rounds))
            ta, tb = (int(x) for x in self.rng.choice(g, 2, replace=False))
            sa = int(self.rng.integers(0, int((best[r, ta] < self.n).sum())))
            sb = int(self.rng.integers(0, int((best[r, tb] < self.n).sum())))
            self._swap(r, ta, sa, tb, sb, 0)
