"""Ranking quality on the labelled set: mutual partners first, above one-sided decoys."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tests.prospecting.conftest import as_profiles

from mutuals.prospecting import Profile, TextBackend, pair_weights


def quality(rows: list[dict[str, Any]], weights: np.ndarray) -> dict[str, float]:
    names = [r["name"] for r in rows]
    w = weights.copy()
    np.fill_diagonal(w, -1.0)
    ranks = []
    for i, row in enumerate(rows):
        if "partner" in row:
            j = names.index(row["partner"])
            ranks.append(int((w[i] >= w[i, j]).sum()))  # ties count against the partner
    above = []
    for k, row in enumerate(rows):
        if "decoy_for" in row:
            i = names.index(row["decoy_for"])
            j = names.index(rows[i]["partner"])
            above.append(w[i, j] > w[i, k])
    return {
        "first": float(np.mean([r == 1 for r in ranks])),
        "top3": float(np.mean([r <= 3 for r in ranks])),
        "above_decoys": float(np.mean(above)),
    }


def whole_text_baseline(profiles: list[Profile], backend: TextBackend) -> np.ndarray:
    """Headline and offers as one text, needs as one text, same model, both ways multiplied."""
    gives = backend.embed([" ".join((p.headline, *p.offers)) for p in profiles])
    needs = backend.embed([" ".join(p.needs) for p in profiles])
    g = np.maximum(gives @ needs.T, 0.0)
    return np.sqrt(g * g.T)


def test_default_backend_ranks_partners_high_and_above_decoys(
    quality_rows: list[dict[str, Any]], quality_profiles: list[Profile], wordllama: TextBackend
) -> None:
    weights = pair_weights(quality_profiles, backend=wordllama)
    assert isinstance(weights, np.ndarray)
    got = quality(quality_rows, weights)
    # Measured 29/36 first (0.81), 35/36 in the top 3, all above decoys; benchmarks/README.md.
    assert got["first"] >= 0.8
    assert got["top3"] >= 0.95
    assert got["above_decoys"] == 1.0


def test_default_backend_on_the_held_out_set(
    held_out_rows: list[dict[str, Any]], held_out_profiles: list[Profile], wordllama: TextBackend
) -> None:
    # Guards against tuning to the first set only. Measured 18/24 first (0.75), 19/24 in the
    # top 3 (0.79), 6/6 above decoys; see benchmarks/README.md.
    weights = pair_weights(held_out_profiles, backend=wordllama)
    assert isinstance(weights, np.ndarray)
    got = quality(held_out_rows, weights)
    assert got["first"] >= 0.75
    assert got["top3"] >= 0.79
    assert got["above_decoys"] == 1.0


@pytest.mark.parametrize(
    ("which", "first", "top3", "above_decoys"),
    [
        # Set C: other industries, several needs each. Measured 28/42 first (0.67), 36/42 in the
        # top 3 (0.86), 8/12 above decoys: far from the goals of 0.9 and all.
        ("third_rows", 0.66, 0.85, 0.66),
        # Set D, held out from the choice of the current constants. Measured 28/32 first (0.88),
        # 31/32 in the top 3 (0.97), 8/8 above decoys (before them: 25/32, 29/32, 8/8).
        ("fourth_rows", 0.85, 0.95, 1.0),
    ],
)
def test_default_backend_on_the_later_sets(
    which: str,
    first: float,
    top3: float,
    above_decoys: float,
    request: pytest.FixtureRequest,
    wordllama: TextBackend,
) -> None:
    # Figures in benchmarks/README.md.
    rows: list[dict[str, Any]] = request.getfixturevalue(which)
    weights = pair_weights(as_profiles(rows), backend=wordllama)
    assert isinstance(weights, np.ndarray)
    got = quality(rows, weights)
    assert got["first"] >= first
    assert got["top3"] >= top3
    assert got["above_decoys"] >= above_decoys


@pytest.mark.parametrize("which", ["quality_rows", "held_out_rows", "third_rows", "fourth_rows"])
def test_default_score_is_at_least_the_whole_text_baseline(
    which: str, request: pytest.FixtureRequest, wordllama: TextBackend
) -> None:
    # The same model as one text per side is the baseline the phrase-level score must not lose to.
    rows: list[dict[str, Any]] = request.getfixturevalue(which)
    profiles = as_profiles(rows)
    ours = np.asarray(pair_weights(profiles, backend=wordllama))
    base = quality(rows, whole_text_baseline(profiles, wordllama))
    got = quality(rows, ours)
    assert got["first"] >= base["first"]
    assert got["top3"] >= base["top3"]
    assert got["above_decoys"] >= base["above_decoys"]


def test_word_overlap_alone_does_poorly_on_this_set(
    quality_rows: list[dict[str, Any]], quality_profiles: list[Profile], lexical: TextBackend
) -> None:
    # The set is worded so offers and needs share few words: this guards that property.
    weights = pair_weights(quality_profiles, backend=lexical)
    assert isinstance(weights, np.ndarray)
    assert quality(quality_rows, weights)["first"] < 0.5
