"""An event's pair-weight matrix: every attendee's mutual score with every other, fast.

Each person's phrases are laid out in a fixed number of slots, so the per-person maxima and means
become reshapes and axis reductions over contiguous memory instead of segment reductions; the
phrase products run as large float32 matrix products in blocks of people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from mutuals.domain.profile import Profile
from mutuals.prospecting.backends import TextBackend
from mutuals.prospecting.cache import EmbeddingCache
from mutuals.prospecting.phrases import EmbeddedProfiles, PhraseTable, embed_profiles
from mutuals.prospecting.ranking import resolve_backend
from mutuals.prospecting.score import (
    DEFAULT_WEIGHTS,
    Matrix,
    ScoreWeights,
    combine,
    direction,
    resolve_calibration,
    shared_half,
    strength,
    whole_block,
    whole_view,
)


@dataclass(frozen=True, slots=True)
class Slots:
    """A phrase table padded to ``width`` rows per person, laid out slot by slot.

    Row ``s * people + p`` is person ``p``'s phrase in slot ``s``, so a maximum or sum over a
    person's slots is an element-wise operation over ``width`` contiguous slabs. Padding repeats
    the person's first row, so maxima are unchanged; ``mask`` (width × people, 1.0 for real
    phrases) lets sums ignore the repeats.
    """

    vectors: Matrix
    mask: Matrix
    counts: NDArray[np.float32]
    width: int

    @classmethod
    def of(cls, table: PhraseTable) -> Slots:
        """Lay out ``table`` in slots as wide as its longest person."""
        sizes = np.diff(table.ptr)
        width = int(sizes.max()) if sizes.size else 1
        offsets = np.minimum(np.arange(width)[:, None], sizes[None, :] - 1)
        rows = table.ptr[None, :-1] + offsets
        mask = (np.arange(width)[:, None] < table.counts[None, :]).astype(np.float32)
        vectors = np.ascontiguousarray(table.vectors[rows.ravel()], dtype=np.float32)
        return cls(vectors=vectors, mask=mask, counts=table.counts.astype(np.float32), width=width)

    @property
    def people(self) -> int:
        """Number of people laid out."""
        return int(self.counts.size)

    def block(self, start: int, stop: int) -> Slots:
        """The slots of people ``start`` to ``stop``, in the same layout."""
        n = self.people
        cube = self.vectors.reshape(self.width, n, -1)[:, start:stop]
        return Slots(
            vectors=np.ascontiguousarray(cube.reshape(self.width * (stop - start), -1)),
            mask=np.ascontiguousarray(self.mask[:, start:stop]),
            counts=self.counts[start:stop],
            width=self.width,
        )


def slots_fit(table: PhraseTable) -> bool:
    """Whether padding costs at most twice the real rows (else segment reductions are cheaper)."""
    sizes = np.diff(table.ptr)
    return bool(sizes.size == 0 or sizes.max() * sizes.size <= 2 * max(int(sizes.sum()), 1))


def _best_over_slots(sims: Matrix, width: int) -> Matrix:
    """Maximum over ``width`` contiguous column slabs: (r, width·m) → (r, m)."""
    cube = sims.reshape(sims.shape[0], width, -1)
    out: Matrix = cube[:, 0].copy()
    for s in range(1, width):
        np.maximum(out, cube[:, s], out=out)
    return out


def gives_block(
    offers: Slots, needs: Slots, *, floor: float, ceiling: float, best_need: float
) -> Matrix:
    """How well each ``offers`` person (rows) meets each ``needs`` person's needs (columns)."""
    n = needs.people
    # (need slots) x (offer slots): best offer per need, then best and mean over each person's needs.
    per_need = strength(
        _best_over_slots(needs.vectors @ offers.vectors.T, offers.width), floor, ceiling
    )
    cube = per_need.reshape(needs.width, n, offers.people)
    best = cube.max(axis=0)
    cube *= needs.mask[:, :, None]
    mean = cube.sum(axis=0) / np.maximum(needs.counts, 1.0)[:, None]
    out: Matrix = (best_need * best + (1.0 - best_need) * mean).T.astype(np.float32)
    out[:, needs.counts == 0] = 0.0
    out[offers.counts == 0, :] = 0.0
    return out


