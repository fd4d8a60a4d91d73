"""Quality from reviews (Bayesian average) and recommendations.

    bayes   = (C * m + n * mean) / (C + n)        C prior count (10), m prior mean (4.3)
    reviews = (bayes - 1) / 4                     rating 1..5 → [0, 1]
    recs    = 1 - exp(-recommendations / rec_scale)          (rec_scale 5)
    quality = (1 - rec_share) * reviews + rec_share * recs   (rec_share 0.2)

With the defaults one 5.0 review gives bayes 4.36 while forty at 4.9 give 4.78: a single
perfect review does not beat a long good record. No reviews at all gives the prior mean.
"""

from __future__ import annotations

import math

import numpy as np

from ranking.signals import clamp01, clamp01_array, exp_exact


def bayesian_rating(count: int, mean: float | None, prior_mean: float, prior_count: float) -> float:
    """The shrunk mean rating on the 1..5 scale."""
    n = count if mean is not None else 0
    return (prior_count * prior_mean + n * (mean or 0.0)) / (prior_count + n)


def quality(
    review_count: int,
    mean_rating: float | None,
    recommendations: int,
    *,
    prior_mean: float = 4.3,
    prior_count: float = 10.0,
    rec_scale: float = 5.0,
    rec_share: float = 0.2,
) -> float:
    reviews = (bayesian_rating(review_count, mean_rating, prior_mean, prior_count) - 1.0) / 4.0
    recs = 1.0 - math.exp(-recommendations / rec_scale)
    return clamp01((1.0 - rec_share) * clamp01(reviews) + rec_share * recs)


def quality_array(
    review_count: np.ndarray,
    mean_rating: np.ndarray,
    recommendations: np.ndarray,
    *,
    prior_mean: float = 4.3,
    prior_count: float = 10.0,
    rec_scale: float = 5.0,
    rec_share: float = 0.2,
) -> np.ndarray:
    """:func:`quality` of many profiles (``mean_rating`` NaN: no mean)."""
    mean = np.asarray(mean_rating, dtype=np.float64)
    known = ~np.isnan(mean)
    n = np.where(known, np.asarray(review_count, dtype=np.int64), 0)
    m = np.where(known, mean, 0.0)
    bayes = (prior_count * prior_mean + n * m) / (prior_count + n)
    reviews = (bayes - 1.0) / 4.0
    recs = 1.0 - exp_exact(-np.asarray(recommendations, dtype=np.int64) / rec_scale)
    return clamp01_array((1.0 - rec_share) * clamp01_array(reviews) + rec_share * recs)
