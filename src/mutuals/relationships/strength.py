"""Relationship strength, 0-100 per contact as of a date: recency, frequency, depth and reciprocity.

The formula is written out in docs/relationships.md; ``strength_scores`` is the vectorised core that
every other entry point calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

import numpy as np
from numpy.typing import NDArray

from mutuals.domain.vocab import CHANNELS
from mutuals.relationships.bands import (
    BANDS,
    DEFAULT_THRESHOLDS,
    Band,
    BandThresholds,
    band_codes,
    band_of,
)
from mutuals.relationships.interactions import DIRECTION_CODES, Interaction, InteractionArrays

# Face to face weighs most, then voice, then the written word, then a like or a comment.
DEFAULT_CHANNEL_DEPTH: Final[Mapping[str, float]] = {
    "meeting": 1.0,
    "event": 0.9,
    "call": 0.7,
    "mail": 0.5,
    "email": 0.4,
    "message": 0.4,
    "linkedin": 0.3,
    "social": 0.2,
}

_GAVE: Final = DIRECTION_CODES["gave"]
_RECEIVED: Final = DIRECTION_CODES["received"]


@dataclass(frozen=True, slots=True)
class StrengthParams:
    """The knobs of the strength formula (see docs/relationships.md for their roles)."""

    half_life_days: float = 90.0
    short_window_days: int = 90
    long_window_days: int = 365
    short_saturation: float = 3.0
    long_saturation: float = 8.0
    short_share: float = 0.5
    two_way_saturation: float = 1.5
    one_way_factor: float = 0.3
    recency_weight: float = 0.4
    frequency_weight: float = 0.3
    depth_weight: float = 0.3
    channel_depth: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_CHANNEL_DEPTH))

    def __post_init__(self) -> None:
        if self.half_life_days <= 0:
            raise ValueError("half_life_days must be positive")
        if not 0 < self.short_window_days <= self.long_window_days:
            raise ValueError("windows must satisfy 0 < short_window_days <= long_window_days")
        if min(self.short_saturation, self.long_saturation, self.two_way_saturation) <= 0:
            raise ValueError("saturation constants must be positive")
        if not 0 <= self.short_share <= 1 or not 0 <= self.one_way_factor <= 1:
            raise ValueError("short_share and one_way_factor must lie in [0, 1]")
        weights = (self.recency_weight, self.frequency_weight, self.depth_weight)
        if min(weights) < 0 or abs(sum(weights) - 1.0) > 1e-9:
            raise ValueError("recency, frequency and depth weights must be >= 0 and sum to 1")
        missing = set(CHANNELS) - set(self.channel_depth)
        if missing:
            raise ValueError(f"channel_depth lacks {sorted(missing)}")
        if not all(0 < self.channel_depth[name] <= 1 for name in CHANNELS):
            raise ValueError("channel depths must lie in (0, 1]")

    def depth_table(self) -> NDArray[np.float64]:
        """Channel depths indexed by channel code."""
        return np.array([self.channel_depth[name] for name in CHANNELS], dtype=np.float64)


DEFAULT_PARAMS: Final = StrengthParams()


def strength_scores(
    arrays: InteractionArrays, *, today: date, params: StrengthParams = DEFAULT_PARAMS
) -> NDArray[np.float64]:
    """Strength of every contact in ``arrays`` as of ``today``, in contact-index order.

    Interactions dated after ``today`` are ignored; a contact without interactions scores 0.
    """
    n = arrays.n_contacts
    t = today.toordinal()
    keep = arrays.day <= t
    contact = arrays.contact[keep]
    age = (t - arrays.day[keep]).astype(np.float64)
    depth = params.depth_table()[arrays.channel[keep]]
    direction = arrays.direction[keep]

    decay = np.exp2(-age / params.half_life_days)
    weighted = depth * decay

    recency = np.zeros(n)
    np.maximum.at(recency, contact, decay)
    deepest = np.zeros(n)
    np.maximum.at(deepest, contact, weighted)

    short = np.bincount(contact, weights=depth * (age <= params.short_window_days), minlength=n)
    long = np.bincount(contact, weights=depth * (age <= params.long_window_days), minlength=n)
    frequency = params.short_share * -np.expm1(-short / params.short_saturation) + (
        1 - params.short_share
    ) * -np.expm1(-long / params.long_saturation)

    # A mutual exchange counts on both sides; the weaker side bounds how two-way the bond is.
    given = np.bincount(contact, weights=weighted * (direction != _RECEIVED), minlength=n)
    received = np.bincount(contact, weights=weighted * (direction != _GAVE), minlength=n)
    reciprocity = -np.expm1(-np.minimum(given, received) / params.two_way_saturation)

    base = (
        params.recency_weight * recency
        + params.frequency_weight * frequency
        + params.depth_weight * deepest
    )
    factor = params.one_way_factor + (1 - params.one_way_factor) * reciprocity
    scores: NDArray[np.float64] = np.clip(100.0 * base * factor, 0.0, 100.0)
    return scores


@dataclass(frozen=True, slots=True)
class StrengthReading:
    """One contact's strength now, ``lookback_days`` earlier, and the resulting band."""

    score: float
    previous: float
    band: Band

    @property
    def change(self) -> float:
        """Points gained (positive) or lost (negative) over the lookback."""
        return self.score - self.previous


