"""Seniority fit: the profile's experience band against the one asked for.

    d = rank(profile) - rank(brief)        (junior 1, mid 2, senior 3)
    seniority = 1 (d = 0), 0.8 (d = +1), 0.5 (d = +2), 0.4 (d = -1), 0 (d = -2)

One band more experienced than asked is a good fit (maybe pricier); less experienced is worse.
"""

from __future__ import annotations

import numpy as np

_FIT = {0: 1.0, 1: 0.8, 2: 0.5, -1: 0.4, -2: 0.0}


def seniority_fit(profile_rank: int, brief_rank: int) -> float:
    return _FIT[max(-2, min(2, profile_rank - brief_rank))]


#: :data:`_FIT` as a table indexed by ``d + 2``.
_FIT_TABLE = np.array([_FIT[d] for d in range(-2, 3)])


def seniority_fit_array(profile_ranks: np.ndarray, brief_rank: int) -> np.ndarray:
    """:func:`seniority_fit` of many profiles."""
    d = np.clip(np.asarray(profile_ranks, dtype=np.int64) - brief_rank, -2, 2)
    return _FIT_TABLE[d + 2]
