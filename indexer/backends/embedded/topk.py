"""Selecting the k best candidates in backend order (score descending, id ascending)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from indexer.backends.protocol import Hit, sort_hits


def top_hits(slots: np.ndarray, scores: np.ndarray, k: int, ids: Sequence[str | None]) -> list[Hit]:
    """The ``k`` best (slot, score) candidates as hits.

    Everything scoring at least the k-th best score is kept before sorting, so a tie at the
    cut is decided by id, not by the order candidates happened to arrive in.
    """
    if len(slots) > k:
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        sel = scores >= kth
        slots, scores = slots[sel], scores[sel]
    hits = [Hit(str(ids[s]), float(sc)) for s, sc in zip(slots.tolist(), scores.tolist(), strict=True)]
    return sort_hits(hits)[:k]
