"""The BM25 inner loop, compiled with numba: add one query term's contribution to the
scores of the documents in its posting list that pass the filter mask.

    w(d) = weight · tf / (tf + k1 · (1 - b + b · dl(d) / avgdl))

Scores accumulate in a dense scratch array ``acc`` (one float per slot); ``touched`` lists
the slots written so far, so collecting and resetting the scores costs O(matches), not
O(index size).
"""

from __future__ import annotations

import numba
import numpy as np

K1 = 1.2
B = 0.75


@numba.njit(cache=True, nogil=True, inline="always")
def term_score(weight: float, tf: float, dl: float, avgdl: float) -> float:
    """One clause's BM25 score for a document: ``weight · tf / (tf + k1 · (1 - b + b · dl / avgdl))``.

    Every scoring path calls this one expression, so they agree to the last bit."""
    t = np.float64(tf)
    return weight * t / (t + K1 * (1.0 - B + B * dl / avgdl))


@numba.njit(cache=True, nogil=True)
def accumulate(
    slots: np.ndarray,
    tf: np.ndarray,
    weight: float,
    dl: np.ndarray,
    avgdl: float,
    mask: np.ndarray,
    acc: np.ndarray,
    touched: np.ndarray,
    n_touched: int,
) -> int:
    """Add ``weight``-scaled BM25 term scores of ``slots`` into ``acc``; return the new
    number of touched slots (``acc[s] == 0`` marks an untouched slot: scores are > 0)."""
    for i in range(slots.shape[0]):
        s = slots[i]
        if not mask[s]:
            continue
        w = term_score(weight, tf[i], dl[s], avgdl)
        if acc[s] == 0.0:
            touched[n_touched] = s
            n_touched += 1
        acc[s] += w
    return n_touched
