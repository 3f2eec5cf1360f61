"""People you may know: second-degree people ranked by resource allocation and mutual interest.

Resource allocation (Zhou, Lü and Zhang 2009) scores a non-neighbour ``z`` of ``me`` by the sum of
``1 / degree(w)`` over the mutual connections ``w``: a friend with few ties passes on more of
their attention than a hub does. It is networkx's ``resource_allocation_index``, computed for the
whole 2-hop neighbourhood at once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

import numpy as np

from mutuals.connecting.graph import FloatArray, IntArray, TieGraph, edge_positions

# An interest part (0..1) at or above this is named in the explanation.
MENTION = 0.5
DEFAULT_INTEREST_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class Interest:
    """How well a person's profile meets mine, all in [0, 1].

    ``score`` is the mutual-interest score; ``gives``: my offers meet their needs; ``gets``:
    their offers meet mine; ``shared``: common interests and goals.
    """

    score: float
    gives: float = 0.0
    gets: float = 0.0
    shared: float = 0.0


@dataclass(frozen=True, slots=True)
class TwoHop:
    """Every second-degree person of one member, as aligned arrays.

    ``best_via[i]`` is the mutual connection on the strongest two-tie path to ``nodes[i]``,
    ``best_strength[i]`` that path's strength.
    """

    nodes: IntArray
    resource_allocation: FloatArray
    mutual_count: IntArray
    best_via: IntArray
    best_strength: FloatArray


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A person I may know, with the score it was ranked by and the reason in plain words."""

    node: int
    score: float
    resource_allocation: float
    mutual_count: int
    best_via: int
    best_strength: float
    interest: float | None
    reason: str


def two_hop(graph: TieGraph, me: int) -> TwoHop:
    """Resource allocation, mutual count and strongest mutual for everyone two ties from ``me``.

    People already tied to ``me`` (and ``me``) are left out.
    """
    graph.check_node(me)
    friends = graph.neighbours(me).astype(np.int64)
    my_ties = graph.tie_strengths(me)
    positions, owner = edge_positions(graph, friends)
    reached = graph.indices[positions].astype(np.int64)
    via = friends[owner]
    share = 1.0 / graph.degrees()[via]
    through = my_ties[owner] * graph.strength[positions]
    keep = reached != me
    keep[np.isin(reached, friends, assume_unique=False)] = False
    reached, via, share, through = reached[keep], via[keep], share[keep], through[keep]
    # Group by person; within a group the strongest path first, then the lowest mutual id.
    order = np.lexsort((via, -through, reached))
    reached, via, share, through = reached[order], via[order], share[order], through[order]
    if len(reached) == 0:
        empty_i = np.empty(0, dtype=np.int64)
        return TwoHop(empty_i, np.empty(0), empty_i, empty_i, np.empty(0))
    starts = np.flatnonzero(np.r_[True, reached[1:] != reached[:-1]])
    return TwoHop(
        nodes=reached[starts],
        resource_allocation=np.add.reduceat(share, starts),
        mutual_count=np.diff(np.r_[starts, len(reached)]),
        best_via=via[starts],
        best_strength=through[starts],
    )


def explain(
    mutuals: int, via_name: str, interest: Interest | None, *, mention: float = MENTION
) -> str:
    """ "3 mutual connections, including Bo; they offer what you need"."""
    if mutuals == 1:
        text = f"1 mutual connection: {via_name}"
    else:
        text = f"{mutuals} mutual connections, including {via_name}"
    if interest is None:
        return text
    gets, gives = interest.gets >= mention, interest.gives >= mention
    if gets and gives:
        text += "; you meet each other's needs"
    elif gets:
        text += "; they offer what you need"
    elif gives:
        text += "; you offer what they need"
    elif interest.shared >= mention:
        text += "; you share interests"
    return text


def suggest(
    graph: TieGraph,
    me: int,
    *,
    name_of: Callable[[int], str],
    top: int = 10,
    interest: Mapping[int, Interest] | None = None,
    interest_weight: float = DEFAULT_INTEREST_WEIGHT,
    exclude: Collection[int] = (),
    mention: float = MENTION,
) -> list[Suggestion]:
    """The ``top`` second-degree people for ``me``, best first.

    The network part is resource allocation scaled to [0, 1] by the best candidate's. Where a
    person's mutual interest is known, the score is ``(1 - w) * network + w * interest`` with
    ``w = interest_weight``; where it is not, the network part alone, so an unknown profile
    neither helps nor hurts. ``exclude`` drops people (say, those already contacted). Ties in
    score go to more mutual connections, then to the lower node.
    """
    if top < 0:
        raise ValueError("top cannot be negative")
    if not 0.0 <= interest_weight <= 1.0:
        raise ValueError("interest_weight must lie in [0, 1]")
    hop = two_hop(graph, me)
    keep = ~np.isin(hop.nodes, np.fromiter(exclude, dtype=np.int64, count=len(exclude)))
    nodes = hop.nodes[keep]
    ra = hop.resource_allocation[keep]
    counts = hop.mutual_count[keep]
    if len(nodes) == 0 or top == 0:
        return []
    network = ra / ra.max()
    score = network.copy()
    known = interest or {}
    if known:
        for i, node in enumerate(nodes.tolist()):
            found = known.get(node)
            if found is not None:
                score[i] = (1.0 - interest_weight) * network[i] + interest_weight * found.score
    order = np.lexsort((nodes, -counts, -score))[:top]
    via = hop.best_via[keep]
    strength = hop.best_strength[keep]
    return [
        Suggestion(
            node=int(nodes[i]),
            score=float(score[i]),
            resource_allocation=float(ra[i]),
            mutual_count=int(counts[i]),
            best_via=int(via[i]),
            best_strength=float(strength[i]),
            interest=None if known.get(int(nodes[i])) is None else known[int(nodes[i])].score,
            reason=explain(
                int(counts[i]), name_of(int(via[i])), known.get(int(nodes[i])), mention=mention
            ),
        )
        for i in order.tolist()
    ]
