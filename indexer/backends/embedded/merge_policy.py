"""When to merge segments: a logarithmic policy that keeps writes proportional to the change.

Segments are kept newest last. The newest segments are merged while the one before them is
not much larger (``<= FACTOR`` times), like carries in a binary counter: every row is
rewritten O(log n) times over its life and there are O(log n) segments. A segment in which
more than half of the rows are deleted is rewritten on its own to reclaim the space.
"""

from __future__ import annotations

from collections.abc import Sequence

from indexer.backends.embedded.manifest import SegmentInfo

FACTOR = 2
#: Never more segments than this (merge the newest pair beyond it).
MAX_SEGMENTS = 24


def plan_merges(segments: Sequence[SegmentInfo]) -> tuple[int, int] | None:
    """``(first, last)``: merge ``segments[first:last]`` into one; ``None`` when nothing to do."""
    n = len(segments)
    for i, s in enumerate(segments):
        if s.n_rows > 0 and s.n_deleted * 2 > s.n_rows:
            return (i, i + 1)
    if n >= 2:
        newest, before = segments[-1].n_live, segments[-2].n_live
        if before <= FACTOR * newest or n > MAX_SEGMENTS:
            return (n - 2, n)
    return None
