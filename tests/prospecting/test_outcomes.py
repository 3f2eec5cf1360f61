"""Learning from outcomes: the calibrated model, and its AUC on real speed events."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from mutuals.prospecting import Profile
from mutuals.prospecting.outcomes import MATCH_FEATURES, OutcomeModel, auc, match_features
from mutuals.prospecting.ranking import Match
from mutuals.prospecting.speed_events import (
    INTERESTS,
    evaluate,
    interest_cosine,
    load,
    number,
    shared_top_interests,
)

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
SPEED_DATING = SHARED / "data" / "speed-dating" / "speed-dating.csv"


def test_model_learns_a_known_signal_and_explains_it() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(600, 3))
    x[rng.random(600) < 0.05, 2] = np.nan  # blanks are filled, not fatal
    y = (x[:, 0] - 0.5 * x[:, 1] + rng.normal(scale=0.5, size=600) > 0).astype(int)
    model = OutcomeModel.fit(x, y, feature_names=["offer_fit", "distance", "noise"])
    assert model.weights()[0][0] == "offer_fit"
    assert auc(y, model.probability(x)) > 0.85
    p = model.probability(np.array([[2.0, -1.0, np.nan], [-2.0, 1.0, 0.0]]))
    assert p[0] > 0.9 > 0.1 > p[1]
    assert model.explain([2.0, -1.0, 0.0], top=1)[0][0] == "offer_fit"
    again = OutcomeModel.from_dict(model.to_dict())
    np.testing.assert_allclose(again.probability(x[:5]), model.probability(x[:5]))


def test_fit_refuses_one_class_and_wrong_shape() -> None:
    with pytest.raises(ValueError, match="both"):
        OutcomeModel.fit(np.ones((4, 1)), [1, 1, 1, 1], feature_names=["a"])
    with pytest.raises(ValueError, match="rows"):
        OutcomeModel.fit(np.ones((4, 2)), [0, 1, 0, 1], feature_names=["a"])


def test_match_features_follow_the_named_order() -> None:
    m = Match(candidate=Profile(name="B"), score=0.5, why="", gives=0.8, gets=0.3, shared=0.1)
    row = match_features([m])[0]
    assert dict(zip(MATCH_FEATURES, row.tolist(), strict=True)) == pytest.approx(
        {"score": 0.5, "gives": 0.8, "gets": 0.3, "weaker_side": 0.3, "shared": 0.1}
    )
    assert match_features([]).shape == (0, len(MATCH_FEATURES))


def test_speed_event_cells_and_interest_features() -> None:
    assert number(" 1,200 ") == 1200.0
    assert np.isnan(number(""))
    ranks = {k: float(i) for i, k in enumerate(INTERESTS)}
    reverse = {k: float(len(INTERESTS) - i) for i, k in enumerate(INTERESTS)}
    assert interest_cosine(ranks, ranks) == pytest.approx(1.0)
    assert interest_cosine(ranks, reverse) == pytest.approx(-1.0)
    blank = dict.fromkeys(INTERESTS, float("nan"))
    assert np.isnan(interest_cosine(ranks, blank))
    assert shared_top_interests(ranks, ranks) == 3.0
    assert shared_top_interests(ranks, reverse) == 0.0
    assert np.isnan(shared_top_interests(ranks, blank))


@pytest.mark.slow
@pytest.mark.skipif(
    not SHARED.exists() and not os.environ.get("CI"), reason="../shared data is absent"
)
def test_auc_on_held_out_speed_events_beats_the_anchors() -> None:
    result = evaluate(load(SPEED_DATING))
    inner, held = result["inner"], result["held"]
    assert held["int_corr"] == pytest.approx(0.57, abs=0.01)  # the data's own anchor
    assert held["plain"] == pytest.approx(0.622, abs=0.005)  # anchor 0.61
    assert held["directional"] == pytest.approx(0.614, abs=0.01)
    # Chosen by leave-one-odd-wave-out CV alone; the even waves only measure it.
    assert result["chosen"] == "interests+directional@0.5"
    assert inner["interests+directional@0.5"] == pytest.approx(0.598, abs=0.005)
    assert held["interests+directional@0.5"] == pytest.approx(0.632, abs=0.005)
    # Measured 0.632 held-out: the 0.66 target is not reached, but the anchors are beaten.
    assert held[result["chosen"]] > held["plain"] + 0.005
    assert inner[result["chosen"]] > inner["plain"] + 0.02
