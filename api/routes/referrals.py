"""Business referrals: freelancers refer a project to the platform; staff handle them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from api.db.repositories import referrals as referral_repo
from api.deps import Ctx, FreelancerOnly, Paging, Staff
from api.enums import ReferralStatus
from api.routes._common import AUTH_ERRORS, CONFLICT, NOT_FOUND, errors
from api.schemas.common import Page
from api.schemas.referrals import ReferralCreate, ReferralPublic, ReferralResolve, ReferralStaff
from api.services import referrals

router = APIRouter(prefix="/referrals", tags=["referrals"])

ReferralId = Annotated[str, Path(pattern=r"^ref_[0-9a-f]{16}$")]


@router.post("", response_model=ReferralPublic, status_code=status.HTTP_201_CREATED,
             responses=errors(AUTH_ERRORS, NOT_FOUND))
def create_referral(ctx: Ctx, actor: FreelancerOnly, data: ReferralCreate) -> ReferralPublic:
    """Refer a business that needs freelancers to the platform; staff take it from there.
    Abusive content is refused (422 ``content-rejected``) and not recorded."""
    return ReferralPublic.model_validate(referrals.create(ctx, actor, data))


@router.get("", response_model=Page[ReferralStaff], responses=AUTH_ERRORS)
def list_referrals(ctx: Ctx, _: Staff, paging: Paging,
                   status_: Annotated[ReferralStatus | None, Query(alias="status")] = None,
                   ) -> Page[ReferralStaff]:
    """Every referral, oldest first (``status=new`` is the queue). Freelancers read their own
    at ``GET /me/referrals``."""
    with ctx.db.read() as conn:
        page = referral_repo.page(conn, referrer_id=None,
                                  status=status_.value if status_ else None,
                                  limit=paging.limit, offset=paging.offset)
    return Page[ReferralStaff](items=[ReferralStaff.model_validate(r) for r in page.rows],
                               total=page.total, limit=page.limit, offset=page.offset)


@router.get("/{referral_id}", response_model=ReferralStaff,
            responses=errors(AUTH_ERRORS, NOT_FOUND))
def get_referral(ctx: Ctx, actor: Staff, referral_id: ReferralId) -> ReferralStaff:
    return ReferralStaff.model_validate(referrals.get_visible(ctx, actor, referral_id))


@router.post("/{referral_id}/resolve", response_model=ReferralStaff,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def resolve_referral(ctx: Ctx, actor: Staff, referral_id: ReferralId,
                     data: ReferralResolve) -> ReferralStaff:
    """Accept (the platform takes the business on; link the client company created for it)
    or decline, with the outcome."""
    return ReferralStaff.model_validate(referrals.resolve(ctx, actor, referral_id, data))
