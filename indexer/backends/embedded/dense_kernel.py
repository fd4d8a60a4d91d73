"""Exact inner products of selected rows, compiled with numba.

``vectors[rows] @ q`` first copies the selected rows (a restrictive filter over a million
384-d rows still selects ~20 MB); this loop reads them in place instead.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True, nogil=True, fastmath=True)
def rows_dot(vectors: np.ndarray, rows: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``out[i] = vectors[rows[i]] · q`` (float32 accumulation, like BLAS sdot)."""
    d = q.shape[0]
    out = np.empty(rows.shape[0], dtype=np.float32)
    for i in range(rows.shape[0]):
        v = vectors[rows[i]]
        acc = np.float32(0.0)
        for j in range(d):
            acc += v[j] * q[j]
        out[i] = acc
    return out
