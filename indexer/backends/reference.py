"""The reference semantics of :mod:`indexer.backends.filters`, evaluated on one profile.

Slow and obviously correct: the contract tests use it as the oracle that both backends must
agree with, and the ranker uses it to explain why one profile is (not) listed.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

from indexer.backends.filters import (
    EARTH_RADIUS_KM,
    And,
    Filter,
    FilterValues,
    GeoWithin,
    IntervalActive,
    IntervalField,
    MatchAll,
    Not,
    Or,
    Range,
    RangeField,
    Terms,
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance: 2 R asin(sqrt(sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2)))."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _cmp_value(v: float | datetime | date) -> float:
    if isinstance(v, datetime):
        return v.timestamp()
    if isinstance(v, date):
        return datetime(v.year, v.month, v.day, tzinfo=UTC).timestamp()
    return float(v)


def matches(f: Filter, v: FilterValues) -> bool:
    """Whether a profile with filter values ``v`` passes filter ``f``."""
    match f:
        case MatchAll():
            return True
        case Terms(field=field, values=values):
            return any(x in values for x in v.keywords.get(field, ()))
        case Range(field=field, gte=gte, lte=lte):
            val = v.ranges.get(field)
            if val is None:
                if field is RangeField.AVAILABLE_FROM:
                    return gte is None  # missing = available now, i.e. earlier than any bound
                return False
            x = _cmp_value(val)
            if gte is not None and x < _cmp_value(gte):
                return False
            return not (lte is not None and x > _cmp_value(lte))
        case IntervalActive(field=field, at=at, scopes=scopes):
            for iv in v.intervals.get(field, ()):
                if field is IntervalField.SANCTIONS and scopes is not None and iv.scope not in scopes:
                    continue
                if iv.start <= at and (iv.end is None or at < iv.end):
                    return True
            return False
        case GeoWithin(lat=lat, lon=lon, radius_km=r):
            if v.coordinates is None:
                return False
            return haversine_km(lat, lon, v.coordinates[0], v.coordinates[1]) <= r
        case And(clauses=cs):
            return all(matches(c, v) for c in cs)
        case Or(clauses=cs):
            return any(matches(c, v) for c in cs)
        case Not(clause=c):
            return not matches(c, v)
    raise TypeError(f"not a filter: {f!r}")
