""":func:`indexer.backends.filters.filter_values` as it was before its memoised parts (test
oracle: ``tests/indexer/test_filter_values_fast.py`` checks the two agree)."""

from __future__ import annotations

from datetime import date, datetime

from indexer.backends.filters import (
    FilterValues,
    Interval,
    IntervalField,
    KeywordField,
    RangeField,
    _kw,
)
from indexer.profile.model import Profile


def reference_filter_values(p: Profile) -> FilterValues:
    """The normalised filter values of a profile (the single source of truth for both backends)."""
    level_tokens: list[str] = []
    for lang in p.languages:
        level_tokens += [f"{lang.code}>={r}" for r in range(1, lang.level.rank + 1)]
    keywords: dict[KeywordField, tuple[str, ...]] = {
        KeywordField.ID: (p.id,),
        KeywordField.ACCOUNT_STATUS: (p.account_status.value,),
        KeywordField.PUBLISHED: (_kw(p.published),),
        KeywordField.PROFILE_TYPE: (p.profile_type,),
        KeywordField.COUNTRY: (p.country,) if p.country else (),
        KeywordField.CITY: (p.city.strip().lower(),) if p.city else (),
        KeywordField.REMOTE: (p.remote.value,),
        KeywordField.SKILLS: p.skill_keys,
        KeywordField.LANGUAGES: tuple(lang.code for lang in p.languages),
        KeywordField.LANGUAGE_LEVELS: tuple(level_tokens),
        KeywordField.SENIORITY: (p.effective_seniority.value,),
        KeywordField.CATEGORIES: p.categories,
        KeywordField.SECTORS: p.sectors,
        KeywordField.CURRENCY: (p.currency,),
        KeywordField.AVAILABILITY_STATUS: (p.availability.status.value,),
        KeywordField.NO_WEEKENDS: (_kw(p.schedule.no_weekends),),
        KeywordField.SUPER_STATUS: (_kw(p.super_status),),
        KeywordField.TEXT_LANGUAGE: (p.text_language.value,),
    }
    ranges: dict[RangeField, float | datetime | date | None] = {
        RangeField.LAST_LOGIN_AT: p.last_login_at,
        RangeField.CREATED_AT: p.created_at,
        RangeField.DAILY_RATE: p.daily_rate,
        RangeField.YEARS_EXPERIENCE: p.years_experience,
        RangeField.AVAILABLE_FROM: p.availability.available_from,
    }
    intervals = {
        IntervalField.SANCTIONS: tuple(
            Interval(s.start, s.end, s.listing_scope) for s in p.sanctions
        ),
        IntervalField.AWAY: tuple(Interval(a.start, a.end) for a in p.schedule.away),
    }
    coords = (p.coordinates.lat, p.coordinates.lon) if p.coordinates else None
    return FilterValues(keywords, ranges, intervals, coords)
