"""The mutual score: what each side offers against what the other needs, plus shared topics.

Two views of "offers meet needs" are blended: phrase by phrase (which offer meets which need) and
whole text (everything a person gives against everything the other needs, as one text each).

Everything here works on blocks of people at once (matrices), so one person against many and a
whole event against itself use the same arithmetic. docs/prospecting.md explains the formula.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutuals.prospecting.phrases import EmbeddedProfiles, PhraseTable

Matrix = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class ScoreWeights:
    """Knobs of the mutual score; the defaults are the documented ones.

    ``floor``/``ceiling`` map cosine similarity to a match strength in [0, 1] (None: take the
    backend's). ``best_need`` is the share of a direction given by the best-met need (the rest is
    the average over all needs). ``one_sided`` is the share of the arithmetic mean next to the
    geometric mean of the two directions. ``shared`` is the weight of interests and goals within
    the phrase view; ``whole`` is the weight of the whole-text view in the total.
    ``shared_balance`` is the power of the pair's balance (the weaker direction over the stronger)
    that scales the shared topics: at 0 topics count in full even for a one-sided pair, at 1 they
    count only as far as both sides meet.
    """

    floor: float | None = None
    ceiling: float | None = None
    best_need: float = 0.0
    one_sided: float = 0.0
    shared: float = 0.3
    whole: float = 0.3
    shared_balance: float = 0.5

    def __post_init__(self) -> None:
        # The score stays in [0, 1] only while every share is a share: refuse anything else early.
        for name in ("best_need", "one_sided", "shared", "whole", "shared_balance"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
        for name in ("floor", "ceiling"):
            value = getattr(self, name)
            if value is not None and not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number, got {value!r}")


DEFAULT_WEIGHTS = ScoreWeights()


@dataclass(frozen=True, slots=True)
class ScoreParts:
    """Scores of a block of people (rows) against others (columns), all in [0, 1].

    ``gives[a, b]``: how well row person a's offers meet column person b's needs;
    ``gets[a, b]``: how well b's offers meet a's needs (both phrase by phrase); ``shared``: common
    interests and goals; ``whole``: the whole-text view of both directions; ``total``: the
    mutual score.
    """

    gives: Matrix
    gets: Matrix
    shared: Matrix
    whole: Matrix
    total: Matrix


def strength(similarity: Matrix, floor: float, ceiling: float) -> Matrix:
    """Map cosine similarity to strength: 0 at or below ``floor``, 1 at or above ``ceiling``."""
    out = (similarity - np.float32(floor)) * np.float32(1.0 / (ceiling - floor))
    np.clip(out, 0.0, 1.0, out=out)
    return out


def direction(
    offers: PhraseTable, needs: PhraseTable, *, floor: float, ceiling: float, best_need: float
) -> Matrix:
    """How well each offering person (rows) meets each needing person's needs (columns).

    For every need, take its best-matching offer; then blend the best of those with their mean,
    so meeting one need well counts, and meeting all of them counts more.
    """
    sims = offers.vectors @ _contiguous(needs.vectors).T
    # Strength is monotone in similarity, so the max over offers can be taken on raw cosines.
    per_need = np.maximum.reduceat(sims, offers.ptr[:-1], axis=0)
    per_need = strength(per_need, floor, ceiling)
    need_counts = np.maximum(needs.counts, 1).astype(np.float32)
    mean = np.add.reduceat(per_need, needs.ptr[:-1], axis=1) / need_counts
    best = np.maximum.reduceat(per_need, needs.ptr[:-1], axis=1)
    out: Matrix = (best_need * best + (1.0 - best_need) * mean).astype(np.float32)
    out[:, needs.counts == 0] = 0.0
    out[offers.counts == 0, :] = 0.0
    return out


def _contiguous(vectors: Matrix) -> Matrix:
    """Vectors as contiguous float32 (BLAS is fastest on that layout)."""
    return np.ascontiguousarray(vectors, dtype=np.float32)


def shared_half(mine: PhraseTable, theirs: PhraseTable, *, floor: float, ceiling: float) -> Matrix:
    """Per row person: mean over their topics of the best match among each column person's."""
    sims = mine.vectors @ _contiguous(theirs.vectors).T
    best = np.maximum.reduceat(sims, theirs.ptr[:-1], axis=1)
    best = strength(best, floor, ceiling)
    out: Matrix = (
        np.add.reduceat(best, mine.ptr[:-1], axis=0)
        / np.maximum(mine.counts, 1).astype(np.float32)[:, None]
    ).astype(np.float32)
    out[mine.counts == 0, :] = 0.0
    out[:, theirs.counts == 0] = 0.0
    return out


