"""Records kept by :class:`CachedProfiles` (``record_cache_size``): equal to the backend's,
in the caller's order, bounded, never stale after a write through the wrapper (nor after a
write that happens while they are being fetched), and a ranker over them returns exactly the
records of one over the bare backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.embedding.hashing import HashingEmbedder
from indexer.pipeline import Indexer
from indexer.settings import IndexerSettings
from ranking import Brief, Ranker
from ranking.profilecache import CachedProfiles
from ranking.records import fetch_records
from tests.factories import NOW
from tests.ranking.population import TinyVocabulary, build_index, population

pytestmark = pytest.mark.unit

DIM = 32


@pytest.fixture
def world(tmp_path: Path):
    profiles = population(60, seed=41)
    backend = build_index(tmp_path, profiles)
    yield tmp_path, profiles, backend
    backend.close()


def test_records_equal_the_backend_s_bounded(world) -> None:
    _, profiles, backend = world
    wrapped = CachedProfiles(backend, 1000, record_cache_size=30)
    ids = [p.id for p in profiles[:40]]
    first = wrapped.records([*ids, "no-such-id"])
    assert list(first) == ids  # the caller's order, unknown ids absent
    again = wrapped.records(list(reversed(ids)))
    assert list(again) == list(reversed(ids))
    # the last 30 of the 40 were kept: 30 hits, 10 decoded again
    assert wrapped.record_misses == 51 and wrapped.record_hits == 30
    assert len(wrapped._records) == 30
    bare = fetch_records(backend, ids)
    assert again == bare == first
    assert fetch_records(wrapped, ids) == bare  # the ranker's way in goes through the cache
    assert wrapped.record_hits == 60  # 30 of them kept
    off = CachedProfiles(backend, 1000)  # record_cache_size 0: nothing kept
    assert off.records(ids) == bare and not off._records
    with pytest.raises(ValueError):
        CachedProfiles(backend, 10, record_cache_size=-1)


def test_a_write_after_caching_is_never_hidden(world) -> None:
    path, profiles, backend = world
    wrapped = CachedProfiles(backend, 1000, record_cache_size=100)
    ids = [p.id for p in profiles[:10]]
    before = wrapped.records(ids)
    assert before[ids[3]].daily_rate != 4321.0
    changed = profiles[3].model_copy(update={"daily_rate": 4321.0})
    with Indexer(wrapped, HashingEmbedder(DIM), IndexerSettings(data_dir=path),
                 use_cache=False) as ix:
        ix.index_profiles([changed], as_of=NOW, progress=False)
        ix.delete([ids[5]])
    after = wrapped.records(ids)
    assert after[ids[3]].daily_rate == 4321.0
    assert ids[5] not in after
    assert after == fetch_records(backend, ids)
    wrapped.clear()
    assert not wrapped._records


def test_a_record_fetched_during_a_write_is_not_kept(world, monkeypatch) -> None:
    _, profiles, backend = world
    wrapped = CachedProfiles(backend, 1000, record_cache_size=100)
    ids = [p.id for p in profiles[:5]]
    raw_documents = backend.raw_documents

    def racing(want):  # a write through the wrapper lands while the records are read
        out = raw_documents(want)
        wrapped._invalidate(list(want))
        return out

    monkeypatch.setattr(backend, "raw_documents", racing)
    wrapped.records(ids)
    assert not wrapped._records  # fetched under the old generation: not stored
    monkeypatch.undo()
    wrapped.records(ids)
    assert list(wrapped._records) == ids


def test_a_ranker_over_cached_records_returns_the_same(world) -> None:
    _, _, backend = world
    wrapped = CachedProfiles(backend, 1000, record_cache_size=8)  # fewer than the results
    plain = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    cached = Ranker(wrapped, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    for brief in (Brief(title="Python data engineer", must_have_skills=("Python",)),
                  Brief(title="Java developer", nice_to_have_skills=("Kotlin", "SQL"))):
        for _ in range(2):
            assert cached.rank_records(brief, k=25, as_of=NOW) == plain.rank_records(
                brief, k=25, as_of=NOW)
    assert wrapped.record_hits > 0
