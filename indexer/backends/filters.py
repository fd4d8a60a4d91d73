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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from itertools import chain, islice, repeat
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from indexer.profile.enums import (
    AccountStatus,
    AvailabilityStatus,
    LanguageLevel,
    RemoteMode,
    SanctionScope,
    Seniority,
    TextLanguage,
)
from indexer.profile.model import GeoPoint, Profile, Skill, normalise_skill
from indexer.profile.record import ProfileRecord

_T = TypeVar("_T")


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


_Source = Profile | ProfileRecord


def _levels_of(p: _Source) -> tuple[str, ...]:
    tokens: list[str] = []
    for lang in p.languages:
        tokens += _level_tokens(lang.code, lang.level)
    return tuple(tokens)


#: How each field's values are read from a profile (or its record): the single source of
#: truth for :func:`filter_values` and :class:`~indexer.backends.predicate.LazyValues`.
KEYWORD_OF: dict[KeywordField, Callable[[_Source], tuple[str, ...]]] = {
    KeywordField.ID: lambda p: (p.id,),
    KeywordField.ACCOUNT_STATUS: lambda p: (p.account_status.value,),
    KeywordField.PUBLISHED: lambda p: (_kw(p.published),),
    KeywordField.PROFILE_TYPE: lambda p: (p.profile_type,),
    KeywordField.COUNTRY: lambda p: (p.country,) if p.country else (),
    KeywordField.CITY: lambda p: (p.city.strip().lower(),) if p.city else (),
    KeywordField.REMOTE: lambda p: (p.remote.value,),
    KeywordField.SKILLS: lambda p: tuple(map(_skill_key, [s.name for s in p.skills])),
    KeywordField.LANGUAGES: lambda p: tuple(lang.code for lang in p.languages),
    KeywordField.LANGUAGE_LEVELS: _levels_of,
    KeywordField.SENIORITY: lambda p: (p.effective_seniority.value,),
    KeywordField.CATEGORIES: lambda p: p.categories,
    KeywordField.SECTORS: lambda p: p.sectors,
    KeywordField.CURRENCY: lambda p: (p.currency,),
    KeywordField.AVAILABILITY_STATUS: lambda p: (p.availability.status.value,),
    KeywordField.NO_WEEKENDS: lambda p: (_kw(p.schedule.no_weekends),),
    KeywordField.SUPER_STATUS: lambda p: (_kw(p.super_status),),
    KeywordField.TEXT_LANGUAGE: lambda p: (p.text_language.value,),
}
RANGE_OF: dict[RangeField, Callable[[_Source], float | datetime | date | None]] = {
    RangeField.LAST_LOGIN_AT: lambda p: p.last_login_at,
    RangeField.CREATED_AT: lambda p: p.created_at,
    RangeField.DAILY_RATE: lambda p: p.daily_rate,
    RangeField.YEARS_EXPERIENCE: lambda p: p.years_experience,
    RangeField.AVAILABLE_FROM: lambda p: p.availability.available_from,
}
INTERVALS_OF: dict[IntervalField, Callable[[_Source], tuple[Interval, ...]]] = {
    IntervalField.SANCTIONS: lambda p: tuple(
        Interval(s.start, s.end, s.listing_scope) for s in p.sanctions),
    IntervalField.AWAY: lambda p: tuple(Interval(a.start, a.end) for a in p.schedule.away),
}


def coordinates_of(p: _Source) -> tuple[float, float] | None:
    return (p.coordinates.lat, p.coordinates.lon) if p.coordinates else None


def filter_values(p: Profile | ProfileRecord) -> FilterValues:
    """The normalised filter values of a profile (the single source of truth for both backends),
    or of its record (the same values: :mod:`indexer.profile.record`)."""
    return FilterValues(
        {f: of(p) for f, of in KEYWORD_OF.items()},
        {f: of(p) for f, of in RANGE_OF.items()},
        {f: of(p) for f, of in INTERVALS_OF.items()},
        coordinates_of(p),
    )


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


def concat_values(parts: Sequence[FilterValuesBatch]) -> FilterValuesBatch:
    """The batches of ``parts`` one after the other, as one batch."""
    if len(parts) == 1:
        return parts[0]
    return FilterValuesBatch(
        {f: list(chain.from_iterable(p.keywords[f] for p in parts)) for f in KeywordField},
        {f: list(chain.from_iterable(p.ranges[f] for p in parts)) for f in RangeField},
        {f: list(chain.from_iterable(p.intervals[f] for p in parts)) for f in IntervalField},
        list(chain.from_iterable(p.coordinates for p in parts)),
    )


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


