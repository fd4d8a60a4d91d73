"""``Ranker.rank_records`` ranks exactly as ``rank``: the same results (ids, ranks, scores,
signals, new-profile slots, totals) with each profile as the record of the one ``rank``
returns, on the bare backend and over cached views, for generated briefs and instants; a
profile the eligibility filter excludes is the same ``BackendError``; a profile deleted
between scoring and fetching is left out alike; ``rank_records_derived`` builds from a
ranking that ``rank`` cached."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from indexer.backends.filters import Filter
from indexer.backends.protocol import Hit, IndexedProfile, SearchBackend, Vector
from indexer.embedding.hashing import HashingEmbedder
from indexer.errors import BackendError
from ranking import Brief, Ranker, SearchMode
from ranking.profilecache import CachedProfiles
from ranking.records import RecordRanking
from tests.factories import NOW
from tests.ranking.population import TinyVocabulary, build_index, population
from tests.ranking.test_ranker_properties import as_ofs, briefs

pytestmark = pytest.mark.unit

DIM = 32


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    profiles = population(250, seed=5)
    backend = build_index(tmp_path_factory.mktemp("records"), profiles)
    yield profiles, backend
    backend.close()


def _ranker(backend: Any, **kw: Any) -> Ranker:
    return Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary(), **kw)


@given(brief=briefs, as_of=as_ofs)
@settings(max_examples=40, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_records_rank_as_rank_does(world, brief, as_of) -> None:
    _, backend = world
    for ranker in (_ranker(backend), _ranker(CachedProfiles(backend, 100)),
                   _ranker(CachedProfiles(backend, 1000), overlap_embedding=True)):
        expected = ranker.rank(brief, k=30, as_of=as_of)
        got = ranker.rank_records(brief, k=30, as_of=as_of)
        assert got == RecordRanking.of(expected)
        assert [r.profile.id for r in got.results] == [r.profile_id for r in expected.results]


class _Leaky:
    """A backend that ignores the filters in its searches (a bug the ranker must report)
    and forgets ``gone`` when asked for documents (deleted between scoring and fetching)."""

    def __init__(self, inner: SearchBackend, gone: frozenset[str] = frozenset(),
                 leak: bool = True) -> None:
        self.inner, self.gone, self.leak = inner, gone, leak

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def lexical_search(self, text: str, k: int, filt: Filter | None = None) -> list[Hit]:
        return self.inner.lexical_search(text, k, None if self.leak else filt)

    def dense_search(self, vector: Vector, k: int, filt: Filter | None = None) -> list[Hit]:
        return self.inner.dense_search(vector, k, None if self.leak else filt)

    def get(self, ids: Sequence[str]) -> dict[str, IndexedProfile]:
        return {i: d for i, d in self.inner.get(ids).items() if i not in self.gone}

    def raw_documents(self, ids: Sequence[str]) -> dict[str, Any]:
        return {i: d for i, d in self.inner.raw_documents(ids).items() if i not in self.gone}


def test_an_ineligible_result_is_the_same_backend_error(world) -> None:
    _, backend = world
    brief = Brief(title="Python developer", mode=SearchMode.SELF_SERVICE)
    for leaky in (_Leaky(backend), CachedProfiles(_Leaky(backend), 1000)):  # type: ignore[arg-type]
        ranker = _ranker(leaky)
        with pytest.raises(BackendError) as full:
            ranker.rank(brief, k=250, as_of=NOW)
        with pytest.raises(BackendError) as records:
            ranker.rank_records(brief, k=250, as_of=NOW)
        assert str(records.value) == str(full.value)
        assert "which the eligibility filter excludes (" in str(full.value)


def test_a_result_deleted_meanwhile_is_left_out_alike(world) -> None:
    _, backend = world
    brief = Brief(title="Python developer", mode=SearchMode.CURATED)
    leaky = _Leaky(backend, leak=False)
    ranker = _ranker(CachedProfiles(leaky, 1000))  # type: ignore[arg-type]
    first = ranker.rank(brief, k=10, as_of=NOW).results  # the views are cached now
    leaky.gone = frozenset({first[0].profile_id, first[4].profile_id})
    expected = ranker.rank(brief, k=10, as_of=NOW)
    assert len(expected.results) == 8
    assert ranker.rank_records(brief, k=10, as_of=NOW) == RecordRanking.of(expected)


def test_records_derived_use_a_ranking_rank_cached(world) -> None:
    _, backend = world
    ranker = _ranker(CachedProfiles(backend, 1000), result_cache_size=8)
    brief = Brief(title="Java developer", mode=SearchMode.SELF_SERVICE)
    seen: list[RecordRanking] = []

    def build(ranking: RecordRanking) -> bytes:
        seen.append(ranking)
        return str(len(seen)).encode()

    # nothing cached: ranked as records
    assert ranker.rank_records_derived(brief, "n", build, k=5, as_of=NOW) == b"1"
    assert seen[-1] == ranker.rank_records(brief, k=5, as_of=NOW)
    assert ranker.rank_records_derived(brief, "n", build, k=5, as_of=NOW) == b"1"  # kept
    # a ranking cached by rank() (another k: another entry) is given as records
    cached = ranker.rank(brief, k=7, as_of=NOW)
    later = NOW + timedelta(seconds=5)
    assert ranker.rank_records_derived(brief, "n", build, k=7, as_of=later) == b"2"
    assert seen[-1] == RecordRanking.of(cached) and seen[-1].as_of == NOW
