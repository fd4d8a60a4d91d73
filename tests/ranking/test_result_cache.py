"""The cache of whole rankings (``Ranker(result_cache_size=...)``) never serves a result
that ranking again would not give, within its stated terms (:mod:`ranking.resultcache`):

* a repeated brief within the maximum age and in the same index generation is a hit, equal to what an
  uncached ranker returns, with the as_of it was ranked at;
* a cached ranking is bytes: the garbage collector walks a handful of objects per entry,
  not the ~1,900 of a decoded ranking (which made its full collections pause for 100s of ms);
* another mode, another ``k``, another brief, an as_of too late or earlier: a miss;
* any write through the wrapper (re-index with a sanction, delete) invalidates: the next
  ranking equals the uncached one and shows the change;
* a backend without a generation (bare, e.g. OpenSearch) is never cached.
"""

from __future__ import annotations

import gc
from datetime import timedelta
from pathlib import Path

import numpy as np
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
    assert again is not first and again == first  # decoded anew, equal
    assert again.as_of == NOW  # the instant it was ranked at, stated
    assert cached.result_cache.hits == 1
    assert _dump(first) == _dump(plain.rank(BRIEF, k=20, as_of=NOW))


def test_anything_else_that_changes_results_is_a_miss(world) -> None:
    _, _, plain, cached = world
    cached.rank(BRIEF, k=20, as_of=NOW)
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
    assert cached.rank(BRIEF, k=20, as_of=NOW) == after_delete  # cached again once quiet
    assert cached.result_cache.hits == 1


def test_a_backend_without_generation_is_never_cached(world) -> None:
    _, wrapped, _, _ = world
    bare = Ranker(wrapped.inner, HashingEmbedder(DIM), vocabulary=TinyVocabulary(),
                  result_cache_size=16)
    a = bare.rank(BRIEF, k=20, as_of=NOW)
    b = bare.rank(BRIEF, k=20, as_of=NOW)
    assert a is not b and _dump(a) == _dump(b)
    assert bare.result_cache.hits == 0 and len(bare.result_cache) == 0


