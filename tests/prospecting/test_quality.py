"""Ranking quality on the labelled set: mutual partners first, above one-sided decoys."""

from __future__ import annotations

from typing import Any

import numpy as np

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


def test_default_backend_ranks_partners_high_and_above_decoys(
    quality_rows: list[dict[str, Any]], quality_profiles: list[Profile], wordllama: TextBackend
) -> None:
    weights = pair_weights(quality_profiles, backend=wordllama)
    assert isinstance(weights, np.ndarray)
    got = quality(quality_rows, weights)
    # Measured 26/36 first (0.72), all in the top 3, all above decoys; see benchmarks/README.md.
    assert got["first"] >= 0.7
    assert got["top3"] == 1.0
    assert got["above_decoys"] == 1.0


def test_default_backend_on_the_held_out_set(
    held_out_rows: list[dict[str, Any]], held_out_profiles: list[Profile], wordllama: TextBackend
) -> None:
    # Guards against tuning to the first set only. Measured 16/24 first (0.67), 18/24 in the
    # top 3 (0.75), 5/6 above decoys; see benchmarks/README.md.
    weights = pair_weights(held_out_profiles, backend=wordllama)
    assert isinstance(weights, np.ndarray)
    got = quality(held_out_rows, weights)
    assert got["first"] >= 0.6
    assert got["top3"] >= 0.7
    assert got["above_decoys"] >= 0.8


def test_word_overlap_alone_does_poorly_on_this_set(
    quality_rows: list[dict[str, Any]], quality_profiles: list[Profile], lexical: TextBackend
) -> None:
    # The set is worded so offers and needs share few words: this guards that property.
    weights = pair_weights(quality_profiles, backend=lexical)
    assert isinstance(weights, np.ndarray)
    assert quality(quality_rows, weights)["first"] < 0.5