def whole_view(gives: Matrix, gets: Matrix, *, floor: float, ceiling: float) -> Matrix:
    """The whole-text view from the cosines of whole offers against whole needs, both ways.

    ``gives[a, b]``: a's whole offer against b's whole need; ``gets[a, b]``: b's against a's.
    Each becomes a strength as phrases do, then the geometric mean of the two, as in the plain
    baseline (which uses the cosines themselves, negative ones as 0).
    """
    both = strength(np.asarray(gives, np.float32), floor, ceiling)
    both *= strength(np.asarray(gets, np.float32), floor, ceiling)
    out: Matrix = np.sqrt(both).astype(np.float32)
    return out


def whole_block(
    rows: EmbeddedProfiles, cols: EmbeddedProfiles, *, floor: float, ceiling: float
) -> Matrix:
    """The whole-text view of every row person with every column person."""
    gives = rows.whole_offers @ _contiguous(cols.whole_needs).T
    gets = (cols.whole_offers @ _contiguous(rows.whole_needs).T).T
    return whole_view(gives, gets, floor=floor, ceiling=ceiling)


def combine(
    gives: Matrix, gets: Matrix, shared: Matrix, whole: Matrix, weights: ScoreWeights
) -> Matrix:
    """The mutual score from both directions, the shared term and the whole-text view.

    Reciprocity is the geometric mean of the two directions, which is 0 when either is 0
    (``one_sided`` mixes in the arithmetic mean, so a one-sided pair can rank above no match).
    Shared topics are scaled by the pair's balance: a one-sided pair who share hobbies (the
    typical decoy: they offer what I need, I offer nothing they need) must not be lifted above a
    pair who meet both ways.
    """
    geometric = np.sqrt(gives * gets)
    arithmetic = (gives + gets) * np.float32(0.5)
    reciprocity = (1.0 - weights.one_sided) * geometric + weights.one_sided * arithmetic
    topics = shared
    if weights.shared_balance > 0.0:
        strong = np.maximum(gives, gets)
        weak = np.minimum(gives, gets)
        balance = np.divide(weak, strong, out=np.zeros_like(strong), where=strong > 0)
        topics = (shared * balance ** np.float32(weights.shared_balance)).astype(np.float32)
    phrases = (1.0 - weights.shared) * reciprocity + weights.shared * topics
    total: Matrix = ((1.0 - weights.whole) * phrases + weights.whole * whole).astype(np.float32)
    return total


def resolve_calibration(
    weights: ScoreWeights, *, floor: float, ceiling: float
) -> tuple[float, float]:
    """The cosine floor and ceiling in force: the weights' own, else the backend's."""
    lo = weights.floor if weights.floor is not None else floor
    hi = weights.ceiling if weights.ceiling is not None else ceiling
    if not hi > lo:
        raise ValueError(f"ceiling ({hi}) must be above floor ({lo})")
    return lo, hi


def score_block(
    rows: EmbeddedProfiles,
    cols: EmbeddedProfiles,
    *,
    floor: float,
    ceiling: float,
    weights: ScoreWeights = DEFAULT_WEIGHTS,
) -> ScoreParts:
    """Mutual scores of every row person against every column person."""
    lo, hi = resolve_calibration(weights, floor=floor, ceiling=ceiling)
    gives = direction(rows.offers, cols.needs, floor=lo, ceiling=hi, best_need=weights.best_need)
    gets = direction(cols.offers, rows.needs, floor=lo, ceiling=hi, best_need=weights.best_need).T
    shared = 0.5 * (
        shared_half(rows.shared, cols.shared, floor=lo, ceiling=hi)
        + shared_half(cols.shared, rows.shared, floor=lo, ceiling=hi).T
    )
    whole = whole_block(rows, cols, floor=lo, ceiling=1.0)
    gets = np.ascontiguousarray(gets)
    shared = shared.astype(np.float32)
    return ScoreParts(
        gives=gives,
        gets=gets,
        shared=shared,
        whole=whole,
        total=combine(gives, gets, shared, whole, weights),
    )
