"""The fast path ranks exactly as the straightforward one.

* Features computed from a :class:`~ranking.profileview.ProfileView` equal, value for value,
  those of the reference below: the feature code as it was before views existed (computed
  from the full decoded profile with the same pure signal functions), kept here verbatim.
* A ranker over :class:`~ranking.profilecache.CachedProfiles` (views cached, full profiles
  fetched for the returned results only) returns exactly what a ranker over the bare backend
  returns — order, scores, signals, explanations, hints — on a cold cache, a warm cache, and
  after profiles were re-indexed through the wrapper.
"""

from __future__ import annotations

import gc
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from indexer.backends.protocol import IndexedProfile
from indexer.backends.reference import haversine_km
from indexer.embedding.hashing import HashingEmbedder
from indexer.pipeline import Indexer
from indexer.profile.enums import RemoteMode, SanctionKind
from indexer.settings import IndexerSettings
from ranking import Brief, EligibilityPolicy, Ranker, RankingConfig, SearchMode
from ranking.features import Features, QueryContext, compute_features
from ranking.profilecache import CachedProfiles
from ranking.profileview import ProfileView
from ranking.signals import SignalName
from ranking.signals.activity import activity_recency
from ranking.signals.availability import availability_fit
from ranking.signals.completeness import completeness_fit
from ranking.signals.languages import language_fit
from ranking.signals.location import distance_decay, location_fit, place_fit_without_coordinates
from ranking.signals.quality import quality
from ranking.signals.rate import rate_fit
from ranking.signals.responsiveness import responsiveness
from ranking.signals.sector import sector_fit
from ranking.signals.semantic import semantic_fit
from ranking.signals.seniority import seniority_fit
from ranking.signals.skills import skill_coverage, skill_match
from ranking.signals.super_status import super_status
from ranking.signals.title_match import title_match
from ranking.skillmatch import SkillMatch
from tests.factories import NOW
from tests.ranking.population import TinyVocabulary, build_index, population
from tests.ranking.test_ranker_properties import as_ofs, briefs

pytestmark = pytest.mark.unit

DIM = 32

# ---------------------------------------------------------------- the reference (verbatim)

def _ref_skill_matches(ctx: QueryContext, doc: IndexedProfile) -> tuple[SkillMatch, ...]:
    if not ctx.skills:
        return ()
    names = {ctx.canonical(s.name): s.name for s in doc.profile.skills}
    keys = set(names)
    credit = ctx.config.skills.related_credit
    out = []
    for asked in ctx.skills:
        exact = asked.key in keys
        value = skill_match(asked.related, exact, keys, credit)
        via = None
        if not exact and value > 0:
            best = max((k for k in keys if k in asked.related), key=lambda k: (asked.related[k], k))
            via = names[best]
        out.append(SkillMatch(asked=asked, value=value, via=via))
    return tuple(out)


def _ref_location(ctx: QueryContext, doc: IndexedProfile) -> tuple[float | None, float | None]:
    loc = ctx.brief.location
    if loc is None:
        return None, None
    p = doc.profile
    params = ctx.config.signals
    distance = None
    if loc.lat is not None and loc.lon is not None and p.coordinates is not None:
        distance = haversine_km(loc.lat, loc.lon, p.coordinates.lat, p.coordinates.lon)
        place = distance_decay(distance, loc.radius_km, params.location_decay_km)
    else:
        same_city = (
            None
            if p.city is None or loc.city is None
            else p.city.strip().lower() == loc.city.strip().lower()
        )
        same_country = (
            None if p.country is None or loc.country is None else p.country == loc.country
        )
        place = place_fit_without_coordinates(
            same_city,
            same_country,
            params.location_same_country,
            params.location_elsewhere,
            params.location_unknown,
        )
    if loc.remote is None and not (loc.has_coordinates or loc.city or loc.country):
        return None, distance
    mode = loc.remote if loc.remote is not None else RemoteMode.ONSITE
    return location_fit(mode, p.remote, place), distance


