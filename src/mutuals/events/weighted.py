"""Weighted tables at scale: a best-pairs start, then vectorised swap and tabu search per round.

A plan is worth the sum, over rounds and tables, of its pair values ``value[a, b]`` (scaled
weight, minus fixed penalties for forbidden or separated pairs), less the cost of every repeated
meeting. Given the other rounds, one round is a table-partition problem with pair values
``value - repeat_step(times met elsewhere)``. For a round the search keeps the person-by-table
sum ``st[p, t]`` (p's value to everyone at table t), so the gain of swapping any two people is
one n × n NumPy expression. Rounds are seated in turn: best free pairs open the tables and the
people who add most fill them, improving swaps follow (many per evaluation, as swaps between
different tables are independent), then a tabu search makes the best swap of people not moved
recently, losing ones included, keeping the best seating it sees.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutuals.events.budget import NO_DEADLINE, Deadline
from mutuals.events.costs import FORBID, MUST_MEET, REPEAT, REPEAT_GROWTH, SEPARATE
from mutuals.events.problem import Problem

Tables = list[list[int]]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

# A repeat is worth this much less than a first meeting of weight 1, a third meeting far less.
_PEN = np.array(
    [0.0] + [REPEAT * REPEAT_GROWTH**c for c in range(5)], dtype=np.float64
)  # _PEN[c]: cost of one more meeting for a pair that met c times (capped at the last)
# Batches of improving swaps per round; a round rarely needs more than a few dozen.
EVALUATIONS_PER_ROUND = 200
# ... and once the time budget is spent
QUICK_EVALUATIONS = 3
_EPS = 1e-9
# A moved person stays put for TABU_TENURE steps plus a random part of the same size.
TABU_TENURE = 6


def tabu_steps(n: int) -> int:
    """Tabu steps per round for n people: each step costs O(n²), so fewer for larger rooms.

    About 70 µs a step for 300 people here (5,000 steps), 0.5 ms for 1,000 (450 steps).
    Counted in steps, not seconds, so that a seed gives the same plan on any machine.
    """
    steps = int(min(5000, 20 * n, 4.5e8 / max(n, 1) ** 2))
    # past about 2,100 people a step costs milliseconds and the few steps left gain little
    return steps if steps >= 50 and n <= 2100 else 0


@dataclass(slots=True)
class WeightedTables:
    """One weighted table-planning job over people ``0..n-1``.

    ``value``: symmetric pair values (diagonal ignored). ``held``: meetings before the plan (not
    movable). ``must``: pairs that earn ``must_bonus`` at their first meeting. ``sizes``: the
    table sizes of every round. ``pinned``: person -> table they never leave.
    """

    value: FloatArray
    held: IntArray
    sizes: list[int]
    rounds: int
    pinned: dict[int, int]
    must: NDArray[np.bool_] | None = None
    must_bonus: float = 0.0

    @property
    def n(self) -> int:
        return int(self.value.shape[0])


def plan_weighted(
    job: WeightedTables,
    rng: np.random.Generator,
    deadline: Deadline,
    steps: int | None = None,
) -> list[Tables]:
    """``job.rounds`` rounds, each seated greedily then improved by swaps and ``steps`` tabu steps
    (default :func:`tabu_steps`), given the rounds before it.

    When ``deadline`` expires the remaining rounds are still seated (greedily, which is quick),
    but no longer improved. Each round's tabu search stops at an even share of the time left.
    """
    state = _State(job)
    steps = tabu_steps(job.n) if steps is None else steps
    for r in range(job.rounds):
        state.seat(r, _greedy_round(state, state.round_values(r), rng))
        if not deadline.expired():
            _descend(state, r, deadline)
        else:
            # past the budget a few batches of swaps still remove the repeats a greedy round
            # may have (each batch is one n × n evaluation)
            _descend(state, r, NO_DEADLINE, evaluations=QUICK_EVALUATIONS)
        if steps and not deadline.expired():
            # with a time budget, each round's search gets an even share of what is left (the
            # first rounds would otherwise spend it all)
            _tabu(state, r, steps, rng, deadline.share(job.rounds - r))
    return [_tables_of(state.tab[r], len(job.sizes)) for r in range(job.rounds)]


class _State:
    """Seating per round (``tab[r, p]`` = table) and meeting counts across the whole plan."""

    def __init__(self, job: WeightedTables) -> None:
        self.job = job
        n = job.n
        # -1: a round not seated yet (its meetings are not counted)
        self.tab = np.full((job.rounds, n), -1, dtype=np.int64)
        self.count = job.held.astype(np.int64).copy()
        self.movable = np.ones(n, dtype=bool)
        for p in job.pinned:
            self.movable[p] = False

    def seat(self, r: int, tab: IntArray) -> None:
        """Seat round ``r`` anew (its old meetings, if any, are forgotten)."""
        self.count -= _same(self.tab[r])
        self.count += _same(tab)
        np.fill_diagonal(self.count, 0)
        self.tab[r] = tab

    def round_values(self, r: int) -> FloatArray:
        """Pair values for round ``r`` given every other seated round."""
        others = self.count - _same(self.tab[r])
        np.fill_diagonal(others, 0)
        return self.pair_values(others)

    def pair_values(self, met: IntArray) -> FloatArray:
        job = self.job
        out: FloatArray = job.value - _PEN[np.minimum(met, len(_PEN) - 1)]
        if job.must is not None and job.must_bonus:
            out += job.must_bonus * (job.must & (met == 0))
        np.fill_diagonal(out, 0.0)
        return out


def _same(tab: IntArray) -> IntArray:
    """1 where two people share a table in this round (0 for a round not seated)."""
    same: IntArray = ((tab[:, None] == tab[None, :]) & (tab[:, None] >= 0)).astype(np.int64)
    return same


def _tables_of(tab: IntArray, g: int) -> Tables:
    out: Tables = [[] for _ in range(g)]
    for p, t in enumerate(tab.tolist()):
        out[t].append(p)
    return out


def _greedy_round(state: _State, val: FloatArray, rng: np.random.Generator) -> IntArray:
    """Seat one round: open each table with the best free pair, then add who adds the most.

    ``val`` are the round's pair values given the other rounds.
    """
    job = state.job
    n, sizes = job.n, job.sizes
    tab = np.full(n, -1, dtype=np.int64)
    free = np.ones(n, dtype=bool)
    members: list[list[int]] = [[] for _ in sizes]
    for p, t in job.pinned.items():
        tab[p] = t
        free[p] = False
        members[t].append(p)
    pairs = _best_pairs(val, rng, 1e-9)
    at = 0
    # a tiny random tie-break keeps equal weights from always seating the same way
    noise = rng.random(n) * 1e-9
    for t in sorted(range(len(sizes)), key=lambda t: -sizes[t]):
        seat = members[t]
        if not seat and free.any():
            # open the table with the best pair still free
            while at < len(pairs) and not (free[pairs[at, 0]] and free[pairs[at, 1]]):
                at += 1
            opening = pairs[at].tolist() if at < len(pairs) else [int(np.argmax(free))]
            for p in opening[: sizes[t]]:
                seat.append(p)
                free[p] = False
                tab[p] = t
        while len(seat) < sizes[t] and free.any():
            gain = val[seat].sum(axis=0) + noise
            gain[~free] = -np.inf
            p = int(np.argmax(gain))
            seat.append(p)
            free[p] = False
            tab[p] = t
    return tab


def _best_pairs(val: FloatArray, rng: np.random.Generator, jitter: float) -> IntArray:
    """Each person's best few partners as (a, b) rows, best pair first (with random jitter)."""
    n = val.shape[0]
    c = max(1, min(n - 1, 16))
    noisy = val + rng.random(val.shape) * jitter
    np.fill_diagonal(noisy, -np.inf)
    part = np.argpartition(-noisy, c - 1, axis=1)[:, :c]
    rows = np.repeat(np.arange(n), c)
    cols = part.ravel()
    order = np.argsort(-noisy[rows, cols], kind="stable")
    return np.stack([rows[order], cols[order]], axis=1)


