"""A segment: the immutable files holding a batch of rows, and row-wise operations on them.

A segment is a dict of named numpy arrays (one columns file, see
:mod:`~indexer.backends.embedded.arrayfile`) plus the profiles' JSON (``.docs``,
memory-mapped so ``get`` reads only what it needs). Arrays come in three shapes:

* row arrays: one entry per row (``slots``, ``ids``, ``vectors``, ``rg.<field>`` ...);
* CSR groups ``<g>.off`` (n+1 offsets) with value arrays ``<g>.<x>``: multi-valued keywords,
  the analysed terms of each row, the missing completeness components, the JSON documents;
* pair groups ``<g>.row`` (row number) with companion arrays: the time intervals.

String values of CSR groups are dictionary-encoded: ``<g>.<x>`` holds int32 codes into the
sorted unique strings ``<g>.<x>.dict`` (a term repeated over a million rows is stored once).

:func:`select_rows` and :func:`concat` keep those shapes consistent, which is all a merge needs.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import numpy as np

from indexer.backends.embedded.arrayfile import read_arrays, write_arrays
from indexer.backends.embedded.fsutil import fsync_file
from indexer.backends.embedded.manifest import ColumnsFormat, SegmentInfo
from indexer.backends.filters import IntervalField, KeywordField

Arrays = dict[str, np.ndarray]

CSR_GROUPS: dict[str, tuple[str, ...]] = {
    **{f"kw.{f.value}": ("v",) for f in KeywordField},
    "lex": ("terms", "tf"),
    "miss": ("v",),
    "doc": ("v",),
}
PAIR_GROUPS: dict[str, tuple[str, ...]] = {
    f"iv.{f.value}": ("start", "end", "scope") for f in IntervalField
}


DICT = ".dict"


def _is_group_key(key: str) -> bool:
    if key.endswith(DICT):
        return True
    head, _, tail = key.rpartition(".")
    if head in CSR_GROUPS:
        return tail == "off" or tail in CSR_GROUPS[head]
    return head in PAIR_GROUPS and (tail == "row" or tail in PAIR_GROUPS[head])


def n_rows(arrays: Arrays) -> int:
    return len(arrays["slots"])


def dict_encode(values: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(int32 codes, sorted unique strings) of ``values``: what ``np.unique(np.array(values,
    dtype=str), return_inverse=True)`` gives, computed with a set and a dict (hashing beats
    sorting fixed-width unicode arrays by an order of magnitude)."""
    if not values:
        return np.zeros(0, np.int32), np.zeros(0, dtype="<U1")
    try:
        uniq = sorted(set(values))
        exotic = any(u.endswith("\0") for u in uniq)  # numpy drops trailing NULs
    except (TypeError, AttributeError):  # not all strings: numpy converts them
        exotic = True
    if exotic:
        found, inv = np.unique(np.array(values, dtype=str), return_inverse=True)
        return inv.ravel().astype(np.int32), found
    code = dict(zip(uniq, range(len(uniq)), strict=True))
    return np.fromiter(map(code.__getitem__, values), np.int32, len(values)), np.array(
        uniq, dtype=str
    )


def csr_encode(a: Arrays, key: str, lists: Sequence[Sequence[str]]) -> None:
    """Store a list of strings per row as CSR group ``key`` of ``a`` (values dictionary-encoded)."""
    off = np.zeros(len(lists) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, lists), np.int64, len(lists)), out=off[1:])
    a[f"{key}.off"] = off
    a[f"{key}.{CSR_GROUPS[key][0]}"], a[f"{key}.{CSR_GROUPS[key][0]}.dict"] = dict_encode(
        list(chain.from_iterable(lists))
    )


def decoded(arrays: Arrays, key: str) -> np.ndarray:
    """The strings of a dictionary-encoded array."""
    return arrays[f"{key}{DICT}"][arrays[key]]


def to_bytes(values: list[str]) -> np.ndarray:
    """UTF-8 encoded fixed-width bytes (ids, hashes: 1 byte per ASCII character, not 4)."""
    return np.array([v.encode() for v in values], dtype=bytes) if values else np.zeros(0, "S1")


