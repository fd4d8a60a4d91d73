"""Views of a freelancer profile: the public part clients see, the full one staff see."""

from __future__ import annotations

from datetime import date

from api.schemas.common import OutputModel
from indexer.profile import (
    AvailabilityStatus,
    LanguageLevel,
    Profile,
    RemoteMode,
    Seniority,
    SkillLevel,
)


class SkillPublic(OutputModel):
    name: str
    years: float | None
    level: SkillLevel | None


class LanguagePublic(OutputModel):
    code: str
    level: LanguageLevel


class ProfilePublic(OutputModel):
    """What a client may see of a freelancer: no activity data, sanctions or coordinates."""

    id: str
    name: str
    headline: str
    description: str
    skills: list[SkillPublic]
    languages: list[LanguagePublic]
    city: str | None
    country: str | None
    remote: RemoteMode
    daily_rate: float | None
    currency: str
    seniority: Seniority
    availability: AvailabilityStatus
    available_from: date | None
    profile_type: str
    review_count: int
    mean_rating: float | None
    completed_missions: int
    super_status: bool

    @classmethod
    def of(cls, p: Profile) -> ProfilePublic:
        return cls(
            id=p.id,
            name=p.name,
            headline=p.headline,
            description=p.description,
            skills=[SkillPublic(name=s.name, years=s.years, level=s.level) for s in p.skills],
            languages=[LanguagePublic(code=lang.code, level=lang.level) for lang in p.languages],
            city=p.city,
            country=p.country,
            remote=p.remote,
            daily_rate=p.daily_rate,
            currency=p.currency,
            seniority=p.effective_seniority,
            availability=p.availability.status,
            available_from=p.availability.available_from,
            profile_type=p.profile_type,
            review_count=p.reviews.count,
            mean_rating=p.reviews.mean_rating,
            completed_missions=p.completed_missions,
            super_status=p.super_status,
        )
