"""The caller's own account: proposals, contact details, "why am I not listed", deletion."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.db.repositories import referrals as referral_repo
from api.deps import AccountHolder, Ctx, FreelancerOnly, Paging
from api.enums import ContactStatus, ReferralStatus, Role
from api.routes._common import AUTH_ERRORS, CONFLICT, NOT_FOUND, errors
from api.schemas.common import Page
from api.schemas.contacts import ProposalDecline, ProposalPublic
from api.schemas.freelancers import (
    ContactDetails,
    ContactDetailsUpdate,
    WhyNotListedRequest,
    WhyNotListedResponse,
)
from api.schemas.referrals import ReferralPublic
from api.schemas.system import AccountDeleted
from api.services import accounts, contacts, search

router = APIRouter(prefix="/me", tags=["me"])

ContactId = Annotated[str, Path(pattern=r"^con_[0-9a-f]{16}$")]


@router.get("/proposals", response_model=Page[ProposalPublic], responses=AUTH_ERRORS)
def my_proposals(ctx: Ctx, actor: FreelancerOnly, paging: Paging,
                 status_: Annotated[ContactStatus | None, Query(alias="status")] = None,
                 ) -> Page[ProposalPublic]:
    rows, total = contacts.for_freelancer(ctx, actor, status=status_.value if status_ else None,
                                          limit=paging.limit, offset=paging.offset)
    return Page[ProposalPublic](items=[ProposalPublic.model_validate(r) for r in rows],
                                total=total, limit=paging.limit, offset=paging.offset)


@router.post("/proposals/{contact_id}/accept", response_model=ProposalPublic,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def accept(ctx: Ctx, actor: FreelancerOnly, contact_id: ContactId) -> ProposalPublic:
    """Accept a proposal: the client sees your contact details from now on."""
    row = contacts.respond(ctx, actor, contact_id, accept=True, reason=None)
    return _proposal(ctx, actor, row["id"])


@router.post("/proposals/{contact_id}/decline", response_model=ProposalPublic,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def decline(ctx: Ctx, actor: FreelancerOnly, contact_id: ContactId,
            data: ProposalDecline | None = None) -> ProposalPublic:
    """Decline any proposal, for any reason (the reason is optional)."""
    row = contacts.respond(ctx, actor, contact_id, accept=False,
                           reason=data.reason if data else None)
    return _proposal(ctx, actor, row["id"])


def _proposal(ctx: Ctx, actor: FreelancerOnly, contact_id: str) -> ProposalPublic:
    return ProposalPublic.model_validate(contacts.proposal(ctx, actor, contact_id))


@router.put("/contact-details", response_model=ContactDetails,
            responses=errors(AUTH_ERRORS, CONFLICT))
def set_contact_details(ctx: Ctx, actor: FreelancerOnly,
                        data: ContactDetailsUpdate) -> ContactDetails:
    """Your e-mail and phone, shown to a client only after you accept their proposal."""
    row = accounts.set_contact_details(ctx, actor, data)
    return ContactDetails(email=row["email"], phone=row["phone"])


@router.post("/why-not-listed", response_model=WhyNotListedResponse,
             responses=errors(AUTH_ERRORS, NOT_FOUND))
def why_not_listed(ctx: Ctx, actor: FreelancerOnly,
                   data: WhyNotListedRequest) -> WhyNotListedResponse:
    """Whether your profile is listed for this brief; if not, the policy's reasons; and what
    would raise your rank."""
    return search.why_not_listed(ctx, actor, data.brief)


@router.get("/referrals", response_model=Page[ReferralPublic], responses=AUTH_ERRORS)
def my_referrals(ctx: Ctx, actor: FreelancerOnly, paging: Paging,
                 status_: Annotated[ReferralStatus | None, Query(alias="status")] = None,
                 ) -> Page[ReferralPublic]:
    """The business referrals you made (``POST /referrals``), with what became of them."""
    with ctx.db.read() as conn:
        page = referral_repo.page(conn, referrer_id=actor.subject_id or "",
                                  status=status_.value if status_ else None,
                                  limit=paging.limit, offset=paging.offset)
    return Page[ReferralPublic](items=[ReferralPublic.model_validate(r) for r in page.rows],
                                total=page.total, limit=page.limit, offset=page.offset)


@router.delete("", response_model=AccountDeleted, responses=errors(AUTH_ERRORS, NOT_FOUND))
def delete_me(ctx: Ctx, actor: AccountHolder) -> AccountDeleted:
    """Delete your account. Freelancers: the profile leaves the search index. Clients: the
    reviews you wrote stay, anonymised."""
    if actor.role is Role.FREELANCER:
        accounts.delete_freelancer(ctx, actor, actor.subject_id or "")
    else:
        accounts.delete_client(ctx, actor, actor.subject_id or "")
    return AccountDeleted(role=actor.role, subject_id=actor.subject_id or "", deleted=True)
