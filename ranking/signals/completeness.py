"""Completeness: the indexer's completeness score of the profile, unchanged.

    completeness = IndexedProfile.completeness.score   (already in [0, 1])

See :mod:`indexer.completeness` for its components (photo, title, description length, skills,
visible rate, confirmed availability, languages, location, portfolio).
"""

from __future__ import annotations

import numpy as np

from ranking.signals import clamp01, clamp01_array


def completeness_fit(score: float) -> float:
    return clamp01(score)


def completeness_fit_array(scores: np.ndarray) -> np.ndarray:
    """:func:`completeness_fit` of many profiles."""
    return clamp01_array(scores)
