"""Availability against the project's start date.

    lateness  = max(0, available_from - start) in days   (no date: available now)
    base      = 1 (available), partial (0.7, partially available),
                1 if unavailable but a later available_from is given, else 0
    trust     = 1 if availability was confirmed within ``fresh_days`` (30), else stale (0.85)
    availability = base * exp(-lateness / decay_days) * trust

``start`` is the brief's start date, or the ``as_of`` date when the brief gives none.
"""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np

from indexer.profile.enums import AvailabilityStatus
from ranking.signals import clamp01, clamp01_array, exp_exact


def availability_fit(
    status: AvailabilityStatus,
    available_from: date | None,
    confirmed_at: datetime | None,
    start: date,
    as_of: datetime,
    *,
    decay_days: float = 30.0,
    partial: float = 0.7,
    fresh_days: float = 30.0,
    stale: float = 0.85,
) -> float:
    if status is AvailabilityStatus.UNAVAILABLE and available_from is None:
        return 0.0
    base = partial if status is AvailabilityStatus.PARTIALLY_AVAILABLE else 1.0
    late = max(0, (available_from - start).days) if available_from is not None else 0
    trust = 1.0 if confirmed_at is not None and (as_of - confirmed_at).days <= fresh_days else stale
    return clamp01(base * math.exp(-late / decay_days) * trust)


def availability_fit_array(
    unavailable: np.ndarray,
    partially: np.ndarray,
    late_days: np.ndarray,
    fresh: np.ndarray,
    *,
    decay_days: float = 30.0,
    partial: float = 0.7,
    stale: float = 0.85,
) -> np.ndarray:
    """:func:`availability_fit` of many profiles. Per profile: ``unavailable`` (unavailable
    with no later date), ``partially`` (partially available), ``late_days`` (``lateness``
    in whole days, >= 0) and ``fresh`` (confirmed within ``fresh_days``)."""
    base = np.where(partially, partial, 1.0)
    late = np.asarray(late_days, dtype=np.int64)
    trust = np.where(fresh, 1.0, stale)
    value = clamp01_array(base * exp_exact(-late / decay_days) * trust)
    return np.where(unavailable, 0.0, value)
