"""Per-person propensities: how often someone says yes, and how often they are chosen.

A mutual yes needs two yeses, so it depends on how choosy each side is and how sought-after each
side is. Both are learned per person from past events (a rate over many meetings is far less noisy
than one decision) and predicted for newcomers from their own profile answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutuals.prospecting.standardise import fit_scaling, standardise

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class PropensityModel:
    """A standardised ridge regression of one per-person rate on that person's own answers.

    Missing answers (NaN) are filled with the training median. Coefficients read as "one
    standard deviation more of this answer moves the rate by this much".
    """

    feature_names: tuple[str, ...]
    medians: FloatArray
    means: FloatArray
    scales: FloatArray
    coefficients: FloatArray
    intercept: float

    @classmethod
    def fit(
        cls,
        features: ArrayLike,
        rates: ArrayLike,
        *,
        feature_names: Sequence[str],
        strength: float = 300.0,
    ) -> PropensityModel:
        """Fit on one row of answers per person and their observed rate in [0, 1]."""
        from sklearn.linear_model import Ridge

        x = np.asarray(features, dtype=np.float64)
        y = np.asarray(rates, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != len(feature_names) or len(y) != len(x):
            raise ValueError(f"features must be (people, {len(feature_names)}), got {x.shape}")
        if len(x) < 2:
            raise ValueError("need at least two people to learn a propensity")
        medians, means, scales = fit_scaling(x)
        model = Ridge(alpha=strength).fit(standardise(x, medians, means, scales), y)
        return cls(
            feature_names=tuple(feature_names),
            medians=medians,
            means=means,
            scales=scales,
            coefficients=np.asarray(model.coef_, dtype=np.float64),
            intercept=float(model.intercept_),
        )

    def predict(self, features: ArrayLike) -> FloatArray:
        """The predicted rate for each row of answers, clipped to [0.001, 0.999]."""
        z = standardise(features, self.medians, self.means, self.scales)
        out: FloatArray = np.clip(z @ self.coefficients + self.intercept, 0.001, 0.999)
        return out

    def weights(self) -> list[tuple[str, float]]:
        """Standardised coefficients, strongest first."""
        pairs = zip(self.feature_names, self.coefficients.tolist(), strict=True)
        return sorted(pairs, key=lambda item: -abs(item[1]))


def cross_fitted(
    features: ArrayLike,
    rates: ArrayLike,
    groups: ArrayLike,
    *,
    feature_names: Sequence[str],
    strength: float = 300.0,
) -> FloatArray:
    """Out-of-group predictions: each person's rate predicted by a model that never saw their group.

    Use this for the people a second model trains on (groups are events), so that the second
    model learns how far a *predicted* propensity can be trusted, not a memorised one.
    """
    x = np.asarray(features, dtype=np.float64)
    y = np.asarray(rates, dtype=np.float64)
    g = np.asarray(groups)
    out = np.empty(len(y), dtype=np.float64)
    labels = np.unique(g)
    if len(labels) < 2:
        raise ValueError("cross-fitting needs at least two groups")
    for label in labels.tolist():
        held = g == label
        model = PropensityModel.fit(
            x[~held], y[~held], feature_names=feature_names, strength=strength
        )
        out[held] = model.predict(x[held])
    return out


def logit(p: ArrayLike) -> FloatArray:
    """log(p / (1 − p)), with p clipped away from 0 and 1."""
    q = np.clip(np.asarray(p, dtype=np.float64), 0.001, 0.999)
    out: FloatArray = np.log(q / (1.0 - q))
    return out


def mutual_probability(p_ab: ArrayLike, p_ba: ArrayLike) -> FloatArray:
    """P(mutual yes) from two directional probabilities, treating the two choices as independent."""
    out: FloatArray = np.asarray(p_ab, dtype=np.float64) * np.asarray(p_ba, dtype=np.float64)
    return out
