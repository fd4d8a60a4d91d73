"""Reviews of freelancers. A deleted author's reviews stay, anonymised."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from api.schemas.common import InputModel, OutputModel, Text


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