def reference_features(ctx: QueryContext, doc: IndexedProfile) -> Features:
    """Every signal for one profile (see each module under :mod:`ranking.signals`)."""
    p = doc.profile
    b = ctx.brief
    cfg = ctx.config
    params = cfg.signals
    as_of = ctx.as_of
    sanctions = {s.kind for s in p.active_sanctions(as_of)}

    cos = float(np.dot(ctx.query_vector, doc.vector))
    matches = _ref_skill_matches(ctx, doc)
    skills_value = None
    if matches:
        skills_value = skill_coverage(
            [m.value for m in matches if m.asked.must_have],
            [m.value for m in matches if not m.asked.must_have],
            cfg.skills.must_have_weight,
            cfg.skills.nice_to_have_weight,
        )

    languages_value = None
    if b.languages:
        levels = {lang.code: lang.level.rank for lang in p.languages}
        languages_value = language_fit(
            [(req.min_level.rank, levels.get(req.code)) for req in b.languages],
            params.language_partial,
        )

    location_value, distance = _ref_location(ctx, doc)

    rate_eur = None
    if p.daily_rate is not None and p.currency in cfg.fx:
        rate_eur = cfg.to_eur(p.daily_rate, p.currency)
    rate_value = None
    if ctx.budget_eur is not None:
        rate_value = rate_fit(rate_eur, ctx.budget_eur, params.rate_tolerance, params.rate_unknown)

    av = p.availability
    availability_value = availability_fit(
        av.status,
        av.available_from,
        av.confirmed_at,
        ctx.start,
        as_of,
        decay_days=params.availability_decay_days,
        partial=params.availability_partial,
        fresh_days=params.availability_fresh_days,
        stale=params.availability_stale,
    )

    seniority_value = (
        seniority_fit(p.effective_seniority.rank, b.seniority.rank) if b.seniority else None
    )
    sector_value = sector_fit(b.sector, p.sectors) if b.sector else None

    reviews_removed = SanctionKind.REVIEWS_REMOVAL in sanctions
    quality_value = quality(
        0 if reviews_removed else p.reviews.count,
        None if reviews_removed else p.reviews.mean_rating,
        0 if reviews_removed else p.recommendations,
        prior_mean=params.review_prior_mean,
        prior_count=params.review_prior_count,
        rec_scale=params.recommendation_scale,
        rec_share=params.recommendation_share,
    )
    values: dict[SignalName, float | None] = {
        SignalName.SEMANTIC: semantic_fit(cos),
        SignalName.TITLE: title_match(b.title, p.headline),
        SignalName.SKILLS: skills_value,
        SignalName.LANGUAGES: languages_value,
        SignalName.LOCATION: location_value,
        SignalName.RATE: rate_value,
        SignalName.AVAILABILITY: availability_value,
        SignalName.SENIORITY: seniority_value,
        SignalName.SECTOR: sector_value,
        SignalName.COMPLETENESS: completeness_fit(doc.completeness.score),
        SignalName.ACTIVITY: activity_recency(
            p.last_login_at, ctx.window_start(p.profile_type), as_of
        ),
        SignalName.QUALITY: quality_value,
        SignalName.RESPONSIVENESS: responsiveness(
            p.responsiveness.answered_within_24h,
            p.responsiveness.median_first_response_minutes,
            half_minutes=params.response_half_minutes,
            share_weight=params.response_share_weight,
            unknown=params.response_unknown,
        ),
        SignalName.SUPER_STATUS: super_status(
            p.super_status, SanctionKind.SUPER_STATUS_LOSS in sanctions
        ),
    }
    age_days = (as_of - p.created_at).total_seconds() / 86400.0
    is_new = 0 <= age_days <= cfg.exposure.new_profile_days
    return Features(values, matches, distance, rate_eur, is_new)


# ---------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    profiles = population(250, seed=5)
    backend = build_index(tmp_path_factory.mktemp("fastpath"), profiles)
    yield profiles, backend
    backend.close()


def _briefs() -> list[Brief]:
    return [
        Brief(title="Java backend developer", must_have_skills=("Java",),
              nice_to_have_skills=("Kotlin", "SQL"), max_daily_rate=700, currency="GBP",
              languages=[{"code": "de", "min_level": "professional"}],
              location={"city": "Berlin", "country": "DE", "lat": 52.5, "lon": 13.4,
                        "radius_km": 50, "remote": "onsite"},
              seniority="senior", sector="fintech", start_date=NOW.date() + timedelta(days=9)),
        Brief(title="Python data engineer", must_have_skills=("Python", "Django"),
              location={"city": "Paris", "remote": "hybrid"}, mode=SearchMode.CURATED),
        Brief(title="UX designer", nice_to_have_skills=("Figma",),
              location={"country": "FR"}, languages=[{"code": "fr", "min_level": "native"}]),
        Brief(title="SEO consultant"),
    ]


def _assert_same_features(a: Features, b: Features) -> None:
    for name, value in b.values.items():  # every signal of the reference
        assert a.values[name] == value, name
    assert a.skill_matches == b.skill_matches
    assert (a.distance_km, a.rate_eur, a.is_new) == (b.distance_km, b.rate_eur, b.is_new)


def test_view_features_equal_the_reference(world) -> None:
    profiles, backend = world
    docs = backend.get([p.id for p in profiles])
    assert len(docs) == len(profiles)
    config, policy, vocabulary = RankingConfig.default(), EligibilityPolicy.default(), TinyVocabulary()
    rng = np.random.default_rng(3)
    checked = 0
    for brief in _briefs():
        for as_of in (NOW, NOW + timedelta(days=40), NOW - timedelta(days=200)):
            q = rng.standard_normal(DIM).astype(np.float32)
            q /= np.linalg.norm(q)
            ctx = QueryContext.build(brief, config, policy, vocabulary, as_of, q)
            ref_ctx = QueryContext.build(brief, config, policy, vocabulary, as_of, q)
            for doc in docs.values():
                _assert_same_features(compute_features(ctx, ProfileView.of(doc)),
                                      reference_features(ref_ctx, doc))
                checked += 1
    assert checked == 4 * 3 * len(profiles)


