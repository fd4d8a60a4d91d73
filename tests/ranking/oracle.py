"""The eligibility rules of domain.md written a second time, straight from the profile fields.

Independent of ``ranking.policy`` (no filters, no shared helpers beyond calendar arithmetic
written here), so tests can compare the ranker's output with it.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

from indexer.profile import AccountStatus, Profile, SanctionKind

MONTHS = {"self_service": 3, "curated": 12}
EXTENSIONS = {"sap-consultant": 6, "mainframe": 6, "actuary": 6, "interim-executive": 6}


def _minus_months(t: datetime, n: int) -> datetime:
    y, m = t.year, t.month - n
    while m <= 0:
        m += 12
        y -= 1
    return t.replace(year=y, month=m, day=min(t.day, calendar.monthrange(y, m)[1]))


def expected_eligible(p: Profile, mode: str, as_of: datetime) -> bool:
    """Default policy: windows 3/12 months (+6 for rare types), sanctions, account, schedule."""
    if p.account_status != AccountStatus.ACTIVE or not p.published or p.created_at > as_of:
        return False
    window = MONTHS[mode] + EXTENSIONS.get(p.profile_type, 0)
    if p.last_login_at < _minus_months(as_of, window):
        return False
    for s in p.sanctions:
        in_force = s.start <= as_of and (s.end is None or as_of < s.end)
        if not in_force:
            continue
        scope = (
            s.scope.value
            if s.scope is not None
            else {
                SanctionKind.CURATED_EXCLUSION: "curated",
                SanctionKind.TEMPORARY_SUSPENSION: "all",
                SanctionKind.PERMANENT_SUSPENSION: "all",
            }.get(s.kind, "none")
        )
        if scope == "all" or (scope == "curated" and mode == "curated"):
            return False
    if any(a.start <= as_of < a.end for a in p.schedule.away):
        return False
    weekend = as_of.astimezone(UTC).weekday() >= 5  # Saturday, Sunday in UTC
    return not (p.schedule.no_weekends and weekend)
