"""Exact mutual scores of one asker against chosen members, from phrase stores in slots.

The same formula as :func:`mutuals.prospecting.score.score_block` (a test checks equality), but
over row ids: each member's phrases are gathered from the store by their slots, and one matrix
product gives every similarity needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from mutuals.prospecting.score import Matrix, strength

if TYPE_CHECKING:
    from mutuals.prospecting.ann_index import PhraseStore

IntArray = NDArray[np.int64]


def _sims(
    store: PhraseStore, people: IntArray, mine: NDArray[np.float32]
) -> tuple[NDArray[np.float32], NDArray[np.bool_]]:
    """(people × width × my phrases) similarities, and the mask of real phrases (people × width).

    One matrix product over the gathered rows (float16 in the store, widened to float32): a
    stacked product of many small matrices is several times slower.
    """
    vectors, mask = store.gather(people)
    flat = vectors.reshape(-1, store.dim)
    sims = (flat @ mine.T).reshape(len(people), mask.shape[1], len(mine))
    return sims, mask


def direction_to(
    mine: NDArray[np.float32], needs: PhraseStore, people: IntArray, lo: float, hi: float, bn: float
) -> Matrix:
    """How well my offers meet each person's needs (as :func:`score.direction`)."""
    out = np.zeros(len(people), dtype=np.float32)
    if not len(mine):
        return out
    sims, mask = _sims(needs, people, mine)
    per_need = strength(sims.max(axis=2), lo, hi)  # people × width
    count = mask.sum(axis=1)
    best = np.where(mask, per_need, 0.0).max(axis=1)
    mean = np.where(mask, per_need, 0.0).sum(axis=1) / np.maximum(count, 1)
    out[:] = np.where(count > 0, bn * best + (1.0 - bn) * mean, 0.0)
    return out


def direction_from(
    mine: NDArray[np.float32],
    offers: PhraseStore,
    people: IntArray,
    lo: float,
    hi: float,
    bn: float,
) -> Matrix:
    """How well each person's offers meet my needs."""
    out = np.zeros(len(people), dtype=np.float32)
    if not len(mine):
        return out
    sims, mask = _sims(offers, people, mine)
    sims = np.where(mask[:, :, None], sims, -np.inf)  # people × width × my needs
    per_need = strength(sims.max(axis=1), lo, hi)  # people × my needs
    has = mask.any(axis=1)
    value = bn * per_need.max(axis=1) + (1.0 - bn) * per_need.mean(axis=1)
    out[:] = np.where(has, value, 0.0)
    return out


def shared(
    mine: NDArray[np.float32], topics: PhraseStore, people: IntArray, lo: float, hi: float
) -> Matrix:
    """Shared interests and goals, both halves (as :func:`score.shared_half`)."""
    out = np.zeros(len(people), dtype=np.float32)
    if not len(mine):
        return out
    sims, mask = _sims(topics, people, mine)
    sims = np.where(mask[:, :, None], sims, -np.inf)  # people × width × my topics
    count = mask.sum(axis=1)
    mine_half = strength(sims.max(axis=1), lo, hi).mean(axis=1)
    theirs = strength(sims.max(axis=2), lo, hi)
    theirs_half = np.where(mask, theirs, 0.0).sum(axis=1) / np.maximum(count, 1)
    out[:] = np.where(count > 0, 0.5 * (mine_half + theirs_half), 0.0)
    return out
