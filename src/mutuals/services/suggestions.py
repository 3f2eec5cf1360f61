"""People you may know: second-degree people ranked by resource allocation and mutual interest.

Mutual interest needs the member's profile: it is scored, with the prospecting backend, for the
best-connected candidates only (what a share tells of a person is their position and company,
taken as their headline), so the cost stays bounded however large the friends' networks are.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from mutuals.connecting import Interest, suggest, two_hop
from mutuals.domain.profile import Profile
from mutuals.prospecting import get_backend, rank_prospects
from mutuals.services.context import Workspace
from mutuals.services.member import member_as_profile
from mutuals.services.tie_graph import ME, MemberGraph, load_member_graph
from mutuals.store.embeddings import DatabaseEmbeddingCache

# Candidates (by network score) whose mutual interest is scored.
INTEREST_POOL = 200


def _interest(
    ws: Workspace, mg: MemberGraph, nodes: list[int], backend: str | None
) -> dict[int, Interest]:
    me = member_as_profile(ws)
    if not (me.offers or me.needs or me.interests or me.goals):
        return {}
    candidates = []
    mg.people.prefetch(nodes)
    for node in nodes:
        person = mg.people[node]
        headline = " at ".join(p for p in (person.position, person.company) if p)
        if headline:
            candidates.append(Profile(name=person.name, id=str(node), headline=headline))
    if not candidates:
        return {}
    model = get_backend(backend or ws.settings.similarity_backend)
    matches = rank_prospects(
        me, candidates, backend=model, top=len(candidates), cache=DatabaseEmbeddingCache(ws.db)
    )
    return {
        int(m.candidate.id): Interest(score=m.score, gives=m.gives, gets=m.gets, shared=m.shared)
        for m in matches
    }


def suggestions(
    ws: Workspace, *, today: date, top: int = 10, interest: bool = True, backend: str | None = None
) -> list[dict[str, Any]]:
    """The ``top`` people I may know, best first, each with the reason."""
    if top < 1:
        raise ValueError("--top must be at least 1")
    mg = load_member_graph(ws, today=today)
    contacts = mg.contact_nodes()
    scores: dict[int, Interest] = {}
    if interest:
        hop = two_hop(mg.graph, ME)
        keep = ~np.isin(hop.nodes, contacts)
        order = np.argsort(-hop.resource_allocation[keep], kind="stable")[:INTEREST_POOL]
        scores = _interest(ws, mg, hop.nodes[keep][order].tolist(), backend)
    found = suggest(mg.graph, ME, name_of=mg.name_of, top=top, interest=scores, exclude=contacts)
    mg.people.prefetch(n for s in found for n in (s.node, s.best_via))
    return [
        {
            "name": mg.name_of(s.node),
            "company": mg.people[s.node].company,
            "position": mg.people[s.node].position,
            "score": round(s.score, 3),
            "mutual_connections": s.mutual_count,
            "via": mg.name_of(s.best_via),
            "reason": s.reason,
        }
        for s in found
    ]
