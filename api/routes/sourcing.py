"""Curated sourcing requests and their review by the sourcing team.

Reads return an ``ETag`` (``"v<version>"``); every edit must send it back in ``If-Match``.
A stale ``If-Match`` gets a 409 ``stale-version`` and changes nothing.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response, status

from api.db.repositories import sourcing as sourcing_repo
from api.deps import Ctx, ExpectedVersion, Paging, Staff, etag
from api.enums import SourcingStatus
from api.routes._common import AUTH_ERRORS, CONFLICT, EDIT_ERRORS, NOT_FOUND, errors
from api.routes.projects import ProjectId
from api.schemas.common import Page
from api.schemas.sourcing import (
    CandidateAdd,
    CandidateOrder,
    CandidateUpdate,
    SourcingRequestCreate,
    SourcingRequestStaff,
    SourcingRequestSummary,
)
from api.services import sourcing

router = APIRouter(tags=["sourcing"])

RequestId = Annotated[str, Path(pattern=r"^src_[0-9a-f]{16}$")]
ProfileId = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")]


def _with_etag(response: Response, view: dict[str, Any]) -> SourcingRequestStaff:
    response.headers["ETag"] = etag(view["version"])
    return SourcingRequestStaff.model_validate(view)


@router.post("/projects/{project_id}/sourcing-requests", response_model=SourcingRequestStaff,
             status_code=status.HTTP_201_CREATED,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def create_request(ctx: Ctx, actor: Staff, project_id: ProjectId, response: Response,
                   data: SourcingRequestCreate | None = None) -> SourcingRequestStaff:
    """Run the ranker in curated mode for an approved curated project and snapshot the
    candidates (scores, explanations, policy and configuration versions, as_of)."""
    view = sourcing.create_request(ctx, actor, project_id, data.limit if data else None)
    return _with_etag(response, view)


@router.get("/sourcing-requests", response_model=Page[SourcingRequestSummary],
            responses=AUTH_ERRORS)
def list_requests(ctx: Ctx, _: Staff, paging: Paging,
                  project_id: Annotated[str | None, Query(pattern=r"^prj_[0-9a-f]{16}$")] = None,
                  status_: Annotated[SourcingStatus | None, Query(alias="status")] = None,
                  ) -> Page[SourcingRequestSummary]:
    with ctx.db.read() as conn:
        page = sourcing_repo.page(conn, project_id=project_id,
                                  status=status_.value if status_ else None,
                                  limit=paging.limit, offset=paging.offset)
    return Page[SourcingRequestSummary](
        items=[SourcingRequestSummary.model_validate(r) for r in page.rows],
        total=page.total, limit=page.limit, offset=page.offset)


@router.get("/sourcing-requests/{request_id}", response_model=SourcingRequestStaff,
            responses=errors(AUTH_ERRORS, NOT_FOUND))
def get_request(ctx: Ctx, _: Staff, request_id: RequestId,
                response: Response) -> SourcingRequestStaff:
    """The request with every candidate, full explanation and internal note."""
    return _with_etag(response, sourcing.view(ctx, request_id))


@router.patch("/sourcing-requests/{request_id}/candidates/{profile_id}",
              response_model=SourcingRequestStaff, responses=errors(AUTH_ERRORS, EDIT_ERRORS))
def update_candidate(ctx: Ctx, actor: Staff, request_id: RequestId, profile_id: ProfileId,
                     expected: ExpectedVersion, data: CandidateUpdate,
                     response: Response) -> SourcingRequestStaff:
    """Keep or reject a candidate (a rejection needs a reason) and/or set the note."""
    view = sourcing.update_candidate(ctx, actor, request_id, profile_id, expected, data)
    return _with_etag(response, view)


@router.post("/sourcing-requests/{request_id}/candidates", response_model=SourcingRequestStaff,
             responses=errors(AUTH_ERRORS, EDIT_ERRORS))
def add_candidate(ctx: Ctx, actor: Staff, request_id: RequestId, expected: ExpectedVersion,
                  data: CandidateAdd, response: Response) -> SourcingRequestStaff:
    """Add a freelancer by id. Eligibility is checked; if the policy does not list them,
    ``override_reason`` is required (422 otherwise)."""
    view = sourcing.add_candidate(ctx, actor, request_id, expected, data)
    return _with_etag(response, view)


@router.put("/sourcing-requests/{request_id}/order", response_model=SourcingRequestStaff,
            responses=errors(AUTH_ERRORS, EDIT_ERRORS))
def reorder(ctx: Ctx, actor: Staff, request_id: RequestId, expected: ExpectedVersion,
            data: CandidateOrder, response: Response) -> SourcingRequestStaff:
    """Set the order of the candidates (every candidate exactly once)."""
    return _with_etag(response, sourcing.reorder(ctx, actor, request_id, expected, data))


@router.post("/sourcing-requests/{request_id}/send", response_model=SourcingRequestStaff,
             responses=errors(AUTH_ERRORS, EDIT_ERRORS))
def send(ctx: Ctx, actor: Staff, request_id: RequestId, expected: ExpectedVersion,
         response: Response) -> SourcingRequestStaff:
    """Send the kept candidates to the client as the shortlist; it is immutable afterwards
    and each kept freelancer receives a proposal."""
    return _with_etag(response, sourcing.send(ctx, actor, request_id, expected))
