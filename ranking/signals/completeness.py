"""Completeness: the indexer's completeness score of the profile, unchanged.

    completeness = IndexedProfile.completeness.score   (already in [0, 1])

See :mod:`indexer.completeness` for its components (photo, title, description length, skills,
visible rate, confirmed availability, languages, location, portfolio).
"""

from __future__ import annotations

from ranking.signals import clamp01


def completeness_fit(score: float) -> float:
    return clamp01(score)
