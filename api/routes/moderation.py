"""The moderation queue: a new client's first curated project waits here for staff."""

from __future__ import annotations

from fastapi import APIRouter

from api.db.repositories import projects as project_repo
from api.deps import Ctx, Paging, Staff
from api.enums import ProjectStatus
from api.routes._common import AUTH_ERRORS, CONFLICT, NOT_FOUND, errors
from api.routes.projects import ProjectId
from api.schemas.common import Page
from api.schemas.projects import (
    ModerationDecisionCreate,
    ModerationDecisionPublic,
    ProjectPublic,
    ProjectStaff,
)
from api.services import projects

router = APIRouter(prefix="/moderation", tags=["moderation"])


@router.get("/queue", response_model=Page[ProjectPublic], responses=AUTH_ERRORS)
def queue(ctx: Ctx, _: Staff, paging: Paging) -> Page[ProjectPublic]:
    """Projects waiting for review, oldest first."""
    with ctx.db.read() as conn:
        page = project_repo.page(conn, client_id=None, status=ProjectStatus.PENDING_REVIEW.value,
                                 limit=paging.limit, offset=paging.offset)
    return Page[ProjectPublic](items=[ProjectPublic.model_validate(r) for r in page.rows],
                               total=page.total, limit=page.limit, offset=page.offset)


@router.get("/projects/{project_id}", response_model=ProjectStaff,
            responses=errors(AUTH_ERRORS, NOT_FOUND))
def project_history(ctx: Ctx, actor: Staff, project_id: ProjectId) -> ProjectStaff:
    """A project with every moderation decision taken on it."""
    row = projects.get_visible(ctx, actor, project_id)
    return ProjectStaff.model_validate({**row, "moderation": projects.decisions(ctx, project_id)})


@router.post("/projects/{project_id}/decision", response_model=ModerationDecisionPublic,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def decide(ctx: Ctx, actor: Staff, project_id: ProjectId,
           data: ModerationDecisionCreate) -> ModerationDecisionPublic:
    """Approve (the project may be forwarded) or reject (with a reason; never forwarded)."""
    projects.decide(ctx, actor, project_id, data)
    return ModerationDecisionPublic.model_validate(projects.decisions(ctx, project_id)[-1])
