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


class _Recording:
    """A real backend that records the ids of every ``get`` and signals the second one."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        import threading

        self.inner = inner
        self.dimension = inner.dimension
        self.gets: list[list[str]] = []
        self.second_get = threading.Event()

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)

    def get(self, ids):  # type: ignore[no-untyped-def]
        self.gets.append(list(ids))
        if len(self.gets) >= 2:
            self.second_get.set()
        return self.inner.get(ids)


class _WaitsForViews(HashingEmbedder):
    """Embeds only once the ranker has fetched two chunks of views (or after 10 s): the
    dense side is then certainly still running while the lexical side is done."""

    def __init__(self, dim: int, backend: _Recording) -> None:
        super().__init__(dim)
        self.backend = backend

    def encode(self, texts, *, progress: bool = False) -> np.ndarray:  # type: ignore[override]
        self.backend.second_get.wait(10)
        return super().encode(texts, progress=progress)


def test_views_of_the_best_lexical_hits_are_fetched_while_the_dense_side_runs(tmp_path: Path) -> None:
    from ranking.ranker import VIEWS_AHEAD_CHUNK

    backend = build_index(tmp_path, population(150, seed=6))
    try:
        brief = BRIEFS[0]
        plain = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
        recording = _Recording(backend)
        ranker = Ranker(recording, _WaitsForViews(DIM, recording),  # type: ignore[arg-type]
                        vocabulary=TinyVocabulary(), overlap_embedding=True)
        got = ranker.rank(brief, k=30, as_of=NOW)
        assert recording.second_get.is_set()
        assert got.model_dump(mode="json") == plain.rank(brief, k=30, as_of=NOW).model_dump(mode="json")
        prep = plain._prepare(brief, NOW)
        lexical = [h.id for h in plain._lexical(prep)]
        first, second = recording.gets[0], recording.gets[1]
        assert first == lexical[:VIEWS_AHEAD_CHUNK]  # the best lexical hits, in order
        assert second == lexical[VIEWS_AHEAD_CHUNK : 2 * VIEWS_AHEAD_CHUNK]
        fetched = [pid for ids in recording.gets for pid in ids]
        assert len(fetched) == len(set(fetched))  # nothing fetched twice
    finally:
        backend.close()
