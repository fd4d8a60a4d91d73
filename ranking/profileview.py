"""What scoring reads of a profile, in a compact form that is cheap to keep in memory.

The signals need about twenty fields of a profile; explanations need the whole profile, but
only for the ``k`` results returned. A :class:`ProfileView` holds just those fields, in one
named tuple with a few nested tuples and a dict (a handful of objects per profile, where a
decoded :class:`~indexer.profile.model.Profile` is about fifty). Enums are kept as their
values and datetimes in UTC, so a view holds only atomic values, strings and numpy arrays
and (no dicts: a tuple holding one stays tracked) the collector stops tracking it altogether
once it is an exact tuple, as the cache keeps it (sanctions, rare, are the exception). Keeping thousands of views
cached therefore costs little memory and, more important, little work for Python's cyclic
garbage collector, whose full collections walk every live container object (measured: 20,000
cached full profiles made 700 ms collector pauses; views of them a few ms). Datetimes are
converted to UTC: the same instants (every signal compares or subtracts them, which does not
depend on the zone), without the tracked time-zone object that each decoded datetime carries.

:func:`ranking.features.compute_features` computes every signal from a view; the full
profile is fetched again for the profiles that are returned.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import NamedTuple

from indexer.backends.protocol import IndexedProfile, Vector
from indexer.profile.enums import AvailabilityStatus, LanguageLevel, RemoteMode, Seniority
from indexer.profile.model import Sanction
from ranking.viewdecode import DECODER

_LANGUAGE_RANK = {level.value: level.rank for level in LanguageLevel}
_SENIORITY_RANK = {s.value: s.rank for s in Seniority}


class ProfileView(NamedTuple):
    """The fields of an indexed profile that the signals read (see the module docstring)."""

    id: str
    vector: Vector
    completeness: float
    skill_names: tuple[str, ...]
    languages: tuple[tuple[str, int], ...]  # (code, LanguageLevel.rank)
    coordinates: tuple[float, float] | None  # (lat, lon)
    city: str | None
    country: str | None
    remote_mode: str  # RemoteMode value (see :attr:`remote`)
    daily_rate: float | None
    currency: str | None
    availability_value: str  # AvailabilityStatus value (see :attr:`availability_status`)
    available_from: date | None
    availability_confirmed_at: datetime | None
    seniority_rank: int  # of the effective seniority
    sectors: tuple[str, ...]
    review_count: int
    review_mean: float | None
    recommendations: int
    super_status: bool
    created_at: datetime
    last_login_at: datetime
    profile_type: str
    answered_within_24h: float | None
    median_first_response_minutes: float | None
    sanctions: tuple[Sanction, ...]
    headline: str = ""  # the title match compares it with the brief's title

    @classmethod
    def of(cls, doc: IndexedProfile) -> ProfileView:
        """The view of one indexed profile."""
        p = doc.profile
        av = p.availability
        return cls(
            id=p.id,
            vector=doc.vector,
            completeness=doc.completeness.score,
            skill_names=tuple(s.name for s in p.skills),
            languages=tuple((lang.code, lang.level.rank) for lang in p.languages),
            coordinates=(p.coordinates.lat, p.coordinates.lon) if p.coordinates else None,
            city=p.city,
            country=p.country,
            remote_mode=p.remote.value,
            daily_rate=p.daily_rate,
            currency=p.currency,
            availability_value=av.status.value,
            available_from=av.available_from,
            availability_confirmed_at=None if av.confirmed_at is None else _utc(av.confirmed_at),
            seniority_rank=p.effective_seniority.rank,
            sectors=tuple(p.sectors),
            review_count=p.reviews.count,
            review_mean=p.reviews.mean_rating,
            recommendations=p.recommendations,
            super_status=p.super_status,
            created_at=_utc(p.created_at),
            last_login_at=_utc(p.last_login_at),
            profile_type=p.profile_type,
            answered_within_24h=p.responsiveness.answered_within_24h,
            median_first_response_minutes=p.responsiveness.median_first_response_minutes,
            sanctions=tuple(p.sanctions),
            headline=p.headline,
        )

    @classmethod
    def from_json(cls, raw: bytes, vector: Vector, completeness: float) -> ProfileView:
        """The view of a profile stored as the JSON of a *validated* :class:`Profile`
        (``model_dump_json``, as the embedded backend stores it), without validating it
        again (only the fields a view reads are decoded: :mod:`ranking.viewdecode`), and equal
        to :meth:`of` of the decoded profile (tested on generated profiles with every special
        case). Only for trusted, stored documents."""
        d = DECODER.decode(raw)
        av = d.availability
        confirmed = av.confirmed_at
        coords = d.coordinates
        seniority = d.seniority
        reviews = d.reviews
        resp = d.responsiveness
        return cls(
            id=d.id,
            vector=vector,
            completeness=completeness,
            skill_names=tuple([s.name for s in d.skills]),
            languages=tuple([(lang.code, _LANGUAGE_RANK[lang.level]) for lang in d.languages]),
            coordinates=(coords.lat, coords.lon) if coords else None,
            city=d.city,
            country=d.country,
            remote_mode=d.remote,
            daily_rate=d.daily_rate,
            currency=d.currency,
            availability_value=av.status,
            available_from=av.available_from,
            availability_confirmed_at=None if confirmed is None else _utc(confirmed),
            seniority_rank=(
                _SENIORITY_RANK[seniority]
                if seniority is not None
                else Seniority.from_years(d.years_experience).rank
            ),
            sectors=d.sectors,
            review_count=reviews.count,
            review_mean=reviews.mean_rating,
            recommendations=d.recommendations,
            super_status=d.super_status,
            created_at=_utc(d.created_at),
            last_login_at=_utc(d.last_login_at),
            profile_type=d.profile_type,
            answered_within_24h=resp.answered_within_24h,
            median_first_response_minutes=resp.median_first_response_minutes,
            sanctions=tuple([Sanction.model_validate(s) for s in d.sanctions]),
            headline=d.headline,
        )

    @property
    def remote(self) -> RemoteMode:
        return RemoteMode(self.remote_mode)

    @property
    def availability_status(self) -> AvailabilityStatus:
        return AvailabilityStatus(self.availability_value)

    def active_sanctions(self, at: datetime) -> tuple[Sanction, ...]:
        """Sanctions in force at ``at`` (as :meth:`Profile.active_sanctions`)."""
        if not self.sanctions:  # most profiles
            return ()
        return tuple(s for s in self.sanctions if s.active_at(at))


def _utc(t: datetime) -> datetime:
    return t.astimezone(UTC)
