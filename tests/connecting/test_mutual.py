"""Mutual connections: exactly the common neighbours, with both tie strengths."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given

from mutuals.connecting import TieGraph, mutual_connections
from tests.connecting.strategies import Sample, samples


def test_mutuals_with_both_strengths_strongest_first() -> None:
    # me=0, target=1; 2 knows both (0.9, 0.2); 3 knows both (0.5, 0.5); 4 knows only me.
    g = TieGraph.from_ties(5, [0, 2, 0, 3, 0], [2, 1, 3, 1, 4], [0.9, 0.2, 0.5, 0.5, 1.0])
    found = mutual_connections(g, 0, 1)
    assert [(m.node, m.strength_a, m.strength_b) for m in found] == [
        (3, 0.5, 0.5),
        (2, 0.9, 0.2),
    ]
    assert found[0].strength == pytest.approx(0.25)


def test_same_person_is_refused() -> None:
    g = TieGraph.from_ties(2, [0], [1], [0.5])
    with pytest.raises(ValueError):
        mutual_connections(g, 1, 1)


@given(samples())
def test_mutuals_are_networkx_common_neighbours(sample: Sample) -> None:
    g, ref = sample.graph(), sample.nx_graph()
    for a in range(sample.n):
        for b in range(sample.n):
            if a == b:
                continue
            found = mutual_connections(g, a, b)
            assert {m.node for m in found} == set(nx.common_neighbors(ref, a, b))
            for m in found:
                assert m.strength_a == ref[a][m.node]["strength"]
                assert m.strength_b == ref[b][m.node]["strength"]
            products = [m.strength for m in found]
            assert products == sorted(products, reverse=True)
