"""Small random tie graphs for property tests, with networkx twins as the reference."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx
from hypothesis import strategies as st

from mutuals.connecting import TieGraph

# Exact 1.0 ties cost nothing, which is where loops could sneak into a path.
STRENGTHS = st.one_of(
    st.sampled_from([1.0, 0.5, 0.25]),
    st.floats(min_value=0.01, max_value=1.0, allow_nan=False),
)


@dataclass(frozen=True)
class Sample:
    n: int
    ties: list[tuple[int, int, float]]

    def graph(self) -> TieGraph:
        a = [t[0] for t in self.ties]
        b = [t[1] for t in self.ties]
        s = [t[2] for t in self.ties]
        return TieGraph.from_ties(self.n, a, b, s)

    def nx_graph(self) -> nx.Graph:
        g = nx.Graph()
        g.add_nodes_from(range(self.n))
        for a, b, s in self.ties:
            if a != b and (not g.has_edge(a, b) or g[a][b]["strength"] < s):
                g.add_edge(a, b, strength=s)
        return g


@st.composite
def samples(draw: st.DrawFn, max_nodes: int = 8) -> Sample:
    n = draw(st.integers(min_value=2, max_value=max_nodes))
    pairs = st.tuples(
        st.integers(min_value=0, max_value=n - 1),
        st.integers(min_value=0, max_value=n - 1),
        STRENGTHS,
    )
    return Sample(n, draw(st.lists(pairs, max_size=3 * n)))


def product(g: nx.Graph, nodes: list[int] | tuple[int, ...]) -> float:
    out = 1.0
    for u, v in itertools.pairwise(nodes):
        out *= g[u][v]["strength"]
    return out


def all_paths(g: nx.Graph, s: int, t: int, max_hops: int) -> list[tuple[int, ...]]:
    return [tuple(p) for p in nx.all_simple_paths(g, s, t, cutoff=max_hops)]
