"""Responsiveness: answers within 24 hours and the speed of the first answer.

share = answered_within_24h                 (unknown: ``unknown``, 0.5)
speed = 1 / (1 + median_minutes / half_minutes)   (half_minutes 240: 4 h gives 0.5;
                                             unknown: ``unknown``)
responsiveness = share_weight * share + (1 - share_weight) * speed   (share_weight 0.7)
"""

from __future__ import annotations

import numpy as np

from ranking.signals import clamp01, clamp01_array


def responsiveness(
    answered_within_24h: float | None,
    median_first_response_minutes: float | None,
    *,
    half_minutes: float = 240.0,
    share_weight: float = 0.7,
    unknown: float = 0.5,
) -> float:
    share = unknown if answered_within_24h is None else clamp01(answered_within_24h)
    if median_first_response_minutes is None:
        speed = unknown
    else:
        speed = 1.0 / (1.0 + max(0.0, median_first_response_minutes) / half_minutes)
    return clamp01(share_weight * share + (1.0 - share_weight) * speed)


def responsiveness_array(
    answered_within_24h: np.ndarray,
    median_first_response_minutes: np.ndarray,
    *,
    half_minutes: float = 240.0,
    share_weight: float = 0.7,
    unknown: float = 0.5,
) -> np.ndarray:
    """:func:`responsiveness` of many profiles (NaN: unknown)."""
    a = np.asarray(answered_within_24h, dtype=np.float64)
    m = np.asarray(median_first_response_minutes, dtype=np.float64)
    share = np.where(np.isnan(a), unknown, clamp01_array(a))
    speed = np.where(np.isnan(m), unknown, 1.0 / (1.0 + np.maximum(0.0, m) / half_minutes))
    return clamp01_array(share_weight * share + (1.0 - share_weight) * speed)
