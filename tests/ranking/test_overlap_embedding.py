"""``Ranker(overlap_embedding=True)`` (the brief embedded and the dense search run on a
worker thread while the lexical search runs) returns exactly what the sequential ranker
returns, and a failure on either side still surfaces as the caller's error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.embedding.hashing import HashingEmbedder
from indexer.errors import EmbeddingError
from ranking import Brief, Ranker, SearchMode
from tests.factories import NOW
from tests.ranking.population import TinyVocabulary, build_index, population

pytestmark = pytest.mark.unit

DIM = 32
BRIEFS = [
    Brief(title="Python data engineer", must_have_skills=("Python",), max_daily_rate=600),
    Brief(title="Java backend developer", nice_to_have_skills=("Kotlin",),
          location={"country": "DE", "remote": "hybrid"}, mode=SearchMode.CURATED),
    Brief(title="UX designer", description="Design system for a retail app"),
]


class _Failing(HashingEmbedder):
    def encode(self, texts, *, progress: bool = False) -> np.ndarray:  # type: ignore[override]
        raise EmbeddingError("the model is gone")


def test_overlapped_equals_sequential(tmp_path: Path) -> None:
    backend = build_index(tmp_path, population(120, seed=4))
    try:
        plain = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
        overlapped = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary(),
                            overlap_embedding=True)
        for brief in BRIEFS:
            for _ in range(2):  # embedding uncached, then cached
                got = overlapped.rank(brief, k=30, as_of=NOW)
                assert got.results
                assert got.model_dump(mode="json") == plain.rank(
                    brief, k=30, as_of=NOW).model_dump(mode="json")
        assert overlapped.query_cache.misses == len(BRIEFS)
        assert overlapped.query_cache.hits == len(BRIEFS)
        failing = Ranker(backend, _Failing(DIM), vocabulary=TinyVocabulary(),
                         overlap_embedding=True)
        with pytest.raises(EmbeddingError, match="gone"):
            failing.rank(BRIEFS[0], k=10, as_of=NOW)
    finally:
        backend.close()


class _DenseFails:
    """A real backend whose dense search fails (an unreachable vector index, say)."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.dimension = inner.dimension

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)

    def dense_search(self, vector, k, filt=None):  # type: ignore[no-untyped-def]
        from indexer.errors import BackendError

        raise BackendError("the vector index is unreachable")


def test_a_dense_search_error_on_the_worker_reaches_the_caller(tmp_path: Path) -> None:
    from indexer.errors import BackendError

    backend = build_index(tmp_path, population(60, seed=5))
    try:
        ranker = Ranker(_DenseFails(backend), HashingEmbedder(DIM),  # type: ignore[arg-type]
                        vocabulary=TinyVocabulary(), overlap_embedding=True)
        for _ in range(2):  # the worker is free again after a failure
            with pytest.raises(BackendError, match="unreachable"):
                ranker.rank(BRIEFS[1], k=10, as_of=NOW)
        healthy = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary(),
                         overlap_embedding=True)
        assert healthy.rank(BRIEFS[1], k=10, as_of=NOW).results
    finally:
        backend.close()
