"""Warm-intro paths: the strongest simple path of at most ``max_hops`` ties, and the k strongest.

A path's strength is the product of its ties. The search runs on ``-log(strength)`` costs as a
hop-bounded, bidirectional Bellman-Ford over the CSR arrays: each step relaxes every tie of one
side's frontier at once in NumPy, always growing the side with less work, until the two sides
together cover ``max_hops``. The k strongest paths come from Yen's algorithm on top of it.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutuals.connecting.graph import IntArray, TieGraph, edge_positions

DEFAULT_MAX_HOPS = 3


@dataclass(frozen=True, slots=True)
class Path:
    """People from the source to the target, and the product of the ties between them."""

    nodes: tuple[int, ...]
    strength: float

    @property
    def hops(self) -> int:
        """The number of ties on the path."""
        return len(self.nodes) - 1

    @property
    def via(self) -> tuple[int, ...]:
        """The people between the source and the target."""
        return self.nodes[1:-1]


class _Side:
    """One direction of the search: costs from its root, and which tie set each cost."""

    def __init__(self, graph: TieGraph, root: int, blocked: NDArray[np.bool_] | None) -> None:
        self.graph = graph
        self.blocked = blocked
        self.dist = np.full(graph.n_nodes, np.inf)
        self.dist[root] = 0.0
        self.root = root
        self.frontier: IntArray = np.array([root], dtype=np.int64)
        # Layer j lists the nodes whose best cost improved with j ties, and the node before each.
        self.layers: list[tuple[IntArray, IntArray]] = []

    def work(self) -> int:
        """Ties the next step would relax."""
        indptr = self.graph.indptr
        return int((indptr[self.frontier + 1] - indptr[self.frontier]).sum())

    def grow(self, banned: IntArray, forward: bool) -> None:
        """Relax every tie of the frontier once (one more hop), from the previous costs only."""
        graph = self.graph
        positions, owner = edge_positions(graph, self.frontier)
        src = self.frontier[owner]
        dst = graph.indices[positions].astype(np.int64)
        cand = self.dist[src] + graph.cost[positions]
        keep = cand < self.dist[dst]
        if self.blocked is not None:
            keep &= ~self.blocked[dst]
        if len(banned):
            # A banned tie is directed the way the path travels: src -> dst going forward.
            n = graph.n_nodes
            keys = src * n + dst if forward else dst * n + src
            keep &= ~np.isin(keys, banned)
        src, dst, cand = src[keep], dst[keep], cand[keep]
        # For each reached node keep its cheapest candidate (ties: the lowest previous node).
        order = np.lexsort((src, cand, dst))
        dst, src, cand = dst[order], src[order], cand[order]
        first = np.ones(len(dst), dtype=bool)
        first[1:] = dst[1:] != dst[:-1]
        dst, src, cand = dst[first], src[first], cand[first]
        self.dist[dst] = cand
        self.layers.append((dst, src))
        self.frontier = dst

    def touched(self) -> IntArray:
        """Every node this side has reached."""
        return np.concatenate([[self.root], *(nodes for nodes, _ in self.layers)]).astype(np.int64)

    def walk_to(self, node: int) -> list[int]:
        """The nodes from the root to ``node`` along the cheapest tie set found."""
        walk = [node]
        layer = len(self.layers)
        while node != self.root:
            while True:
                layer -= 1
                nodes, preds = self.layers[layer]
                at = int(np.searchsorted(nodes, node))
                if at < len(nodes) and int(nodes[at]) == node:
                    node = int(preds[at])
                    break
            walk.append(node)
        walk.reverse()
        return walk


def _without_cycles(walk: list[int]) -> list[int]:
    """The walk with any loop cut out; with non-negative costs this never costs more."""
    seen: dict[int, int] = {}
    out: list[int] = []
    for node in walk:
        if node in seen:
            del out[seen[node] + 1 :]
            seen = {n: i for i, n in enumerate(out)}
        else:
            seen[node] = len(out)
            out.append(node)
    return out


def path_strength(graph: TieGraph, nodes: tuple[int, ...] | list[int]) -> float:
    """The product of the ties along ``nodes``; raises ValueError if two neighbours are not tied."""
    product = 1.0
    for u, v in itertools.pairwise(nodes):
        tie = graph.tie(u, v)
        if tie is None:
            raise ValueError(f"no tie between {u} and {v}")
        product *= tie
    return product


def _path_cost(graph: TieGraph, nodes: tuple[int, ...]) -> float:
    return float(sum(-np.log(graph.tie(u, v) or 0.0) for u, v in itertools.pairwise(nodes)))


def _search(
    graph: TieGraph,
    source: int,
    target: int,
    max_hops: int,
    blocked: NDArray[np.bool_] | None,
    banned: IntArray,
) -> tuple[int, ...] | None:
    forward = _Side(graph, source, blocked)
    backward = _Side(graph, target, blocked)
    for _ in range(max_hops):
        side = forward if forward.work() <= backward.work() else backward
        side.grow(banned, forward=side is forward)
        if not len(side.frontier):
            break  # that side can reach no one new: no longer path can appear
    meet = forward.touched()
    total = forward.dist[meet] + backward.dist[meet]
    best = int(np.argmin(total))
    if not np.isfinite(total[best]):
        return None
    node = int(meet[best])
    walk = forward.walk_to(node) + backward.walk_to(node)[::-1][1:]
    return tuple(_without_cycles(walk))


def _check(graph: TieGraph, source: int, target: int, max_hops: int) -> None:
    graph.check_node(source)
    graph.check_node(target)
    if source == target:
        raise ValueError("a path needs two different people")
    if max_hops < 1:
        raise ValueError("max_hops must be at least 1")


def best_path(
    graph: TieGraph, source: int, target: int, *, max_hops: int = DEFAULT_MAX_HOPS
) -> Path | None:
    """The strongest simple path of at most ``max_hops`` ties, or None when there is none.

    Among equally strong paths the one found first wins; the result is deterministic.
    """
    _check(graph, source, target, max_hops)
    nodes = _search(graph, source, target, max_hops, None, np.empty(0, dtype=np.int64))
    return None if nodes is None else Path(nodes, path_strength(graph, nodes))


def best_paths(
    graph: TieGraph,
    source: int,
    target: int,
    *,
    k: int = 3,
    max_hops: int = DEFAULT_MAX_HOPS,
    avoid: Collection[int] = (),
) -> list[Path]:
    """Up to ``k`` distinct simple paths of at most ``max_hops`` ties, strongest first (Yen).

    ``avoid`` lists people no path may pass through (say, someone who declined to introduce).
    """
    _check(graph, source, target, max_hops)
    if k < 1:
        raise ValueError("k must be at least 1")
    base = np.zeros(graph.n_nodes, dtype=bool)
    for node in avoid:
        if node not in (source, target):
            base[node] = True
    empty = np.empty(0, dtype=np.int64)
    first = _search(graph, source, target, max_hops, base, empty)
    if first is None:
        return []
    found = [first]
    seen = {first}
    heap: list[tuple[float, int, tuple[int, ...]]] = []
    n = graph.n_nodes
    while len(found) < k:
        last = found[-1]
        for i in range(len(last) - 1):
            root = last[: i + 1]
            spur = root[-1]
            banned = np.array(
                sorted(
                    {spur * n + p[i + 1] for p in found if len(p) > i + 1 and p[: i + 1] == root}
                ),
                dtype=np.int64,
            )
            blocked = base.copy()
            blocked[list(root[:-1])] = True
            tail = _search(graph, spur, target, max_hops - i, blocked, banned)
            if tail is None:
                continue
            candidate = root[:-1] + tail
            if candidate not in seen:
                seen.add(candidate)
                heapq.heappush(heap, (_path_cost(graph, candidate), len(candidate), candidate))
        if not heap:
            break
        found.append(heapq.heappop(heap)[2])
    paths = [Path(nodes, path_strength(graph, nodes)) for nodes in found]
    # Yen yields paths in cost order; the stable sort only settles rounding in the products.
    return sorted(paths, key=lambda p: -p.strength)
