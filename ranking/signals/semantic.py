"""Semantic fit: how close the profile's text is in meaning to the brief's.

    semantic = clamp(cos(q, p), 0, 1)

``q`` and ``p`` are the L2-normalised embeddings of the brief text and of the profile text, so
their dot product is the cosine; negative similarity (opposite meaning) counts as no fit.
"""

from __future__ import annotations

import numpy as np

from ranking.signals import clamp01, clamp01_array


def semantic_fit(cosine: float) -> float:
    return clamp01(cosine)


def semantic_fit_array(cosines: np.ndarray) -> np.ndarray:
    """:func:`semantic_fit` of many profiles."""
    return clamp01_array(cosines)
