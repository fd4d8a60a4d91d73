"""Building a big embedded index for the benchmark without a million Python upserts.

The unique profiles are encoded once (the same code path as ``upsert``), then the encoded
rows are tiled to the requested size with new ids, slots and vectors, written as segments
of 100k rows, and named by a manifest; opening the directory then loads it like any index.
The documents' JSON is not stored (``get`` is not benchmarked; that keeps the 1M index from
writing gigabytes of duplicated JSON on a shared machine). Search structures are identical
to what upserts build.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from benchmarks._workload import Dataset
from indexer.backends.embedded.analyzer import CachedAnalyzer
from indexer.backends.embedded.encode import encode
from indexer.backends.embedded.manifest import Manifest, SegmentInfo, write_manifest
from indexer.backends.embedded.segment import concat, to_bytes, write_segment

SEGMENT_ROWS = 100_000


def bulk_build(path: Path, data: Dataset) -> None:
    """Write an embedded index of ``data`` at ``path`` (which must not hold one yet)."""
    u = len(data.unique)
    d = data.vectors.shape[1]
    docs = list(data.docs(0, u))
    base = encode(docs, np.arange(u), d, CachedAnalyzer())
    base["doc.off"] = np.zeros(u + 1, dtype=np.int64)
    base["doc.v"] = np.zeros(0, dtype=np.uint8)
    path.mkdir(parents=True, exist_ok=False)
    segments = []
    for start in range(0, data.n, SEGMENT_ROWS):
        stop = min(data.n, start + SEGMENT_ROWS)
        rows = np.arange(start, stop)
        # tile the encoded base rows to cover [start, stop), in row order
        parts = []
        first = start % u
        pos = start
        while pos < stop:
            take = min(u - first, stop - pos)
            parts.append(_rows(base, first, take))
            pos += take
            first = 0
        seg = concat(parts)
        seg["slots"] = rows.astype(np.int64)
        seg["ids"] = to_bytes([data.row_id(i) for i in range(start, stop)])
        seg["vectors"] = data.vectors[start:stop]
        name = f"seg-{len(segments) + 1:08d}"
        write_segment(path, name, seg)
        segments.append(SegmentInfo(name=name, n_rows=stop - start))
    write_manifest(path, Manifest(dimension=d, generation=len(segments), next_slot=data.n, segments=tuple(segments)))


def _rows(base: dict[str, np.ndarray], first: int, take: int) -> dict[str, np.ndarray]:
    from indexer.backends.embedded.segment import select_rows

    if first == 0 and take == len(base["slots"]):
        return base
    return select_rows(base, np.arange(first, first + take))
