"""Indexes for many people: fast top-k prospects for one person, and an event's pair-weight matrix.

A query first shortlists candidates with one vector per person (the mean of their phrases), then
scores the shortlist exactly, phrase by phrase. The event matrix (exact, in blocks) lives in event_matrix and is re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from mutuals.domain.profile import Profile
from mutuals.prospecting.backends import TextBackend, Vectors
from mutuals.prospecting.cache import EmbeddingCache
from mutuals.prospecting.event_matrix import pair_weights
from mutuals.prospecting.phrases import EmbeddedProfiles, embed_profiles
from mutuals.prospecting.ranking import Match, matches_from_parts, resolve_backend
from mutuals.prospecting.score import (
    DEFAULT_WEIGHTS,
    ScoreWeights,
    combine,
    resolve_calibration,
    score_block,
    strength,
)


@dataclass(frozen=True, slots=True)
class ProspectIndex:
    """Embedded profiles plus per-person pooled vectors, ready for repeated queries."""

    embedded: EmbeddedProfiles
    backend: TextBackend
    pooled_offers: Vectors
    pooled_needs: Vectors
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
        """Embed every profile once (through ``cache``) and pool each person's phrases."""
        model = resolve_backend(backend)
        embedded = embed_profiles(profiles, backend=model, cache=cache)
        return cls(
            embedded=embedded,
            backend=model,
            pooled_offers=embedded.offers.pooled(),
            pooled_needs=embedded.needs.pooled(),
            weights=weights,
        )

    def __len__(self) -> int:
        return len(self.embedded.profiles)

    def shortlist(self, me: EmbeddedProfiles, size: int) -> NDArray[np.int64]:
        """Candidates whose pooled offers and needs best fit ``me``'s phrases, best first.

        Each direction is approximated by the best of one side's phrases against the other
        side's mean vector; the mutual combination of the two then orders the shortlist.
        """
        lo, hi = resolve_calibration(
            self.weights, floor=self.backend.floor, ceiling=self.backend.ceiling
        )
        n = len(self)
        gives = np.zeros(n, dtype=np.float32)
        gets = np.zeros(n, dtype=np.float32)
        if me.offers.counts[0] > 0:
            gives = strength(self.pooled_needs @ me.offers.vectors.T, lo, hi).max(axis=1)
        if me.needs.counts[0] > 0:
            gets = strength(self.pooled_offers @ me.needs.vectors.T, lo, hi).mean(axis=1)
        approx = combine(gives, gets, np.zeros_like(gives), self.weights)
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

        ``shortlist`` is how many candidates are scored exactly (default ``max(50 * top, 500)``);
        ``shortlist >= len(self)`` scores everyone exactly.
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
        size = shortlist if shortlist is not None else max(50 * top, 500)
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
