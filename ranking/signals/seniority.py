"""Seniority fit: the profile's experience band against the one asked for.

    d = rank(profile) - rank(brief)        (junior 1, mid 2, senior 3)
    seniority = 1 (d = 0), 0.8 (d = +1), 0.5 (d = +2), 0.4 (d = -1), 0 (d = -2)

One band more experienced than asked is a good fit (maybe pricier); less experienced is worse.
"""

from __future__ import annotations

_FIT = {0: 1.0, 1: 0.8, 2: 0.5, -1: 0.4, -2: 0.0}


def seniority_fit(profile_rank: int, brief_rank: int) -> float:
    return _FIT[max(-2, min(2, profile_rank - brief_rank))]
