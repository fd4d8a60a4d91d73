"""A small typed filter language that every search backend evaluates *inside* its search.

Filters are frozen dataclasses (hashable, so backends may cache compiled forms) built from a
closed set of fields. The ranking layer builds them from the eligibility policy and the brief;
the embedded backend compiles them to boolean masks, the OpenSearch backend to query DSL.

    Filter = MatchAll | Terms | Range | IntervalActive | GeoWithin | And | Or | Not

The values a profile has for each field are computed once, by :func:`filter_values`, so both
backends see exactly the same normalised values; :func:`filter_values_batch` computes them for
a batch of profiles field by field (the same values, for the embedded backend's bulk encoder).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from indexer.profile.enums import LanguageLevel, SanctionScope
from indexer.profile.model import Profile, Skill, normalise_skill


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


@dataclass(frozen=True, slots=True)
class FilterValuesBatch:
    """:func:`filter_values` of a batch of profiles, held field by field: ``keywords[f][i]`` is
    ``filter_values(profiles[i]).keywords[f]``, and likewise for ``ranges``, ``intervals`` and
    ``coordinates`` (:meth:`row` rebuilds one profile's :class:`FilterValues`)."""

    keywords: dict[KeywordField, list[tuple[str, ...]]]
    ranges: dict[RangeField, list[float | datetime | date | None]]
    intervals: dict[IntervalField, list[tuple[Interval, ...]]]
    coordinates: list[tuple[float, float] | None]

    def __len__(self) -> int:
        return len(self.coordinates)

    def row(self, i: int) -> FilterValues:
        """The filter values of the ``i``-th profile (equal to ``filter_values(profiles[i])``)."""
        return FilterValues(
            {f: col[i] for f, col in self.keywords.items()},
            {f: col[i] for f, col in self.ranges.items()},
            {f: col[i] for f, col in self.intervals.items()},
            self.coordinates[i],
        )


_TRUE, _FALSE = (_kw(True),), (_kw(False),)


def _bool(v: object) -> tuple[str]:
    """``(_kw(v),)``, the tuples of ``True`` and ``False`` shared."""
    return _TRUE if v is True else _FALSE if v is False else (_kw(v),)


#: (code, level) → :func:`_level_tokens` (a plain dict: cheaper to consult than the lru cache).
_LEVELS: dict[tuple[str, LanguageLevel], tuple[str, ...]] = {}
#: skill name → key (a plain dict, forgotten when it holds :data:`_SKILL_MEMO_SIZE` names).
_SKILL_KEYS: dict[str, str] = {}
_SKILL_MEMO_SIZE = 65_536


def _skill_keys(skills: tuple[Skill, ...]) -> tuple[str, ...]:
    """``tuple(s.key for s in skills)``, memoised by name."""
    memo = _SKILL_KEYS
    try:
        return tuple([memo[s.name] for s in skills])
    except KeyError:
        if len(memo) > _SKILL_MEMO_SIZE:
            memo.clear()
        for s in skills:
            memo[s.name] = normalise_skill(s.name)
        return tuple([memo[s.name] for s in skills])


def _language_levels(profile: Profile) -> tuple[str, ...]:
    """The profile's ``LANGUAGE_LEVELS`` keywords, as :func:`filter_values` lists them."""
    tokens: list[str] = []
    for lang in profile.languages:
        key = (lang.code, lang.level)
        part = _LEVELS.get(key)
        if part is None:
            part = _LEVELS[key] = _level_tokens(*key)
        tokens += part
    return tuple(tokens)


def filter_values_batch(profiles: Sequence[Profile]) -> FilterValuesBatch:
    """:func:`filter_values` of every profile of ``profiles``, computed field by field.

    The values are equal to the per-profile function's (``tests/indexer/test_filter_values_batch.py``
    checks every field on generated and odd profiles, and the same types); built a column at
    a time, without three dictionaries per profile: a little cheaper to compute, and far fewer
    objects that outlive the garbage collector's young generations while a batch is encoded
    (those set off full collections over the caller's whole heap: in the 100k upserts of
    ``benchmarks.profile_embedded_writes`` the stage went from ~30 to ~13 µs per profile).
    A value the columns cannot take (a profile built without validation, e.g. a plain string
    in an enum field) sends the batch through :func:`filter_values` row by row, so the
    result, or the error, is the same either way.
    """
    ps = profiles if isinstance(profiles, list) else list(profiles)
    try:
        return _batch_by_columns(ps)
    except (KeyError, TypeError, AttributeError):
        rows = [filter_values(p) for p in ps]
        return FilterValuesBatch(
            {f: [r.keywords[f] for r in rows] for f in KeywordField},
            {f: [r.ranges[f] for r in rows] for f in RangeField},
            {f: [r.intervals[f] for r in rows] for f in IntervalField},
            [r.coordinates for r in rows],
        )


def _batch_by_columns(ps: list[Profile]) -> FilterValuesBatch:
    keywords: dict[KeywordField, list[tuple[str, ...]]] = {
        KeywordField.ID: [(p.id,) for p in ps],
        KeywordField.ACCOUNT_STATUS: [(p.account_status._value_,) for p in ps],
        KeywordField.PUBLISHED: [_bool(p.published) for p in ps],
        KeywordField.PROFILE_TYPE: [(p.profile_type,) for p in ps],
        KeywordField.COUNTRY: [(p.country,) if p.country else () for p in ps],
        KeywordField.CITY: [(p.city.strip().lower(),) if p.city else () for p in ps],
        KeywordField.REMOTE: [(p.remote._value_,) for p in ps],
        KeywordField.SKILLS: [_skill_keys(p.skills) if p.skills else () for p in ps],
        KeywordField.LANGUAGES: [tuple([lang.code for lang in p.languages]) for p in ps],
        KeywordField.LANGUAGE_LEVELS: [_language_levels(p) for p in ps],
        KeywordField.SENIORITY: [(p.effective_seniority._value_,) for p in ps],
        KeywordField.CATEGORIES: [p.categories for p in ps],
        KeywordField.SECTORS: [p.sectors for p in ps],
        KeywordField.CURRENCY: [(p.currency,) for p in ps],
        KeywordField.AVAILABILITY_STATUS: [(p.availability.status._value_,) for p in ps],
        KeywordField.NO_WEEKENDS: [_bool(p.schedule.no_weekends) for p in ps],
        KeywordField.SUPER_STATUS: [_bool(p.super_status) for p in ps],
        KeywordField.TEXT_LANGUAGE: [(p.text_language._value_,) for p in ps],
    }
    ranges: dict[RangeField, list[float | datetime | date | None]] = {
        RangeField.LAST_LOGIN_AT: [p.last_login_at for p in ps],
        RangeField.CREATED_AT: [p.created_at for p in ps],
        RangeField.DAILY_RATE: [p.daily_rate for p in ps],
        RangeField.YEARS_EXPERIENCE: [p.years_experience for p in ps],
        RangeField.AVAILABLE_FROM: [p.availability.available_from for p in ps],
    }
    intervals: dict[IntervalField, list[tuple[Interval, ...]]] = {
        IntervalField.SANCTIONS: [
            tuple([Interval(s.start, s.end, s.listing_scope) for s in p.sanctions])
            if p.sanctions
            else ()
            for p in ps
        ],
        IntervalField.AWAY: [
            tuple([Interval(a.start, a.end) for a in p.schedule.away]) if p.schedule.away else ()
            for p in ps
        ],
    }
    coordinates = [(c.lat, c.lon) if (c := p.coordinates) else None for p in ps]
    return FilterValuesBatch(keywords, ranges, intervals, coordinates)
