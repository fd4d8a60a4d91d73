"""Property tests of the whole ranker on a real embedded index (HashingEmbedder: meaning does
not matter here). For any brief, mode and as_of:

* every returned profile is eligible — checked against the reference semantics of the filter
  and against the policy recomputed independently from the profile fields (tests/ranking/oracle);
* with enough candidates, the returned set is exactly the eligible set (nothing eligible lost);
* the same input gives the same order, also from a fresh ranker;
* contributions add up to the score, ranks are 1..n, scores are ordered except for new-profile slots.
"""

from __future__ import annotations

import math
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.backends.filters import filter_values
from indexer.backends.reference import matches
from indexer.embedding.hashing import HashingEmbedder
from ranking import Brief, Ranker, RankingConfig, SearchMode
from tests.factories import NOW
from tests.ranking.oracle import expected_eligible
from tests.ranking.population import SKILLS, TITLES, TYPES, TinyVocabulary, build_index, population

pytestmark = pytest.mark.unit

N_PROFILES = 300


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    profiles = population(N_PROFILES, seed=11)
    backend = build_index(tmp_path_factory.mktemp("ranker"), profiles)
    yield {p.id: p for p in profiles}, backend
    backend.close()


briefs = st.builds(
    Brief,
    title=st.one_of(st.sampled_from(TITLES), st.text(min_size=1, max_size=30).filter(str.strip)),
    description=st.sampled_from(
        ["", "Long-term project with a remote team.", "Refonte du site web"]
    ),
    must_have_skills=st.lists(st.sampled_from(SKILLS), max_size=3, unique=True).map(tuple),
    max_daily_rate=st.one_of(st.none(), st.integers(200, 1500).map(float)),
    currency=st.sampled_from(["EUR", "GBP", "CHF"]),
    profile_type=st.one_of(st.none(), st.none(), st.sampled_from(TYPES)),
    mode=st.sampled_from(list(SearchMode)),
    location=st.one_of(
        st.none(),
        st.fixed_dictionaries(
            {
                "city": st.sampled_from(["Berlin", "Paris"]),
                "remote": st.sampled_from(["remote", "onsite", "hybrid"]),
            }
        ),
    ),
)
as_ofs = st.integers(-400 * 24, 200 * 24).map(lambda h: NOW + timedelta(hours=h))


def _check_result(res, profiles, brief, as_of) -> None:
    ranks = [r.rank for r in res.results]
    assert ranks == list(range(1, len(ranks) + 1))
    assert len({r.profile_id for r in res.results}) == len(res.results)
    for r in res.results:
        p = profiles[r.profile_id]
        assert expected_eligible(p, brief.mode.value, as_of), r.profile_id
        if brief.profile_type:
            assert p.profile_type == brief.profile_type
        assert math.isclose(r.score, math.fsum(c.contribution for c in r.signals), abs_tol=1e-9)
        assert all(0 <= c.value <= 1 for c in r.signals)
        assert r.policy_version == res.policy_version and r.config_version == res.config_version
        assert r.admitted_by and r.explanation.startswith(f"Rank {r.rank},")
    organic = [r for r in res.results if not r.new_profile_slot]
    keys = [(-r.score, r.profile_id) for r in organic]
    assert keys == sorted(keys)


@given(brief=briefs, as_of=as_ofs)
@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_no_ineligible_profile_is_ever_returned(world, brief, as_of) -> None:
    profiles, backend = world
    ranker = Ranker(backend, HashingEmbedder(32), vocabulary=TinyVocabulary())
    res = ranker.rank(brief, k=50, as_of=as_of)
    _check_result(res, profiles, brief, as_of)
    filt = ranker.eligibility_filter(brief, as_of=as_of)
    for r in res.results:
        assert matches(filt, filter_values(profiles[r.profile_id]))
    expected_total = sum(
        1
        for p in profiles.values()
        if expected_eligible(p, brief.mode.value, as_of)
        and (brief.profile_type is None or p.profile_type == brief.profile_type)
    )
    assert res.total_eligible_candidates == expected_total
    # the same input gives the same order, from this ranker and a fresh one
    again = Ranker(backend, HashingEmbedder(32), vocabulary=TinyVocabulary()).rank(
        brief, k=50, as_of=as_of
    )
    assert [r.profile_id for r in again.results] == [r.profile_id for r in res.results]
    assert [r.score for r in again.results] == [r.score for r in res.results]


@given(brief=briefs, as_of=as_ofs)
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_with_enough_candidates_exactly_the_eligible_profiles_are_returned(
    world, brief, as_of
) -> None:
    profiles, backend = world
    config = RankingConfig.default().model_copy(update={"candidates": 2 * N_PROFILES})
    ranker = Ranker(backend, HashingEmbedder(32), config=config, vocabulary=TinyVocabulary())
    res = ranker.rank(brief, k=2 * N_PROFILES, as_of=as_of)
    _check_result(res, profiles, brief, as_of)
    eligible = {
        p.id
        for p in profiles.values()
        if expected_eligible(p, brief.mode.value, as_of)
        and (brief.profile_type is None or p.profile_type == brief.profile_type)
    }
    assert {r.profile_id for r in res.results} == eligible


def test_ineligible_profiles_are_explained(world) -> None:
    profiles, backend = world
    ranker = Ranker(backend, HashingEmbedder(32), vocabulary=TinyVocabulary())
    brief = Brief(title="Java backend developer", mode=SearchMode.CURATED)
    seen_false = seen_true = 0
    for pid, p in list(profiles.items())[:60]:
        e = ranker.explain(brief, pid, as_of=NOW)
        assert e.eligible == expected_eligible(p, "curated", NOW)
        if e.eligible:
            seen_true += 1
            assert e.ranked is not None and e.ranked.profile_id == pid
        else:
            seen_false += 1
            assert (
                e.ranked is None
                and e.reasons
                and all(r.startswith("not listed: ") for r in e.reasons)
            )
    assert seen_true and seen_false


def test_query_cache_serves_repeated_briefs(world, tmp_path: Path) -> None:
    _, backend = world
    ranker = Ranker(backend, HashingEmbedder(32), vocabulary=TinyVocabulary())
    brief = Brief(title="Python data engineer", must_have_skills=("Python",))
    a = ranker.rank(brief, as_of=NOW)
    b = ranker.rank(brief, as_of=NOW)
    assert ranker.query_cache.hits == 1 and ranker.query_cache.misses == 1
    assert a == b
