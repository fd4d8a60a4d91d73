"""Scoring signals: one small pure function per module, each returning a value in [0, 1].

The formula of each signal is in its module's docstring. :class:`SignalName` is the closed set
of signals the ranking configuration weighs; :mod:`ranking.features` feeds them.
"""

from __future__ import annotations

from enum import StrEnum


class SignalName(StrEnum):
    SEMANTIC = "semantic"
    TITLE = "title"
    SKILLS = "skills"
    LANGUAGES = "languages"
    LOCATION = "location"
    RATE = "rate"
    AVAILABILITY = "availability"
    SENIORITY = "seniority"
    SECTOR = "sector"
    COMPLETENESS = "completeness"
    ACTIVITY = "activity"
    QUALITY = "quality"
    RESPONSIVENESS = "responsiveness"
    SUPER_STATUS = "super_status"


def clamp01(x: float) -> float:
    """``x`` limited to [0, 1] (NaN becomes 0)."""
    if x != x:  # NaN
        return 0.0
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else float(x)
