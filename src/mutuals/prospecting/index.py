"""Indexes for many people: fast top-k prospects for one person, and an event's pair-weight matrix.

A query scores everyone through the distinct phrases (phrase_index), then explains the best few
phrase by phrase. The event matrix lives in event_matrix and is re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from mutuals.domain.profile import Profile
from mutuals.prospecting.backends import TextBackend
from mutuals.prospecting.cache import EmbeddingCache
from mutuals.prospecting.event_matrix import pair_weights
from mutuals.prospecting.phrase_index import PhraseIndex
from mutuals.prospecting.phrases import EmbeddedProfiles, embed_profiles
from mutuals.prospecting.ranking import Match, matches_from_parts, resolve_backend
from mutuals.prospecting.score import (
    DEFAULT_WEIGHTS,
    ScoreWeights,
    score_block,
)


@dataclass(frozen=True, slots=True)
class ProspectIndex:
    """Embedded profiles plus their distinct-phrase index, ready for repeated queries."""

    embedded: EmbeddedProfiles
    backend: TextBackend
    phrases: PhraseIndex
    weights: ScoreWeights = DEFAULT_WEIGHTS

    @classmethod
    def build(
        cls,
        profiles: Sequence[Profile],
        *,
        backend: TextBackend | str | None = None,
        cache: EmbeddingCache | None = None,
        weights: ScoreWeights = DEFAULT_WEIGHTS,
    ) -> ProspectIndex:
        """Embed every profile once (through ``cache``) and index their distinct phrases."""
        model = resolve_backend(backend)
        embedded = embed_profiles(profiles, backend=model, cache=cache)
        return cls(
            embedded=embedded, backend=model, phrases=PhraseIndex.of(embedded), weights=weights
        )

    def __len__(self) -> int:
        return len(self.embedded.profiles)

    def shortlist(self, me: EmbeddedProfiles, size: int) -> NDArray[np.int64]:
        """The ``size`` best candidates for ``me`` by their mutual score, best first."""
        approx = self.phrases.scores(
            me, floor=self.backend.floor, ceiling=self.backend.ceiling, weights=self.weights
        )
        n = len(self)
        size = min(size, n)
        if size >= n:
            return np.argsort(-approx, kind="stable").astype(np.int64)
        picked = np.argpartition(-approx, size - 1)[:size]
        return picked[np.argsort(-approx[picked], kind="stable")].astype(np.int64)

    def query(
        self,
        me: Profile,
        *,
        top: int = 10,
        shortlist: int | None = None,
        cache: EmbeddingCache | None = None,
    ) -> list[Match]:
        """The ``top`` prospects for ``me`` (someone with ``me.id`` is skipped), explained.

        Everyone is scored through the distinct-phrase index; the best ``shortlist`` (default
        ``max(2 * top, 20)``) are then scored again phrase by phrase to explain them.
        """
        if top <= 0 or len(self) == 0:
            return []
        # One query is many small products: BLAS threads cost more to wake than they save,
        # and on a busy machine they cost tens of milliseconds.
        with threadpool_limits(limits=1, user_api="blas"):
            return self._query(me, top=top, shortlist=shortlist, cache=cache)

    def _query(
        self, me: Profile, *, top: int, shortlist: int | None, cache: EmbeddingCache | None
    ) -> list[Match]:
        mine = embed_profiles([me], backend=self.backend, cache=cache)
        size = shortlist if shortlist is not None else max(2 * top, 20)
        pool = self.shortlist(mine, size + 1)
        pool = np.asarray(
            [j for j in pool.tolist() if self.embedded.profiles[j].id != me.id], dtype=np.int64
        )
        if pool.size == 0:
            return []
        others = self.embedded.take(pool)
        parts = score_block(
            mine,
            others,
            floor=self.backend.floor,
            ceiling=self.backend.ceiling,
            weights=self.weights,
        )
        order = np.argsort(-parts.total[0], kind="stable")[:top]
        return matches_from_parts(
            mine, others, parts, order.tolist(), backend=self.backend, weights=self.weights
        )


__all__ = ["ProspectIndex", "pair_weights"]
