"""Dense (cosine) retrieval over the stored vectors: exact numpy search, HNSW when it pays.

Vectors are stored L2-normalised, so cosine similarity is the inner product.
"""

from __future__ import annotations

import numpy as np

from indexer.backends.embedded.growable import GrowArray


class DenseIndex:
    """The float32 vectors by slot, searched exactly over the rows a filter lets through."""

    def __init__(self, dimension: int) -> None:
        self.dimension = dimension
        self.vectors = GrowArray(np.float32, (dimension,))

    def resize(self, n_slots: int) -> None:
        self.vectors.resize(n_slots)

    def append(self, slots: np.ndarray, vectors: np.ndarray) -> None:
        if len(slots) == 0:
            return
        self.resize(int(slots.max()) + 1)
        self.vectors.data[slots] = vectors

    def exact(self, q: np.ndarray, mask: np.ndarray, n_pass: int) -> tuple[np.ndarray, np.ndarray]:
        """(slots, scores) of every slot in ``mask`` (brute force)."""
        vecs = self.vectors.data
        if n_pass * 4 >= len(mask):
            scores = vecs @ q
            slots = np.flatnonzero(mask)
            return slots, scores[slots]
        slots = np.flatnonzero(mask)
        return slots, vecs[slots] @ q

    def search(self, q: np.ndarray, k: int, mask: np.ndarray, n_pass: int) -> tuple[np.ndarray, np.ndarray]:
        """Candidates (slots, scores) containing the ``k`` nearest among ``mask``."""
        return self.exact(q, mask, n_pass)

    def nbytes(self) -> int:
        return self.vectors.nbytes()