@dataclass(frozen=True, slots=True)
class StrengthTable:
    """Strength of many contacts: columns in the order of ``contact_ids``."""

    contact_ids: NDArray[np.int64]
    score: NDArray[np.float64]
    previous: NDArray[np.float64]
    band_code: NDArray[np.int8]

    def band(self, index: int) -> Band:
        return BANDS[int(self.band_code[index])]

    def reading(self, index: int) -> StrengthReading:
        return StrengthReading(
            score=float(self.score[index]),
            previous=float(self.previous[index]),
            band=self.band(index),
        )

    def by_contact(self) -> dict[int, StrengthReading]:
        """Readings keyed by contact id."""
        return {int(cid): self.reading(i) for i, cid in enumerate(self.contact_ids)}


def strength_table(
    arrays: InteractionArrays,
    *,
    today: date,
    params: StrengthParams = DEFAULT_PARAMS,
    thresholds: BandThresholds = DEFAULT_THRESHOLDS,
) -> StrengthTable:
    """Scores now and ``thresholds.lookback_days`` ago, with bands, for every contact."""
    score = strength_scores(arrays, today=today, params=params)
    earlier = today - timedelta(days=thresholds.lookback_days)
    previous = strength_scores(arrays, today=earlier, params=params)
    return StrengthTable(
        contact_ids=arrays.contact_ids,
        score=score,
        previous=previous,
        band_code=band_codes(score, previous, thresholds),
    )


def contact_strength(
    interactions: Iterable[Interaction],
    *,
    today: date,
    params: StrengthParams = DEFAULT_PARAMS,
    thresholds: BandThresholds = DEFAULT_THRESHOLDS,
) -> StrengthReading:
    """Strength reading of one contact from its interactions (any ``contact_id`` is accepted)."""
    rows = [Interaction(0, row.on, row.channel, row.direction, row.kinds) for row in interactions]
    arrays = InteractionArrays.from_interactions(rows, contact_ids=[0])
    score = float(strength_scores(arrays, today=today, params=params)[0])
    earlier = today - timedelta(days=thresholds.lookback_days)
    previous = float(strength_scores(arrays, today=earlier, params=params)[0])
    return StrengthReading(score, previous, band_of(score, previous, thresholds))


def strengths(
    interactions: Iterable[Interaction],
    *,
    today: date,
    contact_ids: Iterable[int] | None = None,
    params: StrengthParams = DEFAULT_PARAMS,
    thresholds: BandThresholds = DEFAULT_THRESHOLDS,
) -> dict[int, StrengthReading]:
    """Strength readings keyed by contact id; ``contact_ids`` adds contacts with no interactions."""
    arrays = InteractionArrays.from_interactions(interactions, contact_ids)
    return strength_table(arrays, today=today, params=params, thresholds=thresholds).by_contact()
