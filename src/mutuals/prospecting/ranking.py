"""Whom should I meet: score one person against candidates and explain each match."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mutuals.domain.profile import Profile
from mutuals.prospecting.backends import DEFAULT_BACKEND, TextBackend, get_backend
from mutuals.prospecting.cache import EmbeddingCache
from mutuals.prospecting.explain import MENTION, best_pair, mention_level, related, sentence
from mutuals.prospecting.phrases import EmbeddedProfiles, embed_profiles
from mutuals.prospecting.score import (
    DEFAULT_WEIGHTS,
    ScoreParts,
    ScoreWeights,
    resolve_calibration,
    score_block,
)


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate with their mutual score and the reason, from the asking person's view.

    ``gives``: how well my offers meet their needs; ``gets``: how well theirs meet mine;
    ``shared``: common interests and goals. All in [0, 1].
    """

    candidate: Profile
    score: float
    why: str
    gives: float = 0.0
    gets: float = 0.0
    shared: float = 0.0


def resolve_backend(backend: TextBackend | str | None) -> TextBackend:
    """A backend object from an object, a name, or None (the default backend)."""
    if backend is None:
        return get_backend(DEFAULT_BACKEND)
    if isinstance(backend, str):
        return get_backend(backend)
    return backend


def explain_pair(
    rows: EmbeddedProfiles,
    i: int,
    cols: EmbeddedProfiles,
    j: int,
    *,
    floor: float,
    ceiling: float,
    mention: float = MENTION,
    backend: TextBackend | None = None,
) -> str:
    """Why row person ``i`` and column person ``j`` should meet, from ``i``'s point of view.

    Phrase pairs weaker than ``mention`` (a strength) are not named as matches, nor are pairs
    that the ``backend`` finds alike only by chance (see :func:`explain.related`).
    """
    gives = best_pair(rows.offers, i, cols.needs, j, floor=floor, ceiling=ceiling)
    gets = best_pair(cols.offers, j, rows.needs, i, floor=floor, ceiling=ceiling)
    shared = best_pair(rows.shared, i, cols.shared, j, floor=floor, ceiling=ceiling)
    if backend is not None:
        gives, gets, shared = (related(m, backend, mention=mention) for m in (gives, gets, shared))
    return sentence(gives, gets, shared, mention=mention)


def matches_from_parts(
    me: EmbeddedProfiles,
    others: EmbeddedProfiles,
    parts: ScoreParts,
    order: Sequence[int],
    *,
    backend: TextBackend,
    weights: ScoreWeights,
) -> list[Match]:
    """Build explained matches for row 0 of ``parts`` and the given column order."""
    lo, hi = resolve_calibration(weights, floor=backend.floor, ceiling=backend.ceiling)
    # Named only from the backend's calibrated match cosine, whatever floor the weights set.
    mention = mention_level(floor=lo, ceiling=hi, match=backend.match)
    return [
        Match(
            candidate=others.profiles[j],
            score=float(parts.total[0, j]),
            why=explain_pair(
                me, 0, others, j, floor=lo, ceiling=hi, mention=mention, backend=backend
            ),
            gives=float(parts.gives[0, j]),
            gets=float(parts.gets[0, j]),
            shared=float(parts.shared[0, j]),
        )
        for j in order
    ]


def rank_prospects(
    me: Profile,
    candidates: Sequence[Profile],
    *,
    backend: TextBackend | str | None = None,
    top: int = 10,
    cache: EmbeddingCache | None = None,
    weights: ScoreWeights = DEFAULT_WEIGHTS,
) -> list[Match]:
    """The ``top`` candidates by mutual score, best first, each with its explanation.

    Candidates with the same ``id`` as ``me`` are skipped. Ties keep the candidates' order.
    """
    model = resolve_backend(backend)
    others_list = [c for c in candidates if c.id != me.id]
    if not others_list or top <= 0:
        return []
    mine = embed_profiles([me], backend=model, cache=cache)
    others = embed_profiles(others_list, backend=model, cache=cache)
    parts = score_block(mine, others, floor=model.floor, ceiling=model.ceiling, weights=weights)
    order = np.argsort(-parts.total[0], kind="stable")[:top]
    return matches_from_parts(mine, others, parts, order.tolist(), backend=model, weights=weights)


def mutual_score(
    a: Profile,
    b: Profile,
    *,
    backend: TextBackend | str | None = None,
    cache: EmbeddingCache | None = None,
    weights: ScoreWeights = DEFAULT_WEIGHTS,
) -> Match:
    """The mutual score of two people, explained from ``a``'s point of view (symmetric score)."""
    model = resolve_backend(backend)
    mine = embed_profiles([a], backend=model, cache=cache)
    theirs = embed_profiles([b], backend=model, cache=cache)
    parts = score_block(mine, theirs, floor=model.floor, ceiling=model.ceiling, weights=weights)
    return matches_from_parts(mine, theirs, parts, [0], backend=model, weights=weights)[0]
