"""The freelancer profile: a typed, validated, immutable record.

Unknown fields are rejected (``extra="forbid"``) and every timestamp must carry a timezone,
so a malformed input fails with an error that names the field.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from indexer.profile.enums import (
    DEFAULT_SANCTION_SCOPE,
    AccountStatus,
    AvailabilityStatus,
    LanguageLevel,
    RemoteMode,
    SanctionKind,
    SanctionScope,
    Seniority,
    SkillLevel,
    TextLanguage,
)

ProfileId = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]

_WS = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalise_skill(name: str) -> str:
    """The key a skill is matched on: lower case, single spaces (``"  Node.JS "`` → ``"node.js"``).

    Cached: every decoded profile computes the keys of its skills (they must be unique),
    and skill names repeat across profiles."""
    return _WS.sub(" ", name.strip().lower())


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Skill(_Model):
    name: ShortText
    years: float | None = Field(default=None, ge=0, le=60)
    level: SkillLevel | None = None

    @property
    def key(self) -> str:
        return normalise_skill(self.name)


class LanguageSkill(_Model):
    code: LanguageCode
    level: LanguageLevel


class GeoPoint(_Model):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Availability(_Model):
    status: AvailabilityStatus = AvailabilityStatus.AVAILABLE
    available_from: date | None = None
    confirmed_at: AwareDatetime | None = None


class PortfolioItem(_Model):
    title: ShortText
    description: str = Field(default="", max_length=5000)
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://\S+$")


class Certification(_Model):
    name: ShortText
    issuer: str | None = Field(default=None, max_length=200)
    year: int | None = Field(default=None, ge=1950, le=2100)


class ReviewStats(_Model):
    count: int = Field(default=0, ge=0)
    mean_rating: float | None = Field(default=None, ge=1, le=5)

    @model_validator(mode="after")
    def _mean_needs_reviews(self) -> Self:
        if self.count == 0 and self.mean_rating is not None:
            raise ValueError("mean_rating must be empty when count is 0")
        if self.count > 0 and self.mean_rating is None:
            raise ValueError("mean_rating is required when count > 0")
        return self


class Responsiveness(_Model):
    """Share of new client requests answered within 24 hours, and the median first answer."""

    answered_within_24h: float | None = Field(default=None, ge=0, le=1)
    median_first_response_minutes: float | None = Field(default=None, ge=0)


class Sanction(_Model):
    kind: SanctionKind
    scope: SanctionScope | None = None
    start: AwareDatetime
    end: AwareDatetime | None = None  # None: permanent
    reason: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.end is not None and self.end <= self.start:
            raise ValueError("end must be after start")
        return self

    @property
    def listing_scope(self) -> SanctionScope:
        """The explicit scope, else the default scope of the kind."""
        return self.scope if self.scope is not None else DEFAULT_SANCTION_SCOPE[self.kind]

    def active_at(self, at: datetime) -> bool:
        return self.start <= at and (self.end is None or at < self.end)


class AwayPeriod(_Model):
    start: AwareDatetime
    end: AwareDatetime

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self

    def active_at(self, at: datetime) -> bool:
        return self.start <= at < self.end


class Schedule(_Model):
    no_weekends: bool = False
    away: tuple[AwayPeriod, ...] = Field(default=(), max_length=100)


class Profile(_Model):
    """A freelancer's profile as the engine indexes and ranks it."""

    id: ProfileId
    name: ShortText
    headline: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=20_000)
    text_language: TextLanguage = TextLanguage.EN
    skills: tuple[Skill, ...] = Field(default=(), max_length=100)
    categories: tuple[Slug, ...] = Field(default=(), max_length=20)
    sectors: tuple[Slug, ...] = Field(default=(), max_length=20)
    languages: tuple[LanguageSkill, ...] = Field(default=(), max_length=20)
    city: str | None = Field(default=None, max_length=100)
    country: CountryCode | None = None
    coordinates: GeoPoint | None = None
    remote: RemoteMode = RemoteMode.REMOTE
    daily_rate: float | None = Field(default=None, gt=0, le=100_000)
    currency: CurrencyCode = "EUR"
    years_experience: float = Field(default=0, ge=0, le=60)
    seniority: Seniority | None = None
    availability: Availability = Availability()
    profile_type: Slug = "standard"
    has_photo: bool = False
    portfolio: tuple[PortfolioItem, ...] = Field(default=(), max_length=100)
    certifications: tuple[Certification, ...] = Field(default=(), max_length=100)
    reviews: ReviewStats = ReviewStats()
    recommendations: int = Field(default=0, ge=0)
    completed_missions: int = Field(default=0, ge=0)
    super_status: bool = False
    created_at: AwareDatetime
    last_login_at: AwareDatetime
    responsiveness: Responsiveness = Responsiveness()
    account_status: AccountStatus = AccountStatus.ACTIVE
    published: bool = True
    sanctions: tuple[Sanction, ...] = Field(default=(), max_length=100)
    schedule: Schedule = Schedule()

    @field_validator("skills")
    @classmethod
    def _unique_skills(cls, skills: tuple[Skill, ...]) -> tuple[Skill, ...]:
        seen: set[str] = set()
        for s in skills:
            if s.key in seen:
                raise ValueError(f"skill '{s.name}' is listed twice")
            seen.add(s.key)
        return skills

    @field_validator("languages")
    @classmethod
    def _unique_languages(cls, langs: tuple[LanguageSkill, ...]) -> tuple[LanguageSkill, ...]:
        codes = [lang.code for lang in langs]
        if len(codes) != len(set(codes)):
            raise ValueError("a language is listed twice")
        return langs

    @model_validator(mode="after")
    def _check_dates(self) -> Self:
        if self.last_login_at < self.created_at:
            raise ValueError("last_login_at is before created_at")
        return self

    @property
    def effective_seniority(self) -> Seniority:
        return self.seniority or Seniority.from_years(self.years_experience)

    @property
    def skill_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.skills)

    def active_sanctions(self, at: datetime) -> tuple[Sanction, ...]:
        return tuple(s for s in self.sanctions if s.active_at(at))

    def away_at(self, at: datetime) -> bool:
        return any(p.active_at(at) for p in self.schedule.away)
