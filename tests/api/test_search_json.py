"""The self-service response written by msgspec from records (``search_response_json``) is,
byte for byte, what pydantic writes for the response built from the explained ranking
(``_response(...).model_dump_json()``, the path it replaces):

* end to end, ``rank_records`` + the writer against ``rank`` + the models, on an index of
  generated profiles and the ranking population, for generated self-service briefs;
* the writer alone, on profiles with arbitrary text (quotes, escapes, control characters,
  non-BMP characters), sanctions that hide reviews or the super status, arbitrary
  contributions (ties, zeros), instants with odd UTC offsets, and no eligible count.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pydantic
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from api.schemas.profiles import ProfilePublic, public_fields
from api.services.search import _response
from api.services.search_json import search_response_json
from indexer.embedding.hashing import HashingEmbedder
from indexer.generate import generate_profiles
from indexer.profile import Profile
from ranking import Brief, Ranker, SearchMode
from ranking.profilecache import CachedProfiles
from ranking.records import RecordRanking
from ranking.results import RankedProfile, RankingResult, SignalContribution
from ranking.signals import SignalName
from tests.factories import NOW, make_profile
from tests.ranking.population import TinyVocabulary, build_index, population
from tests.ranking.test_ranker_properties import as_ofs, briefs

pytestmark = pytest.mark.unit


def _reference(brief: Brief, result: RankingResult) -> bytes:
    return _response(brief, result).model_dump_json().encode()


# ------------------------------------------------------------------ end to end

@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    profiles = [*generate_profiles(300, seed=4), *population(150, seed=9)]
    backend = build_index(tmp_path_factory.mktemp("searchjson"), profiles)
    yield backend
    backend.close()


@given(brief=briefs, as_of=as_ofs, k=st.sampled_from([1, 7, 20, 60]))
@settings(max_examples=40, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_response_is_the_models_json(world, brief, as_of, k) -> None:
    brief = brief.with_mode(SearchMode.SELF_SERVICE)
    ranker = Ranker(CachedProfiles(world, 1000), HashingEmbedder(32), vocabulary=TinyVocabulary())
    expected = _reference(brief, ranker.rank(brief, k=k, as_of=as_of))
    assert search_response_json(brief, ranker.rank_records(brief, k=k, as_of=as_of)) == expected


# ------------------------------------------------------------------ the writer alone

_CHARS = st.characters(blacklist_categories=("Cs",))  # lone surrogates cannot be written
_text = st.text(_CHARS, max_size=60)
_short = st.text(_CHARS, min_size=1, max_size=40).filter(lambda s: s.strip() == s and s)
_zones = st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)),
                          timezone(timedelta(hours=-3, seconds=-37)), UTC])


@st.composite
def _profiles(draw: Any, pid: str) -> Profile:
    skills = draw(st.lists(_short, max_size=4, unique_by=lambda s: " ".join(s.lower().split())))
    sanction_kinds = draw(st.lists(st.sampled_from(["reviews_removal", "super_status_loss",
                                                    "warning"]), max_size=2))
    reviews = draw(st.integers(0, 500))
    data = dict(
        name=draw(_short), headline=draw(_text), description=draw(_text),
        city=draw(st.one_of(st.none(), _short)),
        country=draw(st.sampled_from([None, "DE", "FR"])),
        skills=[{"name": s, "years": draw(st.one_of(st.none(), st.floats(0, 60))),
                 "level": draw(st.sampled_from([None, "beginner", "expert"]))} for s in skills],
        languages=draw(st.sampled_from([[], [{"code": "en", "level": "basic"}],
                                        [{"code": "de", "level": "native"},
                                         {"code": "en", "level": "fluent"}]])),
        remote=draw(st.sampled_from(["remote", "onsite", "hybrid"])),
        daily_rate=draw(st.one_of(st.none(), st.floats(0.01, 100_000), st.integers(1, 9999))),
        currency=draw(st.sampled_from(["EUR", "GBP"])),
        years_experience=draw(st.floats(0, 60)),
        seniority=draw(st.sampled_from([None, "junior", "senior"])),
        availability={"status": draw(st.sampled_from(["available", "unavailable"])),
                      "available_from": draw(st.sampled_from([None, "2026-12-24"]))},
        reviews={"count": reviews,
                 "mean_rating": draw(st.floats(1, 5)) if reviews else None},
        completed_missions=draw(st.integers(0, 10**6)),
        super_status=draw(st.booleans()),
        sanctions=[{"kind": kind, "start": (NOW - timedelta(days=d)).isoformat(),
                    "end": (NOW + timedelta(days=d - 5)).isoformat()}
                   for d, kind in enumerate(sanction_kinds, start=3)],
    )
    try:
        return make_profile(pid, **data)
    except pydantic.ValidationError:  # e.g. a name of whitespace by pydantic's definition
        assume(False)
        raise


_signals = st.lists(st.tuples(st.sampled_from(list(SignalName)),
                              st.sampled_from([0.0, 0.0625, 0.125]) | st.floats(0, 1)),
                    unique_by=lambda s: s[0])


@st.composite
def _results(draw: Any) -> tuple[Brief, RankingResult]:
    profiles = [draw(_profiles(f"p{i}")) for i in range(draw(st.integers(0, 4)))]
    names = [s.name for p in profiles for s in p.skills] + ["Python"]
    must = draw(st.lists(st.sampled_from(names) | _short, max_size=3))
    nice = draw(st.lists(st.sampled_from(names), max_size=2))
    try:
        brief = Brief(
            title="T", must_have_skills=must, nice_to_have_skills=nice,
            languages=draw(st.sampled_from([[], [{"code": "en", "min_level": "fluent"}]])),
            max_daily_rate=draw(st.one_of(st.none(), st.floats(1, 5000))),
            currency=draw(st.sampled_from(["EUR", "GBP"])),
        )
    except pydantic.ValidationError:  # a skill listed twice
        assume(False)
        raise
    results = [
        RankedProfile(profile_id=p.id, rank=i, score=0.5, admitted_by=[], explanation="x",
                      signals=[SignalContribution(name=n, value=c, weight=1.0, contribution=c)
                               for n, c in draw(_signals)],
                      hints=[], new_profile_slot=draw(st.booleans()), profile=p,
                      policy_version="p", config_version="c")
        for i, p in enumerate(profiles, start=1)
    ]
    as_of = draw(st.datetimes(datetime(2026, 10, 1), datetime(2027, 1, 1), timezones=_zones))
    return brief, RankingResult(results=results, as_of=as_of, policy_version="p",
                                config_version="c",
                                total_eligible_candidates=draw(st.none() | st.integers(0, 10**7)))


@given(case=_results())
@settings(max_examples=300, derandomize=True, deadline=None)
def test_the_writer_writes_the_models_json(case: tuple[Brief, RankingResult]) -> None:
    brief, result = case
    assert search_response_json(brief, RecordRanking.of(result)) == _reference(brief, result)


def test_public_fields_are_in_the_models_order() -> None:
    p = make_profile("x")
    assert list(public_fields(p)) == list(ProfilePublic.model_fields)
    assert ProfilePublic.of(p) == ProfilePublic(**public_fields(p))
