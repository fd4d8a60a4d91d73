"""Reviews of freelancers. A deleted author's reviews stay, anonymised."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from api.enums import ReviewRemovalDecision, ReviewRemovalStatus
from api.schemas.common import InputModel, OutputModel, Reason, Text


class ReviewCreate(InputModel):
    rating: int = Field(ge=1, le=5)
    text: Text


class ReviewPublic(OutputModel):
    id: str
    profile_id: str
    author_name: str
    anonymised: bool
    rating: int
    text: str
    created_at: datetime


class ReviewStaff(ReviewPublic):
    author_id: str | None


class ReviewRemovalCreate(InputModel):
    """Why the review should go: exaggerated, insulting or unlawful (domain.md, Reviews)."""

    reason: Reason


class ReviewRemovalDecisionCreate(InputModel):
    """``remove``: the review is no longer shown anywhere; ``keep``: it stays. Both record
    the outcome."""

    decision: ReviewRemovalDecision
    outcome: Reason


class ReviewRemovalPublic(OutputModel):
    """A removal request as its requester sees it."""

    id: str
    review_id: str
    reason: str
    status: ReviewRemovalStatus
    outcome: str | None
    handled_at: datetime | None
    created_at: datetime
    version: int


class ReviewRemovalStaff(ReviewRemovalPublic):
    requested_by: str
    requester_role: str
    handled_by: str | None
    review: ReviewStaff | None = None
