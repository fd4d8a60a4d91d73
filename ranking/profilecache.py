"""A backend wrapper that keeps the scoring views of recently ranked profiles (bounded LRU).

Decoding the ~200 candidates of a search (JSON → validated :class:`Profile`) is the largest
single cost of a ranking on the embedded backend; successive briefs retrieve many of the same
profiles, so :class:`CachedProfiles` keeps the :class:`~ranking.profileview.ProfileView` of
the last ``max_size`` candidates and serves them again without decoding (:meth:`views`). Full
documents (``get``), which the ranker fetches for the ``k`` results only, are kept for the
last ``doc_cache_size`` (default 0: none; keep it small, a decoded profile is about fifty
objects for the garbage collector to walk, a view a handful: see :mod:`ranking.profileview`).
The records of results (:meth:`records`, :class:`~indexer.profile.record.ProfileRecord`:
immutable, decoded from the stored JSON, structs the collector does not track) are kept for
the last ``record_cache_size`` (default 0: none): results recur across briefs (the
benchmark's 1,500 briefs at 100k profiles: 30,000 results, 2,628 distinct profiles; 2,000
records kept serve 90% of them): measured over those briefs' results in order, the cache
cold at the start, ``fetch_records`` 166 -> 30 µs a query.

Correctness rests on one condition: **every write to the index goes through this wrapper**
(its ``upsert`` and ``delete`` drop the written ids). That holds for the embedded backend,
whose directory lock admits one writing process, when that process builds everything on the
wrapper (the API's search stack does). It does not hold for an OpenSearch index that other
processes also write; do not wrap such a backend.

Thread safety: lookups, stores and invalidations share one lock; a document fetched while a
write was under way is not stored (a generation counter, bumped by every write, must be the
same before the fetch and at the store), so a racing reader never re-inserts a stale copy.
Cached vectors are read-only arrays shared between callers.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, TypeVar

import numpy as np

from indexer.backends.filters import Filter
from indexer.backends.protocol import Hit, IndexedProfile, SearchBackend, Vector
from indexer.profile.record import ProfileRecord
from ranking.profileview import ProfileView
from ranking.records import fetch_records

V = TypeVar("V")


class CachedProfiles:
    """:class:`~indexer.backends.protocol.SearchBackend` that caches scoring views (see module)."""

    def __init__(
        self, inner: SearchBackend, max_size: int = 20_000, doc_cache_size: int = 0,
        record_cache_size: int = 0,
    ) -> None:
        if max_size < 0 or doc_cache_size < 0 or record_cache_size < 0:
            raise ValueError("max_size, doc_cache_size and record_cache_size must be >= 0")
        self._doc_max = doc_cache_size
        self._docs: OrderedDict[str, IndexedProfile] = OrderedDict()
        self.doc_hits = 0
        self.doc_misses = 0
        self._record_max = record_cache_size
        self._records: OrderedDict[str, ProfileRecord] = OrderedDict()
        self.record_hits = 0
        self.record_misses = 0
        self.inner = inner
        self._max = max_size
        # plain tuples of the views: the collector stops tracking an exact tuple of untracked
        # values, never a tuple subclass (see :mod:`ranking.profileview`)
        self._data: OrderedDict[str, tuple[Any, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    def __getattr__(self, name: str) -> Any:
        # backend-specific extras (``optimize`` of the embedded backend, ...) pass through
        return getattr(self.inner, name)

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    @property
    def generation(self) -> int:
        """Bumped by every write through this wrapper (keys caches of whole rankings)."""
        return self._generation

    # -- reads ----------------------------------------------------------------------------

    def views(self, ids: Sequence[str]) -> dict[str, ProfileView]:
        """The scoring views of ``ids`` (unknown ids are absent), from the cache if there;
        the others are fetched with ``get`` and cached."""
        found: dict[str, ProfileView] = {}
        with self._lock:
            generation = self._generation
            for pid in ids:
                row = self._data.get(pid)
                if row is not None:
                    self._data.move_to_end(pid)
                    found[pid] = ProfileView._make(row)
            self.hits += len(found)
        if len(found) == len(ids):  # all cached (the usual case), in the caller's order
            return found
        missing = [pid for pid in ids if pid not in found]
        fetched: dict[str, ProfileView] = {}
        if missing:
            fetched = self._fetch_views(missing)
            with self._lock:
                self.misses += len(missing)
                if self._max > 0 and self._generation == generation:
                    for pid, view in fetched.items():
                        self._data[pid] = tuple(view)
                        self._data.move_to_end(pid)
                    while len(self._data) > self._max:
                        self._data.popitem(last=False)
        out: dict[str, ProfileView] = {}
        for pid in ids:  # the caller's order, as ``get`` gives it
            hit = found.get(pid) or fetched.get(pid)
            if hit is not None:
                out[pid] = hit
        return out

    def _fetch_views(self, ids: list[str]) -> dict[str, ProfileView]:
        """Views of ``ids`` from the backend: from the stored JSON when the backend offers
        it (the embedded one: ``raw_documents``, no full validation), else from ``get``."""
        raw_documents = getattr(self.inner, "raw_documents", None)
        if raw_documents is not None:
            return {
                pid: ProfileView.from_json(raw, vec, comp)
                for pid, (raw, vec, comp) in raw_documents(ids).items()
            }
        return {pid: ProfileView.of(_frozen(doc)) for pid, doc in self.inner.get(ids).items()}

    def get(self, ids: Sequence[str]) -> dict[str, IndexedProfile]:
        """The full stored documents; the last ``doc_cache_size`` are kept (the results
        returned: similar briefs return many of the same profiles, and decoding a full profile
        costs far more than a view). Same invalidation as the views."""
        if self._doc_max == 0:
            return self.inner.get(ids)
        with self._lock:
            generation = self._generation
            found = _lru_read(self._docs, ids)
            self.doc_hits += len(found)
        missing = [pid for pid in ids if pid not in found]
        fetched: dict[str, IndexedProfile] = {}
        if missing:
            fetched = {pid: _frozen(doc) for pid, doc in self.inner.get(missing).items()}
            with self._lock:
                self.doc_misses += len(missing)
                if self._generation == generation:
                    _lru_store(self._docs, fetched, self._doc_max)
        out: dict[str, IndexedProfile] = {}
        for pid in ids:
            hit = found.get(pid) or fetched.get(pid)
            if hit is not None:
                out[pid] = hit
        return out

    def records(self, ids: Sequence[str]) -> dict[str, ProfileRecord]:
        """The records of the stored profiles ``ids`` (unknown ids are absent), in the
        caller's order; the last ``record_cache_size`` are kept. Same invalidation as the
        views: a write drops the written ids, and a record fetched while a write was under
        way is not kept (the generation changed)."""
        if self._record_max == 0:
            return fetch_records(self.inner, ids)
        with self._lock:
            generation = self._generation
            found = _lru_read(self._records, ids)
            self.record_hits += len(found)
        if len(found) == len(ids):
            return found
        fetched = fetch_records(self.inner, [pid for pid in ids if pid not in found])
        with self._lock:
            self.record_misses += len(ids) - len(found)
            if self._generation == generation:
                _lru_store(self._records, fetched, self._record_max)
        return {pid: r for pid in ids if (r := found.get(pid) or fetched.get(pid)) is not None}

    def count(self, filt: Filter | None = None) -> int:
        return self.inner.count(filt)

    def content_hashes(self) -> dict[str, str]:
        return self.inner.content_hashes()

    def dense_search(self, vector: Vector, k: int, filt: Filter | None = None) -> list[Hit]:
        return self.inner.dense_search(vector, k, filt)

    def lexical_search(self, text: str, k: int, filt: Filter | None = None) -> list[Hit]:
        return self.inner.lexical_search(text, k, filt)

    # -- writes ---------------------------------------------------------------------------

    def _invalidate(self, ids: Sequence[str]) -> None:
        with self._lock:
            self._generation += 1
            for pid in ids:
                self._data.pop(pid, None)
                self._docs.pop(pid, None)
                self._records.pop(pid, None)

    def upsert(self, docs: Sequence[IndexedProfile]) -> None:
        ids = [d.id for d in docs]
        self._invalidate(ids)
        try:
            self.inner.upsert(docs)
        finally:
            self._invalidate(ids)

    def delete(self, ids: Sequence[str]) -> int:
        ids = list(ids)
        self._invalidate(ids)
        try:
            return self.inner.delete(ids)
        finally:
            self._invalidate(ids)

    def clear(self) -> None:
        """Drop every cached document."""
        with self._lock:
            self._generation += 1
            self._data.clear()
            self._docs.clear()
            self._records.clear()

    def close(self) -> None:
        self.clear()
        self.inner.close()


def _lru_read(store: OrderedDict[str, V], ids: Sequence[str]) -> dict[str, V]:
    """The entries of ``ids`` that ``store`` holds (in the order of ``ids``), each marked
    the most recently used. The caller holds the lock."""
    found: dict[str, V] = {}
    for pid in ids:
        value = store.get(pid)
        if value is not None:
            store.move_to_end(pid)
            found[pid] = value
    return found


def _lru_store(store: OrderedDict[str, V], values: dict[str, V], max_size: int) -> None:
    """``values`` put in ``store`` as the most recently used; the least recently used
    dropped beyond ``max_size``. The caller holds the lock."""
    for pid, value in values.items():
        store[pid] = value
        store.move_to_end(pid)
    while len(store) > max_size:
        store.popitem(last=False)


def _frozen(doc: IndexedProfile) -> IndexedProfile:
    """``doc`` with a read-only vector (cached documents are shared between callers)."""
    vec = doc.vector
    if isinstance(vec, np.ndarray) and vec.flags.writeable:
        vec = vec.copy()
        vec.setflags(write=False)
        return IndexedProfile(doc.profile, vec, doc.completeness, doc.content_hash)
    return doc
