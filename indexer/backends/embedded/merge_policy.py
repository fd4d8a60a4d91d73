"""When to merge segments: a tiered policy that keeps writes proportional to the change.

Segments are kept newest last. A segment's *tier* is ``floor(log_F(live rows))``. When the
newest :data:`FANOUT` segments all sit in the same tier they are merged into one (which lands
a tier higher, possibly completing the next group: merges cascade). Every row is therefore
rewritten about ``log_F(n)`` times over its life and there are at most ``F - 1`` segments per
tier. The in-memory search structures are global, so the number of segments only affects
opening time and file count, not query speed. A segment with more than half of its rows
deleted is rewritten on its own to reclaim space.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from indexer.backends.embedded.manifest import SegmentInfo

FANOUT = 8
#: Never more segments than this (merge the newest pair beyond it).
MAX_SEGMENTS = 48


def _tier(s: SegmentInfo) -> int:
    return int(math.log(max(s.n_live, 1), FANOUT))


def plan_merges(segments: Sequence[SegmentInfo]) -> tuple[int, int] | None:
    """``(first, last)``: merge ``segments[first:last]`` into one; ``None`` when nothing to do."""
    n = len(segments)
    for i, s in enumerate(segments):
        if s.n_rows > 0 and s.n_deleted * 2 > s.n_rows:
            return (i, i + 1)
    if n == 0:
        return None
    tier = _tier(segments[-1])
    first = n - 1
    while first > 0 and _tier(segments[first - 1]) == tier:
        first -= 1
    if n - first >= FANOUT:
        return (n - FANOUT, n)
    if n > MAX_SEGMENTS:
        return (n - 2, n)
    return None
