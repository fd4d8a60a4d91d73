"""The eligibility policy: who may be listed, declarative and versioned (domain.md, "Listing").

A profile is listed for a search in mode ``m`` at time ``as_of`` only if

* its account is active, it is published, and it existed at ``as_of`` (created on or before);
* its last login lies within the activity window of ``m`` (3 months self-service, 12 months
  curated by default), extended by the months configured for its profile type (rare profiles);
* no sanction in force at ``as_of`` has a scope that bars mode ``m`` (``all`` bars every mode,
  ``curated`` bars curated searches only; warnings and the like have scope ``none``); a
  sanction stops applying when its end passes;
* it is not in an away period at ``as_of``, and, if it declared "no weekends", ``as_of`` is not
  a weekend day (in the policy's time zone).

The policy compiles to filter clauses (:mod:`indexer.backends.filters`) that every backend
applies *inside* retrieval, and to human-readable reasons for each clause.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from indexer.backends.filters import (
    And,
    Filter,
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
from indexer.errors import ConfigurationError
from indexer.profile.enums import AccountStatus, SanctionScope
from indexer.profile.model import Profile
from ranking.brief import SearchMode
from ranking.rules import Rule
from ranking.timeutil import describe_age, months_before
from ranking.tomlconfig import default_toml, read_toml, validate

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActivityWindows(_Model):
    """Months since the last login within which a profile is listed, per search mode."""

    self_service: int = Field(default=3, ge=1, le=120)
    curated: int = Field(default=12, ge=1, le=120)

    def months(self, mode: SearchMode) -> int:
        return self.self_service if mode is SearchMode.SELF_SERVICE else self.curated


class SanctionRules(_Model):
    """Sanction scopes that bar listing, per search mode."""

    self_service: frozenset[SanctionScope] = frozenset({SanctionScope.ALL})
    curated: frozenset[SanctionScope] = frozenset({SanctionScope.ALL, SanctionScope.CURATED})

    @field_validator("self_service", "curated")
    @classmethod
    def _all_always_bars(cls, scopes: frozenset[SanctionScope]) -> frozenset[SanctionScope]:
        if SanctionScope.ALL not in scopes:
            raise ValueError("scope 'all' (suspensions) must bar every search mode")
        if SanctionScope.NONE in scopes:
            raise ValueError("scope 'none' (warnings) never bars listing")
        return scopes

    def barred(self, mode: SearchMode) -> frozenset[SanctionScope]:
        return self.self_service if mode is SearchMode.SELF_SERVICE else self.curated


class ScheduleRules(_Model):
    """Away periods and "no weekends" hide a profile while they last."""

    hide_away: bool = True
    hide_no_weekends_on_weekends: bool = True
    weekend_days: frozenset[str] = frozenset({"saturday", "sunday"})
    timezone: str = "UTC"

    @field_validator("weekend_days")
    @classmethod
    def _days(cls, days: frozenset[str]) -> frozenset[str]:
        bad = sorted(d for d in days if d not in WEEKDAYS)
        if bad:
            raise ValueError(f"unknown day(s) {bad}; use {', '.join(WEEKDAYS)}")
        return days

    @field_validator("timezone")
    @classmethod
    def _tz(cls, tz: str) -> str:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{tz}'") from None
        return tz

    def is_weekend(self, as_of: datetime) -> bool:
        local = as_of.astimezone(ZoneInfo(self.timezone))
        return WEEKDAYS[local.weekday()] in self.weekend_days


class EligibilityPolicy(_Model):
    """The policy file (TOML) as a typed, validated object. See the module docstring."""

    version: str = Field(min_length=1, max_length=100)
    activity_window_months: ActivityWindows = ActivityWindows()
    #: Extra months of activity window per profile type (rare profiles), for every mode.
    extension_months: dict[Slug, Annotated[int, Field(ge=1, le=120)]] = {}
    sanctions: SanctionRules = SanctionRules()
    schedule: ScheduleRules = ScheduleRules()

    @classmethod
    def load(cls, path: Path) -> Self:
        return validate(cls, read_toml(path), str(path))

    @classmethod
    def default(cls) -> Self:
        return validate(cls, default_toml("policy.toml"), "ranking/defaults/policy.toml")

    # -- windows --------------------------------------------------------------------------

    def window_months(self, mode: SearchMode, profile_type: str) -> int:
        """The effective window for a profile type: base window plus its extension."""
        return self.activity_window_months.months(mode) + self.extension_months.get(profile_type, 0)

    def window_start(self, mode: SearchMode, profile_type: str, as_of: datetime) -> datetime:
        """Earliest last login still inside the window."""
        return months_before(as_of, self.window_months(mode, profile_type))

    # -- compilation ----------------------------------------------------------------------

    def rules(self, mode: SearchMode, as_of: datetime) -> tuple[Rule, ...]:
        """The policy for ``mode`` at ``as_of`` as named filter clauses with explanations."""
        if as_of.tzinfo is None:
            raise ConfigurationError("as_of must be timezone-aware")
        out = [
            self._account_rule(as_of),
            self._window_rule(mode, as_of),
            self._sanction_rule(mode, as_of),
        ]
        if self.schedule.hide_away:
            out.append(_away_rule(as_of))
        if self.schedule.hide_no_weekends_on_weekends and self.schedule.is_weekend(as_of):
            out.append(_weekend_rule(as_of, self.schedule.timezone))
        return tuple(out)

    def _account_rule(self, as_of: datetime) -> Rule:
        def rejected(p: Profile) -> str:
            why = []
            if p.account_status is not AccountStatus.ACTIVE:
                why.append(f"account {p.account_status.value}")
            if not p.published:
                why.append("profile not published")
            if p.created_at > as_of:
                why.append(f"profile created after as_of ({p.created_at:%Y-%m-%d})")
            return "; ".join(why) or "account not listable"

        return Rule(
            name="account",
            filter=And(
                Terms(KeywordField.ACCOUNT_STATUS, AccountStatus.ACTIVE),
                Terms(KeywordField.PUBLISHED, True),
                Range(RangeField.CREATED_AT, lte=as_of),
            ),
            admitted=lambda p: None,
            rejected=rejected,
        )

    def _window_rule(self, mode: SearchMode, as_of: datetime) -> Rule:
        base = self.activity_window_months.months(mode)
        label = "self-service" if mode is SearchMode.SELF_SERVICE else "curated"
        extended = sorted(self.extension_months)
        clauses: list[And] = []
        plain_window = Range(RangeField.LAST_LOGIN_AT, gte=months_before(as_of, base), lte=None)
        if extended:
            clauses.append(And(Not(Terms(KeywordField.PROFILE_TYPE, extended)), plain_window))
            by_months: dict[int, list[str]] = {}
            for ptype in extended:
                by_months.setdefault(self.extension_months[ptype], []).append(ptype)
            for months, types in sorted(by_months.items()):
                clauses.append(
                    And(
                        Terms(KeywordField.PROFILE_TYPE, types),
                        Range(RangeField.LAST_LOGIN_AT, gte=months_before(as_of, base + months)),
                    )
                )
            filt: Filter = Or(*clauses)
        else:
            filt = plain_window

        def window_text(p: Profile) -> str:
            ext = self.extension_months.get(p.profile_type)
            text = f"{label} window {base} months"
            if ext:
                text += f", extended by {ext} months for profile type {p.profile_type}"
            return text

        def admitted(p: Profile) -> str:
            return f"{window_text(p)}; last login {describe_age(p.last_login_at, as_of)}"

        def rejected(p: Profile) -> str:
            return (
                f"last login {describe_age(p.last_login_at, as_of)} "
                f"({p.last_login_at:%Y-%m-%d}), outside the {window_text(p)}"
            )

        return Rule(name="activity_window", filter=filt, admitted=admitted, rejected=rejected)

    def _sanction_rule(self, mode: SearchMode, as_of: datetime) -> Rule:
        barred = self.sanctions.barred(mode)
        label = "self-service" if mode is SearchMode.SELF_SERVICE else "curated"

        def admitted(p: Profile) -> str | None:
            active = p.active_sanctions(as_of)
            if not active:
                return None
            kinds = ", ".join(sorted({s.kind.value.replace("_", " ") for s in active}))
            return f"sanction in force ({kinds}) does not bar {label} searches"

        def rejected(p: Profile) -> str:
            parts = []
            for s in p.active_sanctions(as_of):
                if s.listing_scope in barred:
                    until = f"until {s.end:%Y-%m-%d %H:%M %Z}" if s.end else "permanently"
                    where = (
                        "all searches"
                        if s.listing_scope is SanctionScope.ALL
                        else f"{label} searches"
                    )
                    parts.append(
                        f"{s.kind.value.replace('_', ' ')} since {s.start:%Y-%m-%d} {until} "
                        f"hides the profile from {where}"
                    )
            return "; ".join(parts) or "a sanction bars the listing"

        return Rule(
            name="sanctions",
            filter=Not(IntervalActive(IntervalField.SANCTIONS, as_of, frozenset(barred))),
            admitted=admitted,
            rejected=rejected,
        )


def _away_rule(as_of: datetime) -> Rule:
    def rejected(p: Profile) -> str:
        ends = [a.end for a in p.schedule.away if a.active_at(as_of)]
        until = f" until {max(ends):%Y-%m-%d}" if ends else ""
        return f"away{until} (offers are hidden while the freelancer is away)"

    return Rule(
        name="away",
        filter=Not(IntervalActive(IntervalField.AWAY, as_of)),
        admitted=lambda p: None,
        rejected=rejected,
    )


def _weekend_rule(as_of: datetime, tz: str) -> Rule:
    day = WEEKDAYS[as_of.astimezone(ZoneInfo(tz)).weekday()]
    return Rule(
        name="no_weekends",
        filter=Not(Terms(KeywordField.NO_WEEKENDS, True)),
        admitted=lambda p: None,
        rejected=lambda p: f"does not work on weekends, and as_of is a {day.capitalize()} ({tz})",
    )


__all__ = ["ActivityWindows", "EligibilityPolicy", "MatchAll", "SanctionRules", "ScheduleRules"]
