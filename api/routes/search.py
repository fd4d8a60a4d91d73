"""Self-service search."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import ClientOrStaff, Ctx
from api.routes._common import AUTH_ERRORS
from api.schemas.search import SearchRequest, SearchResponse
from api.services import search

router = APIRouter(tags=["search"])


@router.post("/search", response_model=SearchResponse, responses=AUTH_ERRORS)
def self_service_search(ctx: Ctx, _: ClientOrStaff, data: SearchRequest) -> Response:
    """Ranked freelancers for a brief, with a client-facing explanation of each result (no
    internal scores or signals). The search mode is always self-service."""
    # Already a validated SearchResponse, serialised (once per cached ranking): returned as
    # is rather than validated and serialised again by the framework.
    return Response(search.self_service_json(ctx, data), media_type="application/json")