def _shared(col: list[Any], types: frozenset[type], make: Callable[[Any], _T]) -> list[_T]:
    """``[make(v) for v in col]``, ``make`` called once per distinct value (the rows share what
    it returns) and the rows mapped in C. ``TypeError`` (the per-profile path) for a value not
    of ``types``: values of other types may be equal to these (``1 == True``, a ``str`` equal
    to a ``StrEnum`` member) and must not share their results."""
    if not set(map(type, col)) <= types:
        raise TypeError("a value outside its field's type")
    memo = {v: make(v) for v in set(col)}
    return list(map(memo.__getitem__, col))


def _grouped(items: Iterable[_T], lengths: Iterable[int]) -> list[tuple[_T, ...]]:
    """``items`` cut into consecutive tuples of ``lengths`` (in C: ``islice`` on one iterator)."""
    return list(map(tuple, map(islice, repeat(iter(items)), lengths)))


def _concatenated(parts: list[tuple[str, ...]], lengths: list[int]) -> list[tuple[str, ...]]:
    """Consecutive runs of ``parts`` (of ``lengths``), each joined into one tuple."""
    runs = map(islice, repeat(iter(parts)), lengths)
    return list(map(tuple, map(chain.from_iterable, runs)))


def _skill_keys_of(names: list[str]) -> list[str]:
    """``normalise_skill`` of each name, memoised by name in :data:`_SKILL_KEYS`."""
    memo = _SKILL_KEYS
    missing = set(names).difference(memo)
    if missing:
        if len(memo) + len(missing) > _SKILL_MEMO_SIZE:
            memo.clear()
            missing = set(names)
        memo.update((name, normalise_skill(name)) for name in missing)
    return list(map(memo.__getitem__, names))


def _level_parts(pairs: list[tuple[str, LanguageLevel]]) -> list[tuple[str, ...]]:
    """:func:`_level_tokens` of each (code, level), memoised in :data:`_LEVELS`."""
    for key in set(pairs).difference(_LEVELS):
        _LEVELS[key] = _level_tokens(*key)
    return list(map(_LEVELS.__getitem__, pairs))


def _effective_seniority(pair: tuple[Seniority | None, float]) -> tuple[str, ...]:
    """``(Profile.effective_seniority.value,)`` from (seniority, years of experience)."""
    seniority, years = pair
    return ((seniority or Seniority.from_years(years))._value_,)


_NONE = type(None)
_STR: frozenset[type] = frozenset({str})
_OPT_STR: frozenset[type] = frozenset({str, _NONE})
_BOOLS = {True: _TRUE, False: _FALSE}


def _flags(col: list[Any]) -> list[tuple[str, ...]]:
    """:func:`_bool` of each value (in C when all are booleans, the common case)."""
    if set(map(type, col)) <= {bool}:
        return list(map(_BOOLS.__getitem__, col))
    return list(map(_bool, col))


def _enum_values(col: list[Any], cls: type[StrEnum]) -> list[tuple[str, ...]]:
    return _shared(col, frozenset({cls}), lambda v: (v._value_,))


#: The profile fields :func:`_batch_by_columns` reads.
_FIELDS = (
    "id",
    "account_status",
    "published",
    "profile_type",
    "country",
    "city",
    "remote",
    "skills",
    "languages",
    "seniority",
    "years_experience",
    "categories",
    "sectors",
    "currency",
    "availability",
    "schedule",
    "super_status",
    "text_language",
    "last_login_at",
    "created_at",
    "daily_rate",
    "sanctions",
    "coordinates",
)
_field_values = itemgetter(*_FIELDS)


def _columns(ps: list[Profile]) -> dict[str, list[Any]]:
    """The values of :data:`_FIELDS`, a list per field: read a row at a time (one pass over
    the profiles' ``__dict__``, while each is in the CPU caches: a pass per field over 2,000
    of them missed the caches on every row), then transposed, all in C."""
    if not ps:
        return {name: [] for name in _FIELDS}
    rows = map(_field_values, map(_dict_of, ps))
    return dict(zip(_FIELDS, map(list, zip(*rows, strict=True)), strict=True))


