"""Time helpers shared by the policy and the signals: calendar months and ``as_of`` checks."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

from indexer.errors import InvalidInputError, Problem


def require_aware(as_of: datetime | None, *, field: str = "as_of") -> datetime:
    """``as_of`` itself (timezone-aware required), or now in UTC when it is ``None``."""
    if as_of is None:
        return datetime.now(UTC)
    if as_of.tzinfo is None or as_of.tzinfo.utcoffset(as_of) is None:
        raise InvalidInputError(
            [
                Problem(
                    field=field, message="must be timezone-aware (e.g. 2026-11-01T12:00:00+00:00)"
                )
            ]
        )
    return as_of


def months_before(moment: datetime, months: int) -> datetime:
    """The same wall-clock time ``months`` calendar months earlier (day clamped to month length).

    ``months_before(2026-05-31, 3)`` is 2026-02-28: "within the last 3 months" means on or
    after that moment.
    """
    total = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def months_between(earlier: datetime, later: datetime) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (``later - n months >= earlier``)."""
    n = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    while n > 0 and months_before(later, n) < earlier:
        n -= 1
    return max(n, 0)


def describe_age(earlier: datetime, later: datetime) -> str:
    """``"13 months ago"``, ``"12 days ago"``, ``"5 hours ago"``: how long before ``later``."""
    delta = later - earlier
    if delta.total_seconds() < 0:
        return f"after as_of ({earlier:%Y-%m-%d})"
    months = months_between(earlier, later)
    if months >= 1:
        return f"{months} month{'s' if months != 1 else ''} ago"
    days = delta.days
    if days >= 1:
        return f"{days} day{'s' if days != 1 else ''} ago"
    hours = int(delta.total_seconds() // 3600)
    return f"{hours} hour{'s' if hours != 1 else ''} ago"
