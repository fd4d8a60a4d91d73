"""Super status: the marketplace's "super" badge.

super_status = 1 if the profile holds the status (and no "loss of super status" sanction is
               in force), else 0
"""

from __future__ import annotations

import numpy as np


def super_status(has_status: bool, lost_by_sanction: bool) -> float:
    return 1.0 if has_status and not lost_by_sanction else 0.0


def super_status_array(has_status: np.ndarray, lost_by_sanction: np.ndarray) -> np.ndarray:
    """:func:`super_status` of many profiles."""
    return np.where(np.asarray(has_status, dtype=bool) & ~np.asarray(lost_by_sanction, dtype=bool), 1.0, 0.0)
