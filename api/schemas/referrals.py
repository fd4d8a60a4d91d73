"""Business referrals: a freelancer refers a project (a company that needs freelancers) to
the platform."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from api.enums import ReferralStatus
from api.schemas.common import EntityId, InputModel, Name, OutputModel, Reason, Text

EMAIL_PATTERN = r"^[^@\s\x00-\x1f]{1,64}@[^@\s\x00-\x1f]+\.[^@\s\x00-\x1f]+$"


class ReferralCreate(InputModel):
    """The referred business: who it is, whom to talk to, what they need."""

    company_name: Name
    contact_name: Name | None = None
    contact_email: str | None = Field(default=None, max_length=320, pattern=EMAIL_PATTERN)
    description: Text


class ReferralResolve(InputModel):
    """Staff record what became of a referral. ``client_id`` links the client company that
    was created for the referred business (accepted referrals only)."""

    status: Literal[ReferralStatus.ACCEPTED, ReferralStatus.DECLINED]
    outcome: Reason
    client_id: EntityId | None = None


class ReferralPublic(OutputModel):
    """A referral as its freelancer sees it."""

    id: str
    company_name: str
    contact_name: str | None
    contact_email: str | None
    description: str
    status: ReferralStatus
    outcome: str | None
    handled_at: datetime | None
    created_at: datetime
    version: int


class ReferralStaff(ReferralPublic):
    referrer_id: str
    client_id: str | None
    handled_by: str | None
