"""Dense (cosine) retrieval: exact numpy search, and a filtered HNSW graph when it pays.

Vectors are stored L2-normalised (float32, by slot), so cosine similarity is the inner
product. The HNSW graph (faiss, 8-bit scalar-quantised storage to save memory) covers slots
``[0, ann_slots)``; newer slots form a *tail* that is searched exactly and added to the graph
in one go once it is large (adding is far slower than writing a segment, so it is deferred
to the first search that needs it, or to :meth:`DenseIndex.build`).

Choice of strategy for a query with a filter mask (``n_pass`` documents pass it):

* exact when the index is small, or the filter is restrictive (``n_pass`` below
  :attr:`DenseParams.exact_max_rows` or below :attr:`DenseParams.exact_selectivity` of the
  live documents): the graph search would visit many rejected nodes, scanning is cheaper;
* otherwise HNSW with the mask as an in-graph ``IDSelectorBitmap`` (the filter is applied
  during the graph walk, not afterwards), ``efSearch`` candidates re-scored exactly with the
  float32 vectors; plus the exact tail;
* if the graph returned fewer than ``k`` hits while ``k`` documents pass (the walk starved:
  the query's neighbourhood is mostly filtered out), the walk again with
  :attr:`DenseParams.starved_ef_factor` times the ``efSearch``, and exact if that starves too.
  At 1M (benchmark briefs, 48 % pass) 3 briefs in 200 starved; the wider walk (efSearch
  3,200) answered them in ~5 ms with recall@200 0.93-1.0, the exact scan in ~40 ms.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from indexer.backends.embedded.dense_kernel import rows_dot
from indexer.backends.embedded.growable import GrowArray


def one_thread() -> None:
    """Run faiss's parallel parts on the calling thread alone: in a forked child, whose
    parent's OpenMP threads did not come along (a parallel region waiting for them would
    hang), and where one core per process is the point."""
    faiss.omp_set_num_threads(1)


@dataclass(frozen=True, slots=True)
class DenseParams:
    """Tuning of the dense index (defaults measured on 2 cores with 384-d MiniLM vectors)."""

    hnsw_m: int = 32
    ef_construction: int = 64
    #: Candidates kept during the graph walk. 256 rather than 128: at 1M realistic MiniLM
    #: vectors, recall@10 under an eligibility filter (80 % pass) went 0.962 -> 0.980 and under
    #: +country+language (17 % pass) 0.946 -> 0.969, for ~0.4 ms more at p50 (2 cores).
    ef_search: int = 256
    #: Below this many rows the graph is not built at all: exact search is fast enough.
    min_rows_for_ann: int = 20_000
    #: Rows not yet in the graph that are tolerated (searched exactly) before adding them.
    max_tail: int = 20_000
    #: Exact search when at most this many rows pass the filter ...
    exact_max_rows: int = 8_000
    #: ... or when this share of live rows or less passes it.
    exact_selectivity: float = 0.02
    #: Graph candidates re-scored exactly: max(k * refine_factor, refine_min); the walk is
    #: at least that wide. ``python -m benchmarks.bench_refine`` (100k realistic MiniLM
    #: vectors, 200 briefs, k = 200 under their filters, against exact dense search): factor 4
    #: recall@200 0.9998, 1.37 ms a search; 3: 0.9986, 1.05 ms, and the ranked top 20 as with 4
    #: (identical lists 0.995 of briefs with either, overlap 0.9997); 2: 0.9915, 0.81 ms,
    #: identical top 20 0.975. The walk is most of the cost, and more under load (two
    #: processes share the cache).
    refine_factor: int = 3
    refine_min: int = 40
    #: A starved walk is retried with this many times the efSearch before the exact scan
    #: (1: straight to the exact scan).
    starved_ef_factor: int = 4


class DenseIndex:
    """The float32 vectors by slot plus an optional HNSW graph over a prefix of the slots."""

    def __init__(self, dimension: int, params: DenseParams | None = None) -> None:
        self.dimension = dimension
        self.params = params or DenseParams()
        self.vectors = GrowArray(np.float32, (dimension,))
        self._ann: Any = None  # faiss.IndexHNSWSQ (faiss's type stubs are incomplete)

    # -- storage ---------------------------------------------------------------------------
    @property
    def n_slots(self) -> int:
        return len(self.vectors)

    @property
    def ann_slots(self) -> int:
        return 0 if self._ann is None else int(self._ann.ntotal)

    def resize(self, n_slots: int) -> None:
        self.vectors.resize(n_slots)

    def append(self, slots: np.ndarray, vectors: np.ndarray) -> None:
        if len(slots) == 0:
            return
        self.resize(int(slots.max()) + 1)
        self.vectors.data[slots] = vectors

    def load_ann(self, path: Path, slots: int) -> None:
        """Use the graph saved at ``path`` (it covers slots ``[0, slots)``)."""
        ann = faiss.read_index(str(path))
        if ann.ntotal != slots or ann.d != self.dimension:
            raise ValueError(f"{path}: graph of {ann.ntotal} x {ann.d}, expected {slots} x {self.dimension}")
        self._ann = ann

    def save_ann(self, path: Path) -> None:
        if self._ann is not None:
            faiss.write_index(self._ann, str(path))

    def build(self, n_live: int) -> bool:
        """Add the tail to the graph (creating it if needed) when the index is large enough.
        Returns whether the graph changed."""
        p = self.params
        n = self.n_slots
        if n_live < p.min_rows_for_ann or n == self.ann_slots:
            return False
        vecs = self.vectors.data
        if self._ann is None:
            ann = faiss.IndexHNSWSQ(
                self.dimension, faiss.ScalarQuantizer.QT_8bit, p.hnsw_m, faiss.METRIC_INNER_PRODUCT  # type: ignore[arg-type]
            )
            ann.hnsw.efConstruction = p.ef_construction
            sample = vecs[np.random.default_rng(0).choice(n, min(n, 100_000), replace=False)]
            ann.train(sample)
            self._ann = ann
        start = self.ann_slots
        for a in range(start, n, 50_000):
            self._ann.add(vecs[a : min(n, a + 50_000)])
        return True

    def needs_build(self, n_live: int) -> bool:
        p = self.params
        return n_live >= p.min_rows_for_ann and self.n_slots - self.ann_slots > p.max_tail

    # -- search ----------------------------------------------------------------------------
    def exact(self, q: np.ndarray, mask: np.ndarray, n_pass: int, start: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """(slots, scores) of every slot >= ``start`` in ``mask`` (brute force, rows read in place)."""
        del n_pass  # the scan costs O(rows passing) whatever their number
        rows = np.flatnonzero(mask[start:]) + start
        return rows, rows_dot(self.vectors.data, rows, q)

    def search(
        self, q: np.ndarray, k: int, mask: np.ndarray, n_pass: int, n_live: int, extras: dict[str, object]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Candidates (slots, exact scores) that contain the ``k`` nearest slots in ``mask``."""
        p = self.params
        ann_n = self.ann_slots
        if (
            ann_n == 0
            or n_pass <= max(p.exact_max_rows, k)
            or n_pass < p.exact_selectivity * n_live
        ):
            return self.exact(q, mask, n_pass)
        bitmap = extras.get("bitmap")
        if not isinstance(bitmap, np.ndarray) or extras.get("bitmap_n") != ann_n:
            bitmap = np.packbits(mask[:ann_n], bitorder="little")
            extras["bitmap"], extras["bitmap_n"] = bitmap, ann_n
        n_cand = min(max(k * p.refine_factor, p.refine_min), n_pass)
        ef = max(p.ef_search, n_cand)
        slots, scores = self._walk(q, mask, bitmap, n_cand, ef)
        if len(slots) < k and p.starved_ef_factor > 1:  # the walk starved: a wider one
            slots, scores = self._walk(q, mask, bitmap, n_cand, ef * p.starved_ef_factor)
        if len(slots) < k:  # starved again: the exact answer
            return self.exact(q, mask, n_pass)
        return slots, scores

    def _walk(
        self, q: np.ndarray, mask: np.ndarray, bitmap: np.ndarray, n_cand: int, ef: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Up to ``n_cand`` graph candidates passing ``mask`` (walk of width ``ef``) with
        their exact scores, plus the exact matches among the tail slots."""
        ann_n = self.ann_slots
        params = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]
        params.efSearch = ef
        selector = faiss.IDSelectorBitmap(ann_n, faiss.swig_ptr(bitmap))
        params.sel = selector
        _, found = self._ann.search(q.reshape(1, -1), n_cand, params=params)
        slots = found[0][found[0] >= 0]
        slots = slots[mask[slots]]  # the selector already did this; cheap belt and braces
        scores = rows_dot(self.vectors.data, slots, q)
        if ann_n < len(mask):
            tail = mask[ann_n:]
            n_tail = int(np.count_nonzero(tail))
            if n_tail:
                ts, tsc = self.exact(q, mask, n_tail, start=ann_n)
                slots, scores = np.concatenate([slots, ts]), np.concatenate([scores, tsc])
        return slots, scores

    def nbytes(self) -> int:
        """Memory of the vectors plus the graph and its quantised codes."""
        total = self.vectors.nbytes()
        if self._ann is not None:
            ann = self._ann
            storage: Any = faiss.downcast_index(ann.storage)
            total += ann.ntotal * storage.code_size
            hnsw = ann.hnsw
            total += hnsw.neighbors.size() * 4 + hnsw.offsets.size() * 8 + hnsw.levels.size() * 4
        return total
