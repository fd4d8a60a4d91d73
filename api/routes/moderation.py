"""The moderation queues: a new client's first curated project, new users' first messages
held before delivery, and requests to remove a review wait here for staff."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.db.repositories import held_messages as message_repo
from api.db.repositories import projects as project_repo
from api.db.repositories import review_removals as removal_repo
from api.deps import Ctx, Paging, Staff
from api.enums import HeldMessageStatus, ProjectStatus, ReviewRemovalStatus
from api.routes._common import AUTH_ERRORS, CONFLICT, NOT_FOUND, errors
from api.routes.projects import ProjectId
from api.schemas.common import Page
from api.schemas.messages import HeldMessageDecision, HeldMessageStaff
from api.schemas.projects import (
    ModerationDecisionCreate,
    ModerationDecisionPublic,
    ProjectPublic,
    ProjectStaff,
)
from api.schemas.reviews import ReviewRemovalDecisionCreate, ReviewRemovalStaff
from api.services import messages, projects, reviews

router = APIRouter(prefix="/moderation", tags=["moderation"])

MessageId = Annotated[str, Path(pattern=r"^msg_[0-9a-f]{16}$")]
RemovalId = Annotated[str, Path(pattern=r"^rmv_[0-9a-f]{16}$")]


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


@router.get("/messages", response_model=Page[HeldMessageStaff], responses=AUTH_ERRORS)
def held_messages(ctx: Ctx, _: Staff, paging: Paging,
                  status_: Annotated[HeldMessageStatus | None, Query(alias="status")] = None,
                  ) -> Page[HeldMessageStaff]:
    """New users' first messages held before delivery, oldest first (``status=held``: the
    queue), with why each was held."""
    with ctx.db.read() as conn:
        page = message_repo.page(conn, status=status_.value if status_ else None,
                                 limit=paging.limit, offset=paging.offset)
    return Page[HeldMessageStaff](items=[HeldMessageStaff.model_validate(r) for r in page.rows],
                                  total=page.total, limit=page.limit, offset=page.offset)


@router.post("/messages/{message_id}/decision", response_model=HeldMessageStaff,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def decide_message(ctx: Ctx, actor: Staff, message_id: MessageId,
                   data: HeldMessageDecision) -> HeldMessageStaff:
    """Approve (the message is delivered now) or reject (never delivered; reason needed)."""
    return HeldMessageStaff.model_validate(messages.decide(ctx, actor, message_id, data))


@router.get("/reviews", response_model=Page[ReviewRemovalStaff], responses=AUTH_ERRORS)
def review_removal_requests(
    ctx: Ctx, _: Staff, paging: Paging,
    status_: Annotated[ReviewRemovalStatus | None, Query(alias="status")] = None,
) -> Page[ReviewRemovalStaff]:
    """Requests to remove a review, oldest first (``status=open``: the queue), each with the
    review it is about."""
    with ctx.db.read() as conn:
        page = removal_repo.page(conn, status=status_.value if status_ else None,
                                 limit=paging.limit, offset=paging.offset)
        items = [ReviewRemovalStaff.model_validate(reviews.with_review(conn, r))
                 for r in page.rows]
    return Page[ReviewRemovalStaff](items=items, total=page.total, limit=page.limit,
                                    offset=page.offset)


@router.post("/reviews/{request_id}/decision", response_model=ReviewRemovalStaff,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def decide_review_removal(ctx: Ctx, actor: Staff, request_id: RemovalId,
                          data: ReviewRemovalDecisionCreate) -> ReviewRemovalStaff:
    """Remove the review (it is no longer listed) or keep it, with the outcome."""
    return ReviewRemovalStaff.model_validate(
        reviews.decide_removal(ctx, actor, request_id, data))
