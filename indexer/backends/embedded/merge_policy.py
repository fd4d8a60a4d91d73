"""When to merge segments: a tiered policy that keeps writes proportional to the change.

A segment's *tier* is ``floor(log_F(live rows))``. When :data:`FANOUT` segments sit in the
same tier, the oldest ``F`` of them (lowest tier first) are merged into one (which lands a
tier higher, possibly completing that tier: merges cascade). Every row is therefore
rewritten about ``log_F(n)`` times over its life and, once merges settle, there are at most
``F - 1`` segments per tier. Tiers are grouped wherever their segments sit in the list, not
only at its end: merges run in the background while new segments are appended, so a
merged segment can land between smaller, newer ones. The in-memory search structures are
global, so the number of segments only affects opening time and file count, not query
speed. A segment with more than half of its rows deleted is rewritten on its own to
reclaim space.
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


def plan_merges(segments: Sequence[SegmentInfo]) -> tuple[int, ...] | None:
    """Positions (ascending) of the segments to merge into one; ``None`` when nothing to do."""
    n = len(segments)
    for i, s in enumerate(segments):
        if s.n_rows > 0 and s.n_deleted * 2 > s.n_rows:
            return (i,)
    by_tier: dict[int, list[int]] = {}
    for i, s in enumerate(segments):
        by_tier.setdefault(_tier(s), []).append(i)
    for tier in sorted(by_tier):
        if len(by_tier[tier]) >= FANOUT:
            return tuple(by_tier[tier][:FANOUT])
    if n > MAX_SEGMENTS:
        return (n - 2, n - 1)
    return None
