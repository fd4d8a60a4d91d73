"""The columns file of a segment: named numpy arrays, stored raw one after the other.

Layout (all integers little-endian)::

    magic      8 bytes  b"TMARRAY1"
    length     8 bytes  size H of the header
    header     H bytes  JSON: {"crc32": c, "bytes": n,
                               "arrays": [[name, dtype, shape, offset, nbytes], ...]}
    padding    to the next multiple of 64 bytes
    data       n bytes  each array's bytes (C order) at its ``offset`` in this region,
                        offsets multiples of 64; ``c`` is the CRC-32 of the arrays'
                        bytes, in header order (the padding is not covered)

Why not ``.npz`` (the format of index format 2, still read): a segment holds ~85 arrays, and
a zip member per array costs Python-level work on every write and every read (headers parsed
with ``ast.literal_eval``, one CRC pass per member). For a 2,000-row segment (7.5 MB without
its documents) ``np.savez`` to a file took 4.1 ms of CPU and reading it back 4.2 ms; this
layout takes 1.9 ms to write (with ``fsync``) and 0.4 ms to read (ad-hoc measurement, session
13). The data is still checksummed, so a damaged file is reported rather than served.

Each array is read straight into memory of its own (writable, as ``np.load`` gave): the
backend keeps a few small arrays of every segment for its whole life, and a buffer shared
by all of a segment's arrays would keep the vectors alive with them.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Mapping
from io import FileIO
from pathlib import Path
from typing import BinaryIO

import numpy as np

from indexer.errors import BackendError

MAGIC = b"TMARRAY1"
ALIGN = 64
_PAD = bytes(ALIGN)


def _aligned(n: int) -> int:
    return -(-n // ALIGN) * ALIGN


def _bytes(a: np.ndarray) -> memoryview:
    """The bytes of the C-contiguous array ``a``, as a flat writable-if-``a``-is view."""
    return a.reshape(-1).view(np.uint8).data


def _entries(arrays: Mapping[str, np.ndarray]) -> tuple[list[list[object]], list[np.ndarray], int]:
    """Header entries, the contiguous arrays in order, and the size of the data region."""
    entries: list[list[object]] = []
    contiguous: list[np.ndarray] = []
    offset = 0
    for name, a in arrays.items():
        c = np.asarray(a, order="C")
        if c.dtype.hasobject or c.dtype.names is not None:
            raise ValueError(f"array '{name}' has dtype {c.dtype}: only plain dtypes are stored")
        entries.append([name, c.dtype.str, list(c.shape), offset, c.nbytes])
        contiguous.append(c)
        offset = _aligned(offset + c.nbytes)
    return entries, contiguous, offset


def write_arrays(f: BinaryIO, arrays: Mapping[str, np.ndarray]) -> None:
    """Write ``arrays`` to the open binary file ``f`` (from its current position, which must
    be the file's start). The caller flushes and syncs."""
    entries, contiguous, size = _entries(arrays)
    crc = 0
    for c in contiguous:
        if c.nbytes:
            crc = zlib.crc32(_bytes(c), crc)
    header = json.dumps({"crc32": crc, "bytes": size, "arrays": entries}).encode()
    start = len(MAGIC) + 8 + len(header)
    f.write(MAGIC)
    f.write(len(header).to_bytes(8, "little"))
    f.write(header)
    f.write(_PAD[: _aligned(start) - start])
    for c in contiguous:
        if c.nbytes:
            f.write(_bytes(c))
        f.write(_PAD[: _aligned(c.nbytes) - c.nbytes])


def read_arrays(path: Path) -> dict[str, np.ndarray]:
    """The arrays of the file at ``path``, each in memory of its own (so that keeping one
    array keeps no other alive); :class:`BackendError` naming the file if it is truncated,
    altered or not such a file."""
    try:
        with open(path, "rb", buffering=0) as f:
            return _read(f, os.fstat(f.fileno()).st_size)
    except (ValueError, TypeError, KeyError, IndexError, EOFError) as e:
        raise BackendError(
            f"{path}: damaged segment columns file ({e}); restore or rebuild the index"
        ) from e


def _read_into(f: FileIO, view: memoryview) -> None:
    got = 0
    while got < len(view):
        n = f.readinto(view[got:])
        if not n:
            raise EOFError("the file ends early")
        got += n


def _read(f: FileIO, file_size: int) -> dict[str, np.ndarray]:
    fixed = bytearray(len(MAGIC) + 8)
    _read_into(f, memoryview(fixed))
    if bytes(fixed[: len(MAGIC)]) != MAGIC:
        raise ValueError("not a talentmatch columns file (wrong magic bytes)")
    n = int.from_bytes(fixed[len(MAGIC) :], "little")
    if len(fixed) + n > file_size:
        raise ValueError("truncated header")
    raw = bytearray(n)
    _read_into(f, memoryview(raw))
    header = json.loads(raw)
    base = _aligned(len(fixed) + n)
    size = int(header["bytes"])
    if base + size != file_size:
        raise ValueError(f"{file_size} bytes, expected {base + size}")
    out: dict[str, np.ndarray] = {}
    crc = 0
    for name, dtype_str, shape, offset, nbytes in header["arrays"]:
        dtype = np.dtype(dtype_str)
        if dtype.hasobject or dtype.names is not None:
            raise ValueError(f"array '{name}' has dtype {dtype}")
        a = np.empty([int(x) for x in shape], dtype=dtype)
        if a.nbytes != nbytes or not 0 <= offset <= size - nbytes:
            raise ValueError(f"array '{name}' does not fit its entry")
        if nbytes:
            f.seek(base + offset)
            view = _bytes(a)
            _read_into(f, view)
            crc = zlib.crc32(view, crc)
        out[str(name)] = a
    if crc != header["crc32"]:
        raise ValueError("checksum mismatch")
    return out
