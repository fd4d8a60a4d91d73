"""``Ranker(overlap_embedding=True)`` (the brief embedded on a worker thread while the
lexical search runs) returns exactly what the sequential ranker returns, and an embedding
failure still surfaces as the caller's error."""

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
            for _ in range(2):  # uncached (overlapped), then cached (sequential path)
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
