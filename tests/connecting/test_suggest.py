"""People you may know: resource allocation as networkx computes it, interest, and the reason."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given

from mutuals.connecting import Interest, TieGraph, explain, suggest, two_hop
from tests.connecting.strategies import Sample, samples

NAMES = ["Me", "Bo", "Cy", "Di", "Ed", "Flo", "Gus"]


def _name(node: int) -> str:
    return NAMES[node]


@given(samples(max_nodes=9))
def test_resource_allocation_matches_networkx(sample: Sample) -> None:
    g, ref = sample.graph(), sample.nx_graph()
    for me in range(sample.n):
        hop = two_hop(g, me)
        friends = set(ref[me])
        expected_nodes = sorted({z for w in friends for z in ref[w]} - friends - {me})
        assert hop.nodes.tolist() == expected_nodes
        pairs = [(me, z) for z in expected_nodes]
        expected = {v: p for _, v, p in nx.resource_allocation_index(ref, pairs)}
        for z, ra, count in zip(
            hop.nodes.tolist(),
            hop.resource_allocation.tolist(),
            hop.mutual_count.tolist(),
            strict=True,
        ):
            assert ra == pytest.approx(expected[z], rel=1e-12)
            assert count == len(list(nx.common_neighbors(ref, me, z)))
        for z, via, strength in zip(
            hop.nodes.tolist(), hop.best_via.tolist(), hop.best_strength.tolist(), strict=True
        ):
            best = max(
                ref[me][w]["strength"] * ref[w][z]["strength"]
                for w in nx.common_neighbors(ref, me, z)
            )
            assert strength == pytest.approx(best, rel=1e-12)
            assert ref[me][via]["strength"] * ref[via][z]["strength"] == pytest.approx(best)


def _community() -> TieGraph:
    # Me(0) knows Bo(1), Cy(2), Di(3). Ed(4) knows all three; Flo(5) knows Bo; Gus(6) knows Di.
    # Di is a hub (also tied to Flo and Gus), so her introductions weigh less.
    ties = [(0, 1, 0.9), (0, 2, 0.5), (0, 3, 0.4), (4, 1, 0.8), (4, 2, 0.6), (4, 3, 0.3)]
    ties += [(5, 1, 0.7), (6, 3, 0.9), (3, 5, 0.2)]
    a, b, s = zip(*ties, strict=True)
    return TieGraph.from_ties(7, a, b, s)


def test_more_mutual_connections_rank_first_with_a_reason() -> None:
    found = suggest(_community(), 0, name_of=_name)
    assert [s.node for s in found] == [4, 5, 6]
    ed = found[0]
    assert ed.mutual_count == 3
    assert ed.best_via == 1  # 0.9 * 0.8 is the strongest two-tie path to Ed
    assert ed.best_strength == pytest.approx(0.72)
    assert ed.reason == "3 mutual connections, including Bo"
    assert found[2].reason == "1 mutual connection: Di"
    assert ed.score == 1.0


def test_interest_lifts_a_person_and_is_explained() -> None:
    interest = {6: Interest(score=1.0, gets=0.9), 4: Interest(score=0.0)}
    found = suggest(_community(), 0, name_of=_name, interest=interest, interest_weight=0.8)
    assert found[0].node == 6
    assert found[0].reason == "1 mutual connection: Di; they offer what you need"
    assert found[0].interest == 1.0
    by_node = {s.node: s for s in found}
    assert by_node[5].interest is None  # unknown profile: network alone
    assert by_node[4].score == pytest.approx(0.2)


def test_top_and_exclude() -> None:
    g = _community()
    assert [s.node for s in suggest(g, 0, name_of=_name, top=1)] == [4]
    assert [s.node for s in suggest(g, 0, name_of=_name, exclude=[4])] == [5, 6]
    assert suggest(g, 4, name_of=_name, top=0) == []
    with pytest.raises(ValueError):
        suggest(g, 0, name_of=_name, interest_weight=1.5)


def test_nobody_to_suggest() -> None:
    g = TieGraph.from_ties(3, [0], [1], [0.5])
    assert suggest(g, 0, name_of=_name) == []
    assert two_hop(g, 2).nodes.tolist() == []


@pytest.mark.parametrize(
    ("interest", "tail"),
    [
        (Interest(0.9, gives=0.8, gets=0.7), "; you meet each other's needs"),
        (Interest(0.9, gives=0.8), "; you offer what they need"),
        (Interest(0.9, shared=0.6), "; you share interests"),
        (Interest(0.1, gives=0.2, gets=0.3), ""),
    ],
)
def test_explanations(interest: Interest, tail: str) -> None:
    assert explain(2, "Bo", interest) == "2 mutual connections, including Bo" + tail


def test_suggest_is_deterministic_on_a_random_graph() -> None:
    rng = np.random.default_rng(7)
    n, m = 500, 3000
    g = TieGraph.from_ties(n, rng.integers(0, n, m), rng.integers(0, n, m), rng.uniform(0.1, 1, m))
    first = suggest(g, 0, name_of=str, top=20)
    assert first == suggest(g, 0, name_of=str, top=20)
    scores = [s.score for s in first]
    assert scores == sorted(scores, reverse=True)
