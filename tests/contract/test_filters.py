"""Contract: every filter node and field kind agrees with the reference semantics.

The oracle is :func:`indexer.backends.reference.matches` evaluated profile by profile on the
seeded corpus; the backend must return exactly that set from ``count``, ``dense_search``
and ``lexical_search`` (the filter applied inside the search).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from indexer.backends.filters import (
    And,
    Filter,
    GeoWithin,
    IntervalActive,
    IntervalField,
    KeywordField,
    MatchAll,
    Not,
    Or,
    Range,
    RangeField,
    Terms,
)
from indexer.backends.reference import matches
from indexer.profile.enums import SanctionScope
from tests.contract.conftest import Corpus, vec
from tests.factories import NOW

ACTIVE = Terms(KeywordField.ACCOUNT_STATUS, "active")
DAY = timedelta(days=1)

FILTERS: dict[str, Filter] = {
    "match_all": MatchAll(),
    # keyword fields, single- and multi-valued, booleans, normalised values
    "id": Terms(KeywordField.ID, {"c001", "c017", "c299", "nope"}),
    "account_status": ACTIVE,
    "published_bool": Terms(KeywordField.PUBLISHED, True),
    "unpublished": Terms(KeywordField.PUBLISHED, "false"),
    "profile_type": Terms(KeywordField.PROFILE_TYPE, {"agency", "new-talent"}),
    "country": Terms(KeywordField.COUNTRY, "FR"),
    "city_lowercase": Terms(KeywordField.CITY, "berlin"),
    "city_unicode": Terms(KeywordField.CITY, "münchen"),
    "remote": Terms(KeywordField.REMOTE, {"remote", "hybrid"}),
    "skills_multi": Terms(KeywordField.SKILLS, {"python", "c++"}),
    "skills_spaces": Terms(KeywordField.SKILLS, "google ads"),
    "skills_case_sensitive_value": Terms(KeywordField.SKILLS, "Python"),
    "languages": Terms(KeywordField.LANGUAGES, "it"),
    "language_levels": Terms(KeywordField.LANGUAGE_LEVELS, "de>=4"),
    "seniority": Terms(KeywordField.SENIORITY, "mid"),
    "categories": Terms(KeywordField.CATEGORIES, {"data", "design"}),
    "sectors": Terms(KeywordField.SECTORS, "public_sector"),
    "currency": Terms(KeywordField.CURRENCY, "GBP"),
    "availability_status": Terms(KeywordField.AVAILABILITY_STATUS, "partially_available"),
    "no_weekends": Terms(KeywordField.NO_WEEKENDS, True),
    "super_status": Terms(KeywordField.SUPER_STATUS, False),
    "text_language": Terms(KeywordField.TEXT_LANGUAGE, {"de", "fr"}),
    "unknown_value": Terms(KeywordField.COUNTRY, "ZZ"),
    "empty_terms": Terms(KeywordField.SKILLS, []),
    # range fields: numbers, datetimes, dates; inclusive bounds; missing values
    "rate_lte": Range(RangeField.DAILY_RATE, lte=500),
    "rate_between_inclusive": Range(RangeField.DAILY_RATE, gte=400, lte=650.5),
    "rate_gte": Range(RangeField.DAILY_RATE, gte=800),
    "rate_unbounded": Range(RangeField.DAILY_RATE),
    "years": Range(RangeField.YEARS_EXPERIENCE, gte=3, lte=7.9),
    "last_login_recent": Range(RangeField.LAST_LOGIN_AT, gte=NOW - 180 * DAY),
    "last_login_old": Range(RangeField.LAST_LOGIN_AT, lte=NOW - 365 * DAY),
    "created_between": Range(RangeField.CREATED_AT, gte=NOW - 1000 * DAY, lte=NOW - 200 * DAY),
    "available_by_date": Range(RangeField.AVAILABLE_FROM, lte=NOW.date() + timedelta(days=14)),
    "available_after_date": Range(RangeField.AVAILABLE_FROM, gte=NOW.date()),
    "available_datetime": Range(RangeField.AVAILABLE_FROM, lte=NOW),
    "available_exact_day": Range(
        RangeField.AVAILABLE_FROM, gte=date(2026, 11, 1), lte=datetime(2026, 12, 31, tzinfo=NOW.tzinfo)
    ),
    # intervals
    "sanction_any_scope": IntervalActive(IntervalField.SANCTIONS, NOW),
    "sanction_all_scope": IntervalActive(IntervalField.SANCTIONS, NOW, frozenset({SanctionScope.ALL})),
    "sanction_curated_or_all": IntervalActive(
        IntervalField.SANCTIONS, NOW, frozenset({SanctionScope.CURATED, SanctionScope.ALL})
    ),
    "sanction_empty_scopes": IntervalActive(IntervalField.SANCTIONS, NOW, frozenset()),
    "sanction_past": IntervalActive(IntervalField.SANCTIONS, NOW - 300 * DAY),
    "away_now": IntervalActive(IntervalField.AWAY, NOW),
    "away_later": IntervalActive(IntervalField.AWAY, NOW + 10 * DAY),
    # geo
    "geo_berlin_50km": GeoWithin(52.52, 13.405, 50),
    "geo_paris_500km": GeoWithin(48.857, 2.352, 500),
    "geo_tiny": GeoWithin(40.417, -3.704, 1),
    # boolean structure
    "and": And(ACTIVE, Terms(KeywordField.PUBLISHED, True), Range(RangeField.DAILY_RATE, lte=800)),
    "or": Or(Terms(KeywordField.COUNTRY, "ES"), Terms(KeywordField.SKILLS, "figma")),
    "not": Not(Terms(KeywordField.COUNTRY, "DE")),
    "not_missing_range": Not(Range(RangeField.DAILY_RATE, gte=0)),
    "nested": And(
        ACTIVE,
        Not(IntervalActive(IntervalField.SANCTIONS, NOW, frozenset({SanctionScope.ALL}))),
        Or(
            Range(RangeField.LAST_LOGIN_AT, gte=NOW - 365 * DAY),
            And(Terms(KeywordField.PROFILE_TYPE, "agency"), Not(Terms(KeywordField.SUPER_STATUS, False))),
        ),
        Or(GeoWithin(48.857, 2.352, 800), Terms(KeywordField.REMOTE, "remote")),
    ),
    "empty_and": And(),
    "empty_or": Or(),
    "double_not": Not(Not(Terms(KeywordField.CURRENCY, "EUR"))),
}


def expected(corpus: Corpus, f: Filter) -> set[str]:
    return {pid for pid, v in corpus.values.items() if matches(f, v)}


@pytest.mark.parametrize("name", list(FILTERS))
def test_count_matches_reference(corpus: Corpus, name: str) -> None:
    f = FILTERS[name]
    assert corpus.backend.count(f) == len(expected(corpus, f))


@pytest.mark.parametrize("name", list(FILTERS))
def test_dense_search_filters_inside(corpus: Corpus, name: str) -> None:
    f = FILTERS[name]
    want = expected(corpus, f)
    n = len(corpus.profiles)
    hits = corpus.backend.dense_search(vec("filter-query", corpus.backend.dimension), n, f)
    assert {h.id for h in hits} == want
    # a small k still returns k hits whenever k documents pass
    hits = corpus.backend.dense_search(vec("filter-query", corpus.backend.dimension), 10, f)
    assert len(hits) == min(10, len(want))
    assert {h.id for h in hits} <= want


@pytest.mark.parametrize("name", list(FILTERS))
def test_lexical_search_filters_inside(corpus: Corpus, name: str) -> None:
    f = FILTERS[name]
    # every corpus profile has at least one of these terms in one of its languages
    text = "python developer entwickler développeur desarrollador designer graphiste marketing"
    want = expected(corpus, f)
    n = len(corpus.profiles)
    hits = corpus.backend.lexical_search(text, n, f)
    got = {h.id for h in hits}
    assert got <= want
    # without a filter the query matches most of the corpus; with it, exactly the matching part
    unfiltered = {h.id for h in corpus.backend.lexical_search(text, n)}
    assert len(unfiltered) > n // 2
    assert got == unfiltered & want


def test_oracle_sets_are_not_trivial(corpus: Corpus) -> None:
    """The corpus exercises every filter: each matches some but (mostly) not all profiles."""
    n = len(corpus.profiles)
    trivial = {"match_all", "rate_unbounded", "unknown_value", "empty_terms", "empty_and", "empty_or",
               "sanction_empty_scopes", "skills_case_sensitive_value", "geo_tiny"}
    for name, f in FILTERS.items():
        if name not in trivial:
            assert 0 < len(expected(corpus, f)) < n, name
