"""Median-filled, standardised features: the shared front of every learned outcome model."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def fit_scaling(x: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Column medians (to fill missing answers), means and standard deviations of ``x``.

    A column with no answers at all gets median 0; a constant column gets scale 1, so it
    standardises to 0 instead of dividing by zero.
    """
    medians = np.nan_to_num(np.nanmedian(np.where(np.isnan(x).all(axis=0), 0.0, x), axis=0))
    filled = np.where(np.isnan(x), medians[None, :], x)
    means = filled.mean(axis=0)
    scales = filled.std(axis=0)
    scales[scales == 0] = 1.0
    return medians, means, scales


def standardise(
    features: ArrayLike, medians: FloatArray, means: FloatArray, scales: FloatArray
) -> FloatArray:
    """Rows of features (one row may be 1-D) with NaN filled by ``medians``, then z-scored."""
    x = np.asarray(features, dtype=np.float64)
    if x.ndim == 1:
        x = x[None, :]
    out: FloatArray = (np.where(np.isnan(x), medians[None, :], x) - means) / scales
    return out
