"""Activity recency: linear decay of the last login inside the activity window.

    activity = clamp(1 - days_since_last_login / window_days, 0, 1)

``window_days`` is the profile's effective window at ``as_of`` (mode window plus the
extension of its profile type), so a login today gives 1 and one at the window's edge 0.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

from ranking.signals import clamp01, clamp01_array


def activity_recency(last_login_at: datetime, window_start: datetime, as_of: datetime) -> float:
    window = (as_of - window_start).total_seconds()
    if window <= 0:
        return 0.0
    age = max(0.0, (as_of - last_login_at).total_seconds())
    return clamp01(1.0 - age / window)


def activity_recency_array(age_seconds: np.ndarray, window_seconds: np.ndarray) -> np.ndarray:
    """:func:`activity_recency` of many profiles: ``age_seconds`` = ``as_of - last_login_at``
    and ``window_seconds`` = ``as_of - window_start``, in seconds."""
    window = np.asarray(window_seconds, dtype=np.float64)
    age = np.maximum(0.0, np.asarray(age_seconds, dtype=np.float64))
    with np.errstate(divide="ignore", invalid="ignore"):
        value = clamp01_array(1.0 - age / window)
    return np.where(window <= 0, 0.0, value)