def _descend(
    state: _State, r: int, deadline: Deadline, evaluations: int = EVALUATIONS_PER_ROUND
) -> bool:
    """Swap people between tables of round ``r`` while that gains; True if anything changed."""
    job = state.job
    n = job.n
    val = state.round_values(r)
    tab = state.tab[r].copy()
    g = len(job.sizes)
    onehot = np.zeros((g, n), dtype=np.float64)
    onehot[tab, np.arange(n)] = 1.0
    s = onehot @ val  # s[t, p]: p's value to everyone at table t
    fixed = ~state.movable
    changed = False
    idx = np.arange(n)
    minus2 = -2.0 * val
    for _ in range(evaluations):
        # em[p, t]: what p gains by leaving their table for t; -inf for their own table and for
        # people who may not move, so that the swap gains need no masking (as in _tabu)
        em = s.T - s[tab, idx][:, None]
        em[idx, tab] = -np.inf
        em[fixed] = -np.inf
        move = em.take(tab, axis=1)  # move[a, b] = em[a, t(b)]
        gain = move + move.T
        gain += minus2
        best_b = np.argmax(gain, axis=1)
        best = gain[idx, best_b]
        cand = np.flatnonzero(best > _EPS)
        if len(cand) == 0:
            break
        cand = cand[np.argsort(-best[cand], kind="stable")]
        used = np.zeros(g, dtype=bool)
        moved = False
        for a in cand.tolist():
            b = int(best_b[a])
            ta, tb = int(tab[a]), int(tab[b])
            if used[ta] or used[tb]:
                continue
            used[ta] = used[tb] = True
            diff = val[b] - val[a]
            s[ta] += diff
            s[tb] -= diff
            tab[a], tab[b] = tb, ta
            moved = True
        changed |= moved
        if deadline.expired():
            break
    if changed:
        state.seat(r, tab)
    return changed


