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

from indexer.profile.enums import AvailabilityStatus
from ranking.signals import clamp01


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