def shared_pair(
    mine: Slots, theirs: Slots, *, floor: float, ceiling: float
) -> tuple[Matrix, Matrix]:
    """Both halves of the shared-topics term from one product.

    First: per ``mine`` person (rows), the mean over their topics of the best match among each
    ``theirs`` person's topics; second: the same from ``theirs``' side, transposed to match.
    """
    sims = mine.vectors @ theirs.vectors.T
    return (
        _topic_half(sims, mine, theirs, floor, ceiling),
        _topic_half(np.ascontiguousarray(sims.T), theirs, mine, floor, ceiling).T,
    )


def _topic_half(sims: Matrix, mine: Slots, theirs: Slots, floor: float, ceiling: float) -> Matrix:
    best = strength(_best_over_slots(sims, theirs.width), floor, ceiling)
    cube = best.reshape(mine.width, mine.people, theirs.people)
    cube *= mine.mask[:, :, None]
    out: Matrix = (cube.sum(axis=0) / np.maximum(mine.counts, 1.0)[:, None]).astype(np.float32)
    out[mine.counts == 0, :] = 0.0
    out[:, theirs.counts == 0] = 0.0
    return out


def pair_weights(
    profiles: Sequence[Profile],
    *,
    backend: TextBackend | str | None = None,
    top_k: int | None = None,
    cache: EmbeddingCache | None = None,
    weights: ScoreWeights = DEFAULT_WEIGHTS,
    block: int = 256,
) -> NDArray[np.float32] | sparse.csr_array:
    """The symmetric matrix of mutual scores for an event, with a zero diagonal.

    With ``top_k`` it is a sparse CSR array keeping, for each person, their ``top_k`` best
    partners (an entry stays when either side keeps it, so the result stays symmetric).
    """
    model = resolve_backend(backend)
    n = len(profiles)
    if n == 0:
        return np.zeros((0, 0), dtype=np.float32) if top_k is None else sparse.csr_array((0, 0))
    every = embed_profiles(profiles, backend=model, cache=cache)
    lo, hi = resolve_calibration(weights, floor=model.floor, ceiling=model.ceiling)
    tables = (every.offers, every.needs, every.shared)
    if top_k is not None and all(slots_fit(t) for t in tables):
        # never the whole n × n matrix: each block of rows keeps its best partners only
        return top_k_blocks(*tables, lo, hi, weights, top_k, block, whole=every)
    if all(slots_fit(t) for t in tables):
        gives, half_shared = slot_parts(*tables, lo, hi, weights.best_need, block)
    else:
        gives, half_shared = segment_parts(*tables, lo, hi, weights.best_need, block)
    shared: Matrix = half_shared + half_shared.T
    shared *= np.float32(0.5)
    total = combine(
        gives, gives.T, shared, whole_block(every, every, floor=lo, ceiling=1.0), weights
    )
    np.fill_diagonal(total, 0.0)
    if top_k is None:
        return total
    return symmetric_top_k(total, top_k)


def slot_parts(
    offer_table: PhraseTable,
    need_table: PhraseTable,
    topic_table: PhraseTable,
    lo: float,
    hi: float,
    best_need: float,
    block: int,
) -> tuple[Matrix, Matrix]:
    """``gives`` and the row half of ``shared`` for everyone, in padded slots."""
    offers, needs, topics = Slots.of(offer_table), Slots.of(need_table), Slots.of(topic_table)
    n = offer_table.people
    gives = np.empty((n, n), dtype=np.float32)
    half_shared = np.empty((n, n), dtype=np.float32)
    for start in range(0, n, block):
        stop = min(start + block, n)
        gives[start:stop] = gives_block(
            offers.block(start, stop), needs, floor=lo, ceiling=hi, best_need=best_need
        )
        # Topic similarity is symmetric: each block meets only itself and later people, and one
        # product fills both halves.
        mine, theirs = topics.block(start, stop), topics.block(start, n)
        first, second = shared_pair(mine, theirs, floor=lo, ceiling=hi)
        half_shared[start:stop, start:] = first
        half_shared[start:, start:stop] = second.T
    return gives, half_shared


