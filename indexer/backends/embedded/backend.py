"""The embedded search backend: a persistent, crash-safe index in a local directory.

Writes (``upsert``/``delete``) each commit one new manifest generation: new immutable files
are written and flushed first, then the manifest is replaced atomically (see
:mod:`~indexer.backends.embedded.manifest`). A crash at any point leaves the previous
generation readable; files of an unfinished write are garbage-collected on the next open.
Writes are proportional to the change: an upsert writes a segment holding only its documents
plus tombstone lists for the rows it replaces; small segments are merged in the background of
later writes (a logarithmic merge policy, so every row is rewritten O(log n) times).

In memory every row lives at a *slot* (stable for the row's life) of column arrays, an
inverted lexical index and a vector matrix; a boolean ``live`` array hides replaced and
deleted rows. Filters compile to masks over slots and are applied inside both searches.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

import numpy as np

from indexer.backends.embedded import fsutil
from indexer.backends.embedded.analyzer import CachedAnalyzer
from indexer.backends.embedded.columns import FilterColumns
from indexer.backends.embedded.dense import DenseIndex, DenseParams, one_thread
from indexer.backends.embedded.encode import encode, validate
from indexer.backends.embedded.growable import GrowArray
from indexer.backends.embedded.lexical import LexicalIndex
from indexer.backends.embedded.lexical_encode import LexicalEncoder
from indexer.backends.embedded.manifest import (
    AnnInfo,
    Manifest,
    SegmentInfo,
    read_manifest,
    write_manifest,
)
from indexer.backends.embedded.merge_policy import MAX_SEGMENTS, plan_merges
from indexer.backends.embedded.merging import MergeInput, MergeWorker, late_deletes
from indexer.backends.embedded.segment import (
    Arrays,
    decoded,
    map_docs,
    read_deletes,
    read_segment,
    to_str,
    warm_pages,
    write_deletes,
    write_segment,
)
from indexer.backends.embedded.topk import top_hits
from indexer.backends.filters import Filter
from indexer.backends.protocol import Completeness, Hit, IndexedProfile, Vector
from indexer.errors import BackendError, InvalidInputError, MappingConflictError, Problem
from indexer.profile.model import Profile
from indexer.rwlock import ReadWriteLock

#: The files this backend writes in its directory (see :mod:`.manifest`), and their
#: temporary forms: the only ones garbage collection may delete.
_OWN_FILE = re.compile(
    r"(seg-\d+(-m)?\.(arrays|npz|docs|del-\d+\.npy)|ann-\d+\.faiss|MANIFEST\.json)(\.tmp)?")

#: How many compiled filter masks are kept (filters are hashable; key: (filter, generation)).
MASK_CACHE_SIZE = 32


@dataclass(slots=True)
class _SegmentView:
    """What ``get`` needs of a segment, without loading its documents into memory."""

    slots: np.ndarray
    ids: np.ndarray
    hashes: np.ndarray
    comp: np.ndarray
    miss_v: np.ndarray
    miss_off: np.ndarray
    doc_off: np.ndarray
    docs: np.ndarray  # over the memory-mapped file

    @staticmethod
    def of(a: Arrays) -> _SegmentView:
        return _SegmentView(
            a["slots"], a["ids"], a["hashes"], a["comp"], decoded(a, "miss.v"), a["miss.off"],
            # a plain array over the mapping: slicing an np.memmap costs ~1 µs more per slice
            # (its Python-level __getitem__ and __array_finalize__); the view keeps it mapped
            a["doc.off"], np.asarray(a["doc.v"]),
        )


P = ParamSpec("P")
R = TypeVar("R")


def _writing(method: Callable[Concatenate[EmbeddedBackend, P], R]) -> Callable[Concatenate[EmbeddedBackend, P], R]:
    """Run the method holding the backend's lock alone: readers in other threads (an API
    server's worker pool) see each write whole, before or after it."""

    @functools.wraps(method)
    def wrapper(self: EmbeddedBackend, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._rw.write():
            return method(self, *args, **kwargs)

    return wrapper


def _reading(method: Callable[Concatenate[EmbeddedBackend, P], R]) -> Callable[Concatenate[EmbeddedBackend, P], R]:
    """Run the method holding the backend's lock shared with other readers: a lexical and a
    dense search run at once (each component's scratch state has its own lock)."""

    @functools.wraps(method)
    def wrapper(self: EmbeddedBackend, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._rw.read():
            return method(self, *args, **kwargs)

    return wrapper


@dataclass(slots=True)
class _Compiled:
    """A filter compiled for one generation: the mask over slots, its count, and what the
    searches derive from it (e.g. the HNSW selector bitmap)."""

    mask: np.ndarray
    count: int
    extras: dict[str, object]


class EmbeddedBackend:
    """:class:`~indexer.backends.protocol.SearchBackend` on local disk. Open with :meth:`open`."""

    def __init__(
        self,
        directory: Path,
        manifest: Manifest,
        lock: fsutil.DirectoryLock,
        dense_params: DenseParams | None = None,
    ) -> None:
        # Reads share ``_rw``, writes hold it alone; inside a read, the parts that keep
        # scratch or lazily built state have their own locks (taken in this order, never
        # the other way): the mask cache, then the lexical or the dense index.
        self._rw = ReadWriteLock()
        self._mask_lock = threading.Lock()
        self._lex_lock = threading.Lock()
        self._dense_lock = threading.Lock()
        self._dir = directory
        self._manifest = manifest
        self._lock: fsutil.DirectoryLock | None = lock
        self._gen = 0  # in-memory generation: bumps on every change, keys the mask cache
        self._ids: list[str | None] = []
        self._id_to_slot: dict[str, int] = {}
        self._live = GrowArray(np.bool_, fill=False)
        self._slot_seg = GrowArray(np.int32, fill=-1)
        self._slot_row = GrowArray(np.int32, fill=-1)
        self._seg_names: list[str] = []  # index → segment name (append-only)
        self._seg_index: dict[str, int] = {}
        self._views: dict[str, _SegmentView] = {}
        self._cols = FilterColumns()
        self._analyzer = CachedAnalyzer()
        self._lex = LexicalIndex(self._analyzer)
        self._lexical_encoder = LexicalEncoder(self._analyzer)
        self._merges = MergeWorker()
        self._dense = DenseIndex(manifest.dimension, dense_params)
        self._mask_cache: OrderedDict[tuple[object, int], _Compiled] = OrderedDict()

    # -- life cycle ------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, dimension: int, *, dense_params: DenseParams | None = None,
             preload_documents: bool = True) -> EmbeddedBackend:
        """Open (or create) the index in directory ``path`` for vectors of ``dimension``.
        ``preload_documents``: read every page of the stored documents once at opening, so
        that searches do not pay the first read of each page (see
        :func:`~indexer.backends.embedded.segment.warm_pages`); a new segment's pages are
        fresh from being written."""
        if not isinstance(dimension, int) or dimension <= 0:
            raise InvalidInputError([Problem("dimension", f"must be a positive integer, got {dimension!r}")])
        path = Path(path)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise BackendError(f"cannot create the index directory {path}: {e}") from e
        lock = fsutil.DirectoryLock(path)
        lock.acquire()
        try:
            manifest = read_manifest(path)
            if manifest is None:
                manifest = Manifest(dimension=dimension)
                write_manifest(path, manifest)
            elif manifest.dimension != dimension:
                raise MappingConflictError(
                    f"the index at {path} holds vectors of dimension {manifest.dimension}, "
                    f"not {dimension}; re-index into a new data directory"
                )
            backend = cls(path, manifest, lock, dense_params)
            backend._collect_garbage()
            try:
                backend._load()
                if preload_documents:
                    for view in backend._views.values():
                        warm_pages(view.docs)
            except (OSError, KeyError, ValueError, IndexError) as e:
                raise BackendError(f"the index at {path} is unreadable ({type(e).__name__}: {e})") from e
        except BaseException:
            lock.release()
            raise
        return backend

    @_writing
    def close(self) -> None:
        """Persist the ANN graph if it grew, release the directory lock; further calls raise."""
        if self._lock is None:
            return
        try:
            self._settle_merges()
            self._save_ann()
        finally:
            self._merges.shutdown()
            self._lexical_encoder.close()
            self._lock.release()
            self._lock = None
            self._views.clear()

    def after_fork(self) -> None:
        """In a forked child that only reads (a ranking worker of the API): no thread of
        the parent came along, faiss's among them (:func:`~.dense.one_thread`). The child
        must not write: the directory lock is its parent's."""
        one_thread()

    @_reading
    def memory_report(self) -> dict[str, int]:
        """Bytes held in memory per component (vectors + ANN graph, lexical, filter columns)."""
        with self._dense_lock, self._lex_lock:
            dense, lexical = self._dense.nbytes(), self._lex.nbytes()
        return {
            "vectors+ann": dense,
            "lexical": lexical,
            "columns": self._cols.nbytes(),
            "live_docs": len(self._id_to_slot),
        }

    @_writing
    def optimize(self) -> None:
        """Bring the ANN graph up to date now (instead of at the next dense search) and save it."""
        self._check_open()
        self._dense.build(len(self._id_to_slot))
        self._save_ann()

    def _save_ann(self) -> None:
        """Checkpoint the graph: a new ``ann-<gen>.faiss`` named by a new manifest."""
        n = self._dense.ann_slots
        m = self._manifest
        if n == 0 or (m.ann is not None and m.ann.slots == n):
            return
        fname = f"ann-{m.generation + 1:08d}.faiss"

        def write() -> None:
            self._dense.save_ann(self._dir / fname)
            with open(self._dir / fname, "rb+") as f:
                fsutil.fsync_file(f)

        self._commit(m.next(ann=AnnInfo(fname, n)), [fname], write)

    def __enter__(self) -> EmbeddedBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dimension(self) -> int:
        return self._manifest.dimension

    @property
    def path(self) -> Path:
        return self._dir

    @property
    def dense_params(self) -> DenseParams:
        """The tuning of dense search (:class:`DenseParams`)."""
        return self._dense.params

    @dense_params.setter
    def dense_params(self, params: DenseParams) -> None:
        """Search with ``params`` from the next dense search on (a search under way keeps
        the ones it started with); graph-building fields act on graphs built afterwards."""
        if not isinstance(params, DenseParams):
            raise TypeError(f"expected DenseParams, got {type(params).__name__}")
        self._dense.params = params

    def _check_open(self) -> None:
        if self._lock is None:
            raise BackendError("the embedded backend is closed")

    def _collect_garbage(self) -> None:
        """Delete the index's own files that no manifest references (left by a crash or by
        superseded writes). Only names this backend writes (:data:`_OWN_FILE`) are touched:
        anything else in the directory (a user's file, a folder) is left as it is."""
        keep = self._manifest.files() | {"LOCK"}
        for entry in os.listdir(self._dir):
            if entry not in keep and _OWN_FILE.fullmatch(entry) and (self._dir / entry).is_file():
                fsutil.remove_quietly(self._dir / entry)

    def _load(self) -> None:
        for g in (self._live, self._slot_seg, self._slot_row, self._dense.vectors):
            g.reserve(self._manifest.next_slot)  # allocate once, exactly
        for info in self._manifest.segments:
            arrays = read_segment(self._dir, info, with_docs=False)
            live = np.ones(len(arrays["slots"]), dtype=bool)
            live[read_deletes(self._dir, info.deletes)] = False
            self._add_segment(info.name, arrays, live)
        self._resize(self._manifest.next_slot)
        ann = self._manifest.ann
        if ann is not None and ann.slots <= self._manifest.next_slot:
            # an unreadable graph is not fatal: it is rebuilt from the vectors on demand
            with contextlib.suppress(RuntimeError, ValueError):
                self._dense.load_ann(self._dir / ann.file, ann.slots)

    # -- in-memory state -------------------------------------------------------------------
    def _resize(self, n_slots: int) -> None:
        for g in (self._live, self._slot_seg, self._slot_row):
            g.resize(n_slots)
        if len(self._ids) < n_slots:
            self._ids.extend([None] * (n_slots - len(self._ids)))
        self._cols.resize(n_slots)
        self._dense.resize(n_slots)

    def _add_segment(self, name: str, arrays: Arrays, live: np.ndarray) -> None:
        slots = arrays["slots"]
        if len(slots):
            self._resize(int(slots.max()) + 1)
        idx = len(self._seg_names)
        self._seg_names.append(name)
        self._seg_index[name] = idx
        self._views[name] = _SegmentView.of(arrays)
        self._slot_seg.data[slots] = idx
        self._slot_row.data[slots] = np.arange(len(slots), dtype=np.int32)
        self._live.data[slots] = live
        for s, pid, alive in zip(slots.tolist(), to_str(arrays["ids"]), live.tolist(), strict=True):
            self._ids[s] = pid
            if alive:
                self._id_to_slot[pid] = s
        self._cols.append(arrays)
        self._lex.append(arrays, live)
        self._dense.append(slots, arrays["vectors"])
        self._gen += 1

    def _kill(self, slots: list[int]) -> None:
        if not slots:
            return
        arr = np.array(slots, dtype=np.int64)
        self._live.data[arr] = False
        self._lex.remove(arr)
        self._gen += 1

    # -- writing ---------------------------------------------------------------------------
    def _tombstones(self, slots: list[int], gen: int) -> tuple[dict[str, SegmentInfo], dict[str, np.ndarray]]:
        """New segment infos and tombstone arrays for deleting ``slots`` in generation ``gen``."""
        by_seg: dict[str, list[int]] = {}
        for s in slots:
            by_seg.setdefault(self._seg_names[self._slot_seg.data[s]], []).append(int(self._slot_row.data[s]))
        infos = {s.name: s for s in self._manifest.segments}
        new_infos: dict[str, SegmentInfo] = {}
        files: dict[str, np.ndarray] = {}
        for name, rows in by_seg.items():
            old = infos[name]
            merged = np.union1d(read_deletes(self._dir, old.deletes), np.array(rows, dtype=np.int32))
            fname = f"{name}.del-{gen:08d}.npy"
            files[fname] = merged
            new_infos[name] = replace(old, n_deleted=len(merged), deletes=fname)
        return new_infos, files

    def _commit(self, manifest: Manifest, new_files: list[str], write: object) -> None:
        """Run ``write`` (which creates ``new_files``) and publish ``manifest``; on any error
        remove the new files and leave the previous generation in place."""
        try:
            write()  # type: ignore[operator]
            write_manifest(self._dir, manifest)
        except BaseException as e:
            if self._published(manifest):
                # failed after the atomic rename (flushing the directory): the new version is
                # what readers see now, so keep its files and carry on
                self._finish_commit(manifest)
                return
            for f in new_files:
                fsutil.remove_quietly(self._dir / f)
            if isinstance(e, OSError):
                raise BackendError(f"writing the index at {self._dir} failed: {e}") from e
            raise
        self._finish_commit(manifest)

    def _published(self, manifest: Manifest) -> bool:
        try:
            current = read_manifest(self._dir)
        except Exception:
            return False
        return current is not None and current.generation == manifest.generation

    def _finish_commit(self, manifest: Manifest) -> None:
        old_files = self._manifest.files()
        self._manifest = manifest
        for f in old_files - manifest.files():
            fsutil.remove_quietly(self._dir / f)

    @_writing
    def upsert(self, docs: Sequence[IndexedProfile]) -> None:
        """Insert or replace ``docs`` by id in one atomic write (the last of duplicate ids wins)."""
        self._check_open()
        docs = list(docs)
        validate(docs, self.dimension)
        if not docs:
            return
        unique = list({d.id: d for d in docs}.values())
        self._before_write()
        m = self._manifest
        gen = m.generation + 1
        slots = np.arange(m.next_slot, m.next_slot + len(unique), dtype=np.int64)
        arrays = encode(unique, slots, self.dimension, self._analyzer, self._lexical_encoder)
        name = f"seg-{gen:08d}"
        replaced = [self._id_to_slot[d.id] for d in unique if d.id in self._id_to_slot]
        new_infos, del_files = self._tombstones(replaced, gen)
        segments = tuple(new_infos.get(s.name, s) for s in m.segments)
        info = SegmentInfo(name=name, n_rows=len(unique))
        segments += (info,)
        manifest = m.next(segments=segments, next_slot=m.next_slot + len(unique))

        def write() -> None:
            write_segment(self._dir, name, arrays)
            for fname, rows in del_files.items():
                write_deletes(self._dir, fname, rows)

        self._commit(manifest, [info.columns_file, info.docs_file, *del_files], write)
        self._kill(replaced)
        arrays["doc.v"] = map_docs(self._dir, name)
        self._add_segment(name, arrays, np.ones(len(unique), dtype=bool))
        self._maybe_merge()

    @_writing
    def delete(self, ids: Sequence[str]) -> int:
        """Remove ``ids`` in one atomic write; return how many were stored."""
        self._check_open()
        if isinstance(ids, str):
            raise InvalidInputError([Problem("ids", "expected a sequence of ids, got a single string")])
        slots = sorted({self._id_to_slot[i] for i in ids if i in self._id_to_slot})
        if not slots:
            return 0
        self._before_write()
        m = self._manifest
        gen = m.generation + 1
        new_infos, del_files = self._tombstones(slots, gen)
        manifest = m.next(segments=tuple(new_infos.get(s.name, s) for s in m.segments))

        def write() -> None:
            for fname, rows in del_files.items():
                write_deletes(self._dir, fname, rows)

        self._commit(manifest, list(del_files), write)
        for s in slots:
            del self._id_to_slot[str(self._ids[s])]
        self._kill(slots)
        self._maybe_merge()
        return len(slots)

    def _maybe_merge(self) -> None:
        """Start the merge the policy asks for, unless one is in flight (the end of a write)."""
        if not self._merges.busy:
            group = plan_merges(self._manifest.segments)
            if group is not None:
                self._start_merge(group)

    def _before_write(self) -> None:
        """Commit the background merge if it is done, so that this write sees its segment.
        Waits for it only when segments pile up beyond the policy's bound (writes outpacing
        merges)."""
        self._reap_merge(wait=len(self._manifest.segments) > MAX_SEGMENTS)

    @_writing
    def wait_for_merges(self) -> None:
        """Finish the merge in flight and every merge the policy still asks for, now (the
        state :meth:`close` leaves; writes otherwise merge in the background)."""
        self._check_open()
        self._settle_merges()

    def _settle_merges(self) -> None:
        while True:
            self._reap_merge(wait=True)
            group = plan_merges(self._manifest.segments)
            if group is None:
                return
            self._start_merge(group)

    def _start_merge(self, group: tuple[int, ...]) -> None:
        m = self._manifest
        infos = [m.segments[i] for i in group]
        inputs = tuple(MergeInput(info, read_deletes(self._dir, info.deletes)) for info in infos)
        # merged segments are named apart from upserts' (seg-<generation of the write>):
        # the generation this one commits at is not known yet
        self._merges.start(self._dir, f"seg-{m.generation:08d}-m", inputs)

    def _reap_merge(self, *, wait: bool) -> None:
        """Commit the merge built in the background, if it is done (or once it is, if
        ``wait``). A merge that failed leaves the index as it was (its files are removed)
        and its error is raised, before the write that found it does anything."""
        done = self._merges.finished(wait=wait)
        if done is None:
            return
        name, future = done
        error = future.exception()
        if error is not None:
            for suffix in ("arrays", "docs"):
                fsutil.remove_quietly(self._dir / f"{name}.{suffix}")
            raise BackendError(
                f"a background merge of segments of the index at {self._dir} failed, so this "
                f"write was not done (the index is intact; a later write merges again): {error}"
            ) from error
        merged = future.result()
        m = self._manifest
        names = [inp.info.name for inp in merged.inputs]
        current = {s.name: s for s in m.segments}
        if not all(name in current for name in names):
            raise RuntimeError("a segment being merged left the index")
        gen = m.generation + 1

        def replaced(new: SegmentInfo | None) -> tuple[SegmentInfo, ...]:
            """The segments with the inputs removed and ``new`` where the first one was."""
            out: list[SegmentInfo] = []
            for s in m.segments:
                if s.name == names[0] and new is not None:
                    out.append(new)
                elif s.name not in names:
                    out.append(s)
            return tuple(out)

        if merged.n_rows == 0:  # every row deleted: drop the segments
            self._commit(m.next(segments=replaced(None)), [], lambda: None)
            for name in names:
                self._views.pop(name, None)
            return
        late = late_deletes(merged, [read_deletes(self._dir, current[name].deletes) for name in names])
        info = SegmentInfo(name=merged.name, n_rows=merged.n_rows)
        files = [info.columns_file, info.docs_file]
        if len(late):
            info = replace(info, n_deleted=len(late), deletes=f"{merged.name}.del-{gen:08d}.npy")
            files.append(str(info.deletes))
        manifest = m.next(segments=replaced(info))

        def write() -> None:
            if info.deletes is not None:
                write_deletes(self._dir, info.deletes, late)

        self._commit(manifest, files, write)
        for name in names:
            self._views.pop(name, None)
        view = dict(merged.view)
        view["doc.v"] = map_docs(self._dir, merged.name)
        slots = view["slots"]
        idx = len(self._seg_names)
        self._seg_names.append(merged.name)
        self._seg_index[merged.name] = idx
        self._views[merged.name] = _SegmentView.of(view)
        self._slot_seg.data[slots] = idx
        self._slot_row.data[slots] = np.arange(merged.n_rows, dtype=np.int32)
        self._gen += 1

    # -- reading ---------------------------------------------------------------------------
    def _locate(self, ids: Sequence[str]) -> list[tuple[str, int, _SegmentView, int]]:
        """``(id, slot, segment view, row)`` of the known ``ids``, in their order (one numpy
        gather for the segments and rows instead of two scalar reads per id)."""
        if isinstance(ids, str):
            raise InvalidInputError([Problem("ids", "expected a sequence of ids, got a single string")])
        known = [(pid, slot) for pid in ids if (slot := self._id_to_slot.get(pid)) is not None]
        if not known:
            return []
        slots = np.fromiter((slot for _, slot in known), dtype=np.int64, count=len(known))
        segs = self._slot_seg.data[slots].tolist()
        rows = self._slot_row.data[slots].tolist()
        views, names = self._views, self._seg_names
        return [
            (pid, slot, views[names[seg]], row)
            for (pid, slot), seg, row in zip(known, segs, rows, strict=True)
        ]

    @_reading
    def get(self, ids: Sequence[str]) -> dict[str, IndexedProfile]:
        """The stored documents of ``ids`` (unknown ids are absent)."""
        self._check_open()
        out: dict[str, IndexedProfile] = {}
        vectors = self._dense.vectors.data
        for pid, slot, view, row in self._locate(ids):
            start, stop = view.doc_off[row : row + 2].tolist()
            raw = view.docs[start:stop].tobytes()
            missing = tuple(str(x) for x in view.miss_v[view.miss_off[row] : view.miss_off[row + 1]])
            out[pid] = IndexedProfile(
                profile=Profile.model_validate_json(raw),
                vector=vectors[slot].copy(),
                completeness=Completeness(float(view.comp[row]), missing),
                content_hash=view.hashes[row].decode(),
            )
        return out

    @_reading
    def raw_documents(self, ids: Sequence[str]) -> dict[str, tuple[bytes, np.ndarray, float]]:
        """``id → (stored profile JSON, read-only copy of the vector, completeness score)``
        for the known ``ids``: what a caller that builds its own light view of a profile
        needs, without the cost of validating the full profile again (see
        :meth:`ranking.profileview.ProfileView.from_json`)."""
        self._check_open()
        out: dict[str, tuple[bytes, np.ndarray, float]] = {}
        vectors = self._dense.vectors.data
        for pid, slot, view, row in self._locate(ids):
            start, stop = view.doc_off[row : row + 2].tolist()
            vec = vectors[slot].copy()
            vec.setflags(write=False)
            out[pid] = (view.docs[start:stop].tobytes(), vec, float(view.comp[row]))
        return out

    @_reading
    def count(self, filt: Filter | None = None) -> int:
        self._check_open()
        return self._mask(filt).count

    @_reading
    def content_hashes(self) -> dict[str, str]:
        self._check_open()
        out: dict[str, str] = {}
        live = self._live.data
        for view in self._views.values():
            rows = np.flatnonzero(live[view.slots])
            out.update(zip(to_str(view.ids[rows]), to_str(view.hashes[rows]), strict=True))
        return out

    def _mask(self, filt: Filter | None) -> _Compiled:
        """The mask of live slots passing ``filt`` and its count, cached per generation under
        the filter's canonical key (:meth:`FilterColumns.canonical`: a search "as of now"
        reuses the mask of a second ago unless a stored instant lies in between). One
        compilation at a time: the columns keep lazily sorted copies, and the lexical and
        dense searches of one brief, running at once, then share one compiled mask."""
        with self._mask_lock:
            return self._mask_locked(filt)

    def _mask_locked(self, filt: Filter | None) -> _Compiled:
        key: tuple[object, int] | None
        try:
            key = (None if filt is None else self._cols.canonical(filt), self._gen)
            hit = self._mask_cache.get(key)
        except TypeError:  # an unhashable filter: compile without caching
            hit, key = None, None
        if hit is not None and key is not None:
            self._mask_cache.move_to_end(key)
            return hit
        live = self._live.data
        mask = live.copy() if filt is None else self._cols.mask(filt) & live
        result = _Compiled(mask, int(np.count_nonzero(mask)), {})
        if key is not None:
            self._mask_cache[key] = result
            while len(self._mask_cache) > MASK_CACHE_SIZE:
                self._mask_cache.popitem(last=False)
        return result

    @staticmethod
    def _check_k(k: int) -> None:
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or k <= 0:
            raise InvalidInputError([Problem("k", f"must be a positive integer, got {k!r}")])

    @_reading
    def dense_search(self, vector: Vector, k: int, filt: Filter | None = None) -> list[Hit]:
        """The ``k`` nearest live documents passing ``filt`` by cosine similarity."""
        self._check_open()
        self._check_k(k)
        q = np.asarray(vector, dtype=np.float32)
        if q.shape != (self.dimension,):
            raise InvalidInputError([Problem("vector", f"has shape {q.shape}, expected ({self.dimension},)")])
        norm = float(np.linalg.norm(q))
        if not math.isfinite(norm) or norm == 0.0:
            raise InvalidInputError([Problem("vector", "must be finite and non-zero")])
        q = q / norm
        n_live = len(self._id_to_slot)
        c = self._mask(filt)
        with self._dense_lock:  # the graph may grow here (its tail added at the first search)
            if self._dense.needs_build(n_live):
                self._dense.build(n_live)
            if c.count == 0:
                return []
            slots, scores = self._dense.search(q, int(k), c.mask, c.count, n_live, c.extras)
        return top_hits(slots, np.clip(scores, -1.0, 1.0), int(k), self._ids)

    @_reading
    def lexical_search(self, text: str, k: int, filt: Filter | None = None) -> list[Hit]:
        """The ``k`` best BM25 matches for ``text`` among live documents passing ``filt``."""
        self._check_open()
        self._check_k(k)
        if not isinstance(text, str):
            raise InvalidInputError([Problem("text", f"expected a string, got {type(text).__name__}")])
        c = self._mask(filt)
        if c.count == 0:
            return []
        with self._lex_lock:  # its scratch buffers and lazily rebuilt postings
            slots, scores = self._lex.search(text, int(k), c.mask)
        return top_hits(slots, scores, int(k), self._ids)
