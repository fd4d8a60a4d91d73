"""Semantic fit: how close the profile's text is in meaning to the brief's.

    semantic = clamp(cos(q, p), 0, 1)

``q`` and ``p`` are the L2-normalised embeddings of the brief text and of the profile text, so
their dot product is the cosine; negative similarity (opposite meaning) counts as no fit.
"""

from __future__ import annotations

from ranking.signals import clamp01


def semantic_fit(cosine: float) -> float:
    return clamp01(cosine)
