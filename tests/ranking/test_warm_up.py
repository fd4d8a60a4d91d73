"""``Ranker.warm_up`` (run by the API before it freezes the garbage collector): two built-in
searches that leave the ranker's answers as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.embedding.hashing import HashingEmbedder
from ranking import Brief, Ranker
from tests.factories import NOW
from tests.ranking.population import TinyVocabulary, build_index, population

pytestmark = pytest.mark.unit


def test_warm_up_runs_both_modes_and_changes_no_answer(tmp_path: Path) -> None:
    backend = build_index(tmp_path, population(80, seed=6))
    try:
        brief = Brief(title="Python data engineer", must_have_skills=("Python",))
        cold = Ranker(backend, HashingEmbedder(32), vocabulary=TinyVocabulary(),
                      overlap_embedding=True)
        warmed = Ranker(backend, HashingEmbedder(32), vocabulary=TinyVocabulary(),
                        overlap_embedding=True)
        warmed.warm_up(as_of=NOW)
        assert warmed.query_cache.misses == 2  # two briefs embedded, on the worker thread
        assert warmed._encoder is not None
        want = cold.rank(brief, k=20, as_of=NOW).model_dump(mode="json")
        assert warmed.rank(brief, k=20, as_of=NOW).model_dump(mode="json") == want
    finally:
        backend.close()


def test_warm_up_on_an_empty_index(tmp_path: Path) -> None:
    backend = build_index(tmp_path, [])
    try:
        Ranker(backend, HashingEmbedder(32), vocabulary=TinyVocabulary()).warm_up(as_of=NOW)
    finally:
        backend.close()