def _tabu(state: _State, r: int, steps: int, rng: np.random.Generator, deadline: Deadline) -> None:
    """Tabu search on round ``r``: make the best swap (even a losing one) of people not moved
    recently, for ``steps`` steps, and keep the best seating seen.

    The gain of every swap is kept in an n × n matrix. It is built from ``em[p, t]``, what p
    gains by leaving their table for table t: the gain of swapping a and b is
    ``em[a, t(b)] + em[b, t(a)] - 2·value[a, b]``. ``em`` is -inf at p's own table (so no swap
    within a table is ever chosen) and on the whole row of someone who may not move (fixed, or
    moved recently), so the matrix needs no masking; only its transpose ``emt`` is kept, as the
    rows of the people touched are recomputed from the person-by-table sums anyway. A swap
    changes the sums of two tables only, so only the rows and columns of the people at those
    tables (and of people whose tabu ends) are recomputed.
    """
    job = state.job
    n = job.n
    val = state.round_values(r)
    minus2 = -2.0 * val
    tab = state.tab[r].copy()
    g = len(job.sizes)
    idx = np.arange(n)
    onehot = np.zeros((g, n), dtype=np.float64)
    onehot[tab, idx] = 1.0
    st = np.ascontiguousarray((onehot @ val).T)  # st[p, t]: p's value to everyone at table t
    members: list[list[int]] = [[] for _ in range(g)]
    for p, t in enumerate(tab.tolist()):
        members[t].append(p)
    blocked = ~state.movable  # fixed people, and people moved recently
    emt = np.empty((g, n), dtype=np.float64)
    # float32 halves the memory the argmax reads each step; gains are summed in float64 first
    gain = np.empty((n, n), dtype=np.float32)
    gain_t = gain.T
    # index arrays for the usual number of people reset in a step, made once
    aranges = [np.arange(m) for m in range(2 * max(job.sizes) + 64)]
    inf = np.inf

    def reset(people: IntArray) -> None:
        """Recompute ``em`` for people whose table or tabu changed, then their gain rows."""
        own = tab[people]
        rows = st.take(people, axis=0)
        at = aranges[len(people)] if len(people) < len(aranges) else np.arange(len(people))
        rows -= rows[at, own][:, None]
        rows[at, own] = -inf
        rows[blocked[people]] = -inf
        emt[:, people] = rows.T
        gains = rows.take(tab, axis=1)
        gains += emt.take(own, axis=0)
        gains += minus2.take(people, axis=0)
        gain[people] = gains
        gain_t[people] = gains

    reset(idx)
    cur = best_gain = 0.0
    best = tab.copy()
    tenures = (TABU_TENURE + rng.integers(0, TABU_TENURE, size=2 * steps + 2)).tolist()
    expire: dict[int, list[int]] = {}
    diff = np.empty(n, dtype=np.float64)
    argmax = gain.argmax
    for it in range(1, steps + 1):
        if not it & 63 and deadline.expired():
            break
        freed = expire.pop(it, None)
        if freed:
            blocked[freed] = False
        flat = int(argmax())
        a, b = divmod(flat, n)
        top = float(gain[a, b])
        if top == -inf:
            if freed:
                reset(np.array(freed))
                continue
            break
        ta = int(tab[a])
        tb = int(tab[b])
        np.subtract(val[b], val[a], out=diff)
        st[:, ta] += diff
        st[:, tb] -= diff
        emt[ta] += diff
        emt[tb] -= diff
        tab[a] = tb
        tab[b] = ta
        at_a = members[ta]
        at_b = members[tb]
        at_a[at_a.index(a)] = b
        at_b[at_b.index(b)] = a
        cur += top
        blocked[a] = blocked[b] = True
        for p, when in ((a, it + tenures[2 * it]), (b, it + tenures[2 * it + 1])):
            if when in expire:
                expire[when].append(p)
            else:
                expire[when] = [p]
        if cur > best_gain + _EPS:
            best_gain = cur
            best = tab.copy()
        reset(np.array(at_a + at_b + freed if freed else at_a + at_b))
    if best_gain > _EPS:
        state.seat(r, best)


