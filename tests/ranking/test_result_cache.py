"""The cache of whole rankings (``Ranker(result_cache_size=...)``) never serves a result
that ranking again would not give, within its stated terms (:mod:`ranking.resultcache`):

* a repeated brief within the maximum age and in the same index generation is a hit, equal to what an
  uncached ranker returns, with the as_of it was ranked at;
* another mode, another ``k``, another brief, an as_of too late or earlier: a miss;
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
    again = cached.rank(BRIEF, k=20, as_of=NOW + timedelta(seconds=30))  # within 60 s
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
        (BRIEF, 20, NOW + timedelta(seconds=61)),  # too old by then
        (BRIEF, 20, NOW - timedelta(seconds=1)),  # before it was ranked
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


class _Stamped:
    def __init__(self, as_of) -> None:  # type: ignore[no-untyped-def]
        self.as_of = as_of


def test_bounded_and_validated() -> None:
    cache = ResultCache(2, 10)
    for i in range(5):
        cache.put(("b", i, 0), _Stamped(NOW))  # type: ignore[arg-type]
    assert len(cache) == 2 and cache.get(("b", 4, 0), NOW) is not None
    assert cache.get(("b", 0, 0), NOW) is None
    with pytest.raises(ValueError):
        ResultCache(-1, 10)
    with pytest.raises(ValueError):
        ResultCache(1, 0)


def test_derived_values_follow_the_result_object(world) -> None:
    tmp_path, wrapped, _, cached = world
    built: list[int] = []

    def build(tag: int):  # type: ignore[no-untyped-def]
        return lambda: built.append(tag) or tag

    first = cached.rank(BRIEF, k=20, as_of=NOW)
    assert cached.result_cache.derived(first, "x", build(1)) == 1
    again = cached.rank(BRIEF, k=20, as_of=NOW)  # a hit: the same object, the same value
    assert cached.result_cache.derived(again, "x", build(2)) == 1
    assert cached.result_cache.derived(again, "y", build(3)) == 3  # another name
    with Indexer(wrapped, HashingEmbedder(DIM), IndexerSettings(data_dir=tmp_path),
                 use_cache=False) as ix:
        ix.delete([first.results[0].profile_id])
    fresh = cached.rank(BRIEF, k=20, as_of=NOW)  # after a write: a new ranking, rebuilt
    assert cached.result_cache.derived(fresh, "x", build(4)) == 4
    assert built == [1, 3, 4]
    off = ResultCache(0, 10)
    assert off.derived(first, "x", build(5)) == 5 and off.derived(first, "x", build(6)) == 6
