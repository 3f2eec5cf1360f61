"""Warm-intro paths: never beaten by brute force, simple, within the hop limit, k best in order."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.connecting import TieGraph, best_path, best_paths, path_strength
from tests.connecting.strategies import Sample, all_paths, product, samples

TOL = 1e-9


def _pairs(sample: Sample) -> list[tuple[int, int]]:
    return [(s, t) for s in range(sample.n) for t in range(sample.n) if s != t]


@settings(max_examples=150)
@given(samples(), st.integers(min_value=1, max_value=4))
def test_best_path_is_never_beaten_by_enumeration(sample: Sample, max_hops: int) -> None:
    g, ref = sample.graph(), sample.nx_graph()
    for s, t in _pairs(sample):
        found = best_path(g, s, t, max_hops=max_hops)
        every = all_paths(ref, s, t, max_hops)
        if not every:
            assert found is None
            continue
        assert found is not None
        best = max(product(ref, p) for p in every)
        assert found.strength == pytest.approx(best, rel=TOL)
        assert found.nodes in every  # simple, tied all along, within the hop limit
        assert found.nodes[0] == s and found.nodes[-1] == t
        assert found.strength == pytest.approx(product(ref, found.nodes), rel=1e-12)


@settings(max_examples=100)
@given(samples(max_nodes=7), st.integers(min_value=1, max_value=4), st.integers(1, 5))
def test_k_best_paths_are_the_top_k_of_enumeration(sample: Sample, max_hops: int, k: int) -> None:
    g, ref = sample.graph(), sample.nx_graph()
    for s, t in _pairs(sample):
        found = best_paths(g, s, t, k=k, max_hops=max_hops)
        every = all_paths(ref, s, t, max_hops)
        expected = sorted((product(ref, p) for p in every), reverse=True)[:k]
        assert len(found) == len(expected)
        assert len({p.nodes for p in found}) == len(found)  # distinct
        strengths = [p.strength for p in found]
        assert strengths == sorted(strengths, reverse=True)
        assert strengths == pytest.approx(expected, rel=TOL)
        for p in found:
            assert p.nodes in every
            assert p.strength == pytest.approx(product(ref, p.nodes), rel=1e-12)


def test_a_strong_friend_with_a_good_tie_beats_a_weak_friend_with_a_great_one() -> None:
    # me=0, strong friend 1 (0.9) knows target 3 well (0.7); weak friend 2 (0.3) knows them at 1.0.
    g = TieGraph.from_ties(4, [0, 1, 0, 2], [1, 3, 2, 3], [0.9, 0.7, 0.3, 1.0])
    found = best_paths(g, 0, 3, k=3)
    assert [p.via for p in found] == [(1,), (2,)]
    assert found[0].strength == pytest.approx(0.63)
    assert found[1].strength == pytest.approx(0.3)


def test_the_hop_limit_holds_even_when_a_longer_path_is_stronger() -> None:
    # 0-1-2-3-4 all 0.99, and a direct but weak 0-4 tie.
    g = TieGraph.from_ties(5, [0, 1, 2, 3, 0], [1, 2, 3, 4, 4], [0.99] * 4 + [0.1])
    assert best_path(g, 0, 4, max_hops=3) == best_path(g, 0, 4, max_hops=1)
    long = best_path(g, 0, 4, max_hops=4)
    assert long is not None and long.nodes == (0, 1, 2, 3, 4)
    assert [p.nodes for p in best_paths(g, 0, 4, k=5, max_hops=4)] == [(0, 1, 2, 3, 4), (0, 4)]


def test_no_path_within_reach() -> None:
    g = TieGraph.from_ties(6, [0, 1, 2, 3], [1, 2, 3, 4], [0.5] * 4)
    assert best_path(g, 0, 4, max_hops=3) is None
    assert best_paths(g, 0, 4, max_hops=3) == []
    assert best_path(g, 0, 5) is None


def test_avoided_people_are_routed_around() -> None:
    g = TieGraph.from_ties(4, [0, 1, 0, 2], [1, 3, 2, 3], [0.9, 0.9, 0.5, 0.5])
    found = best_paths(g, 0, 3, k=3, avoid=[1])
    assert [p.via for p in found] == [(2,)]


def test_bad_queries_are_refused() -> None:
    g = TieGraph.from_ties(3, [0], [1], [0.5])
    with pytest.raises(ValueError, match="two different"):
        best_path(g, 1, 1)
    with pytest.raises(ValueError, match="max_hops"):
        best_path(g, 0, 1, max_hops=0)
    with pytest.raises(ValueError, match="no person"):
        best_path(g, 0, 3)
    with pytest.raises(ValueError, match="k must"):
        best_paths(g, 0, 1, k=0)
    with pytest.raises(ValueError, match="no tie"):
        path_strength(g, (0, 2))


def test_agrees_with_networkx_dijkstra_on_a_larger_random_graph() -> None:
    rng = np.random.default_rng(20261201)
    n, m = 300, 1500
    a, b = rng.integers(0, n, m), rng.integers(0, n, m)
    s = rng.uniform(0.05, 1.0, m)
    g = TieGraph.from_ties(n, a, b, s)
    ref = nx.Graph()
    for u, v, w in zip(a.tolist(), b.tolist(), s.tolist(), strict=True):
        if u != v and (not ref.has_edge(u, v) or ref[u][v]["strength"] < w):
            ref.add_edge(u, v, strength=w, cost=-math.log(w))
    for source, target in rng.integers(0, n, (40, 2)).tolist():
        if source == target or source not in ref or target not in ref:
            continue
        # With no hop limit the search must match Dijkstra's optimum.
        found = best_path(g, source, target, max_hops=n)
        try:
            cost = nx.dijkstra_path_length(ref, source, target, weight="cost")
        except nx.NetworkXNoPath:
            assert found is None
            continue
        assert found is not None
        assert -math.log(found.strength) == pytest.approx(cost, rel=1e-9, abs=1e-12)


def test_the_second_best_path_is_the_best_of_all_deviations() -> None:
    # Best 0-1-2-5; deviating at 0 gives 0-3-5 (0.25), deviating at 1 gives 0-1-4-5 (0.324).
    g = TieGraph.from_ties(
        6, [0, 1, 2, 0, 3, 1, 4], [1, 2, 5, 3, 5, 4, 5], [0.9, 0.9, 0.9, 0.5, 0.5, 0.6, 0.6]
    )
    assert [p.nodes for p in best_paths(g, 0, 5, k=2)] == [(0, 1, 2, 5), (0, 1, 4, 5)]
    assert [p.nodes for p in best_paths(g, 0, 5, k=4)] == [
        (0, 1, 2, 5),
        (0, 1, 4, 5),
        (0, 3, 5),
    ]
