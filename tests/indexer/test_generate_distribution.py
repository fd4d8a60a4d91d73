"""The generated population holds every special case ranking, eligibility and eval rely on."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from indexer.completeness import Component, completeness
from indexer.generate import DEFAULT_AS_OF, generate_profiles
from indexer.profile import AccountStatus, Profile, SanctionKind, TextLanguage

pytestmark = pytest.mark.unit

AS_OF = DEFAULT_AS_OF


@pytest.fixture(scope="module")
def population() -> list[Profile]:
    return list(generate_profiles(3000, seed=0))


def _share(population: list[Profile], pred) -> float:  # type: ignore[no-untyped-def]
    return sum(1 for p in population if pred(p)) / len(population)


def test_every_sanction_kind_occurs_expired_active_and_permanent(
    population: list[Profile],
) -> None:
    seen: Counter[tuple[SanctionKind, str]] = Counter()
    for p in population:
        for s in p.sanctions:
            state = (
                "permanent" if s.end is None else ("active" if s.active_at(AS_OF) else "expired")
            )
            seen[(s.kind, state)] += 1
    for kind in SanctionKind:
        if kind is not SanctionKind.PERMANENT_SUSPENSION:
            assert seen[(kind, "active")] >= 3, kind
            assert seen[(kind, "expired")] >= 3, kind
    assert seen[(SanctionKind.PERMANENT_SUSPENSION, "permanent")] >= 3
    assert (
        sum(n for (k, st), n in seen.items() if st == "permanent" and k != "permanent_suspension")
        >= 3
    )
    assert 0.04 <= _share(population, lambda p: bool(p.sanctions)) <= 0.12


def test_account_states_occur(population: list[Profile]) -> None:
    statuses = Counter(p.account_status for p in population)
    assert statuses[AccountStatus.DELETED] >= 20
    assert statuses[AccountStatus.SUSPENDED] >= 3
    assert statuses[AccountStatus.ACTIVE] / len(population) >= 0.85
    assert 0.02 <= _share(population, lambda p: not p.published) <= 0.1


def test_away_periods_around_as_of_and_no_weekends(population: list[Profile]) -> None:
    assert _share(population, lambda p: p.away_at(AS_OF)) >= 0.01
    assert any(any(a.start > AS_OF for a in p.schedule.away) for p in population)
    assert any(any(a.end <= AS_OF for a in p.schedule.away) for p in population)
    assert 0.05 <= _share(population, lambda p: p.schedule.no_weekends) <= 0.2


def test_profile_types_include_the_policys_rare_ones(population: list[Profile]) -> None:
    types = Counter(p.profile_type for p in population)
    assert types["standard"] / len(population) >= 0.9
    for rare in ("sap-consultant", "mainframe", "actuary", "interim-executive"):
        assert types[rare] >= 5, rare
    # Rare profiles whose last login is outside the 12-month curated window exist, so
    # window extensions per profile type have something to extend.
    old = [
        p
        for p in population
        if p.profile_type != "standard" and p.last_login_at < AS_OF - timedelta(days=365)
    ]
    assert len(old) >= 10
    assert all(p.last_login_at >= AS_OF - timedelta(days=731) for p in old)


def test_every_text_language_and_domain_occurs(population: list[Profile]) -> None:
    langs = Counter(p.text_language for p in population)
    for lang in TextLanguage:
        assert langs[lang] / len(population) >= 0.08, lang
    domains = Counter(p.categories[0] for p in population)
    assert set(domains) == {"software", "data", "design", "marketing", "finance", "consulting"}
    assert min(domains.values()) >= 0.05 * len(population)


def test_currencies_and_countries(population: list[Profile]) -> None:
    currencies = Counter(p.currency for p in population)
    assert currencies["EUR"] / len(population) >= 0.8
    assert currencies["CHF"] >= 20 and currencies["GBP"] >= 20
    assert len({p.country for p in population}) >= 12
    assert _share(population, lambda p: p.daily_rate is None) >= 0.02


def test_completeness_ranges_from_rich_to_sparse(population: list[Profile]) -> None:
    rich = _share(
        population,
        lambda p: (
            len(p.description.split()) >= 200
            and len(p.skills) >= 7
            and p.has_photo
            and bool(p.portfolio)
        ),
    )
    sparse = _share(population, lambda p: len(p.description.split()) <= 80 and len(p.skills) <= 4)
    assert rich >= 0.12
    assert sparse >= 0.1
    assert _share(population, lambda p: not p.has_photo) >= 0.1
    assert _share(population, lambda p: not p.languages) >= 0.02
    assert _share(population, lambda p: bool(p.certifications)) >= 0.1
    assert _share(population, lambda p: p.availability.confirmed_at is None) >= 0.05
    assert (
        _share(
            population,
            lambda p: (
                p.availability.confirmed_at is not None
                and p.availability.confirmed_at >= AS_OF - timedelta(days=7)
            ),
        )
        >= 0.1
    )


def test_reviews_spread_for_a_bayesian_average(population: list[Profile]) -> None:
    single_fives = [p for p in population if p.reviews.count == 1 and p.reviews.mean_rating == 5.0]
    many = [p for p in population if p.reviews.count >= 20]
    assert len(single_fives) >= 10
    assert len(many) >= 20
    assert any((p.reviews.mean_rating or 5) < 4.0 for p in many + single_fives)
    assert _share(population, lambda p: p.reviews.count == 0) >= 0.1
    assert _share(population, lambda p: p.super_status) >= 0.02
    assert _share(population, lambda p: p.recommendations > 0) >= 0.2


def test_responsiveness_varies(population: list[Profile]) -> None:
    measured = [
        p.responsiveness for p in population if p.responsiveness.answered_within_24h is not None
    ]
    assert len(measured) < len(population)  # some have no requests yet
    shares = [r.answered_within_24h for r in measured]
    minutes = [r.median_first_response_minutes for r in measured]
    assert min(shares) < 0.5 < max(shares)  # type: ignore[operator]
    assert min(minutes) < 30 and max(minutes) > 24 * 60  # type: ignore[operator]


def test_recent_joiners_and_availability_statuses(population: list[Profile]) -> None:
    assert _share(population, lambda p: p.created_at >= AS_OF - timedelta(days=45)) >= 0.03
    statuses = Counter(p.availability.status for p in population)
    assert len(statuses) == 3
    future = [
        p
        for p in population
        if p.availability.available_from and p.availability.available_from > AS_OF.date()
    ]
    assert len(future) >= 0.1 * len(population)


def test_skill_names_are_sometimes_localised_or_respelled(population: list[Profile]) -> None:
    names = Counter(s.name for p in population for s in p.skills)
    assert (
        names["Projektmanagement"] + names["Gestion de projet"] + names["Gestión de proyectos"] > 0
    )
    assert names["K8s"] + names["JS"] + names["Postgres"] + names["Golang"] > 0


def test_completeness_scores_span_the_range(population: list[Profile]) -> None:
    scores = sorted(completeness(p, AS_OF).score for p in population)
    assert sum(s >= 0.95 for s in scores) >= 0.03 * len(scores)
    assert sum(s < 0.5 for s in scores) >= 0.03 * len(scores)
    missing = {m for p in population for m in completeness(p, AS_OF).missing}
    assert missing == {c.value for c in Component}
