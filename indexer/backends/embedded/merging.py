"""Segment merges, run in a background thread while the writer goes on.

A merge only rewrites files: the in-memory search structures are global (see
:mod:`~indexer.backends.embedded.merge_policy`), so searches never wait for one. Its work is
in three steps, and only the middle one, the long one, leaves the writer's thread:

1. **start** (writer thread, under the backend's write lock): snapshot the input segments
   (names, row counts, the rows deleted so far);
2. **build** (:func:`build_merged`, a worker thread, no lock): read the inputs' columns,
   drop the snapshot's deleted rows, write and flush the merged segment's files. Nothing
   names them yet, so a crash leaves garbage that the next open collects. Much of this
   time is spent outside the GIL (reads, writes, ``fsync``, the documents copied by the
   kernel, CRC-32), while the writer encodes its next batches;
3. **commit** (writer thread, at its next write or at :meth:`close`): rows of the inputs
   deleted *during* the build (an upsert replacing a profile of an input segment) are
   carried over as a tombstone list of the merged segment (:func:`late_deletes`), then one
   manifest replaces the inputs by the merged segment.

One merge runs at a time, so its inputs are all still in the manifest when it commits (only
merges remove segments); the merged segment takes the place of the first of them.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.backends.embedded.manifest import SegmentInfo
from indexer.backends.embedded.segment import (
    Arrays,
    DocRanges,
    concat,
    doc_ranges,
    read_segment,
    select_rows,
    write_segment,
)

#: The arrays of a merged segment the backend keeps in memory (what ``get`` reads).
VIEW_KEYS = ("slots", "ids", "hashes", "comp", "miss.v", "miss.v.dict", "miss.off", "doc.off")


@dataclass(frozen=True, slots=True)
class MergeInput:
    """An input segment as it was when the merge started."""

    info: SegmentInfo
    deleted: np.ndarray  # row numbers deleted at the start (ascending)


@dataclass(frozen=True, slots=True)
class MergedSegment:
    """The files of a merged segment, written and flushed but not yet named by a manifest."""

    name: str
    inputs: tuple[MergeInput, ...]
    kept: tuple[np.ndarray, ...]  # per input, its rows copied (ascending)
    n_rows: int
    view: Arrays  # the :data:`VIEW_KEYS` arrays (empty when ``n_rows`` is 0)


def build_merged(directory: Path, name: str, inputs: tuple[MergeInput, ...]) -> MergedSegment:
    """Write segment ``name`` holding the rows of ``inputs`` that were not deleted, in order
    (nothing is written when no row is left)."""
    parts: list[Arrays] = []
    kept: list[np.ndarray] = []
    doc_lengths: list[np.ndarray] = []
    docs: list[DocRanges] = []  # the surviving documents: copied file to file
    for inp in inputs:
        a = read_segment(directory, inp.info, with_docs=False)
        del a["doc.v"]
        off = a.pop("doc.off")
        keep = np.setdiff1d(np.arange(inp.info.n_rows), inp.deleted)
        if len(keep) < inp.info.n_rows:
            a = select_rows(a, keep)
            doc_lengths.append(np.diff(off)[keep])
            docs.append((directory / inp.info.docs_file, doc_ranges(off, keep)))
        else:
            doc_lengths.append(np.diff(off))
            docs.append((directory / inp.info.docs_file, doc_ranges(off, None)))
        parts.append(a)
        kept.append(keep)
    merged = concat(parts)
    n = len(merged["slots"])
    if n == 0:
        return MergedSegment(name, inputs, tuple(kept), 0, {})
    merged["doc.off"] = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.concatenate(doc_lengths), out=merged["doc.off"][1:])
    write_segment(directory, name, merged, docs_from=docs)
    return MergedSegment(name, inputs, tuple(kept), n, {k: merged[k] for k in VIEW_KEYS})


def late_deletes(merged: MergedSegment, deleted_now: list[np.ndarray]) -> np.ndarray:
    """Rows of the merged segment whose input rows are deleted now (``deleted_now``, per
    input) but were not when the merge started: where each sits among the kept rows."""
    out: list[np.ndarray] = []
    base = 0
    for inp, keep, now in zip(merged.inputs, merged.kept, deleted_now, strict=True):
        late = np.setdiff1d(now, inp.deleted)
        if len(late):
            pos = np.searchsorted(keep, late)
            if not (pos < len(keep)).all() or not np.array_equal(keep[pos], late):
                raise RuntimeError(f"segment {inp.info.name}: rows deleted twice during a merge")
            out.append(base + pos)
        base += len(keep)
    return np.concatenate(out).astype(np.int32) if out else np.zeros(0, np.int32)


class MergeWorker:
    """At most one merge in flight, built by one worker thread (of the process that started
    it: a forked child inherits no thread, so it forgets its parent's merge and files)."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._pending: tuple[str, Future[MergedSegment]] | None = None
        self._owner = os.getpid()

    def _forget_if_forked(self) -> None:
        if self._owner != os.getpid():
            self._pool, self._pending, self._owner = None, None, os.getpid()

    @property
    def busy(self) -> bool:
        self._forget_if_forked()
        return self._pending is not None

    @property
    def done(self) -> bool:
        """Whether a merge was started and has finished (committing it will not wait)."""
        return self._pending is not None and self._pending[1].done()

    def start(self, directory: Path, name: str, inputs: tuple[MergeInput, ...]) -> None:
        self._forget_if_forked()
        if self._pending is not None:
            raise RuntimeError("a merge is already running")
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="talentmatch-merge")
        self._pending = (name, self._pool.submit(build_merged, directory, name, inputs))

    def finished(self, *, wait: bool) -> tuple[str, Future[MergedSegment]] | None:
        """The merged segment's name and the finished merge (waiting for it if ``wait``),
        handed over to the caller; ``None`` when none runs, or it still does and ``wait``
        is false."""
        self._forget_if_forked()
        if self._pending is None or not (wait or self._pending[1].done()):
            return None
        done = self._pending
        done[1].exception()  # waits
        self._pending = None
        return done

    def shutdown(self) -> None:
        """Wait for the merge in flight (its result is dropped) and stop the thread."""
        self._forget_if_forked()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        self._pending = None
