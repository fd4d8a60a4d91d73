"""Freelancer pages: proposals to accept or decline, and "why am I (not) listed" for a brief
with the policy's reasons and improvement hints."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.db.repositories import referrals as referral_repo
from api.deps import Ctx
from api.schemas.contacts import ProposalPublic
from api.schemas.referrals import ReferralCreate, ReferralPublic
from api.services import contacts, referrals, search
from api.web.forms import parse_brief, text_field
from api.web.render import gettext_for, redirect, render
from api.web.session import Form, WebFreelancer

router = APIRouter(prefix="/app/me", include_in_schema=False)

ContactId = Annotated[str, Path(pattern=r"^con_[0-9a-f]{16}$")]


@router.get("", response_class=HTMLResponse)
def me_page(request: Request, ctx: Ctx, user: WebFreelancer) -> HTMLResponse:
    """Proposals and the "why am I (not) listed" check; with a brief title, its answer."""
    rows, _total = contacts.for_freelancer(ctx, user, status=None, limit=200, offset=0)
    form = parse_brief(request.query_params)
    answer = search.why_not_listed(ctx, user, form.brief) if form.brief is not None else None
    with ctx.db.read() as conn:
        mine = [ReferralPublic.model_validate(r) for r in referral_repo.page(
            conn, referrer_id=user.subject_id or "", status=None, limit=200, offset=0).rows]
    return render(request, "freelancer/me.html", {
        "proposals": [ProposalPublic.model_validate(r) for r in rows], "form": form,
        "answer": answer, "referrals": mine}, status_code=422 if form.errors else 200)


@router.post("/referrals")
def refer(request: Request, ctx: Ctx, user: WebFreelancer, form: Form) -> RedirectResponse:
    """Refer a business that needs freelancers to the platform."""
    _ = gettext_for(request)
    data = ReferralCreate.model_validate({
        "company_name": text_field(form, "company_name", max_chars=200),
        "contact_name": text_field(form, "contact_name", max_chars=200) or None,
        "contact_email": text_field(form, "contact_email", max_chars=320) or None,
        "description": text_field(form, "description", max_chars=5000)})
    referrals.create(ctx, user, data)
    return redirect(request, "/app/me#referrals", flash=_("Thank you: your referral was sent "
                                                          "to our team."))


@router.post("/proposals/{contact_id}/{action}")
def respond(request: Request, ctx: Ctx, user: WebFreelancer, form: Form, contact_id: ContactId,
            action: Annotated[str, Path(pattern="^(accept|decline)$")]) -> RedirectResponse:
    _ = gettext_for(request)
    accept = action == "accept"
    contacts.respond(ctx, user, contact_id, accept=accept,
                     reason=None if accept else (text_field(form, "reason", max_chars=500) or None))
    msg = (_("Proposal accepted: the client now sees your contact details.") if accept
           else _("Proposal declined."))
    return redirect(request, "/app/me", flash=msg)