def to_str(values: np.ndarray) -> list[str]:
    return [v.decode() for v in values.tolist()]


def _csr_index(off: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Value positions of ``rows`` in a CSR group, and the new offsets."""
    lens = (off[1:] - off[:-1])[rows]
    new_off = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lens, out=new_off[1:])
    starts = off[:-1][rows]
    idx = np.repeat(starts - new_off[:-1], lens) + np.arange(new_off[-1], dtype=np.int64)
    return idx, new_off


def select_rows(arrays: Arrays, rows: np.ndarray) -> Arrays:
    """The segment restricted to ``rows`` (ascending row numbers), shapes kept consistent."""
    rows = np.asarray(rows, dtype=np.int64)
    out: Arrays = {}
    for key, a in arrays.items():
        if not _is_group_key(key):
            out[key] = a[rows]
    for g, vals in CSR_GROUPS.items():
        if f"{g}.off" not in arrays:
            continue
        idx, new_off = _csr_index(arrays[f"{g}.off"], rows)
        out[f"{g}.off"] = new_off
        for v in vals:
            out[f"{g}.{v}"] = arrays[f"{g}.{v}"][idx]
            if f"{g}.{v}{DICT}" in arrays:
                out[f"{g}.{v}{DICT}"] = arrays[f"{g}.{v}{DICT}"]
    for g, vals in PAIR_GROUPS.items():
        prow = arrays[f"{g}.row"]
        keep = np.isin(prow, rows)
        out[f"{g}.row"] = np.searchsorted(rows, prow[keep]).astype(np.int32)
        for v in vals:
            out[f"{g}.{v}"] = arrays[f"{g}.{v}"][keep]
    return out


def concat(parts: list[Arrays]) -> Arrays:
    """Rows of ``parts`` one after the other."""
    out: Arrays = {}
    for key in parts[0]:
        if key.endswith(DICT):
            continue
        head, _, tail = key.rpartition(".")
        if f"{key}{DICT}" in parts[0]:  # dictionary-encoded: merge the dictionaries
            merged = np.unique(np.concatenate([p[f"{key}{DICT}"] for p in parts]))
            out[f"{key}{DICT}"] = merged
            out[key] = np.concatenate(
                [np.searchsorted(merged, p[f"{key}{DICT}"]).astype(np.int32)[p[key]] for p in parts]
            ).astype(np.int32)
        elif head in CSR_GROUPS and tail == "off":
            offs = [parts[0][key]]
            base = parts[0][key][-1]
            for p in parts[1:]:
                offs.append(p[key][1:] + base)
                base += p[key][-1]
            out[key] = np.concatenate(offs)
        elif head in PAIR_GROUPS and tail == "row":
            shifted, base = [], 0
            for p in parts:
                shifted.append(p[key] + base)
                base += n_rows(p)
            out[key] = np.concatenate(shifted).astype(np.int32)
        else:
            out[key] = np.concatenate([p[key] for p in parts])
    return out


#: Byte ranges ``(start, stop)`` of an existing documents file, copied in order.
DocRanges = tuple[Path, list[tuple[int, int]]]


def doc_ranges(off: np.ndarray, rows: np.ndarray | None) -> list[tuple[int, int]]:
    """The byte ranges of the documents of ``rows`` (ascending; ``None``: every row) in a
    documents file with offsets ``off``, runs of consecutive rows as one range."""
    if rows is None:
        return [(0, int(off[-1]))] if off[-1] > 0 else []
    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) != 1) + 1
    firsts = rows[np.concatenate([[0], breaks])]
    lasts = rows[np.concatenate([breaks - 1, [len(rows) - 1]])]
    return [(a, b) for a, b in zip(off[firsts].tolist(), off[lasts + 1].tolist(), strict=True) if b > a]


def copy_ranges(dst: BinaryIO, sources: Sequence[DocRanges], *, in_kernel: bool = True) -> None:
    """Append the ranges of ``sources`` to ``dst``: copied by the kernel
    (``os.copy_file_range``, no pass through this process's memory) where the file system
    allows it and ``in_kernel``, else read and written."""
    dst.flush()
    out = dst.fileno()
    for path, ranges in sources:
        with open(path, "rb") as src:
            fd = src.fileno()
            for start, stop in ranges:
                pos = start
                while pos < stop:
                    n = _copy_chunk(fd, out, stop - pos, pos, in_kernel)
                    if n <= 0:
                        raise OSError(f"{path} ends before byte {stop} (copying from byte {pos})")
                    pos += n


def _copy_chunk(src: int, dst: int, count: int, offset: int, in_kernel: bool) -> int:
    """Copy up to ``count`` bytes from ``offset`` of ``src`` to the position of ``dst``."""
    copy = getattr(os, "copy_file_range", None) if in_kernel else None
    if copy is not None:
        try:
            return int(copy(src, dst, count, offset))
        except OSError as e:
            if e.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
                raise
    data = os.pread(src, min(count, 1 << 24), offset)
    return os.write(dst, data) if data else 0


def write_segment(
    directory: Path, name: str, arrays: Arrays, docs_from: Sequence[DocRanges] | None = None
) -> None:
    """Write the segment's two files (in the current layout: ``SegmentInfo(name, n)``'s
    files) and flush them (not yet visible: no manifest names them).

    The documents are ``arrays["doc.v"]``, or (a merge) the byte ranges ``docs_from`` of
    existing segments' documents files, copied in order without reading them into memory.
    The documents file is flushed to disk by a second thread while this one writes the
    columns (``fsync`` releases the GIL): the two waits overlap. Both are flushed, or the
    error raised, before this returns.
    """
    info = SegmentInfo(name=name, n_rows=len(arrays["slots"]))
    with open(directory / info.docs_file, "wb") as d:
        if docs_from is None:
            d.write(np.ascontiguousarray(arrays["doc.v"]).data)
        else:
            copy_ranges(d, docs_from)
        d.flush()
        with ThreadPoolExecutor(max_workers=1) as pool:
            docs_flushed = pool.submit(os.fsync, d.fileno())
            with open(directory / info.columns_file, "wb") as f:
                write_arrays(f, {k: v for k, v in arrays.items() if k != "doc.v"})
                fsync_file(f)
            docs_flushed.result()


def read_segment(directory: Path, info: SegmentInfo, *, with_docs: bool) -> Arrays:
    """The segment's arrays; ``doc.v`` is memory-mapped (or read when ``with_docs``)."""
    path = directory / info.columns_file
    if info.columns is ColumnsFormat.NPZ:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    else:
        arrays = read_arrays(path)
    docs = directory / info.docs_file
    arrays["doc.v"] = np.fromfile(docs, dtype=np.uint8) if with_docs else map_docs(directory, info.name)
    return arrays


def warm_pages(mapped: np.ndarray, page: int = 4096) -> None:
    """Read one byte of every page of a memory-mapped array, so that later reads find the
    pages mapped and resident. On this (virtual) machine the first read of each page of a
    mapped file costs far more than a page fault alone: measured at 1M profiles, the first
    read of 155 random documents took 4.5-6 ms, and 0.6-1.1 ms once every page had been read
    once (3.2 s for 2.5 GB). The cost belongs to pages that no process has read lately
    (later, with every page read before, the same benchmark read its candidates as fast
    without preloading): this spares the first searches after opening it. The pages are
    the file's, in the page cache, shared and reclaimable: nothing is copied into the
    process's own memory."""
    if mapped.size:
        np.add.reduce(mapped[::page], dtype=np.uint64)


def map_docs(directory: Path, name: str) -> np.ndarray:
    """The segment's concatenated JSON documents, memory-mapped (read on demand by ``get``)."""
    path = directory / f"{name}.docs"
    if os.path.getsize(path) > 0:
        return np.memmap(path, dtype=np.uint8, mode="r")
    return np.zeros(0, np.uint8)


def write_deletes(directory: Path, name: str, rows: np.ndarray) -> None:
    """Write a tombstone file (sorted row numbers) and flush it."""
    with open(directory / name, "wb") as f:
        np.save(f, np.asarray(rows, dtype=np.int32))
        fsync_file(f)


def read_deletes(directory: Path, name: str | None) -> np.ndarray:
    if name is None:
        return np.zeros(0, np.int32)
    return np.load(directory / name, allow_pickle=False)
