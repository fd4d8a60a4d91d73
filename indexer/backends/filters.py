"""A small typed filter language that every search backend evaluates *inside* its search.

Filters are frozen dataclasses (hashable, so backends may cache compiled forms) built from a
closed set of fields. The ranking layer builds them from the eligibility policy and the brief;
the embedded backend compiles them to boolean masks, the OpenSearch backend to query DSL.

    Filter = MatchAll | Terms | Range | IntervalActive | GeoWithin | And | Or | Not

The values a profile has for each field are computed once, by :func:`filter_values`, so both
backends see exactly the same normalised values.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from indexer.profile.enums import LanguageLevel, SanctionScope
from indexer.profile.model import Profile, normalise_skill


class KeywordField(StrEnum):
    """Fields matched by exact value. Multi-valued fields match if any value matches."""

    ID = "id"
    ACCOUNT_STATUS = "account_status"
    PUBLISHED = "published"  # "true" / "false"
    PROFILE_TYPE = "profile_type"
    COUNTRY = "country"
    CITY = "city"  # lower case
    REMOTE = "remote"
    SKILLS = "skills"  # normalise_skill(name), multi-valued
    LANGUAGES = "languages"  # ISO 639-1 codes, multi-valued
    LANGUAGE_LEVELS = "language_levels"  # "en>=3": speaks en at level rank >= 3, multi-valued
    SENIORITY = "seniority"
    CATEGORIES = "categories"
    SECTORS = "sectors"
    CURRENCY = "currency"
    AVAILABILITY_STATUS = "availability_status"
    NO_WEEKENDS = "no_weekends"  # "true" / "false"
    SUPER_STATUS = "super_status"  # "true" / "false"
    TEXT_LANGUAGE = "text_language"


class RangeField(StrEnum):
    """Numeric or date fields. Dates compare as aware datetimes (UTC)."""

    LAST_LOGIN_AT = "last_login_at"
    CREATED_AT = "created_at"
    DAILY_RATE = "daily_rate"  # in the profile's own currency
    YEARS_EXPERIENCE = "years_experience"
    AVAILABLE_FROM = "available_from"  # a date; missing means "now"


class IntervalField(StrEnum):
    """Fields holding time intervals; ``IntervalActive`` asks whether one contains a moment."""

    SANCTIONS = "sanctions"  # tagged with the sanction's listing scope
    AWAY = "away"  # untagged


@dataclass(frozen=True, slots=True)
class MatchAll:
    """Every document."""


@dataclass(frozen=True, slots=True)
class Terms:
    """``field`` has at least one of ``values``."""

    field: KeywordField
    values: frozenset[str]

    def __init__(self, field: KeywordField, values: str | bool | object) -> None:
        if isinstance(values, str | bool):
            vals: frozenset[str] = frozenset({_kw(values)})
        else:
            vals = frozenset(_kw(v) for v in values)  # type: ignore[attr-defined]
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "values", vals)


@dataclass(frozen=True, slots=True)
class Range:
    """``gte <= field <= lte`` (either bound may be missing). A missing value never matches,
    except for ``AVAILABLE_FROM`` where missing means available now."""

    field: RangeField
    gte: float | datetime | date | None = None
    lte: float | datetime | date | None = None


@dataclass(frozen=True, slots=True)
class IntervalActive:
    """Some interval in ``field`` contains ``at`` (start <= at < end; an open end is forever).

    For ``SANCTIONS``, only intervals whose scope is in ``scopes`` count.
    """

    field: IntervalField
    at: datetime
    scopes: frozenset[SanctionScope] | None = None


@dataclass(frozen=True, slots=True)
class GeoWithin:
    """The profile's coordinates lie within ``radius_km`` of (lat, lon), great-circle distance
    on a sphere of radius 6371.0088 km. Profiles without coordinates never match."""

    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True, slots=True)
class And:
    clauses: tuple[Filter, ...]

    def __init__(self, *clauses: Filter) -> None:
        object.__setattr__(self, "clauses", tuple(clauses))


@dataclass(frozen=True, slots=True)
class Or:
    clauses: tuple[Filter, ...]

    def __init__(self, *clauses: Filter) -> None:
        object.__setattr__(self, "clauses", tuple(clauses))


@dataclass(frozen=True, slots=True)
class Not:
    clause: Filter


Filter = MatchAll | Terms | Range | IntervalActive | GeoWithin | And | Or | Not

EARTH_RADIUS_KM = 6371.0088


def _kw(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, StrEnum):
        return v.value
    return str(v)


@dataclass(frozen=True, slots=True)
class Interval:
    start: datetime
    end: datetime | None
    scope: SanctionScope | None = None


@dataclass(frozen=True, slots=True)
class FilterValues:
    """What a profile holds for every filterable field, normalised once for all backends."""

    keywords: dict[KeywordField, tuple[str, ...]]
    ranges: dict[RangeField, float | datetime | date | None]
    intervals: dict[IntervalField, tuple[Interval, ...]]
    coordinates: tuple[float, float] | None


@functools.lru_cache(maxsize=4096)
def _level_tokens(code: str, level: LanguageLevel) -> tuple[str, ...]:
    """``("en>=1", ..., "en>=<rank>")``: the language-level keywords of speaking ``code`` at
    ``level`` (memoised: a handful of languages and five levels)."""
    return tuple(f"{code}>={r}" for r in range(1, level.rank + 1))


#: ``normalise_skill`` memoised (what ``Skill.key`` computes): skill names repeat across
#: profiles, and normalising them was a quarter of the cost of :func:`filter_values`.
_skill_key = functools.lru_cache(maxsize=65_536)(normalise_skill)


def filter_values(p: Profile) -> FilterValues:
    """The normalised filter values of a profile (the single source of truth for both backends)."""
    level_tokens: list[str] = []
    for lang in p.languages:
        level_tokens += _level_tokens(lang.code, lang.level)
    keywords: dict[KeywordField, tuple[str, ...]] = {
        KeywordField.ID: (p.id,),
        KeywordField.ACCOUNT_STATUS: (p.account_status.value,),
        KeywordField.PUBLISHED: (_kw(p.published),),
        KeywordField.PROFILE_TYPE: (p.profile_type,),
        KeywordField.COUNTRY: (p.country,) if p.country else (),
        KeywordField.CITY: (p.city.strip().lower(),) if p.city else (),
        KeywordField.REMOTE: (p.remote.value,),
        KeywordField.SKILLS: tuple(map(_skill_key, [s.name for s in p.skills])),
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
