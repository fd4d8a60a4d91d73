"""Seeded percentile bootstrap confidence intervals of a mean over queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class ConfidenceInterval:
    """A mean with its [low, high] interval at ``confidence``."""

    mean: float
    low: float
    high: float
    confidence: float


def bootstrap_ci(
    values: Sequence[float], *, n_resamples: int = 10_000, confidence: float = 0.95, seed: int = 0
) -> ConfidenceInterval:
    r"""Percentile bootstrap interval of the mean.

    Resample the n per-query values with replacement S times (seeded), take each resample's
    mean :math:`\bar x^{*(s)}`, and return the :math:`\alpha/2` and :math:`1-\alpha/2`
    quantiles of those means, :math:`\alpha = 1 - \text{confidence}`. For paired
    comparisons pass the per-query differences.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    x = np.asarray(values, dtype=np.float64)
    if len(x) == 0:
        return ConfidenceInterval(0.0, 0.0, 0.0, confidence)
    rng = np.random.default_rng(seed)
    means = np.empty(n_resamples)
    batch = 1_000
    for start in range(0, n_resamples, batch):
        size = min(batch, n_resamples - start)
        idx = rng.integers(0, len(x), size=(size, len(x)))
        means[start : start + size] = x[idx].mean(axis=1)
    alpha = 1 - confidence
    low, high = np.quantile(means, [alpha / 2, 1 - alpha / 2])
    return ConfidenceInterval(float(x.mean()), float(low), float(high), confidence)
