"""Views of a freelancer profile: the public part clients see, the full one staff see."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from api.schemas.common import OutputModel
from indexer.profile import (
    AvailabilityStatus,
    LanguageLevel,
    Profile,
    RemoteMode,
    Sanction,
    SanctionKind,
    Seniority,
    SkillLevel,
)
from indexer.profile.record import ProfileRecord


def kinds_in_force(sanctions: Sequence[Sanction], at: datetime) -> frozenset[SanctionKind]:
    """The kinds of the sanctions in force at ``at``."""
    return frozenset(s.kind for s in sanctions if s.active_at(at))


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
    def of(cls, p: Profile, *, as_of: datetime | None = None,
           sanctions: Sequence[Sanction] | None = None) -> ProfilePublic:
        """The public view of ``p``. With ``as_of``, the effects of the sanctions in force
        then are applied (domain.md, Sanctions): "removal of reviews and recommendations"
        shows no reviews, "loss of the super status" shows no super status. ``sanctions``
        replaces the profile's own list (e.g. a snapshot's profile with today's sanctions)."""
        return cls(**public_fields(p, as_of=as_of, sanctions=sanctions))


def public_fields(p: Profile | ProfileRecord, *, as_of: datetime | None = None,
                  sanctions: Sequence[Sanction] | None = None) -> dict[str, Any]:
    """The fields of :meth:`ProfilePublic.of` of ``p`` (or of its record), in the model's
    order, as plain values (skills and languages as dicts, enums as members): what
    msgspec writes as pydantic writes the model (``api.services.search_json``)."""
    kinds = (kinds_in_force(p.sanctions if sanctions is None else sanctions, as_of)
             if as_of is not None else frozenset())
    reviews_removed = SanctionKind.REVIEWS_REMOVAL in kinds
    return {
        "id": p.id,
        "name": p.name,
        "headline": p.headline,
        "description": p.description,
        "skills": [{"name": s.name, "years": s.years, "level": s.level} for s in p.skills],
        "languages": [{"code": lang.code, "level": lang.level} for lang in p.languages],
        "city": p.city,
        "country": p.country,
        "remote": p.remote,
        "daily_rate": p.daily_rate,
        "currency": p.currency,
        "seniority": p.effective_seniority,
        "availability": p.availability.status,
        "available_from": p.availability.available_from,
        "profile_type": p.profile_type,
        "review_count": 0 if reviews_removed else p.reviews.count,
        "mean_rating": None if reviews_removed else p.reviews.mean_rating,
        "completed_missions": p.completed_missions,
        "super_status": p.super_status and SanctionKind.SUPER_STATUS_LOSS not in kinds,
    }
