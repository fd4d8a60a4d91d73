"""A stored profile decoded without validating it again: :class:`ProfileRecord`.

The embedded backend stores each profile as the JSON of a validated :class:`Profile`
(``model_dump_json``). Validating it once more when it is read (``Profile.model_validate_json``,
~45 µs for a generated profile) is most of what fetching a search result costs. A caller that
only reads fields can decode that JSON with msgspec instead (:func:`decode_record`, a few µs):
the fields below, with the values and types the validated profile holds (enum members, aware
datetimes, tuples; unknown fields, e.g. the portfolio, are skipped). :func:`filter_values` and
the public view of a profile read a record as they read a profile (:mod:`indexer.backends.filters`,
``api.schemas.profiles``). Sanctions and away periods, rare, are validated as the profile's own
models.

Trusted input only: the JSON of a validated profile. A document that does not decode as one
(e.g. stored before a field existed) is validated by pydantic and then decoded, so a record
always holds what ``Profile.model_validate_json`` would.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec

from indexer.profile.enums import (
    AccountStatus,
    AvailabilityStatus,
    LanguageLevel,
    RemoteMode,
    Seniority,
    SkillLevel,
    TextLanguage,
)
from indexer.profile.model import AwayPeriod, Profile, Sanction, normalise_skill


class SkillRecord(msgspec.Struct, frozen=True, gc=False):
    name: str
    years: float | None
    level: SkillLevel | None


class LanguageRecord(msgspec.Struct, frozen=True, gc=False):
    code: str
    level: LanguageLevel


class GeoRecord(msgspec.Struct, frozen=True, gc=False):
    lat: float
    lon: float


class AvailabilityRecord(msgspec.Struct, frozen=True, gc=False):
    status: AvailabilityStatus
    available_from: date | None


class ReviewsRecord(msgspec.Struct, frozen=True, gc=False):
    count: int
    mean_rating: float | None


class ScheduleRecord(msgspec.Struct, frozen=True, gc=False):
    no_weekends: bool
    away: tuple[AwayPeriod, ...]


class ProfileRecord(msgspec.Struct, frozen=True, gc=False):
    """The fields of a stored :class:`Profile` that eligibility and the public view read,
    named and typed as the profile's (see the module docstring)."""

    id: str
    name: str
    headline: str
    description: str
    text_language: TextLanguage
    skills: tuple[SkillRecord, ...]
    categories: tuple[str, ...]
    sectors: tuple[str, ...]
    languages: tuple[LanguageRecord, ...]
    city: str | None
    country: str | None
    coordinates: GeoRecord | None
    remote: RemoteMode
    daily_rate: float | None
    currency: str
    years_experience: float
    seniority: Seniority | None
    availability: AvailabilityRecord
    profile_type: str
    reviews: ReviewsRecord
    completed_missions: int
    super_status: bool
    created_at: datetime
    last_login_at: datetime
    account_status: AccountStatus
    published: bool
    sanctions: tuple[Sanction, ...]
    schedule: ScheduleRecord

    @property
    def effective_seniority(self) -> Seniority:
        """As :attr:`Profile.effective_seniority`."""
        return self.seniority or Seniority.from_years(self.years_experience)

    @property
    def skill_keys(self) -> tuple[str, ...]:
        """As :attr:`Profile.skill_keys`."""
        return tuple([normalise_skill(s.name) for s in self.skills])

    @classmethod
    def of(cls, profile: Profile) -> ProfileRecord:
        """The record of a validated profile (through its JSON, as stored)."""
        return _DECODER.decode(profile.__pydantic_serializer__.to_json(profile))


def _validated(kind: type, value: Any) -> Any:
    if kind is Sanction or kind is AwayPeriod:
        return kind.model_validate(value)
    raise NotImplementedError(f"no decoding of {kind!r}")


_DECODER = msgspec.json.Decoder(ProfileRecord, dec_hook=_validated)


def decode_record(raw: bytes) -> ProfileRecord:
    """The record of a stored profile's JSON (see the module docstring)."""
    try:
        return _DECODER.decode(raw)
    except msgspec.DecodeError:  # ValidationError included
        return ProfileRecord.of(Profile.model_validate_json(raw))
