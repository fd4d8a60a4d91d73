"""Curated sourcing requests, their candidates and the shortlist sent to the client."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, model_validator

from api.enums import CandidateDecision, CandidateOrigin, ContactStatus, SourcingStatus
from api.schemas.common import InputModel, Note, OutputModel, ProfileIdStr, Reason
from api.schemas.explanations import ExplanationPublic, ExplanationStaff
from api.schemas.freelancers import ContactDetails
from api.schemas.profiles import ProfilePublic
from indexer.profile import Profile


class SourcingRequestCreate(InputModel):
    limit: int | None = Field(default=None, ge=1, le=500,
                              description="Candidates to snapshot (default: server setting).")


class CandidateStaff(OutputModel):
    profile_id: str
    position: int
    origin: CandidateOrigin
    decision: CandidateDecision
    decision_reason: str | None
    note: str | None
    eligible: bool
    override_reason: str | None
    score: float | None
    profile: Profile | None
    explanation: ExplanationStaff | None
    ineligibility_reasons: list[str]


class SourcingRequestStaff(OutputModel):
    id: str
    project_id: str
    status: SourcingStatus
    as_of: datetime
    policy_version: str
    config_version: str
    total_eligible: int
    created_by: str
    created_at: datetime
    sent_at: datetime | None
    version: int
    candidates: list[CandidateStaff]


class SourcingRequestSummary(OutputModel):
    id: str
    project_id: str
    status: SourcingStatus
    as_of: datetime
    created_at: datetime
    sent_at: datetime | None
    version: int


class CandidateUpdate(InputModel):
    """Keep or reject (a rejection needs a reason) and/or set the internal note."""

    decision: CandidateDecision | None = None
    reason: Reason | None = None
    note: Note | None = None

    @model_validator(mode="after")
    def _check(self) -> CandidateUpdate:
        if self.decision is None and self.note is None:
            raise ValueError("give a decision, a note, or both")
        if self.decision is CandidateDecision.REJECT and not self.reason:
            raise ValueError("a rejection needs a reason")
        return self


class CandidateAdd(InputModel):
    """Add a freelancer by id. If the policy does not list them, ``override_reason`` is required."""

    profile_id: ProfileIdStr
    override_reason: Reason | None = None
    note: Note | None = None


class CandidateOrder(InputModel):
    """The new order: every candidate's profile id exactly once."""

    profile_ids: list[ProfileIdStr] = Field(min_length=1, max_length=1000)


class ShortlistEntryPublic(OutputModel):
    position: int
    profile: ProfilePublic
    explanation: ExplanationPublic
    proposal_status: ContactStatus | None
    contact_details: ContactDetails | None = Field(
        description="Revealed once the freelancer has accepted the proposal.")


class ShortlistPublic(OutputModel):
    project_id: str
    sourcing_request_id: str
    sent_at: datetime
    entries: list[ShortlistEntryPublic]
