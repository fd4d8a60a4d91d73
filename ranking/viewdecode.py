"""The fields of a stored profile's JSON that a scoring view reads, decoded without the rest.

:meth:`ranking.profileview.ProfileView.from_json` builds the views of the ~200 candidates of
a search from the JSON the embedded backend stores (that of a validated
:class:`~indexer.profile.model.Profile`). A general JSON parser makes a Python object of every
value in it, the ~1,400-character description, the portfolio and the skills' levels included;
:data:`DECODER` is a msgspec decoder typed with just the fields a view needs, so it skips the
others while scanning and makes only the objects it returns. Measured on 3,000 generated
profiles (one process, best of five): 4.8 µs a document, against 14.6 µs for
``pydantic_core.from_json`` plus the view.

The structs mirror the stored JSON's names and shapes (the types are what
``Profile.model_dump_json`` writes; unknown fields are ignored, so fields added to the profile
later do not matter). Trusted input only: the stored documents were validated when indexed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec


class StoredSkill(msgspec.Struct, gc=False):
    name: str


class StoredLanguage(msgspec.Struct, gc=False):
    code: str
    level: str


class StoredCoordinates(msgspec.Struct, gc=False):
    lat: float
    lon: float


class StoredAvailability(msgspec.Struct, gc=False):
    status: str
    available_from: date | None
    confirmed_at: datetime | None


class StoredReviews(msgspec.Struct, gc=False):
    count: int
    mean_rating: float | None


class StoredResponsiveness(msgspec.Struct, gc=False):
    answered_within_24h: float | None
    median_first_response_minutes: float | None


class StoredProfile(msgspec.Struct, gc=False):
    """What :class:`~ranking.profileview.ProfileView` reads of a stored profile."""

    id: str
    headline: str
    skills: list[StoredSkill]
    sectors: tuple[str, ...]
    languages: list[StoredLanguage]
    city: str | None
    country: str | None
    coordinates: StoredCoordinates | None
    remote: str
    daily_rate: float | None
    currency: str | None
    years_experience: float
    seniority: str | None
    availability: StoredAvailability
    profile_type: str
    reviews: StoredReviews
    recommendations: int
    super_status: bool
    created_at: datetime
    last_login_at: datetime
    responsiveness: StoredResponsiveness
    sanctions: list[dict[str, Any]]


#: Decodes the JSON of a stored profile into a :class:`StoredProfile`.
DECODER: msgspec.json.Decoder[StoredProfile] = msgspec.json.Decoder(StoredProfile)
