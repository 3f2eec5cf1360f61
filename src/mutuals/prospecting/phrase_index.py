"""Score one person against everyone through the distinct phrases of an index.

People reuse phrases ("bookkeeping", "hiring engineers"), so an index stores each distinct phrase
once and each person as slots pointing at them. One query multiplies the asker's few phrases by
the distinct phrases only, then gathers per person: the exact mutual score of everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutuals.prospecting.phrases import EmbeddedProfiles, PhraseTable
from mutuals.prospecting.score import Matrix, ScoreWeights, combine, strength, whole_view

IntArray = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class DistinctPhrases:
    """One phrase table as distinct vectors plus, per person, ``width`` slots pointing at them.

    Padding slots repeat the person's first phrase (maxima are unchanged); ``mask`` marks real
    phrases so means ignore the repeats. A person without phrases points at a zero vector.
    """

    vectors: Matrix
    slots: IntArray
    mask: Matrix
    counts: NDArray[np.float32]

    @classmethod
    def of(cls, table: PhraseTable) -> DistinctPhrases:
        """Deduplicate ``table``'s phrases by text and kind, and lay its people out in slots."""
        # A headline is embedded by its core, so the same text as an offer may differ in vector.
        ids: dict[tuple[str, bool], int] = {}
        keys = zip(table.texts, table.is_headline.tolist(), strict=True)
        row_ids = np.asarray([ids.setdefault(k, len(ids)) for k in keys], dtype=np.int64)
        first = np.zeros(len(ids), dtype=np.int64)
        first[row_ids[::-1]] = np.arange(len(row_ids) - 1, -1, -1)
        sizes = np.diff(table.ptr)
        width = int(sizes.max()) if sizes.size else 1
        offsets = np.minimum(np.arange(width)[None, :], sizes[:, None] - 1)
        return cls(
            vectors=np.ascontiguousarray(table.vectors[first], dtype=np.float32),
            slots=row_ids[table.ptr[:-1, None] + offsets],
            mask=(np.arange(width)[None, :] < table.counts[:, None]).astype(np.float32),
            counts=table.counts.astype(np.float32),
        )

    def best_and_mean(self, per_phrase: Matrix) -> tuple[Matrix, Matrix]:
        """Per person: the best and the mean of a per-distinct-phrase value over their phrases."""
        cube = per_phrase[self.slots]
        best: Matrix = cube.max(axis=1)
        mean: Matrix = (cube * self.mask).sum(axis=1) / np.maximum(self.counts, 1.0)
        return best, mean


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """The offers, needs and topics of everyone in an index, as distinct phrases."""

    offers: DistinctPhrases
    needs: DistinctPhrases
    topics: DistinctPhrases
    whole_offers: Matrix
    whole_needs: Matrix

    @classmethod
    def of(cls, embedded: EmbeddedProfiles) -> PhraseIndex:
        """Build from embedded profiles."""
        return cls(
            offers=DistinctPhrases.of(embedded.offers),
            needs=DistinctPhrases.of(embedded.needs),
            topics=DistinctPhrases.of(embedded.shared),
            whole_offers=np.ascontiguousarray(embedded.whole_offers, dtype=np.float32),
            whole_needs=np.ascontiguousarray(embedded.whole_needs, dtype=np.float32),
        )

    def scores(
        self, me: EmbeddedProfiles, *, floor: float, ceiling: float, weights: ScoreWeights
    ) -> Matrix:
        """The mutual score of the one person in ``me`` with everyone indexed (same as exact)."""
        gives = self._gives(me.offers, floor, ceiling, weights.best_need)
        gets = self._gets(me.needs, floor, ceiling, weights.best_need)
        shared = self._shared(me.shared, floor, ceiling)
        # The whole-text view: one vector per person and side, so one product each way.
        whole = whole_view(
            self.whole_needs @ me.whole_offers[0],
            self.whole_offers @ me.whole_needs[0],
            floor=floor,
            ceiling=1.0,
        )
        return combine(gives, gets, shared, whole, weights)

    def _gives(self, mine: PhraseTable, lo: float, hi: float, best_need: float) -> Matrix:
        # For each distinct need: its best match among my offers.
        if mine.counts[0] == 0:
            return np.zeros(self.needs.counts.size, dtype=np.float32)
        per_need = strength((mine.vectors @ self.needs.vectors.T).max(axis=0), lo, hi)
        best, mean = self.needs.best_and_mean(per_need)
        out: Matrix = (best_need * best + (1.0 - best_need) * mean).astype(np.float32)
        out[self.needs.counts == 0] = 0.0
        return out

    def _gets(self, mine: PhraseTable, lo: float, hi: float, best_need: float) -> Matrix:
        # For each of my needs: its best match among each person's offers.
        if mine.counts[0] == 0:
            return np.zeros(self.offers.counts.size, dtype=np.float32)
        sims = strength(mine.vectors @ self.offers.vectors.T, lo, hi)
        per_need = sims[:, self.offers.slots].max(axis=2)
        out: Matrix = (
            best_need * per_need.max(axis=0) + (1.0 - best_need) * per_need.mean(axis=0)
        ).astype(np.float32)
        out[self.offers.counts == 0] = 0.0
        return out

    def _shared(self, mine: PhraseTable, lo: float, hi: float) -> Matrix:
        n = self.topics.counts.size
        if mine.counts[0] == 0:
            return np.zeros(n, dtype=np.float32)
        sims = strength(mine.vectors @ self.topics.vectors.T, lo, hi)
        # My half: each of my topics' best among theirs, averaged over my topics.
        mine_half = sims[:, self.topics.slots].max(axis=2).mean(axis=0)
        # Their half: each of their topics' best among mine, averaged over their topics.
        _, theirs_half = self.topics.best_and_mean(sims.max(axis=0))
        out: Matrix = (0.5 * (mine_half + theirs_half)).astype(np.float32)
        out[self.topics.counts == 0] = 0.0
        return out
