"""Contacts between a client and a freelancer about a project (= proposals to freelancers)."""

from __future__ import annotations

from datetime import datetime

from api.enums import ContactChannel, ContactStatus
from api.schemas.common import InputModel, Note, OutputModel, ProfileIdStr, Reason
from api.schemas.freelancers import ContactDetails


class ContactCreate(InputModel):
    profile_id: ProfileIdStr
    message: Note = ""


class ContactPublic(OutputModel):
    id: str
    project_id: str
    profile_id: str
    channel: ContactChannel
    status: ContactStatus
    message: str | None
    decline_reason: str | None
    created_at: datetime
    updated_at: datetime
    version: int
    contact_details: ContactDetails | None = None
    message_held: bool = False
    decline_reason_held: bool = False


class ProposalProject(OutputModel):
    id: str
    title: str
    description: str


class ProposalPublic(OutputModel):
    """A contact as the freelancer sees it."""

    id: str
    project: ProposalProject
    channel: ContactChannel
    status: ContactStatus
    message: str | None
    created_at: datetime
    version: int
    message_held: bool = False


class ProposalDecline(InputModel):
    """A freelancer may decline any proposal, for any reason (the reason is optional)."""

    reason: Reason | None = None
