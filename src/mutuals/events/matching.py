"""One round of pairs at the least cost: exact matching for rooms of a few hundred, a sparse
assignment relaxation for thousands.

Small rooms use rustworkx's maximum-weight matching on every allowed pair. Large rooms keep only
each person's best candidate partners and solve the bipartite relaxation (a minimum-cost cycle
cover) with SciPy's sparse assignment solver; nearly all of its cycles are 2-cycles, i.e. pairs, and
the few longer cycles are split into their better alternate edges. Left-over people are paired
greedily. An odd room seats its last person as a third at the table where they cost least.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from mutuals.events.costs import FORBID, CostModel

Tables = list[list[int]]

EXACT_LIMIT = 220
RANDOM_EDGES = 3


def _exact(model: CostModel, people: Sequence[int]) -> list[tuple[int, int]]:
    # rustworkx and SciPy load on first use: the command line plans small events without them.
    import rustworkx as rx

    g = rx.PyGraph()
    g.add_nodes_from(list(people))
    cap = 10 * FORBID
    edges = []
    for i in range(len(people)):
        a = people[i]
        for j in range(i + 1, len(people)):
            c = min(model.add_cost(a, people[j]), cap)
            # shifting every edge by the same amount keeps the best perfect matching the same
            edges.append((i, j, round((cap + 1.0 - c) * 1e4)))
    g.add_edges_from(edges)
    m = rx.max_weight_matching(g, max_cardinality=True, weight_fn=lambda w: w)
    # the matching comes back as a set; sort it so that equal inputs give equal plans
    return sorted((people[min(i, j)], people[max(i, j)]) for i, j in m)


def _split_cycle(model: CostModel, cyc: list[int]) -> tuple[list[tuple[int, int]], list[int]]:
    length = len(cyc)
    if length == 2:
        return [(cyc[0], cyc[1])], []
    best: tuple[float, list[tuple[int, int]], list[int]] | None = None
    starts = range(2) if length % 2 == 0 else range(length)
    for s in starts:
        rot = cyc[s:] + cyc[:s]
        pairs = [(rot[i], rot[i + 1]) for i in range(0, length - 1, 2)]
        left = [rot[-1]] if length % 2 else []
        c = sum(model.add_cost(a, b) for a, b in pairs)
        if best is None or c < best[0]:
            best = (c, pairs, left)
    assert best is not None
    return best[1], best[2]


def _sparse(
    model: CostModel,
    people: Sequence[int],
    candidates: Sequence[Sequence[int]],
    rng: random.Random,
) -> tuple[list[tuple[int, int]], list[int]]:
    import scipy.sparse as sp
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    m = len(people)
    rows, cols, vals = _candidate_edges(model, people, candidates, rng)
    arr = np.asarray(vals, dtype=np.float64)
    # the solver needs strictly positive entries (explicit zeros would read as missing edges)
    arr = arr - (arr.min() if arr.size else 0.0) + 1.0
    graph = sp.csr_matrix((arr, (rows, cols)), shape=(m, m))
    try:
        r_idx, c_idx = min_weight_full_bipartite_matching(graph)
    except ValueError:
        return [], list(people)
    succ = np.empty(m, dtype=np.int64)
    succ[r_idx] = c_idx
    pairs: list[tuple[int, int]] = []
    left: list[int] = []
    done = np.zeros(m, dtype=bool)
    for s in range(m):
        if done[s]:
            continue
        cyc = []
        x = s
        while not done[x]:
            done[x] = True
            cyc.append(people[x])
            x = int(succ[x])
        p, lo = _split_cycle(model, cyc)
        pairs += p
        left += lo
    return pairs, left


def _candidate_edges(
    model: CostModel,
    people: Sequence[int],
    candidates: Sequence[Sequence[int]],
    rng: random.Random,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """Both directions of every allowed candidate pair, by position in ``people``, with costs.

    Each person's listed candidates who are present, plus a few random partners so that the
    graph stays connected once the best partners have been met.
    """
    m = len(people)
    n = model.n
    pos = np.full(n, -1, dtype=np.int64)
    who = np.asarray(people, dtype=np.int64)
    pos[who] = np.arange(m)
    width = max((len(candidates[a]) for a in people), default=0)
    cand = np.full((m, width + RANDOM_EDGES), -1, dtype=np.int64)
    for at, a in enumerate(people):
        row = candidates[a]
        cand[at, : len(row)] = row
    extra = [rng.randrange(m) for _ in range(m * RANDOM_EDGES)]
    cand[:, width:] = who[np.asarray(extra, dtype=np.int64).reshape(m, RANDOM_EDGES)]
    i = np.repeat(np.arange(m), cand.shape[1])
    j = np.where(cand.ravel() >= 0, pos[np.maximum(cand.ravel(), 0)], -1)
    ok = (j >= 0) & (j != i)
    i, j = i[ok], j[ok]
    # each unordered pair once, then mirrored
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    pair = np.unique(lo * m + hi)
    lo, hi = pair // m, pair % m
    cost = model.add_costs(who[lo], who[hi])
    keep = cost < FORBID
    lo, hi, cost = lo[keep], hi[keep], cost[keep]
    return np.concatenate([lo, hi]), np.concatenate([hi, lo]), np.concatenate([cost, cost])


def _greedy(model: CostModel, left: list[int]) -> tuple[list[tuple[int, int]], list[int]]:
    pairs = []
    left = list(left)
    while len(left) >= 2:
        a = left.pop(0)
        j = min(range(len(left)), key=lambda i: model.add_cost(a, left[i]))
        pairs.append((a, left.pop(j)))
    return pairs, left


def match_round(
    model: CostModel,
    people: Sequence[int],
    candidates: Sequence[Sequence[int]] | None,
    rng: random.Random,
) -> Tables:
    """Pair ``people`` at least cost under ``model``; an odd count makes one trio."""
    people = list(people)
    if len(people) <= EXACT_LIMIT or candidates is None:
        pairs = _exact(model, people)
        matched = {p for pr in pairs for p in pr}
        left = [p for p in people if p not in matched]
    else:
        pairs, left = _sparse(model, people, candidates, rng)
    more, left = _greedy(model, left)
    tables: Tables = [list(p) for p in pairs + more]
    if left:
        (x,) = left
        t = min(range(len(tables)), key=lambda i: sum(model.add_cost(x, y) for y in tables[i]))
        tables[t].append(x)
    return tables
