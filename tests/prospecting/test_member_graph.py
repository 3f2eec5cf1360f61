"""The member graph: nearest members by the linear approximation, and edits that count."""

from __future__ import annotations

import numpy as np
import pytest

from mutuals.prospecting.member_graph import ProfileGraph, member_query


def unit(rng: np.random.Generator, n: int, d: int = 8) -> np.ndarray:
    v = rng.normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_query_layout_is_the_linear_approximation() -> None:
    rng = np.random.default_rng(0)
    my_offers, my_needs, whole_offer, whole_need = unit(rng, 3), unit(rng, 2), *unit(rng, 2)
    their_needs, their_offers, their_whole = unit(rng, 2), unit(rng, 4), unit(rng, 2)
    member = np.concatenate(
        [their_needs.mean(0), their_offers.mean(0), their_whole[0], their_whole[1]]
    )
    query = member_query(my_offers, my_needs, whole_offer, whole_need)[0]
    # mean over my offers and their needs of every similarity, and the same the other way
    want = (my_offers @ their_needs.T).mean() + (my_needs @ their_offers.T).mean()
    want += whole_offer @ their_whole[0] + whole_need @ their_whole[1]
    assert float(query @ member) == pytest.approx(float(want), abs=1e-5)
    # an asker with no needs searches with zeros in that part
    empty = member_query(my_offers, np.zeros((0, 8), np.float32), whole_offer, whole_need)
    assert not empty[0, 8:16].any()


def test_nearest_matches_brute_force_and_edits_count() -> None:
    rng = np.random.default_rng(1)
    vectors = unit(rng, 200, 32)
    graph = ProfileGraph()
    for p in range(200):
        assert graph.set_person(p) == p
    graph.train(vectors[::3])
    graph.add(0, vectors[:150])
    graph.add(150, vectors[150:])
    query = unit(rng, 1, 32)
    want = set(np.argsort(-(vectors @ query[0]))[:20].tolist())
    got = set(graph.nearest(query, 20).tolist())
    assert len(got & want) >= 18
    # person 5 edits their profile into the query itself: found first, their old row never
    row = graph.set_person(5)
    graph.add(row, query)
    nearest = graph.nearest(query, 20).tolist()
    assert nearest[0] == 5 and nearest.count(5) == 1
    assert graph.live().tolist().count(5) == 1 and len(graph.live()) == 200


def test_no_graph_finds_nobody_and_rows_stay_in_step() -> None:
    graph = ProfileGraph()
    graph.set_person(0)
    graph.add(0, np.zeros((1, 4), np.float32))  # no graph yet: nothing to add to
    assert graph.nearest(np.zeros((1, 4), np.float32), 5).size == 0
    graph.train(np.ones((4, 4), np.float32))
    with pytest.raises(AssertionError, match="out of step"):
        graph.add(3, np.zeros((1, 4), np.float32))