def top_k_blocks(
    offer_table: PhraseTable,
    need_table: PhraseTable,
    topic_table: PhraseTable,
    lo: float,
    hi: float,
    weights: ScoreWeights,
    k: int,
    block: int,
    *,
    whole: EmbeddedProfiles,
) -> sparse.csr_array:
    """``symmetric_top_k`` of the full score matrix, computed one block of rows at a time.

    Memory stays at a few blocks × n floats (a 20,000-person event would need 1.6 GB per dense
    matrix); the price is computing each direction twice, once for rows and once for columns.
    """
    offers, needs, topics = Slots.of(offer_table), Slots.of(need_table), Slots.of(topic_table)
    n = offer_table.people
    k = max(0, min(k, n - 1))
    if k == 0:
        return sparse.csr_array((n, n), dtype=np.float32)
    rows, cols, vals = [], [], []
    bn = weights.best_need
    for start in range(0, n, block):
        stop = min(start + block, n)
        mine = offers.block(start, stop)
        gives = gives_block(mine, needs, floor=lo, ceiling=hi, best_need=bn)
        gets = gives_block(offers, needs.block(start, stop), floor=lo, ceiling=hi, best_need=bn)
        first, second = shared_pair(topics.block(start, stop), topics, floor=lo, ceiling=hi)
        shared: Matrix = (first + second) * np.float32(0.5)
        rows_whole = whole_view(
            whole.whole_offers[start:stop] @ whole.whole_needs.T,
            (whole.whole_offers @ whole.whole_needs[start:stop].T).T,
            floor=lo,
            ceiling=1.0,
        )
        total = combine(gives, np.ascontiguousarray(gets.T), shared, rows_whole, weights)
        here = np.arange(stop - start)
        total[here, here + start] = -np.inf  # never pick oneself
        pick = np.argpartition(-total, k - 1, axis=1)[:, :k]
        rows.append(np.repeat(np.arange(start, stop), k))
        cols.append(pick.ravel())
        vals.append(np.take_along_axis(total, pick, axis=1).ravel())
    r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    # symmetric: a pair stays when either side keeps it (scores are symmetric)
    pattern = sparse.csr_array((np.ones(r.size, dtype=np.bool_), (r, c)), shape=(n, n))
    pattern = (pattern + pattern.T).astype(np.bool_)
    value = sparse.csr_array((v, (r, c)), shape=(n, n), dtype=np.float32)
    value = value.maximum(value.T)
    pr, pc = pattern.nonzero()
    data = np.asarray(value[pr, pc]).ravel().astype(np.float32)
    return sparse.csr_array((data, (pr, pc)), shape=(n, n), dtype=np.float32)


def segment_parts(
    offers: PhraseTable,
    needs: PhraseTable,
    topics: PhraseTable,
    lo: float,
    hi: float,
    best_need: float,
    block: int,
) -> tuple[Matrix, Matrix]:
    """The same parts by segment reductions: for very uneven phrase counts, where slots waste."""
    n = offers.people
    gives = np.empty((n, n), dtype=np.float32)
    half_shared = np.empty((n, n), dtype=np.float32)
    for start in range(0, n, block):
        rows = list(range(start, min(start + block, n)))
        gives[start : start + len(rows)] = direction(
            offers.take(rows), needs, floor=lo, ceiling=hi, best_need=best_need
        )
        half_shared[start : start + len(rows)] = shared_half(
            topics.take(rows), topics, floor=lo, ceiling=hi
        )
    return gives, half_shared


def symmetric_top_k(total: Matrix, k: int) -> sparse.csr_array:
    """Keep each row's ``k`` largest off-diagonal entries, and their mirror images."""
    n = total.shape[0]
    k = max(0, min(k, n - 1))
    if k == 0:
        return sparse.csr_array((n, n), dtype=np.float32)
    # Exclude self-pairs from the pick even when every score is zero.
    masked = total.copy()
    np.fill_diagonal(masked, -np.inf)
    cols = np.argpartition(-masked, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(n), k)
    keep = sparse.csr_array(
        (np.ones(rows.size, dtype=np.bool_), (rows, cols.ravel())), shape=(n, n)
    )
    keep = (keep + keep.T).astype(np.bool_)
    r, c = keep.nonzero()
    return sparse.csr_array((total[r, c], (r, c)), shape=(n, n), dtype=np.float32)
