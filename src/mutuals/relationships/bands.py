"""Strength bands: name a score (strong, good, warm, at risk) and spot a falling one (cooling)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

import numpy as np
from numpy.typing import NDArray

Band = Literal["strong", "good", "warm", "cooling", "at risk"]
BANDS: Final[tuple[Band, ...]] = get_args(Band)


@dataclass(frozen=True, slots=True)
class BandThresholds:
    """Score limits of the bands, and what counts as cooling.

    Level bands: ``strong`` from ``strong``, ``good`` from ``good``, ``warm`` from ``warm``, else
    ``at risk``. A contact is *cooling* when its score ``lookback_days`` ago was at least ``good``
    and has fallen by ``cooling_drop`` points or more since. A cooling contact whose level is good
    or warm gets the band ``cooling``; strong stays strong and at risk stays at risk, because
    both say more than the trend.
    """

    strong: float = 70.0
    good: float = 50.0
    warm: float = 30.0
    cooling_drop: float = 15.0
    lookback_days: int = 60

    def __post_init__(self) -> None:
        if not 0 < self.warm < self.good < self.strong <= 100:
            raise ValueError("band thresholds must satisfy 0 < warm < good < strong <= 100")
        if self.cooling_drop <= 0 or self.lookback_days <= 0:
            raise ValueError("cooling_drop and lookback_days must be positive")


DEFAULT_THRESHOLDS: Final = BandThresholds()


def is_cooling(
    score: float, previous: float, thresholds: BandThresholds = DEFAULT_THRESHOLDS
) -> bool:
    """True when a once good-or-strong score has fallen by at least the cooling drop."""
    return previous >= thresholds.good and previous - score >= thresholds.cooling_drop


def band_of(
    score: float, previous: float | None = None, thresholds: BandThresholds = DEFAULT_THRESHOLDS
) -> Band:
    """The band of ``score``; ``previous`` is the score ``lookback_days`` earlier, if known."""
    if score >= thresholds.strong:
        return "strong"
    if score < thresholds.warm:
        return "at risk"
    if previous is not None and is_cooling(score, previous, thresholds):
        return "cooling"
    return "good" if score >= thresholds.good else "warm"


def band_codes(
    score: NDArray[np.float64],
    previous: NDArray[np.float64],
    thresholds: BandThresholds = DEFAULT_THRESHOLDS,
) -> NDArray[np.int8]:
    """Vectorised ``band_of``: for each contact, the index of its band in ``BANDS``."""
    codes = np.where(score >= thresholds.good, BANDS.index("good"), BANDS.index("warm"))
    cooling = (previous >= thresholds.good) & (previous - score >= thresholds.cooling_drop)
    codes = np.where(cooling, BANDS.index("cooling"), codes)
    codes = np.where(score >= thresholds.strong, BANDS.index("strong"), codes)
    codes = np.where(score < thresholds.warm, BANDS.index("at risk"), codes)
    return codes.astype(np.int8)
