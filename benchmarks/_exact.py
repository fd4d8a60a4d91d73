"""The "exact" column: brute force over the rows a filter lets through (the selected rows'
dot products computed in place by the same numba loop the embedded backend's exact path uses).

Not a full backend: it answers ``dense_search`` only, with filter masks given by the data
set (reference semantics), and is the ground truth of the recall figures.
"""

from __future__ import annotations

import numpy as np

from benchmarks._workload import Dataset
from indexer.backends.embedded.dense_kernel import rows_dot
from indexer.backends.filters import Filter
from indexer.backends.protocol import Hit, sort_hits


class ExactSearch:
    """Brute-force filtered cosine top-k over a data set's vectors."""

    def __init__(self, data: Dataset, filters: dict[str, Filter]) -> None:
        self._data = data
        self._vectors = data.vectors
        self._masks = {f: data.mask(name, f) for name, f in filters.items()}
        self._rows = {f: np.flatnonzero(m) for f, m in self._masks.items()}

    def dense_search(self, vector: np.ndarray, k: int, filt: Filter | None = None) -> list[Hit]:
        q = np.asarray(vector, np.float32)
        q = q / np.linalg.norm(q)
        if filt is None:
            rows = None
            scores = self._vectors @ q
        else:
            rows = self._rows[filt]
            scores = rows_dot(self._vectors, rows, q)
        top = np.argpartition(scores, len(scores) - k)[len(scores) - k :] if len(scores) > k else np.arange(len(scores))
        idx = top if rows is None else rows[top]
        return sort_hits([Hit(self._data.row_id(int(i)), float(s)) for i, s in zip(idx, scores[top], strict=True)])[:k]
