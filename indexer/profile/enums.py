"""Closed sets of values used by freelancer profiles (and by briefs and filters)."""

from __future__ import annotations

from enum import StrEnum


class RemoteMode(StrEnum):
    REMOTE = "remote"
    ONSITE = "onsite"
    HYBRID = "hybrid"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    DELETED = "deleted"


class LanguageLevel(StrEnum):
    """CEFR-like spoken level, ordered from weakest to strongest (see ``rank``)."""

    BASIC = "basic"
    CONVERSATIONAL = "conversational"
    PROFESSIONAL = "professional"
    FLUENT = "fluent"
    NATIVE = "native"

    @property
    def rank(self) -> int:
        """1 (basic) to 5 (native)."""
        return _LANGUAGE_RANK[self]


_LANGUAGE_RANK = {lvl: i + 1 for i, lvl in enumerate(LanguageLevel)}


class SkillLevel(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    EXPERT = "expert"


class Seniority(StrEnum):
    """Experience bands as marketplaces commonly show them (junior 0-2 y, mid 3-7 y, senior 8+ y)."""

    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"

    @property
    def rank(self) -> int:
        return {"junior": 1, "mid": 2, "senior": 3}[self.value]

    @classmethod
    def from_years(cls, years: float) -> Seniority:
        if years < 3:
            return cls.JUNIOR
        if years < 8:
            return cls.MID
        return cls.SENIOR


class AvailabilityStatus(StrEnum):
    AVAILABLE = "available"
    PARTIALLY_AVAILABLE = "partially_available"
    UNAVAILABLE = "unavailable"


class SanctionKind(StrEnum):
    """What the trust & safety team decided (domain.md, Sanctions)."""

    WARNING = "warning"
    CURATED_EXCLUSION = "curated_exclusion"
    REVIEWS_REMOVAL = "reviews_removal"
    SUPER_STATUS_LOSS = "super_status_loss"
    TEMPORARY_SUSPENSION = "temporary_suspension"
    PERMANENT_SUSPENSION = "permanent_suspension"


class SanctionScope(StrEnum):
    """Which listings a sanction bars while it is in force.

    ``none``: the profile stays listed (warning, removal of reviews, loss of "super" status).
    ``curated``: hidden from curated (Plus) searches only.
    ``all``: hidden from every search (suspension).
    """

    NONE = "none"
    CURATED = "curated"
    ALL = "all"


#: The scope a sanction kind has unless the sanction says otherwise.
DEFAULT_SANCTION_SCOPE: dict[SanctionKind, SanctionScope] = {
    SanctionKind.WARNING: SanctionScope.NONE,
    SanctionKind.CURATED_EXCLUSION: SanctionScope.CURATED,
    SanctionKind.REVIEWS_REMOVAL: SanctionScope.NONE,
    SanctionKind.SUPER_STATUS_LOSS: SanctionScope.NONE,
    SanctionKind.TEMPORARY_SUSPENSION: SanctionScope.ALL,
    SanctionKind.PERMANENT_SUSPENSION: SanctionScope.ALL,
}


class TextLanguage(StrEnum):
    """Languages the lexical analysis knows (stemming, stop words)."""

    EN = "en"
    DE = "de"
    FR = "fr"
    ES = "es"
