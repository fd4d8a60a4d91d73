"""Self-service search."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from api.schemas.common import InputModel, OutputModel
from api.schemas.explanations import ExplanationPublic
from api.schemas.profiles import ProfilePublic
from ranking.brief import Brief


class SearchRequest(InputModel):
    """A brief and how many results to return. The search mode is always self-service."""

    brief: Brief
    limit: int = Field(default=20, ge=1, le=500)


class SearchHitPublic(OutputModel):
    rank: int
    profile: ProfilePublic
    explanation: ExplanationPublic


class SearchResponse(OutputModel):
    as_of: datetime
    total_eligible: int
    results: list[SearchHitPublic]
