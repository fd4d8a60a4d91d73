"""Selecting the k best candidates in backend order (score descending, id ascending).

Done in numpy up to the hits themselves: the candidates at or above the ``k``-th best score
(``np.partition``), ordered by score with ``argsort``; only where scores tie (a handful in a
search: ~5 of ~500 candidates with the benchmark's briefs) are the tied ids put in order in
Python; then the ``k`` hits, built at C speed (``tuple.__new__`` of the named tuple
:class:`~indexer.backends.protocol.Hit`, no Python ``__init__`` per hit). The same hits as
``sort_hits`` of them all, cut at ``k`` (``tests/indexer/test_sort_hits.py``). Measured at
100k profiles: 90 -> 40 µs a search (lexical or dense; ~500 candidates, k = 200).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

import numpy as np

from indexer.backends.protocol import Hit


def top_hits(slots: np.ndarray, scores: np.ndarray, k: int, ids: Sequence[str | None]) -> list[Hit]:
    """The ``k`` best (slot, score) candidates as hits.

    Everything scoring at least the k-th best score is kept before sorting, so a tie at the
    cut is decided by id, not by the order candidates happened to arrive in.
    """
    if len(slots) > k:
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        sel = scores >= kth
        slots, scores = slots[sel], scores[sel]
    order = np.argsort(-scores)
    ranked = scores[order]
    names = list(map(ids.__getitem__, slots[order].tolist()))
    if None in names:  # not for the live slots a search returns; str() as sort_hits had it
        names = list(map(str, names))
    values = ranked.tolist()
    for start, stop in tie_runs(ranked):
        names[start:stop], values[start:stop] = zip(
            *sorted(zip(names[start:stop], values[start:stop], strict=True)), strict=True)
    return list(map(tuple.__new__, repeat(Hit), zip(names[:k], values[:k], strict=True)))


def tie_runs(ranked: np.ndarray) -> list[tuple[int, int]]:
    """The ``[start, stop)`` ranges of ``ranked`` (sorted) longer than one whose values are
    equal (``==``: ``-0.0`` ties ``0.0``, as it does for ``sort_hits``)."""
    tied = np.flatnonzero(ranked[1:] == ranked[:-1]).tolist()  # i: ranked[i] == ranked[i + 1]
    runs: list[tuple[int, int]] = []
    for i in tied:
        if runs and runs[-1][1] == i + 1:
            runs[-1] = (runs[-1][0], i + 2)
        else:
            runs.append((i, i + 2))
    return runs
