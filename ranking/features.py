"""From a brief and one indexed profile to the values of every signal.

:class:`QueryContext` holds what is computed once per query (canonical skills, budget in EUR,
start date, the query vector, window starts); :func:`compute_features` then calls the pure
signal functions for one profile, read from its :class:`~ranking.profileview.ProfileView`
(the fields scoring needs; views of the candidates can be cached, full profiles are only
needed for the results returned). A signal that the brief gives no criterion for (no
languages asked, no budget, ...) is *not applicable*: its value is ``None`` and it takes no
part in the score.

The ranker computes the base signals of all the candidates of a query together
(:func:`ranking.batch.base_batch`, the signals' array forms); :func:`base_features` is the
per-profile form, equal value for value, and the oracle of the batch form in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np

from indexer.backends.protocol import Vector
from indexer.backends.reference import haversine_km
from indexer.profile.enums import RemoteMode, SanctionKind
from ranking.brief import Brief
from ranking.config import RankingConfig
from ranking.policy import EligibilityPolicy
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
from ranking.skillmatch import AskedSkill, CanonicalCache, SkillMatch, SkillRelations, asked_skills


@dataclass(slots=True)
class QueryContext:
    """Everything about one query that does not depend on the profile."""

    brief: Brief
    config: RankingConfig
    policy: EligibilityPolicy
    as_of: datetime
    query_vector: Vector
    skills: tuple[AskedSkill, ...]
    canonical: CanonicalCache
    budget_eur: float | None
    start: date
    _window_starts: dict[str, datetime] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        brief: Brief,
        config: RankingConfig,
        policy: EligibilityPolicy,
        vocabulary: SkillRelations,
        as_of: datetime,
        query_vector: Vector,
    ) -> QueryContext:
        budget = (
            config.to_eur(brief.max_daily_rate, brief.currency)
            if brief.max_daily_rate is not None
            else None
        )
        return cls(
            brief=brief,
            config=config,
            policy=policy,
            as_of=as_of,
            query_vector=query_vector,
            skills=asked_skills(brief.must_have_skills, brief.nice_to_have_skills, vocabulary),
            canonical=CanonicalCache(vocabulary),
            budget_eur=budget,
            start=brief.start_date or as_of.date(),
        )

    def window_start(self, profile_type: str) -> datetime:
        start = self._window_starts.get(profile_type)
        if start is None:
            start = self.policy.window_start(self.brief.mode, profile_type, self.as_of)
            self._window_starts[profile_type] = start
        return start


@dataclass(frozen=True, slots=True)
class Features:
    """Signal values (``None``: not applicable) and the details explanations quote."""

    values: dict[SignalName, float | None]
    skill_matches: tuple[SkillMatch, ...]
    distance_km: float | None
    rate_eur: float | None
    is_new: bool


def _skill_matches(ctx: QueryContext, p: ProfileView) -> tuple[SkillMatch, ...]:
    if not ctx.skills:
        return ()
    names = {ctx.canonical(name): name for name in p.skill_names}
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


def _location(ctx: QueryContext, p: ProfileView) -> tuple[float | None, float | None]:
    loc = ctx.brief.location
    if loc is None:
        return None, None
    params = ctx.config.signals
    distance = None
    if loc.lat is not None and loc.lon is not None and p.coordinates is not None:
        distance = haversine_km(loc.lat, loc.lon, p.coordinates[0], p.coordinates[1])
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


#: The signals :func:`base_features` leaves open (the text comparisons, the costliest ones);
#: :func:`with_text_features` fills them in. Both are in [0, 1].
TEXT_SIGNALS: tuple[SignalName, ...] = (SignalName.TITLE, SignalName.SKILLS)


def compute_features(ctx: QueryContext, p: ProfileView) -> Features:
    """Every signal for one profile (see each module under :mod:`ranking.signals`)."""
    return with_text_features(ctx, p, base_features(ctx, p))


def text_signals_applicable(ctx: QueryContext) -> tuple[SignalName, ...]:
    """The :data:`TEXT_SIGNALS` that take part in this query's scores (title always;
    skills when the brief asks for any): they depend on the brief alone."""
    return (SignalName.TITLE, SignalName.SKILLS) if ctx.skills else (SignalName.TITLE,)


def with_text_features(ctx: QueryContext, p: ProfileView, base: Features) -> Features:
    """``base`` with the title and skill signals computed (see :func:`base_features`)."""
    cfg = ctx.config
    matches = _skill_matches(ctx, p)
    skills_value = None
    if matches:
        skills_value = skill_coverage(
            [m.value for m in matches if m.asked.must_have],
            [m.value for m in matches if not m.asked.must_have],
            cfg.skills.must_have_weight,
            cfg.skills.nice_to_have_weight,
        )
    values = dict(base.values)
    values[SignalName.TITLE] = title_match(ctx.brief.title, p.headline)
    values[SignalName.SKILLS] = skills_value
    return Features(values, matches, base.distance_km, base.rate_eur, base.is_new)


def with_title(ctx: QueryContext, p: ProfileView, base: Features) -> Features:
    """``base`` (which holds the skill signal already, if the brief asks for skills:
    :func:`ranking.skillbatch.skill_values`) with the title signal computed; no skill
    matches yet (:func:`with_skill_matches` adds them to the results returned)."""
    values = dict(base.values)
    values[SignalName.TITLE] = title_match(ctx.brief.title, p.headline)
    return Features(values, (), base.distance_km, base.rate_eur, base.is_new)


def with_skill_matches(ctx: QueryContext, p: ProfileView, features: Features) -> Features:
    """``features`` with the per-skill matches that explanations quote (as
    :func:`with_text_features` finds them; the values are left as they are)."""
    if features.skill_matches or not ctx.skills:
        return features
    return Features(features.values, _skill_matches(ctx, p), features.distance_km,
                    features.rate_eur, features.is_new)


_NO_KINDS: frozenset[SanctionKind] = frozenset()


def base_features(ctx: QueryContext, p: ProfileView) -> Features:
    """Every signal but the :data:`TEXT_SIGNALS` (left ``None``, no skill matches yet): what
    an upper bound of the score needs (:mod:`ranking.pruning`)."""
    b = ctx.brief
    cfg = ctx.config
    params = cfg.signals
    as_of = ctx.as_of
    sanctions = {s.kind for s in p.active_sanctions(as_of)} if p.sanctions else _NO_KINDS

    cos = float(np.dot(ctx.query_vector, p.vector))

    languages_value = None
    if b.languages:
        levels = dict(p.languages)
        languages_value = language_fit(
            [(req.min_level.rank, levels.get(req.code)) for req in b.languages],
            params.language_partial,
        )

    location_value, distance = _location(ctx, p)

    rate_eur = None
    if p.daily_rate is not None and p.currency in cfg.fx:
        rate_eur = cfg.to_eur(p.daily_rate, p.currency)
    rate_value = None
    if ctx.budget_eur is not None:
        rate_value = rate_fit(rate_eur, ctx.budget_eur, params.rate_tolerance, params.rate_unknown)

    availability_value = availability_fit(
        p.availability_status,
        p.available_from,
        p.availability_confirmed_at,
        ctx.start,
        as_of,
        decay_days=params.availability_decay_days,
        partial=params.availability_partial,
        fresh_days=params.availability_fresh_days,
        stale=params.availability_stale,
    )

    seniority_value = (
        seniority_fit(p.seniority_rank, b.seniority.rank) if b.seniority else None
    )
    sector_value = sector_fit(b.sector, p.sectors) if b.sector else None

    reviews_removed = SanctionKind.REVIEWS_REMOVAL in sanctions
    quality_value = quality(
        0 if reviews_removed else p.review_count,
        None if reviews_removed else p.review_mean,
        0 if reviews_removed else p.recommendations,
        prior_mean=params.review_prior_mean,
        prior_count=params.review_prior_count,
        rec_scale=params.recommendation_scale,
        rec_share=params.recommendation_share,
    )
    values: dict[SignalName, float | None] = {
        SignalName.SEMANTIC: semantic_fit(cos),
        SignalName.TITLE: None,
        SignalName.SKILLS: None,
        SignalName.LANGUAGES: languages_value,
        SignalName.LOCATION: location_value,
        SignalName.RATE: rate_value,
        SignalName.AVAILABILITY: availability_value,
        SignalName.SENIORITY: seniority_value,
        SignalName.SECTOR: sector_value,
        SignalName.COMPLETENESS: completeness_fit(p.completeness),
        SignalName.ACTIVITY: activity_recency(
            p.last_login_at, ctx.window_start(p.profile_type), as_of
        ),
        SignalName.QUALITY: quality_value,
        SignalName.RESPONSIVENESS: responsiveness(
            p.answered_within_24h,
            p.median_first_response_minutes,
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
    return Features(values, (), distance, rate_eur, is_new)
