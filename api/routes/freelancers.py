"""Freelancers as others see them: reviews; account deletion by admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from api.db.repositories import reviews as review_repo
from api.deps import AdminOnly, Caller, ClientOnly, Ctx, Paging
from api.enums import Role
from api.routes._common import AUTH_ERRORS, CONFLICT, NOT_FOUND, errors
from api.schemas.common import Page
from api.schemas.reviews import (
    ReviewCreate,
    ReviewPublic,
    ReviewRemovalCreate,
    ReviewRemovalPublic,
)
from api.schemas.system import AccountDeleted
from api.services import accounts, reviews

router = APIRouter(prefix="/freelancers", tags=["freelancers"])

ProfileId = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")]
ReviewId = Annotated[str, Path(pattern=r"^rev_[0-9a-f]{16}$")]


@router.get("/{profile_id}/reviews", response_model=Page[ReviewPublic], responses=AUTH_ERRORS)
def list_reviews(ctx: Ctx, actor: Caller, profile_id: ProfileId,
                 paging: Paging) -> Page[ReviewPublic]:
    """A freelancer's reviews, newest first. Authors who deleted their account appear as
    "Former member" (the review stays). While a "removal of reviews and recommendations"
    sanction is in force, clients and freelancers see none (staff still do)."""
    if not actor.is_staff and reviews.removed_by_sanction(ctx, profile_id):
        return Page[ReviewPublic](items=[], total=0, limit=paging.limit, offset=paging.offset)
    with ctx.db.read() as conn:
        page = review_repo.page(conn, profile_id=profile_id, limit=paging.limit,
                                offset=paging.offset)
    return Page[ReviewPublic](items=[ReviewPublic.model_validate(r) for r in page.rows],
                              total=page.total, limit=page.limit, offset=page.offset)


@router.post("/{profile_id}/reviews", response_model=ReviewPublic,
             status_code=status.HTTP_201_CREATED, responses=errors(AUTH_ERRORS, NOT_FOUND))
def create_review(ctx: Ctx, actor: ClientOnly, profile_id: ProfileId,
                  data: ReviewCreate) -> ReviewPublic:
    return ReviewPublic.model_validate(reviews.create(ctx, actor, profile_id, data))


@router.post("/{profile_id}/reviews/{review_id}/removal-request",
             response_model=ReviewRemovalPublic, status_code=status.HTTP_201_CREATED,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def request_review_removal(ctx: Ctx, actor: Caller, profile_id: ProfileId, review_id: ReviewId,
                           data: ReviewRemovalCreate) -> ReviewRemovalPublic:
    """Ask staff to remove a review that is exaggerated, insulting or unlawful. One request
    per review waits at a time (409 names it); staff decide at
    ``POST /moderation/reviews/{request_id}/decision``."""
    return ReviewRemovalPublic.model_validate(
        reviews.request_removal(ctx, actor, profile_id, review_id, data))


@router.delete("/{profile_id}", response_model=AccountDeleted,
               responses=errors(AUTH_ERRORS, NOT_FOUND))
def delete_freelancer(ctx: Ctx, actor: AdminOnly, profile_id: ProfileId) -> AccountDeleted:
    """Delete a freelancer's account: the profile is removed from the search index."""
    accounts.delete_freelancer(ctx, actor, profile_id)
    return AccountDeleted(role=Role.FREELANCER, subject_id=profile_id, deleted=True)