def plan_weighted_problem(pb: Problem, present: list[int]) -> list[Tables]:
    """Plan ``pb``'s rounds for ``present`` with the weighted search; record them in the model.

    Constraints become pair values: a forbidden pair costs FORBID, a separated one SEPARATE,
    meetings already held count towards repeats, and a must-meet pair earns MUST_MEET at its
    first meeting. Hosts stay at their table.
    """
    assert pb.weights is not None
    m = len(present)
    local = np.asarray(present, dtype=np.int64)
    pos = {p: i for i, p in enumerate(present)}
    w = pb.weights
    if w.dense is not None:
        value = np.asarray(w.dense, dtype=np.float64)[np.ix_(local, local)] / w.scale
    else:
        assert w.csr is not None
        value = w.csr[local][:, local].toarray().astype(np.float64) / w.scale
    model = pb.model
    if model.label is not None:
        labels = np.asarray(model.label, dtype=np.int64)[local]
        value -= SEPARATE * ((labels[:, None] == labels[None, :]) & (labels[:, None] >= 0))
    held = np.zeros((m, m), dtype=np.int64)
    for (a, b), c in model.counts.items():
        if a in pos and b in pos:
            held[pos[a], pos[b]] = held[pos[b], pos[a]] = c
    for a, b in model.forbidden:
        if a in pos and b in pos:
            value[pos[a], pos[b]] = value[pos[b], pos[a]] = -FORBID
    must = None
    if model.must:
        must = np.zeros((m, m), dtype=np.bool_)
        for a, b in model.must:
            if a in pos and b in pos:
                must[pos[a], pos[b]] = must[pos[b], pos[a]] = True
    np.fill_diagonal(value, 0.0)
    pinned = {pos[h]: i for i, h in enumerate(pb.hosts) if h in pos}
    job = WeightedTables(
        value=value,
        held=held,
        sizes=pb.sizes(m),
        rounds=pb.rounds,
        pinned=pinned,
        must=must,
        must_bonus=MUST_MEET,
    )
    rng = np.random.default_rng(pb.rng.getrandbits(64))
    plan = plan_weighted(job, rng, pb.deadline)
    out = [[[present[i] for i in t] for t in tables] for tables in plan]
    for tables in out:
        for t in tables:
            model.meet(t)
    return out
