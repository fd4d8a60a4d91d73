"""Self-service search."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ClientOrStaff, Ctx
from api.routes._common import AUTH_ERRORS
from api.schemas.search import SearchRequest, SearchResponse
from api.services import search

router = APIRouter(tags=["search"])


@router.post("/search", response_model=SearchResponse, responses=AUTH_ERRORS)
def self_service_search(ctx: Ctx, _: ClientOrStaff, data: SearchRequest) -> SearchResponse:
    """Ranked freelancers for a brief, with a client-facing explanation of each result (no
    internal scores or signals). The search mode is always self-service."""
    return search.self_service(ctx, data)
