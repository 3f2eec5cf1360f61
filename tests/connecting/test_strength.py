"""Relationship strength (0-100) as tie strength in (0, 1]."""

from __future__ import annotations

import pytest

from mutuals.connecting import MIN_TIE, tie_strength, tie_strengths


def test_scores_map_to_ties_with_a_floor() -> None:
    assert tie_strength(80.0) == pytest.approx(0.8)
    assert tie_strength(0.0) == MIN_TIE
    assert tie_strength(100.0) == 1.0
    assert tie_strengths([0.0, 50.0, 120.0, float("nan")], floor=0.1).tolist() == [
        0.1,
        0.5,
        1.0,
        0.1,
    ]


def test_bad_floor() -> None:
    with pytest.raises(ValueError):
        tie_strength(50.0, floor=0.0)
