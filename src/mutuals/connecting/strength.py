"""Relationship strength (0-100) as a tie strength in (0, 1], the graph's edge weight."""

from __future__ import annotations

from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

# A contact with no recent interactions still knows the member: the weakest tie is not zero,
# or a path through them could never be found at all.
MIN_TIE: Final = 0.05


def tie_strength(score: float, *, floor: float = MIN_TIE) -> float:
    """``max(score / 100, floor)``, capped at 1."""
    return float(tie_strengths([score], floor=floor)[0])


def tie_strengths(scores: ArrayLike, *, floor: float = MIN_TIE) -> NDArray[np.float64]:
    """Relationship strengths (0-100) as tie strengths ``max(score / 100, floor)``, at most 1."""
    if not 0.0 < floor <= 1.0:
        raise ValueError("the floor must lie in (0, 1]")
    values = np.asarray(scores, dtype=np.float64) / 100.0
    return np.clip(np.nan_to_num(values, nan=0.0), floor, 1.0)