def _batch_by_columns(ps: list[Profile]) -> FilterValuesBatch:
    """Each field gathered for all rows (:func:`_columns`), its keywords made once per distinct
    value; per-row Python left only for the rare intervals and the coordinates."""
    columns = _columns(ps)

    def column(name: str) -> list[Any]:
        return columns[name]

    skills, languages = column("skills"), column("languages")
    langs = list(chain.from_iterable(languages))
    codes = list(map(_code_of, langs))
    n_langs = list(map(len, languages))
    availability, schedule = column("availability"), column("schedule")
    years = column("years_experience")
    keywords: dict[KeywordField, list[tuple[str, ...]]] = {
        KeywordField.ID: list(zip(column("id"))),
        KeywordField.ACCOUNT_STATUS: _enum_values(column("account_status"), AccountStatus),
        KeywordField.PUBLISHED: _flags(column("published")),
        KeywordField.PROFILE_TYPE: _shared(column("profile_type"), _STR, lambda v: (v,)),
        KeywordField.COUNTRY: _shared(column("country"), _OPT_STR, lambda v: (v,) if v else ()),
        KeywordField.CITY: _shared(
            column("city"), _OPT_STR, lambda v: (v.strip().lower(),) if v else ()
        ),
        KeywordField.REMOTE: _enum_values(column("remote"), RemoteMode),
        KeywordField.SKILLS: _grouped(
            _skill_keys_of(list(map(_name_of, chain.from_iterable(skills)))), map(len, skills)
        ),
        KeywordField.LANGUAGES: _grouped(codes, n_langs),
        KeywordField.LANGUAGE_LEVELS: _concatenated(
            _level_parts(list(zip(codes, map(_level_of, langs), strict=True))), n_langs
        ),
        KeywordField.SENIORITY: _shared_pairs(column("seniority"), years),
        KeywordField.CATEGORIES: column("categories"),
        KeywordField.SECTORS: column("sectors"),
        KeywordField.CURRENCY: _shared(column("currency"), _STR, lambda v: (v,)),
        KeywordField.AVAILABILITY_STATUS: _enum_values(
            list(map(_status_of, availability)), AvailabilityStatus
        ),
        KeywordField.NO_WEEKENDS: _flags(list(map(_no_weekends_of, schedule))),
        KeywordField.SUPER_STATUS: _flags(column("super_status")),
        KeywordField.TEXT_LANGUAGE: _enum_values(column("text_language"), TextLanguage),
    }
    ranges: dict[RangeField, list[float | datetime | date | None]] = {
        RangeField.LAST_LOGIN_AT: column("last_login_at"),
        RangeField.CREATED_AT: column("created_at"),
        RangeField.DAILY_RATE: column("daily_rate"),
        RangeField.YEARS_EXPERIENCE: years,
        RangeField.AVAILABLE_FROM: list(map(_available_from_of, availability)),
    }
    intervals: dict[IntervalField, list[tuple[Interval, ...]]] = {
        IntervalField.SANCTIONS: [
            tuple([Interval(s.start, s.end, s.listing_scope) for s in ss]) if ss else ()
            for ss in column("sanctions")
        ],
        IntervalField.AWAY: [
            tuple([Interval(a.start, a.end) for a in away]) if away else ()
            for away in map(_away_of, schedule)
        ],
    }
    return FilterValuesBatch(keywords, ranges, intervals, _coordinates(column("coordinates")))


def _shared_pairs(seniority: list[Any], years: list[Any]) -> list[tuple[str, ...]]:
    """The ``SENIORITY`` column: :func:`_effective_seniority` once per distinct pair."""
    if not set(map(type, seniority)) <= {Seniority, _NONE}:
        raise TypeError("a seniority outside its type")
    pairs = list(zip(seniority, years, strict=True))
    memo = {pair: _effective_seniority(pair) for pair in set(pairs)}
    return list(map(memo.__getitem__, pairs))


def _coordinates(col: list[GeoPoint | None]) -> list[tuple[float, float] | None]:
    """``(lat, lon)`` of each point (``None`` for none)."""
    return [None if c is None else _lat_lon_of(c) for c in col]


_dict_of = attrgetter("__dict__")
_name_of = attrgetter("name")
_code_of = attrgetter("code")
_level_of = attrgetter("level")
_status_of = attrgetter("status")
_no_weekends_of = attrgetter("no_weekends")
_available_from_of = attrgetter("available_from")
_away_of = attrgetter("away")
_lat_lon_of = attrgetter("lat", "lon")
