"""The sample-profile generator: determinism, validity and per-profile consistency."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.errors import InvalidInputError
from indexer.generate import CHUNK_SIZE, DEFAULT_AS_OF, generate_profiles
from indexer.generate.cities import CITIES
from indexer.generate.focus import ROLE_FOCUS
from indexer.generate.roles import ROLES, Domain
from indexer.profile import Profile, Seniority
from indexer.vocabulary import SkillVocabulary

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def profiles() -> list[Profile]:
    return list(generate_profiles(2500, seed=7))


def _dump(profiles: list[Profile]) -> list[str]:
    return [p.model_dump_json() for p in profiles]


def test_same_seed_same_profiles() -> None:
    assert _dump(list(generate_profiles(300, seed=5))) == _dump(
        list(generate_profiles(300, seed=5))
    )


def test_different_seed_different_profiles() -> None:
    a = _dump(list(generate_profiles(100, seed=1)))
    b = _dump(list(generate_profiles(100, seed=2)))
    assert sum(x != y for x, y in zip(a, b, strict=True)) >= 95


def test_smaller_run_is_a_prefix_of_a_larger_one() -> None:
    n = CHUNK_SIZE + 10  # crosses a chunk boundary
    large = _dump(list(generate_profiles(n + 500, seed=3)))
    assert _dump(list(generate_profiles(n, seed=3))) == large[:n]


def test_as_of_defaults_to_the_fixed_constant_not_the_clock() -> None:
    assert datetime(2026, 11, 1, tzinfo=UTC) == DEFAULT_AS_OF
    default = _dump(list(generate_profiles(50, seed=9)))
    assert default == _dump(list(generate_profiles(50, seed=9, as_of=DEFAULT_AS_OF)))
    later = list(generate_profiles(50, seed=9, as_of=DEFAULT_AS_OF + timedelta(days=30)))
    assert _dump(later) != default
    assert max(p.last_login_at for p in later) > DEFAULT_AS_OF


def test_count_zero_yields_nothing() -> None:
    assert list(generate_profiles(0)) == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"count": -1}, "count"),
        ({"count": 10, "seed": -3}, "seed"),
        ({"count": 10, "as_of": datetime(2026, 1, 1)}, "as_of"),  # naive
    ],
)
def test_bad_arguments_are_rejected_naming_the_argument(kwargs: dict, field: str) -> None:
    count = kwargs.pop("count")
    with pytest.raises(InvalidInputError) as err:
        list(generate_profiles(count, **kwargs))
    assert err.value.fields == [field]


def test_every_profile_revalidates_from_its_json(profiles: list[Profile]) -> None:
    for p in profiles:
        assert Profile.model_validate_json(p.model_dump_json()) == p


def test_ids_are_unique_and_positional(profiles: list[Profile]) -> None:
    assert [p.id for p in profiles] == [f"fl{i:07d}" for i in range(len(profiles))]


def test_timeline_is_consistent(profiles: list[Profile]) -> None:
    as_of = DEFAULT_AS_OF
    for p in profiles:
        assert p.created_at <= p.last_login_at <= as_of
        assert p.last_login_at >= as_of - timedelta(days=731)
        if p.availability.confirmed_at is not None:
            assert p.created_at - timedelta(days=61) <= p.availability.confirmed_at <= as_of
        for s in p.sanctions:
            assert s.start >= p.created_at
            assert s.start <= as_of


def test_experience_seniority_and_skills_agree(profiles: list[Profile]) -> None:
    for p in profiles:
        if p.seniority is not None:
            assert p.seniority == Seniority.from_years(p.years_experience)
        assert p.skills, p.id
        for s in p.skills:
            if s.years is not None:
                assert 0 < s.years <= p.years_experience


def test_location_is_a_known_city_with_nearby_coordinates(profiles: list[Profile]) -> None:
    by_name = {c.name: c for c in CITIES}
    located = [p for p in profiles if p.city is not None]
    assert len(located) >= 0.95 * len(profiles)
    for p in profiles:
        if p.city is None:
            assert p.country is None and p.coordinates is None
            continue
        city = by_name[p.city]
        assert p.country == city.country
        assert p.coordinates is not None
        assert abs(p.coordinates.lat - city.lat) <= 0.1
        assert abs(p.coordinates.lon - city.lon) <= 0.15


def test_languages_include_a_native_one_and_the_text_language(profiles: list[Profile]) -> None:
    for p in profiles:
        if not p.languages or p.city is None:
            continue
        levels = {lang.code: lang.level for lang in p.languages}
        assert "native" in levels.values()
        assert p.text_language.value in levels
        city = next(c for c in CITIES if c.name == p.city)
        local = {code for code, _ in city.languages}
        assert local & set(levels), (p.id, p.city, levels)


def test_rates_are_plausible_for_currency_and_seniority(profiles: list[Profile]) -> None:
    for p in profiles:
        assert p.currency in {"EUR", "CHF", "GBP"}
        if p.daily_rate is not None:
            assert 100 <= p.daily_rate <= 4000, (p.id, p.daily_rate)
    eur = [p for p in profiles if p.currency == "EUR" and p.daily_rate and p.country == "FR"]

    def median(level: Seniority) -> float:
        rates = sorted(p.daily_rate for p in eur if p.effective_seniority == level)  # type: ignore[misc]
        return rates[len(rates) // 2]

    assert median(Seniority.JUNIOR) < median(Seniority.MID) < median(Seniority.SENIOR)


def test_skills_come_from_the_role_and_the_vocabulary_knows_them(profiles: list[Profile]) -> None:
    vocab = SkillVocabulary.default()
    roles = {r.key: r for r in ROLES}
    for p in profiles:
        domain, role_key = p.categories
        role = roles[role_key]
        assert role.domain == Domain(domain)
        allowed = {vocab.canonical(s) for s in (*role.core, *role.pool)}
        for s in p.skills:
            assert vocab.known(s.name), s.name
            assert vocab.canonical(s.name) in allowed, (p.id, s.name, role_key)


def test_reviews_and_super_status_are_consistent(profiles: list[Profile]) -> None:
    for p in profiles:
        assert p.reviews.count <= max(p.completed_missions, 1)
        if p.super_status:
            assert p.reviews.count >= 5 and (p.reviews.mean_rating or 0) >= 4.6
            assert not any(
                s.kind == "super_status_loss" and s.active_at(DEFAULT_AS_OF) for s in p.sanctions
            )
        if any(s.kind == "reviews_removal" for s in p.sanctions):
            assert p.reviews.count == 0


_STOP_WORDS = {
    "en": {"i", "and", "the", "with", "my", "of", "for", "to", "in"},
    "de": {"ich", "und", "mit", "die", "der", "in", "für", "von", "mein"},
    "fr": {"je", "et", "de", "les", "des", "avec", "pour", "mes", "le", "la"},
    "es": {"y", "de", "con", "los", "las", "mis", "en", "el", "para", "soy"},
}


def _guess_language(text: str) -> str:
    words = [w.strip(".,;:!?()").lower() for w in text.split()]
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOP_WORDS.items()}
    return max(scores, key=lambda lang: scores[lang])


def test_descriptions_are_written_in_the_text_language(profiles: list[Profile]) -> None:
    wrong = [p.id for p in profiles if _guess_language(p.description) != p.text_language.value]
    assert len(wrong) <= len(profiles) * 0.01, wrong[:10]


def test_descriptions_have_the_intended_lengths(profiles: list[Profile]) -> None:
    words = [len(p.description.split()) for p in profiles]
    assert min(words) >= 38 and max(words) <= 400
    assert sum(w >= 200 for w in words) >= 0.15 * len(words)
    assert sum(w <= 80 for w in words) >= 0.1 * len(words)


def test_headline_mentions_the_role_title(profiles: list[Profile]) -> None:
    roles = {r.key: r for r in ROLES}
    for p in profiles:
        if p.headline:
            assert roles[p.categories[1]].titles[p.text_language.value] in p.headline


def test_login_recency_is_skewed_recent_but_spread_over_two_years(
    profiles: list[Profile],
) -> None:
    days = sorted((DEFAULT_AS_OF - p.last_login_at).total_seconds() / 86400 for p in profiles)
    median = days[len(days) // 2]
    assert median < 90
    assert sum(d > 365 for d in days) >= 0.05 * len(days)
    assert math.ceil(days[-1]) >= 600


def test_every_role_has_titles_and_a_specialty_in_every_text_language() -> None:
    assert {r.key for r in ROLES} == set(ROLE_FOCUS)
    for role in ROLES:
        assert set(role.titles) == set(ROLE_FOCUS[role.key]) == {"en", "de", "fr", "es"}


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**64),
    as_of=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
)
def test_any_seed_and_as_of_give_valid_consistent_profiles(seed: int, as_of: datetime) -> None:
    for p in generate_profiles(40, seed=seed, as_of=as_of):
        assert p.created_at <= p.last_login_at <= as_of
        assert all(s.start <= as_of for s in p.sanctions)
        assert Profile.model_validate_json(p.model_dump_json()) == p
