"""A bounded LRU cache of query embeddings, so repeated briefs skip the model.

Keyed by ``(model_id, text)``, so vectors of different models never mix. Thread-safe (the API
serves requests from a thread pool). Owned by one :class:`~ranking.ranker.Ranker`; nothing is
global.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from indexer.backends.protocol import Vector
from indexer.embedding.protocol import Embedder
from indexer.errors import EmbeddingError


class QueryEmbeddingCache:
    def __init__(self, embedder: Embedder, max_size: int = 1024) -> None:
        self._embedder = embedder
        self._max = max_size
        self._data: OrderedDict[tuple[str, str], Vector] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, text: object) -> bool:
        """Whether ``text``'s embedding is cached (no hit or miss is counted)."""
        with self._lock:
            return (self._embedder.model_id, text) in self._data

    def encode(self, text: str) -> Vector:
        """The (cached) L2-normalised embedding of ``text``."""
        key = (self._embedder.model_id, text)
        with self._lock:
            vec = self._data.get(key)
            if vec is not None:
                self._data.move_to_end(key)
                self.hits += 1
                return vec
            self.misses += 1
        out = self._embedder.encode([text])
        if out.ndim != 2 or out.shape[0] != 1:
            raise EmbeddingError(f"the embedder returned shape {out.shape} for one text")
        vec = np.ascontiguousarray(out[0], dtype=np.float32)
        vec.setflags(write=False)
        if self._max > 0:
            with self._lock:
                self._data[key] = vec
                self._data.move_to_end(key)
                while len(self._data) > self._max:
                    self._data.popitem(last=False)
        return vec
