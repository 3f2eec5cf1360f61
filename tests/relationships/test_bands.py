"""Bands: level thresholds, the cooling trend, and agreement of scalar and vector forms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.relationships.bands import BANDS, BandThresholds, band_codes, band_of, is_cooling


@pytest.mark.parametrize(
    ("score", "previous", "band"),
    [
        (85, None, "strong"),
        (70, None, "strong"),
        (69.9, None, "good"),
        (50, None, "good"),
        (49, None, "warm"),
        (30, None, "warm"),
        (29.9, None, "at risk"),
        (0, None, "at risk"),
        (55, 80, "cooling"),
        (35, 50, "cooling"),
        (55, 65, "good"),
        (40, 48, "warm"),
        (75, 95, "strong"),
        (20, 90, "at risk"),
    ],
)
def test_band_of(score: float, previous: float | None, band: str) -> None:
    assert band_of(score, previous) == band


def test_cooling_needs_a_good_past_and_a_real_drop() -> None:
    assert is_cooling(40, 60)
    assert not is_cooling(40, 49)
    assert not is_cooling(50, 60)


def test_thresholds_validate() -> None:
    with pytest.raises(ValueError):
        BandThresholds(strong=40, good=50)


@given(
    st.lists(st.tuples(st.floats(0, 100), st.floats(0, 100)), min_size=1, max_size=50),
)
def test_vector_bands_match_scalar(pairs: list[tuple[float, float]]) -> None:
    score = np.array([s for s, _ in pairs])
    previous = np.array([p for _, p in pairs])
    codes = band_codes(score, previous)
    assert [BANDS[c] for c in codes] == [band_of(s, p) for s, p in pairs]
