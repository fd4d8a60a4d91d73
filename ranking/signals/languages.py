"""Language fit: does the profile speak the brief's languages at the level asked?

For each required language ``(code, min)`` with the profile's level ``l`` (ranks 1..5)::

    fit = 1                          if l >= min
        = partial * l / min          if the profile speaks it below the level
        = 0                          if it does not speak it

    languages = mean over required languages

``partial`` (default 0.5) caps the credit for a weaker level.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ranking.signals import clamp01, clamp01_array


def language_fit(required: Sequence[tuple[int, int | None]], partial: float = 0.5) -> float:
    """``required`` holds ``(min_rank, profile_rank or None)`` per required language."""
    if not required:
        return 0.0
    total = 0.0
    for need, have in required:
        if have is None:
            continue
        total += 1.0 if have >= need else partial * have / need
    return clamp01(total / len(required))


def language_fit_array(required: Sequence[tuple[int, np.ndarray]], partial: float = 0.5) -> np.ndarray:
    """:func:`language_fit` of many profiles: ``required`` holds ``(min_rank, ranks)`` per
    required language, ``ranks`` the profiles' levels in it (0: does not speak it)."""
    if not required:
        raise ValueError("language_fit_array needs at least one required language")
    total: np.ndarray | float = 0.0
    for need, have in required:
        have = np.asarray(have, dtype=np.int64)
        total = total + np.where(have >= need, 1.0, partial * have / need)
    return clamp01_array(np.asarray(total) / len(required))
