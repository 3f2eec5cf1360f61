"""Benchmark: warm-intro paths, k best paths, people you may know and graph build on CSR arrays.

Run as ``python benchmarks/connecting.py`` (100,000 people and 1,000,000 ties; networkx's
``bidirectional_dijkstra`` is the baseline measured in the same run on the same graph). ``--quick``
runs a tenth of the size. Each query pair has a planted strongest path of three strong ties; the
script checks that both the engine and networkx find it.
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import numpy as np

from mutuals.connecting import TieGraph, best_path, best_paths, suggest, two_hop

SEED = 20261201
PLANTED = 0.95  # each planted tie; random ties are at most 0.6, so the planted path wins


@dataclass(frozen=True)
class Community:
    n: int
    a: np.ndarray
    b: np.ndarray
    strength: np.ndarray
    queries: list[tuple[int, int, tuple[int, ...]]]


def community(n: int, m: int, n_queries: int, seed: int) -> Community:
    """``m`` random ties among ``n`` people (skewed: some people know many), plus planted paths."""
    rng = np.random.default_rng(seed)
    activity = rng.lognormal(0.0, 1.0, n)
    p = activity / activity.sum()
    random_ties = m - 3 * n_queries
    a = rng.choice(n, size=random_ties, p=p)
    b = rng.choice(n, size=random_ties, p=p)
    strength = rng.uniform(0.05, 0.6, random_ties)
    queries = []
    planted_a, planted_b = [], []
    chosen = rng.choice(n, size=(n_queries, 4), replace=4 * n_queries > n)
    for s, x, y, t in chosen.tolist():
        queries.append((s, t, (s, x, y, t)))
        planted_a += [s, x, y]
        planted_b += [x, y, t]
    return Community(
        n=n,
        a=np.concatenate([a, planted_a]),
        b=np.concatenate([b, planted_b]),
        strength=np.concatenate([strength, np.full(len(planted_a), PLANTED)]),
        queries=queries,
    )


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.2f} ms"


def build_table(sizes: list[int], seed: int) -> None:
    print("\nGraph build (TieGraph.from_ties) vs size, people = ties / 10")
    print(f"{'ties':>10} {'people':>9} {'build':>11} {'µs/tie':>7} {'arrays':>9} {'peak':>9}")
    for m in sizes:
        c = community(m // 10, m, 10, seed)
        gc.collect()
        tracemalloc.start()
        seconds, graph = timed(lambda c=c: TieGraph.from_ties(c.n, c.a, c.b, c.strength))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert isinstance(graph, TieGraph)
        print(
            f"{m:>10,} {c.n:>9,} {ms(seconds):>11} {seconds / m * 1e6:>7.2f} "
            f"{graph.nbytes / 2**20:>7.1f} MB {peak / 2**20:>6.1f} MB"
        )


def nx_graph(c: Community) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(range(c.n))
    for u, v, s in zip(c.a.tolist(), c.b.tolist(), c.strength.tolist(), strict=True):
        if u == v:
            continue
        cost = -math.log(s)
        old = g.get_edge_data(u, v)
        if old is None or old["weight"] > cost:
            g.add_edge(u, v, weight=cost)
    return g


def _summary(label: str, times: list[float], base: float) -> str:
    med = statistics.median(times)
    p90 = float(np.percentile(times, 90))
    return f"{label:<52} {len(times):>7} {ms(med):>11} {ms(p90):>11} {base / med:>10.1f}×"


def paths_table(c: Community, graph: TieGraph, n_random: int, nx_queries: int) -> None:
    """Planted pairs check the answer; random pairs are the typical query, where Dijkstra must
    explore far before it can stop (a planted strong path lets it stop almost at once)."""
    rng = np.random.default_rng(SEED + 1)
    random_pairs = [tuple(p) for p in rng.integers(0, c.n, (n_random, 2)).tolist() if p[0] != p[1]]
    planted_times, found_planted = [], 0
    for s, t, planted in c.queries:
        seconds, path = timed(lambda s=s, t=t: best_path(graph, s, t, max_hops=3))
        planted_times.append(seconds)
        found_planted += path is not None and path.nodes == planted  # type: ignore[union-attr]
    random_times, answers = [], []
    for s, t in random_pairs:
        seconds, path = timed(lambda s=s, t=t: best_path(graph, s, t, max_hops=3))
        random_times.append(seconds)
        answers.append(path)
    k_times, k_ok = [], 0
    for s, t, planted in c.queries[:100]:
        seconds, found = timed(lambda s=s, t=t: best_paths(graph, s, t, k=3, max_hops=3))
        k_times.append(seconds)
        k_ok += bool(found) and found[0].nodes == planted  # type: ignore[index]
    k_random = []
    for s, t in random_pairs[:100]:
        seconds, _ = timed(lambda s=s, t=t: best_paths(graph, s, t, k=3, max_hops=3))
        k_random.append(seconds)

    build_s, g = timed(lambda: nx_graph(c))
    assert isinstance(g, nx.Graph)
    nx_planted, nx_agree = [], 0
    for s, t, planted in c.queries[:nx_queries]:
        seconds, (_, nodes) = timed(lambda s=s, t=t: nx.bidirectional_dijkstra(g, s, t))
        nx_planted.append(seconds)
        nx_agree += tuple(nodes) == planted
    nx_random, same, longer, none = [], 0, 0, 0
    for (s, t), ours in zip(random_pairs[:nx_queries], answers, strict=False):
        try:
            seconds, (cost, nodes) = timed(lambda s=s, t=t: nx.bidirectional_dijkstra(g, s, t))
        except nx.NetworkXNoPath:
            none += ours is None
            continue
        nx_random.append(seconds)
        if len(nodes) - 1 <= 3:
            # The unbounded optimum fits in three hops: the bounded search must match it.
            assert ours is not None and math.isclose(-math.log(ours.strength), cost, rel_tol=1e-9)
            same += 1
        else:
            assert ours is None or -math.log(ours.strength) >= cost - 1e-9
            longer += 1
    print(
        f"\nplanted path found: best_path {found_planted}/{len(c.queries)}, "
        f"best_paths first {k_ok}/{len(k_times)}, networkx {nx_agree}/{len(nx_planted)}"
    )
    reachable = [t for t, a in zip(random_times, answers, strict=True) if a is not None]
    print(f"random pairs with a path of at most 3 hops: {len(reachable)}/{len(random_pairs)}")
    print(
        f"random pairs vs networkx: {same} equal (optimum within 3 hops), {longer} where the "
        f"unbounded optimum is longer (ours no stronger), {none} unreachable; "
        f"networkx graph build {build_s:.1f} s"
    )
    base = statistics.median(nx_random)
    print(f"\n{'query':<52} {'queries':>7} {'median':>11} {'p90':>11} {'× nx random':>11}")
    for label, times in [
        ("networkx bidirectional_dijkstra, random pairs", nx_random),
        ("networkx bidirectional_dijkstra, planted pairs", nx_planted),
        ("best_path max_hops=3, random pairs", random_times),
        ("best_path max_hops=3, random pairs with a path", reachable),
        ("best_path max_hops=3, planted pairs", planted_times),
        ("best_paths k=3 max_hops=3, random pairs", k_random),
        ("best_paths k=3 max_hops=3, planted pairs", k_times),
    ]:
        print(_summary(label, times, base))


def member_network(contacts: int, shared: int, pool: int, seed: int) -> Community:
    """Me (node 0) with ``contacts`` contacts whose shares hold ``shared`` ties in total."""
    rng = np.random.default_rng(seed)
    friends = np.arange(1, contacts + 1)
    owner = rng.choice(friends, size=shared)
    # Most of a friend's ties lead to strangers; some to my other contacts.
    other = rng.integers(contacts + 1, contacts + 1 + pool, size=shared)
    mine = rng.random(shared) < 0.05
    other[mine] = rng.choice(friends, size=int(mine.sum()))
    a = np.concatenate([np.zeros(contacts, dtype=np.int64), owner])
    b = np.concatenate([friends, other])
    s = np.concatenate([rng.uniform(0.05, 1.0, contacts), rng.uniform(0.05, 1.0, shared)])
    return Community(contacts + 1 + pool, a, b, s, [])


def suggest_table(contacts: int, shared: int, pool: int, repeats: int, seed: int) -> None:
    c = member_network(contacts, shared, pool, seed)
    names = [f"person {i}" for i in range(c.n)]
    runs = []
    for _ in range(repeats):
        seconds, found = timed(
            lambda: suggest(
                TieGraph.from_ties(c.n, c.a, c.b, c.strength), 0, name_of=names.__getitem__, top=20
            )
        )
        runs.append(seconds)
    graph = TieGraph.from_ties(c.n, c.a, c.b, c.strength)
    hop = two_hop(graph, 0)
    g = nx.Graph()
    # The engine drops ties of a person to themselves; networkx would count them in degrees.
    g.add_edges_from((u, v) for u, v in zip(c.a.tolist(), c.b.tolist(), strict=True) if u != v)
    pairs = [(0, int(z)) for z in hop.nodes]
    nx_s, expected = timed(lambda: list(nx.resource_allocation_index(g, pairs)))
    got = dict(zip(hop.nodes.tolist(), hop.resource_allocation.tolist(), strict=True))
    worst = max(abs(got[v] - p) for _, v, p in expected)  # type: ignore[attr-defined]
    print(
        f"\nsuggest: {contacts:,} contacts, {shared:,} shared ties, "
        f"{len(hop.nodes):,} second-degree people; max |RA - networkx| = {worst:.1e}"
    )
    print(f"{'step':<58} {'median':>11}")
    print(f"{'networkx resource_allocation_index on the 2-hop pairs':<58} {ms(nx_s):>11}")
    print(
        f"{'build graph + suggest top 20 (RA, best mutual, reasons)':<58} {ms(statistics.median(runs)):>11}"
    )
    print(f"{'  ratio':<58} {nx_s / statistics.median(runs):>10.1f}×")
    assert isinstance(found, list)
    print(f"top suggestion: {found[0].reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the size")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--nx-queries", type=int, default=20)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    n, m = 100_000 // scale, 1_000_000 // scale
    print(f"community: {n:,} people, {m:,} ties, seed {args.seed}")
    c = community(n, m, args.queries, args.seed)
    seconds, graph = timed(lambda: TieGraph.from_ties(c.n, c.a, c.b, c.strength))
    assert isinstance(graph, TieGraph)
    degrees = graph.degrees()
    print(
        f"graph built in {ms(seconds)}, {graph.nbytes / 2**20:.1f} MB of arrays; "
        f"degree median {int(np.median(degrees))}, max {int(degrees.max())}"
    )
    paths_table(c, graph, args.queries, args.nx_queries)
    suggest_table(1_000, 100_000 // scale, 50_000 // scale, 5, args.seed)
    build_table([m // 8, m // 4, m // 2, m], args.seed)


if __name__ == "__main__":
    main()
