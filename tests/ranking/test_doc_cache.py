"""Full documents kept by :class:`CachedProfiles` (``doc_cache_size``): equal to the
backend's, bounded, never stale after a write through the wrapper, and a ranker over them
ranks exactly as one over the bare backend."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.embedding.hashing import HashingEmbedder
from indexer.pipeline import Indexer
from indexer.settings import IndexerSettings
from ranking import Brief, Ranker
from ranking.profilecache import CachedProfiles
from tests.factories import NOW
from tests.ranking.population import TinyVocabulary, build_index, population

pytestmark = pytest.mark.unit

DIM = 32


def test_doc_cache(tmp_path: Path) -> None:
    profiles = population(100, seed=31)
    backend = build_index(tmp_path, profiles)
    try:
        wrapped = CachedProfiles(backend, 1000, doc_cache_size=30)
        ids = [p.id for p in profiles[:40]]
        first = wrapped.get(ids)
        again = wrapped.get(list(reversed(ids)))
        assert list(again) == list(reversed(ids))  # the caller's order
        # the last 30 of the 40 were kept: 30 hits, 10 fetched again
        assert wrapped.doc_misses == 50 and wrapped.doc_hits == 30
        bare = backend.get(ids)
        for pid in ids:
            assert again[pid].profile == bare[pid].profile == first[pid].profile
            np.testing.assert_array_equal(again[pid].vector, bare[pid].vector)
            assert not again[pid].vector.flags.writeable
            assert again[pid].completeness == bare[pid].completeness
        changed = profiles[39].model_copy(update={"daily_rate": 4321.0})
        with Indexer(wrapped, HashingEmbedder(DIM), IndexerSettings(data_dir=tmp_path),
                     use_cache=False) as ix:
            ix.index_profiles([changed], as_of=NOW, progress=False)
            ix.delete([ids[38]])
        after = wrapped.get(ids)
        assert after[ids[39]].profile.daily_rate == 4321.0
        assert ids[38] not in after
        brief = Brief(title="Python data engineer", must_have_skills=("Python",))
        plain = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
        cached = Ranker(wrapped, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
        for _ in range(2):
            assert cached.rank(brief, k=25, as_of=NOW).model_dump(mode="json") == plain.rank(
                brief, k=25, as_of=NOW).model_dump(mode="json")
        with pytest.raises(ValueError):
            CachedProfiles(backend, 10, doc_cache_size=-1)
    finally:
        backend.close()