def _tracked_reachable(root: object) -> int:
    """Objects the cyclic garbage collector tracks, reachable from ``root`` (classes, and
    what they reach, left out: they are there anyway)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or not gc.is_tracked(obj) or isinstance(obj, type):
            continue
        seen.add(id(obj))
        todo.extend(gc.get_referents(obj))
    return len(seen)


def test_entries_cost_the_collector_a_handful_of_objects(world) -> None:
    _, _, _, cached = world
    result = cached.rank(BRIEF, k=20, as_of=NOW)
    assert _tracked_reachable(result) > 200  # what caching the object would have meant
    for i in range(8):
        cached.rank(BRIEF.model_copy(update={"max_daily_rate": 500.0 + i}), k=20, as_of=NOW)
    assert len(cached.result_cache) == 9
    assert _tracked_reachable(cached.result_cache._data) < 9 * 10


def test_bounded_expiring_and_validated(world) -> None:
    _, _, _, cached = world
    result = cached.rank(BRIEF, k=5, as_of=NOW)
    cache = ResultCache(2, 10)
    for i in range(5):
        cache.put(("b", i, 0), result)
    assert len(cache) == 2 and cache.get(("b", 4, 0), NOW) == result
    assert cache.get(("b", 0, 0), NOW) is None
    # a newer ranking pushes out the entries too old to answer any more
    later = result.model_copy(update={"as_of": NOW + timedelta(seconds=11)})
    cache.put(("c", 0, 0), later)
    assert len(cache) == 1 and cache.get(("c", 0, 0), later.as_of) == later
    with pytest.raises(ValueError):
        ResultCache(-1, 10)
    with pytest.raises(ValueError):
        ResultCache(1, 0)
    with pytest.raises(TypeError, match="bytes"):
        cache.put_derived(("c", 0, 0), later.as_of, "x", "not bytes")  # type: ignore[arg-type]


def test_derived_values_follow_the_cached_ranking(world) -> None:
    tmp_path, wrapped, _, cached = world
    built: list[int] = []

    def build(tag: int):  # type: ignore[no-untyped-def]
        def make(result: RankingResult) -> bytes:
            assert result.results  # a real ranking is passed
            built.append(tag)
            return str(tag).encode()
        return make

    assert cached.rank_derived(BRIEF, "x", build(1), k=20, as_of=NOW) == b"1"
    later = NOW + timedelta(seconds=5)
    assert cached.rank_derived(BRIEF, "x", build(2), k=20, as_of=later) == b"1"  # kept
    assert cached.rank_derived(BRIEF, "y", build(3), k=20, as_of=later) == b"3"  # another name
    assert cached.rank_derived(BRIEF, "x", build(7), k=10, as_of=later) == b"7"  # another k
    first = cached.rank(BRIEF, k=20, as_of=NOW)
    with Indexer(wrapped, HashingEmbedder(DIM), IndexerSettings(data_dir=tmp_path),
                 use_cache=False) as ix:
        ix.delete([first.results[0].profile_id])
    # after a write: a new ranking, the value built again; too late: likewise
    assert cached.rank_derived(BRIEF, "x", build(4), k=20, as_of=NOW) == b"4"
    assert cached.rank_derived(BRIEF, "x", build(5), k=20,
                               as_of=NOW + timedelta(seconds=61)) == b"5"
    assert built == [1, 3, 7, 4, 5]
    off = Ranker(wrapped, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    assert off.rank_derived(BRIEF, "x", build(6), k=20, as_of=NOW) == b"6"
    assert off.rank_derived(BRIEF, "x", build(8), k=20, as_of=NOW) == b"8"


def test_derived_values_are_kept_without_the_ranking(world) -> None:
    _, _, plain, cached = world
    def dump(result: RankingResult) -> bytes:
        return result.model_dump_json().encode()

    value = cached.rank_derived(BRIEF, "dump", dump, k=20, as_of=NOW)
    assert value == dump(plain.rank(BRIEF, k=20, as_of=NOW))  # built from a real ranking
    assert cached.result_cache.misses == 1
    # only the bytes were kept: ranking the brief again is a miss, which caches the ranking
    ranked = cached.rank(BRIEF, k=20, as_of=NOW)
    assert (cached.result_cache.hits, cached.result_cache.misses) == (0, 2)
    # ... from which a derived value is then built without ranking again (a hit), and kept
    assert cached.rank_derived(BRIEF, "dump", dump, k=20, as_of=NOW) == dump(ranked)
    assert cached.rank_derived(BRIEF, "dump", dump, k=20, as_of=NOW) == value
    assert (cached.result_cache.hits, cached.result_cache.misses) == (2, 2)


def test_lifetimes_are_spread_by_key_and_the_same_every_run(world) -> None:
    from ranking.resultcache import LIFETIME_SPREAD

    _, _, _, cached = world
    cache = ResultCache(64, 60)
    keys = [(f"brief {i}", 20, 0) for i in range(40)]
    lives = [cache.lifetime(key).total_seconds() for key in keys]
    assert all(60 * (1 - LIFETIME_SPREAD) <= life <= 60 for life in lives)
    assert max(lives) - min(lives) > 60 * LIFETIME_SPREAD / 2  # spread, not one value
    assert lives == [ResultCache(1, 60).lifetime(key).total_seconds() for key in keys]
    result = cached.rank(BRIEF, k=5, as_of=NOW)
    key = keys[int(np.argmin(lives))]
    cache.put(key, result)
    life = timedelta(seconds=min(lives))
    assert cache.get(key, NOW + life - timedelta(milliseconds=1)) == result
    assert cache.get(key, NOW + life) is None


def test_refresh_ahead_is_claimed_once_after_half_a_lifetime(world) -> None:
    _, _, plain, cached = world

    def dump(result: RankingResult) -> bytes:
        return result.model_dump_json().encode()

    cached.rank_derived(BRIEF, "dump", dump, k=20, as_of=NOW)
    key = cached.result_cache.key(BRIEF, 20, 0)
    half = cached.result_cache.lifetime(key) / 2
    first = cached.cached_derived(BRIEF, "dump", k=20, as_of=NOW)[0]
    assert first is not None
    assert cached.cached_derived(BRIEF, "dump", k=20, as_of=NOW + half * 0.9) == (first, None)
    value, ticket = cached.cached_derived(BRIEF, "dump", k=20, as_of=NOW + half)  # due
    assert (value, ticket) == (first, key)
    assert cached.cached_derived(BRIEF, "dump", k=20, as_of=NOW + half)[1] is None  # once
    assert ticket is not None
    later = NOW + half
    cached.refresh_derived(ticket, BRIEF, "dump", dump, k=20, as_of=later)
    # the entry now holds the ranking made at ``later``, served for a whole new lifetime
    value, none = cached.cached_derived(BRIEF, "dump", k=20, as_of=later + half * 0.5)
    assert value == dump(plain.rank(BRIEF, k=20, as_of=later)) and none is None
    # the claim was released: due again once the new entry is half through its life
    assert cached.cached_derived(BRIEF, "dump", k=20, as_of=later + half)[1] == key
    assert cached.cached_derived(BRIEF, "dump", k=20, as_of=later + half * 1.99)[0] == value


def test_a_failed_refresh_releases_its_claim(world) -> None:
    _, _, _, cached = world

    def dump(result: RankingResult) -> bytes:
        return result.model_dump_json().encode()

    def broken(result: RankingResult) -> bytes:
        raise RuntimeError("build failed")

    cached.rank_derived(BRIEF, "dump", dump, k=20, as_of=NOW)
    due = NOW + timedelta(seconds=30)
    _, ticket = cached.cached_derived(BRIEF, "dump", k=20, as_of=due)
    assert ticket is not None
    with pytest.raises(RuntimeError):
        cached.refresh_derived(ticket, BRIEF, "dump", broken, k=20, as_of=due)
    assert cached.cached_derived(BRIEF, "dump", k=20, as_of=due)[1] == ticket
