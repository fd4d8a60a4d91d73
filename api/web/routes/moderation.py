"""Moderation: first curated projects waiting for review, content the word lists rejected,
and reports with their outcomes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.db.repositories import held_messages as message_repo
from api.db.repositories import projects as project_repo
from api.db.repositories import referrals as referral_repo
from api.db.repositories import reports as report_repo
from api.db.repositories import review_removals as removal_repo
from api.deps import Ctx
from api.enums import (
    HeldMessageStatus,
    ProjectStatus,
    ReferralStatus,
    ReportStatus,
    ReviewRemovalStatus,
)
from api.schemas.messages import HeldMessageDecision, HeldMessageStaff
from api.schemas.projects import ModerationDecisionCreate, ProjectPublic
from api.schemas.referrals import ReferralResolve, ReferralStaff
from api.schemas.reports import ReportResolve, ReportStaff
from api.schemas.reviews import ReviewRemovalDecisionCreate, ReviewRemovalStaff
from api.services import messages, projects, referrals, reports, reviews
from api.web.forms import brief_values, text_field
from api.web.render import gettext_for, redirect, render
from api.web.session import Form, WebStaff

router = APIRouter(prefix="/app/moderation", include_in_schema=False)

ProjectId = Annotated[str, Path(pattern=r"^prj_[0-9a-f]{16}$")]
ReportId = Annotated[str, Path(pattern=r"^rep_[0-9a-f]{16}$")]
MessageId = Annotated[str, Path(pattern=r"^msg_[0-9a-f]{16}$")]
ReferralId = Annotated[str, Path(pattern=r"^ref_[0-9a-f]{16}$")]
RemovalId = Annotated[str, Path(pattern=r"^rmv_[0-9a-f]{16}$")]


@router.get("", response_class=HTMLResponse)
def moderation_page(request: Request, ctx: Ctx, _user: WebStaff) -> HTMLResponse:
    with ctx.db.read() as conn:
        pending = [ProjectPublic.model_validate(r) for r in project_repo.page(
            conn, client_id=None, status=ProjectStatus.PENDING_REVIEW.value, limit=200,
            offset=0).rows]
        rejected = [ProjectPublic.model_validate(r) for r in project_repo.page(
            conn, client_id=None, status=ProjectStatus.REJECTED.value, limit=200,
            offset=0).rows]
        open_reports = [ReportStaff.model_validate(r) for r in report_repo.page(
            conn, reporter_id=None, status=ReportStatus.OPEN.value, limit=200, offset=0).rows]
        handled = [ReportStaff.model_validate(r) for r in report_repo.page(
            conn, reporter_id=None, status=None, limit=200, offset=0).rows
            if r["status"] != ReportStatus.OPEN.value]
        held = [HeldMessageStaff.model_validate(r) for r in message_repo.page(
            conn, status=HeldMessageStatus.HELD.value, limit=200, offset=0).rows]
        new_referrals = [ReferralStaff.model_validate(r) for r in referral_repo.page(
            conn, referrer_id=None, status=ReferralStatus.NEW.value, limit=200, offset=0).rows]
        removals = [ReviewRemovalStaff.model_validate(reviews.with_review(conn, r))
                    for r in removal_repo.page(conn, status=ReviewRemovalStatus.OPEN.value,
                                               limit=200, offset=0).rows]
    return render(request, "staff/moderation.html", {
        "held": held, "referrals": new_referrals, "removals": removals,
        "pending": [(p, brief_values(p.brief)) for p in pending],
        "rejected": list(reversed(rejected))[:50], "open_reports": open_reports,
        "handled": list(reversed(handled))[:50]})


@router.post("/projects/{project_id}")
def decide(request: Request, ctx: Ctx, user: WebStaff, form: Form,
           project_id: ProjectId) -> RedirectResponse:
    """Approve (the project may be sourced) or reject with a reason (never forwarded)."""
    _ = gettext_for(request)
    data = ModerationDecisionCreate.model_validate({
        "decision": text_field(form, "decision", max_chars=20),
        "reason": text_field(form, "reason", max_chars=500) or None})
    projects.decide(ctx, user, project_id, data)
    msg = (_("Project approved.") if data.decision.value == "approve"
           else _("Project rejected."))
    return redirect(request, "/app/moderation", flash=msg)


@router.post("/reports/{report_id}")
def resolve(request: Request, ctx: Ctx, user: WebStaff, form: Form,
            report_id: ReportId) -> RedirectResponse:
    _ = gettext_for(request)
    data = ReportResolve.model_validate({
        "status": text_field(form, "status", max_chars=20),
        "outcome": text_field(form, "outcome", max_chars=500)})
    reports.resolve(ctx, user, report_id, data)
    return redirect(request, "/app/moderation#reports", flash=_("Report handled."))


@router.post("/messages/{message_id}")
def decide_message(request: Request, ctx: Ctx, user: WebStaff, form: Form,
                   message_id: MessageId) -> RedirectResponse:
    """Deliver a held first message, or withhold it for good (with a reason)."""
    _ = gettext_for(request)
    data = HeldMessageDecision.model_validate({
        "decision": text_field(form, "decision", max_chars=20),
        "reason": text_field(form, "reason", max_chars=500) or None})
    messages.decide(ctx, user, message_id, data)
    msg = (_("Message delivered.") if data.decision.value == "approve"
           else _("Message withheld."))
    return redirect(request, "/app/moderation#messages", flash=msg)


@router.post("/referrals/{referral_id}")
def resolve_referral(request: Request, ctx: Ctx, user: WebStaff, form: Form,
                     referral_id: ReferralId) -> RedirectResponse:
    _ = gettext_for(request)
    data = ReferralResolve.model_validate({
        "status": text_field(form, "status", max_chars=20),
        "outcome": text_field(form, "outcome", max_chars=500),
        "client_id": text_field(form, "client_id", max_chars=40) or None})
    referrals.resolve(ctx, user, referral_id, data)
    return redirect(request, "/app/moderation#referrals", flash=_("Referral handled."))


@router.post("/reviews/{request_id}")
def decide_review_removal(request: Request, ctx: Ctx, user: WebStaff, form: Form,
                          request_id: RemovalId) -> RedirectResponse:
    """Remove a reported review (no longer shown) or keep it, with the outcome."""
    _ = gettext_for(request)
    data = ReviewRemovalDecisionCreate.model_validate({
        "decision": text_field(form, "decision", max_chars=20),
        "outcome": text_field(form, "outcome", max_chars=500)})
    reviews.decide_removal(ctx, user, request_id, data)
    return redirect(request, "/app/moderation#reviews", flash=_("Review request handled."))
