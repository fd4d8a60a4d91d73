"""Reports: anyone can report a project, a client or a freelancer; staff record the outcome."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from api.db.repositories import reports as report_repo
from api.deps import Caller, Ctx, Paging, Staff
from api.enums import ReportStatus
from api.routes._common import AUTH_ERRORS, CONFLICT, NOT_FOUND, errors
from api.schemas.common import Page
from api.schemas.reports import ReportCreate, ReportPublic, ReportResolve, ReportStaff
from api.services import reports
from indexer.errors import NotFoundError

router = APIRouter(prefix="/reports", tags=["reports"])

ReportId = Annotated[str, Path(pattern=r"^rep_[0-9a-f]{16}$")]


@router.post("", response_model=ReportPublic, status_code=status.HTTP_201_CREATED,
             responses=errors(AUTH_ERRORS, NOT_FOUND))
def create_report(ctx: Ctx, actor: Caller, data: ReportCreate) -> ReportPublic:
    return ReportPublic.model_validate(reports.create(ctx, actor, data))


@router.get("", response_model=Page[ReportPublic], responses=AUTH_ERRORS)
def list_reports(ctx: Ctx, actor: Caller, paging: Paging,
                 status_: Annotated[ReportStatus | None, Query(alias="status")] = None,
                 ) -> Page[ReportPublic]:
    """Staff see every report; others see the reports they made, with their outcome."""
    with ctx.db.read() as conn:
        page = report_repo.page(conn, reporter_id=None if actor.is_staff
                                else reports.reporter_identity(actor),
                                status=status_.value if status_ else None,
                                limit=paging.limit, offset=paging.offset)
    return Page[ReportPublic](items=[ReportPublic.model_validate(r) for r in page.rows],
                              total=page.total, limit=page.limit, offset=page.offset)


@router.get("/{report_id}", response_model=ReportStaff, responses=errors(AUTH_ERRORS, NOT_FOUND))
def get_report(ctx: Ctx, _: Staff, report_id: ReportId) -> ReportStaff:
    with ctx.db.read() as conn:
        row = report_repo.get(conn, report_id)
    if row is None:
        raise NotFoundError(f"report '{report_id}' does not exist")
    return ReportStaff.model_validate(row)


@router.post("/{report_id}/resolve", response_model=ReportStaff,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def resolve_report(ctx: Ctx, actor: Staff, report_id: ReportId,
                   data: ReportResolve) -> ReportStaff:
    """Record the outcome: upheld or dismissed, with what was done."""
    return ReportStaff.model_validate(reports.resolve(ctx, actor, report_id, data))
