"""Scoring signals: one small pure function per module, each returning a value in [0, 1].

The formula of each signal is in its module's docstring. :class:`SignalName` is the closed set
of signals the ranking configuration weighs; :mod:`ranking.features` feeds them.

Most modules also hold the signal's *array form* (``..._array``): the same formula over numpy
arrays of many profiles at once, which :mod:`ranking.batch` uses to score all the candidates of
a query together. An array form gives, entry for entry, exactly the float its scalar function
gives (the same operations in the same order; ``exp`` through :func:`exp_exact`, because
numpy's vectorised ``exp`` may round the last bit differently from :func:`math.exp`);
``tests/ranking/test_signal_arrays.py`` checks each pair on random inputs.
"""

from __future__ import annotations

import math
from enum import StrEnum

import numpy as np


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


def clamp01_array(x: np.ndarray) -> np.ndarray:
    """:func:`clamp01` of every entry (float64)."""
    x = np.asarray(x, dtype=np.float64)
    return np.where(np.isnan(x), 0.0, np.clip(x, 0.0, 1.0))


def exp_exact(x: np.ndarray) -> np.ndarray:
    """``exp`` of every entry, rounded as :func:`math.exp` rounds it (entries equal to 0 give
    exactly 1 without a call; the others, few in practice, go through :func:`math.exp`)."""
    x = np.asarray(x, dtype=np.float64)
    out = np.ones_like(x)
    idx = np.flatnonzero(x)
    if idx.size:
        out[idx] = [math.exp(v) for v in x[idx].tolist()]
    return out
