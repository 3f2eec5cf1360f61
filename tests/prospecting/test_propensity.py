"""Per-person propensities: learned rates, honest out-of-group predictions, mutual products."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.prospecting.propensity import (
    PropensityModel,
    cross_fitted,
    logit,
    mutual_probability,
)


def _people(seed: int, n: int = 300) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    x[rng.random(n) < 0.05, 1] = np.nan
    rate = np.clip(0.4 + 0.15 * x[:, 0] + rng.normal(scale=0.05, size=n), 0, 1)
    return x, rate, rng.integers(0, 6, size=n)


def test_learns_which_answer_drives_the_rate() -> None:
    x, rate, _ = _people(1)
    model = PropensityModel.fit(x, rate, feature_names=["outgoing", "blank", "noise"], strength=1.0)
    assert model.weights()[0][0] == "outgoing"
    assert np.corrcoef(model.predict(x), rate)[0, 1] > 0.9
    assert model.predict([5.0, np.nan, 0.0])[0] == pytest.approx(0.999)  # clipped, blank filled


def test_cross_fitted_never_sees_the_held_group() -> None:
    x, rate, groups = _people(2)
    oof = cross_fitted(x, rate, groups, feature_names=["a", "b", "c"], strength=1.0)
    # Poisoning one group's rates must not change that group's own predictions.
    poisoned = rate.copy()
    poisoned[groups == 0] = 1.0
    again = cross_fitted(x, poisoned, groups, feature_names=["a", "b", "c"], strength=1.0)
    np.testing.assert_allclose(again[groups == 0], oof[groups == 0])
    assert not np.allclose(again[groups != 0], oof[groups != 0])


def test_refuses_bad_shapes_and_single_groups() -> None:
    with pytest.raises(ValueError, match="people"):
        PropensityModel.fit(np.ones((4, 2)), [0.1, 0.2, 0.3, 0.4], feature_names=["a"])
    with pytest.raises(ValueError, match="two groups"):
        cross_fitted(np.ones((4, 1)), [0.1, 0.2, 0.3, 0.4], [0, 0, 0, 0], feature_names=["a"])


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_mutual_probability_is_symmetric_and_below_each_side(p: float, q: float) -> None:
    both = float(mutual_probability(p, q))
    assert both == pytest.approx(float(mutual_probability(q, p)))
    assert both <= min(p, q) + 1e-12
    assert np.isfinite(logit(p))
