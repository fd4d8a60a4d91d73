"""Time-dependent parts of a generated profile, placed around ``as_of``: the sign-up / last
login time line, availability, sanctions, and the away / weekend schedule.

Each function draws from the ``random.Random`` it is given, in a fixed order, so a seeded
generator gives the same profile every time.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from indexer.generate.extras import SANCTION_REASONS
from indexer.profile.enums import (
    DEFAULT_SANCTION_SCOPE,
    AccountStatus,
    AvailabilityStatus,
    SanctionKind,
)

#: Share of profiles with a sanction, and the mix of kinds among them.
SANCTIONED_SHARE = 0.07
SANCTION_KINDS = tuple(SanctionKind)
SANCTION_P = (0.30, 0.18, 0.12, 0.12, 0.16, 0.12)

#: Share of profiles with away periods, and of those not working on weekends.
AWAY_SHARE = 0.06
NO_WEEKENDS_SHARE = 0.12


def timeline(
    rnd: random.Random,
    as_of: datetime,
    *,
    new_joiner: bool,
    login_days: float,
    tenure_days: float,
) -> tuple[datetime, datetime]:
    """(created_at, last_login_at) with created_at <= last_login_at <= as_of, whole seconds.

    A new joiner signed up 0.5-45 days ago and logged in since; anyone else last logged in
    ``login_days`` ago (plus up to a day) and signed up ``tenure_days`` before that.
    """
    if new_joiner:
        created = as_of - timedelta(days=rnd.uniform(0.5, 45.0))
        last_login = created + (as_of - created) * rnd.random()
    else:
        last_login = as_of - timedelta(days=login_days, seconds=rnd.randrange(86_400))
        created = last_login - timedelta(days=tenure_days)
    created = created.replace(microsecond=0)
    return created, max(last_login.replace(microsecond=0), created)


def availability(
    rnd: random.Random, as_of: datetime, tier: str, last_login: datetime, x: float
) -> dict[str, Any]:
    """Status (``x``: available 50 %, partially 20 %, unavailable 30 %), the date from which
    the freelancer is free, and when they last confirmed it (usually at their last visit when
    they are active, sometimes weeks before, never for many sparse profiles)."""
    today: date = as_of.date()
    if x < 0.5:
        status = AvailabilityStatus.AVAILABLE
        available_from = None if rnd.random() < 0.6 else today - timedelta(days=rnd.randint(0, 30))
    elif x < 0.7:
        status = AvailabilityStatus.PARTIALLY_AVAILABLE
        available_from = None if rnd.random() < 0.5 else today + timedelta(days=rnd.randint(0, 30))
    else:
        status = AvailabilityStatus.UNAVAILABLE
        available_from = today + timedelta(days=rnd.randint(7, 180))
    if tier == "sparse" and rnd.random() < 0.6:
        confirmed = None
    elif (tier == "rich" and (as_of - last_login).days <= 7) or (
        (as_of - last_login).days <= 30 and rnd.random() < 0.65
    ):
        confirmed = last_login  # confirmed at the last visit
    else:
        confirmed = (last_login - timedelta(days=rnd.uniform(0, 60))).replace(microsecond=0)
    return {"status": status, "available_from": available_from, "confirmed_at": confirmed}


def sanctions(
    rnd: random.Random, as_of: datetime, created: datetime
) -> tuple[list[dict[str, Any]], AccountStatus]:
    """Sanctions of :data:`SANCTIONED_SHARE` of profiles (sometimes a warning first), each
    permanent, in force at ``as_of`` or already over, and the account status that follows
    (half the permanent suspensions also mark the account suspended)."""
    if rnd.random() >= SANCTIONED_SHARE:
        return [], AccountStatus.ACTIVE
    account = AccountStatus.ACTIVE
    kinds = [rnd.choices(SANCTION_KINDS, SANCTION_P)[0]]
    if rnd.random() < 0.15 and kinds[0] != SanctionKind.WARNING:
        kinds.insert(0, SanctionKind.WARNING)
    out = []
    for kind in kinds:
        x = rnd.random()
        end: datetime | None
        if kind == SanctionKind.PERMANENT_SUSPENSION or (
            kind != SanctionKind.TEMPORARY_SUSPENSION and x < 0.2
        ):
            start = as_of - timedelta(days=rnd.uniform(1, 500))
            end = None
            if kind == SanctionKind.PERMANENT_SUSPENSION and rnd.random() < 0.5:
                account = AccountStatus.SUSPENDED
        elif x < 0.6:  # in force at as_of
            start = as_of - timedelta(days=rnd.uniform(1, 90))
            end = as_of + timedelta(days=rnd.uniform(1, 120))
        else:  # over by as_of
            start = as_of - timedelta(days=rnd.uniform(60, 500))
            end = start + timedelta(days=rnd.uniform(7, 55))
        start = max(start, created + timedelta(hours=1)).replace(microsecond=0)
        if end is not None:
            end = max(end.replace(microsecond=0), start + timedelta(days=1))
        sanction: dict[str, Any] = {
            "kind": kind,
            "start": start,
            "end": end,
            "reason": rnd.choice(SANCTION_REASONS[kind]),
        }
        if rnd.random() < 0.2:
            sanction["scope"] = DEFAULT_SANCTION_SCOPE[kind]
        out.append(sanction)
    return out, account


def schedule(rnd: random.Random, as_of: datetime) -> dict[str, Any]:
    """No-weekend flag and away periods: away right now, planned, or already back."""
    no_weekends = rnd.random() < NO_WEEKENDS_SHARE
    away = []
    if rnd.random() < AWAY_SHARE:
        for _ in range(1 if rnd.random() < 0.8 else 2):
            x = rnd.random()
            if x < 0.5:  # away right now
                start = as_of - timedelta(days=rnd.uniform(0, 10))
                end = as_of + timedelta(days=rnd.uniform(1, 21))
            elif x < 0.8:  # planned
                start = as_of + timedelta(days=rnd.uniform(3, 60))
                end = start + timedelta(days=rnd.uniform(5, 30))
            else:  # already back
                end = as_of - timedelta(days=rnd.uniform(1, 40))
                start = end - timedelta(days=rnd.uniform(5, 30))
            away.append({"start": start.replace(microsecond=0), "end": end.replace(microsecond=0)})
        away.sort(key=lambda p: p["start"])
    return {"no_weekends": no_weekends, "away": away}
