"""Learning from outcomes: calibrate pair features into the probability of a mutual yes.

A standardised logistic regression, so every coefficient reads as "one standard deviation more
of this feature multiplies the odds of a mutual yes by exp(coefficient)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutuals.prospecting.ranking import Match
from mutuals.prospecting.standardise import fit_scaling, standardise

FloatArray = NDArray[np.float64]

MATCH_FEATURES: tuple[str, ...] = ("score", "gives", "gets", "weaker_side", "shared")


def match_features(matches: Sequence[Match]) -> FloatArray:
    """Explainable features of scored pairs, in the order of :data:`MATCH_FEATURES`."""
    return np.asarray(
        [[m.score, m.gives, m.gets, min(m.gives, m.gets), m.shared] for m in matches],
        dtype=np.float64,
    ).reshape(len(matches), len(MATCH_FEATURES))


@dataclass(frozen=True, slots=True)
class OutcomeModel:
    """A fitted model of P(mutual yes) from named pair features.

    Missing values (NaN) are filled with the training median, so a profile that
    left a question blank still gets a probability.
    """

    feature_names: tuple[str, ...]
    medians: FloatArray
    means: FloatArray
    scales: FloatArray
    coefficients: FloatArray
    intercept: float
    base_rate: float

    @classmethod
    def fit(
        cls,
        features: ArrayLike,
        labels: ArrayLike,
        *,
        feature_names: Sequence[str],
        strength: float = 1.0,
        seed: int = 0,
    ) -> OutcomeModel:
        """Fit on rows of features and 0/1 outcomes; ``strength`` is the L2 penalty (1/C)."""
        from sklearn.linear_model import LogisticRegression

        x = np.asarray(features, dtype=np.float64)
        y = np.asarray(labels, dtype=np.int64)
        if x.ndim != 2 or x.shape[1] != len(feature_names):
            raise ValueError(f"features must be (rows, {len(feature_names)}), got {x.shape}")
        if len(set(y.tolist())) < 2:
            raise ValueError("outcomes need both a yes and a no to learn from")
        medians, means, scales = fit_scaling(x)
        model = LogisticRegression(C=1.0 / strength, max_iter=2000, random_state=seed)
        model.fit(standardise(x, medians, means, scales), y)
        return cls(
            feature_names=tuple(feature_names),
            medians=medians,
            means=means,
            scales=scales,
            coefficients=np.asarray(model.coef_[0], dtype=np.float64),
            intercept=float(model.intercept_[0]),
            base_rate=float(y.mean()),
        )

    def _standardised(self, features: ArrayLike) -> FloatArray:
        return standardise(features, self.medians, self.means, self.scales)

    def probability(self, features: ArrayLike) -> FloatArray:
        """P(mutual yes) for each row of features."""
        logits = self._standardised(features) @ self.coefficients + self.intercept
        out: FloatArray = 1.0 / (1.0 + np.exp(-logits))
        return out

    def weights(self) -> list[tuple[str, float]]:
        """Standardised coefficients, strongest first: what the model learned, in one list."""
        pairs = zip(self.feature_names, self.coefficients.tolist(), strict=True)
        return sorted(pairs, key=lambda item: -abs(item[1]))

    def explain(self, features: ArrayLike, *, top: int = 3) -> list[tuple[str, float]]:
        """The features that moved one pair's log-odds most, with their signed contribution."""
        contributions = self._standardised(features)[0] * self.coefficients
        order = np.argsort(-np.abs(contributions))[:top]
        return [(self.feature_names[i], float(contributions[i])) for i in order.tolist()]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, so a fitted model can be stored and shown."""
        return {
            "feature_names": list(self.feature_names),
            "medians": self.medians.tolist(),
            "means": self.means.tolist(),
            "scales": self.scales.tolist(),
            "coefficients": self.coefficients.tolist(),
            "intercept": self.intercept,
            "base_rate": self.base_rate,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OutcomeModel:
        """Rebuild a model saved with :meth:`to_dict`."""
        return cls(
            feature_names=tuple(data["feature_names"]),
            medians=np.asarray(data["medians"], dtype=np.float64),
            means=np.asarray(data["means"], dtype=np.float64),
            scales=np.asarray(data["scales"], dtype=np.float64),
            coefficients=np.asarray(data["coefficients"], dtype=np.float64),
            intercept=float(data["intercept"]),
            base_rate=float(data["base_rate"]),
        )


def auc(labels: ArrayLike, scores: ArrayLike) -> float:
    """Area under the ROC curve (the chance a random yes outranks a random no)."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(np.asarray(labels), np.asarray(scores)))
