"""The cache of whole rankings (``Ranker(result_cache_size=...)``) never serves a result
that ranking again would not give, within its stated terms (:mod:`ranking.resultcache`):

* a repeated brief in the same as_of bucket and index generation is a hit, equal to what an
  uncached ranker returns, with the as_of it was ranked at;
* another mode, another ``k``, another brief, the next as_of bucket: a miss, ranked afresh;
* any write through the wrapper (re-index with a sanction, delete) invalidates: the next
  ranking equals the uncached one and shows the change;
* a backend without a generation (bare, e.g. OpenSearch) is never cached.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from indexer.embedding.hashing import HashingEmbedder
from indexer.pipeline import Indexer
from indexer.profile import Sanction
from indexer.settings import IndexerSettings
from ranking import Brief, Ranker, RankingResult, SearchMode
from ranking.profilecache import CachedProfiles
from ranking.resultcache import ResultCache
from tests.factories import NOW
from tests.ranking.population import TinyVocabulary, build_index, population

pytestmark = pytest.mark.unit

DIM = 32
BRIEF = Brief(title="Python data engineer", must_have_skills=("Python",), max_daily_rate=600)


def _dump(r: RankingResult) -> dict:
    return r.model_dump(mode="json")


@pytest.fixture()
def world(tmp_path: Path):
    backend = build_index(tmp_path, population(150, seed=21))
    wrapped = CachedProfiles(backend, 1000)
    plain = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    cached = Ranker(wrapped, HashingEmbedder(DIM), vocabulary=TinyVocabulary(),
                    result_cache_size=16, result_cache_seconds=60)
    yield tmp_path, wrapped, plain, cached
    backend.close()


def test_repeated_brief_is_a_hit_equal_to_ranking_again(world) -> None:
    _, _, plain, cached = world
    first = cached.rank(BRIEF, k=20, as_of=NOW)
    again = cached.rank(BRIEF, k=20, as_of=NOW + timedelta(seconds=30))  # same 60 s bucket
    assert again is first
    assert again.as_of == NOW  # the instant it was ranked at, stated
    assert cached.result_cache.hits == 1
    assert _dump(first) == _dump(plain.rank(BRIEF, k=20, as_of=NOW))


def test_anything_else_that_changes_results_is_a_miss(world) -> None:
    _, _, plain, cached = world
    first = cached.rank(BRIEF, k=20, as_of=NOW)
    variants = [
        (BRIEF.model_copy(update={"mode": SearchMode.CURATED}), 20, NOW),
        (BRIEF, 10, NOW),
        (BRIEF.model_copy(update={"max_daily_rate": 601.0}), 20, NOW),
        (BRIEF, 20, NOW + timedelta(seconds=61)),  # the next bucket
        (BRIEF, 20, NOW + timedelta(days=200)),  # windows closed, sanctions expired, ...
    ]
    for brief, k, as_of in variants:
        got = cached.rank(brief, k=k, as_of=as_of)
        assert got is not first
        assert got.as_of == as_of
        assert _dump(got) == _dump(plain.rank(brief, k=k, as_of=as_of))
    assert cached.result_cache.hits == 0
    assert cached.result_cache.misses == 1 + len(variants)


def test_writes_invalidate(world) -> None:
    tmp_path, wrapped, plain, cached = world
    before = cached.rank(BRIEF, k=20, as_of=NOW)
    assert len(before.results) >= 3
    top, second = before.results[0].profile, before.results[1].profile_id
    suspended = top.model_copy(update={"sanctions": (
        Sanction(kind="temporary_suspension", start=NOW - timedelta(hours=1),
                 end=NOW + timedelta(days=30)),)})
    with Indexer(wrapped, HashingEmbedder(DIM), IndexerSettings(data_dir=tmp_path),
                 use_cache=False) as ix:
        ix.index_profiles([suspended], as_of=NOW, progress=False)
        after_sanction = cached.rank(BRIEF, k=20, as_of=NOW)
        ix.delete([second])
        after_delete = cached.rank(BRIEF, k=20, as_of=NOW)
    assert cached.result_cache.hits == 0
    assert top.id not in {r.profile_id for r in after_sanction.results}
    assert second not in {r.profile_id for r in after_delete.results}
    assert _dump(after_delete) == _dump(plain.rank(BRIEF, k=20, as_of=NOW))
    assert cached.rank(BRIEF, k=20, as_of=NOW) is after_delete  # cached again once quiet


def test_a_backend_without_generation_is_never_cached(world) -> None:
    _, wrapped, _, _ = world
    bare = Ranker(wrapped.inner, HashingEmbedder(DIM), vocabulary=TinyVocabulary(),
                  result_cache_size=16)
    a = bare.rank(BRIEF, k=20, as_of=NOW)
    b = bare.rank(BRIEF, k=20, as_of=NOW)
    assert a is not b and _dump(a) == _dump(b)
    assert bare.result_cache.hits == 0 and len(bare.result_cache) == 0


def test_bounded_and_validated() -> None:
    cache = ResultCache(2, 10)
    for i in range(5):
        cache.put(("b", i, 0, 0), object())  # type: ignore[arg-type]
    assert len(cache) == 2 and cache.get(("b", 4, 0, 0)) is not None
    assert cache.get(("b", 0, 0, 0)) is None
    with pytest.raises(ValueError):
        ResultCache(-1, 10)
    with pytest.raises(ValueError):
        ResultCache(1, 0)
