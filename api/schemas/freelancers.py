"""Freelancer accounts: contact details and "why am I not listed"."""

from __future__ import annotations

from pydantic import Field

from api.schemas.common import InputModel, OutputModel
from ranking.brief import Brief


class ContactDetails(OutputModel):
    email: str | None
    phone: str | None


class ContactDetailsUpdate(InputModel):
    email: str | None = Field(default=None, max_length=320,
                              pattern=r"^[^@\s\x00-\x1f]{1,64}@[^@\s\x00-\x1f]+\.[^@\s\x00-\x1f]+$")
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ()./-]{4,30}$")


class WhyNotListedRequest(InputModel):
    brief: Brief


class WhyNotListedResponse(OutputModel):
    profile_id: str
    listed: bool
    rank: int | None
    reasons: list[str]
    hints: list[str]
