"""Self-service search."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Response
from fastapi.concurrency import run_in_threadpool

from api.deps import ClientOrStaff, Ctx
from api.routes._common import AUTH_ERRORS
from api.schemas.search import SearchRequest, SearchResponse
from api.services import search

router = APIRouter(tags=["search"])


@router.post("/search", response_model=SearchResponse, responses=AUTH_ERRORS)
async def self_service_search(ctx: Ctx, _: ClientOrStaff, data: SearchRequest,
                              background: BackgroundTasks) -> Response:
    """Ranked freelancers for a brief, with a client-facing explanation of each result (no
    internal scores or signals). The search mode is always self-service."""
    # Already a validated SearchResponse, serialised (once per cached ranking): returned as
    # is rather than validated and serialised again by the framework. A repeated brief is
    # answered from the result cache on the event loop; a ranking runs in the thread pool
    # (CPU-bound: a ranking thread contending with one loop thread gets at least half the
    # interpreter, against a share among every waiting worker thread otherwise).
    # A brief that keeps coming back is ranked again in the background, after the response
    # is sent, before its cache entry expires (refresh ahead).
    body, refresh = search.cached_self_service_json(ctx, data)
    if body is None:
        body = await run_in_threadpool(search.self_service_json, ctx, data)
    if refresh is not None:
        background.add_task(refresh)
    return Response(body, media_type="application/json", background=background)
