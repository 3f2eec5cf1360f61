"""The (need, offer) combination graph: nearest combinations by the sum of both similarities."""

from __future__ import annotations

import numpy as np
import pytest

from mutuals.prospecting import pair_graph
from mutuals.prospecting.pair_graph import PairGraph, sorted_unique


def unit(rng: np.random.Generator, n: int, d: int = 16) -> np.ndarray:
    v = rng.normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def brute(graph: PairGraph, mo: np.ndarray, mn: np.ndarray, needs: np.ndarray, offers: np.ndarray,
          depth: int) -> set[int]:  # fmt: skip
    live = np.flatnonzero(graph.owner[: graph.size] >= 0)
    found: set[int] = set()
    for o in mo:
        for q in mn:
            s = needs[graph.need[live]] @ o + offers[graph.offer[live]] @ q
            found |= set(graph.owner[live[np.argsort(-s)[:depth]]].tolist())
    return found


@pytest.mark.parametrize("use_ann", [False, True])
def test_nearest_matches_brute_force_and_edits_count(use_ann: bool) -> None:
    rng = np.random.default_rng(0)
    needs, offers = unit(rng, 300), unit(rng, 400)
    graph = PairGraph()
    for p in range(100):
        graph.set_person(p, np.arange(3 * p, 3 * p + 3), np.arange(4 * p, 4 * p + 4))
    # person 7 edits: from now on only need 0 and offers 1, 2 count for them
    graph.set_person(7, np.array([0]), np.array([1, 2]))
    if use_ann:
        graph.train(needs, offers, minimum=10)
        assert graph.ann is not None
    mo, mn = unit(rng, 2), unit(rng, 2)
    got = graph.nearest(mo, mn, 20, needs, offers)
    want = brute(graph, mo, mn, needs, offers, 20)
    if use_ann:
        assert len(set(got.tolist()) & want) >= 0.9 * len(want)
    else:
        assert set(got.tolist()) == want
    assert graph.owner[graph.first[7] : graph.last[7]].tolist() == [7, 7]


def test_sorted_unique_and_no_combinations() -> None:
    assert sorted_unique(np.array([5, 1, 5, 3, 1], dtype=np.int64)).tolist() == [1, 3, 5]
    assert sorted_unique(np.zeros(0, dtype=np.int64)).size == 0
    graph = PairGraph()
    empty = np.zeros((0, 16), dtype=np.float32)
    assert graph.nearest(empty, empty, 5, empty, empty).size == 0
    assert pair_graph.LINKS > 0
