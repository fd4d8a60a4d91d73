"""The BM25 term score, compiled with numba: what one query term (a clause of weight
``qtf · idf``) adds to a document's score::

    w(d) = weight · tf / (tf + k1 · (1 - b + b · dl(d) / avgdl))

The scoring loops (:mod:`~indexer.backends.embedded.maxscore`) all call this one expression,
so the pruned and the exhaustive paths agree to the last bit.
"""

from __future__ import annotations

import numba
import numpy as np

K1 = 1.2
B = 0.75


@numba.njit(cache=True, nogil=True, inline="always")
def term_score(weight: float, tf: float, dl: float, avgdl: float) -> float:
    """``weight · tf / (tf + k1 · (1 - b + b · dl / avgdl))``; < ``weight`` since the
    denominator exceeds ``tf`` by at least ``k1 · (1 - b)``."""
    t = np.float64(tf)
    return weight * t / (t + K1 * (1.0 - B + B * dl / avgdl))
