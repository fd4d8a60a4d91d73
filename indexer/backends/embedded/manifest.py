"""The manifest: the one small file that says which immutable files make up the index.

Every write builds new immutable files (a segment, tombstone lists, an ANN snapshot) and then
replaces ``MANIFEST.json`` atomically. What the manifest names is the index; any other file
named as below is an unfinished or superseded write and is garbage-collected on open (files
and folders named otherwise are not the index's and are left alone).

Layout of the directory::

    LOCK                         flock of the single writer
    MANIFEST.json                this file
    seg-<gen>.arrays             columns, vectors, lexical terms of the rows of one segment
                                 (``arrayfile``; ``seg-<gen>.npz`` in indexes of format 2)
    seg-<gen>.docs               the profiles' JSON, concatenated (read on demand by ``get``)
    seg-<gen>-m.arrays, -m.docs  a merged segment (named by the generation its merge began at)
    seg-<gen>.del-<gen2>.npy     rows of that segment deleted as of generation gen2
    ann-<gen>.faiss              HNSW graph over slots [0, ann.slots)
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from indexer.backends.embedded.fsutil import atomic_write_bytes
from indexer.errors import BackendError, MappingConflictError

MANIFEST_NAME = "MANIFEST.json"
#: Bumped when the on-disk layout or the derived data (analysis, columns) changes.
FORMAT_VERSION = 3
#: Formats this code opens. Format 2 differs only in its segments' columns files (``.npz``):
#: they are read as they are, and merges rewrite them in the current layout.
READABLE_FORMATS = (2, 3)


class ColumnsFormat(StrEnum):
    """How a segment's columns are stored (the columns file's extension)."""

    NPZ = "npz"  # numpy's zip of .npy members: format 2, read but no longer written
    ARRAYS = "arrays"  # :mod:`~indexer.backends.embedded.arrayfile`: format 3


@dataclass(frozen=True, slots=True)
class SegmentInfo:
    """One immutable segment: rows for slots ``slots`` (stored in the segment), minus deletions."""

    name: str
    n_rows: int
    n_deleted: int = 0
    deletes: str | None = None  # file with the deleted row numbers (within the segment)
    columns: ColumnsFormat = ColumnsFormat.ARRAYS

    @property
    def n_live(self) -> int:
        return self.n_rows - self.n_deleted

    @property
    def columns_file(self) -> str:
        return f"{self.name}.{self.columns.value}"

    @property
    def docs_file(self) -> str:
        return f"{self.name}.docs"


@dataclass(frozen=True, slots=True)
class AnnInfo:
    """A persisted HNSW graph covering slots ``[0, slots)``."""

    file: str
    slots: int


@dataclass(frozen=True, slots=True)
class Manifest:
    dimension: int
    generation: int = 0
    next_slot: int = 0
    segments: tuple[SegmentInfo, ...] = ()
    ann: AnnInfo | None = None
    format: int = FORMAT_VERSION
    extra: dict[str, str] = field(default_factory=dict)

    def files(self) -> set[str]:
        """Every file this manifest references."""
        names = {MANIFEST_NAME}
        for s in self.segments:
            names |= {s.columns_file, s.docs_file}
            if s.deletes:
                names.add(s.deletes)
        if self.ann:
            names.add(self.ann.file)
        return names

    def next(self, **changes: object) -> Manifest:
        """The manifest of the next generation with ``changes`` applied (in the current
        format: an index of an older readable format is upgraded by its first write)."""
        return replace(
            self, generation=self.generation + 1, format=FORMAT_VERSION, **changes  # type: ignore[arg-type]
        )

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=1, sort_keys=True).encode()

    @staticmethod
    def from_json(data: bytes, source: Path) -> Manifest:
        try:
            raw = json.loads(data)
            fmt = raw.get("format")
            if fmt not in READABLE_FORMATS:
                raise MappingConflictError(
                    f"{source}: index format {fmt} is not one this version reads "
                    f"({', '.join(map(str, READABLE_FORMATS))}); rebuild the index"
                )
            ann = raw.get("ann")
            # format 2 names no columns format: its segments are all .npz
            default_columns = ColumnsFormat.NPZ if fmt == 2 else ColumnsFormat.ARRAYS
            return Manifest(
                dimension=int(raw["dimension"]),
                generation=int(raw["generation"]),
                next_slot=int(raw["next_slot"]),
                segments=tuple(
                    SegmentInfo(**{**s, "columns": ColumnsFormat(s.get("columns", default_columns))})
                    for s in raw["segments"]
                ),
                ann=AnnInfo(**ann) if ann else None,
                format=int(raw["format"]),
                extra=dict(raw.get("extra", {})),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise BackendError(f"{source}: unreadable manifest ({e})") from e


def read_manifest(directory: Path) -> Manifest | None:
    """The current manifest, or ``None`` when the directory holds no index yet."""
    path = directory / MANIFEST_NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    return Manifest.from_json(data, path)


def write_manifest(directory: Path, manifest: Manifest) -> None:
    """Publish ``manifest`` atomically: the commit point of every write."""
    atomic_write_bytes(directory / MANIFEST_NAME, manifest.to_json())
