"""The tie graph: undirected CSR rows, the strongest of duplicate ties, and input checks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

from mutuals.connecting import TieGraph
from tests.connecting.strategies import Sample, samples


def test_ties_are_undirected_and_rows_sorted() -> None:
    g = TieGraph.from_ties(4, [0, 2, 3], [2, 1, 0], [0.5, 0.25, 1.0])
    assert g.n_nodes == 4
    assert g.n_ties == 3
    assert g.neighbours(0).tolist() == [2, 3]
    assert g.tie_strengths(0).tolist() == [0.5, 1.0]
    assert g.tie(2, 0) == 0.5
    assert g.tie(1, 2) == 0.25
    assert g.tie(0, 1) is None
    assert g.degrees().tolist() == [2, 1, 2, 1]
    assert np.allclose(g.cost, -np.log(g.strength))


def test_duplicate_ties_keep_the_strongest_and_self_ties_are_dropped() -> None:
    g = TieGraph.from_ties(3, [0, 1, 0, 2], [1, 0, 1, 2], [0.2, 0.9, 0.4, 1.0])
    assert g.n_ties == 1
    assert g.tie(0, 1) == 0.9
    assert g.degree(2) == 0


def test_people_without_ties_still_count() -> None:
    g = TieGraph.from_ties(5, [], [], [])
    assert g.n_nodes == 5
    assert g.n_ties == 0
    assert g.neighbours(4).tolist() == []


@pytest.mark.parametrize("strength", [0.0, -0.1, 1.5, float("nan")])
def test_strengths_outside_zero_one_are_refused(strength: float) -> None:
    with pytest.raises(ValueError, match=r"\(0, 1\]"):
        TieGraph.from_ties(2, [0], [1], [strength])


def test_unknown_people_are_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        TieGraph.from_ties(2, [0], [2], [0.5])
    with pytest.raises(ValueError, match="as many"):
        TieGraph.from_ties(2, [0, 1], [1], [0.5])


@given(samples())
def test_graph_matches_networkx(sample: Sample) -> None:
    g = sample.graph()
    ref = sample.nx_graph()
    assert g.n_ties == ref.number_of_edges()
    for u in range(sample.n):
        assert g.neighbours(u).tolist() == sorted(ref[u])
        for v, s in zip(g.neighbours(u).tolist(), g.tie_strengths(u).tolist(), strict=True):
            assert s == ref[u][v]["strength"]