def test_cached_views_are_not_tracked_by_the_garbage_collector(world) -> None:
    """The point of views: thousands cached cost the collector nothing (sanctioned profiles,
    whose sanctions are models, excepted)."""
    profiles, backend = world
    cached = CachedProfiles(backend, 1000)
    cached.views([p.id for p in profiles])
    for _ in range(3):  # each collection untracks one more level of nested tuples
        gc.collect()
    rows = list(cached._data.values())
    assert len(rows) == len(profiles)
    untracked = [r for r in rows if not gc.is_tracked(r)]
    without_sanctions = [p for p in profiles if not p.sanctions]
    assert len(untracked) == len(without_sanctions) > 100


def _dump(result):
    return result.model_dump(mode="json")


@given(brief=briefs, as_of=as_ofs)
@settings(max_examples=30, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_cached_ranker_equals_the_plain_one(world, brief, as_of) -> None:
    _, backend = world
    plain = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    cached_backend = CachedProfiles(backend, 100)  # smaller than the candidates: evictions
    cached = Ranker(cached_backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    expected = _dump(plain.rank(brief, k=30, as_of=as_of))
    assert _dump(cached.rank(brief, k=30, as_of=as_of)) == expected  # cold
    assert _dump(cached.rank(brief, k=30, as_of=as_of)) == expected  # warm
    assert cached_backend.hits > 0 or not expected["results"]


def test_explain_is_the_same_with_cached_views(world) -> None:
    profiles, backend = world
    plain = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    cached = Ranker(CachedProfiles(backend, 1000), HashingEmbedder(DIM), vocabulary=TinyVocabulary())
    for brief in _briefs():
        cached.rank(brief, k=20, as_of=NOW)  # warm the views
        for p in profiles[:40]:
            assert _dump(cached.explain(brief, p.id, as_of=NOW)) == _dump(
                plain.explain(brief, p.id, as_of=NOW))


def test_writes_through_the_wrapper_are_seen(tmp_path: Path) -> None:
    profiles = population(120, seed=9)
    backend = build_index(tmp_path, profiles)
    try:
        cached_backend = CachedProfiles(backend, 1000)
        plain = Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
        cached = Ranker(cached_backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
        brief = Brief(title="Python data engineer", must_have_skills=("Python",),
                      max_daily_rate=600)
        before = cached.rank(brief, k=50, as_of=NOW)
        assert before.results
        # re-index the top result with a much higher rate, another one deleted
        top = before.results[0].profile
        changed = top.model_copy(update={"daily_rate": 5000.0})
        with Indexer(cached_backend, HashingEmbedder(DIM), IndexerSettings(data_dir=tmp_path),
                     use_cache=False) as ix:
            ix.index_profiles([changed], as_of=NOW, progress=False)
            ix.delete([before.results[1].profile_id])
        after = cached.rank(brief, k=50, as_of=NOW)
        assert _dump(after) == _dump(plain.rank(brief, k=50, as_of=NOW))
        assert before.results[1].profile_id not in {r.profile_id for r in after.results}
        moved = next(r for r in after.results if r.profile_id == top.id)
        assert moved.profile.daily_rate == 5000.0
        assert moved.score < before.results[0].score
    finally:
        backend.close()


class _Gauge:
    """Delegates to a backend and records how many lexical searches ran at once."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.now = 0
        self.peak = 0
        self.lock = threading.Lock()

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def lexical_search(self, text, k, filt=None):
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        try:
            time.sleep(0.01)
            return self.inner.lexical_search(text, k, filt)
        finally:
            with self.lock:
                self.now -= 1


@pytest.mark.parametrize("limit", [1, 2])
def test_max_concurrency_caps_rankings_running_at_once(world, limit: int) -> None:
    _, backend = world
    gauge = _Gauge(backend)
    ranker = Ranker(gauge, HashingEmbedder(DIM), vocabulary=TinyVocabulary(),
                    max_concurrency=limit)
    expected = _dump(Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary())
                     .rank(_briefs()[0], k=10, as_of=NOW))
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: ranker.rank(_briefs()[0], k=10, as_of=NOW), range(16)))
    assert all(_dump(r) == expected for r in results)
    assert gauge.peak == limit
    with pytest.raises(ValueError):
        Ranker(backend, HashingEmbedder(DIM), vocabulary=TinyVocabulary(), max_concurrency=0)
