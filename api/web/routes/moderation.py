"""Moderation: first curated projects waiting for review, content the word lists rejected,
and reports with their outcomes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.db.repositories import projects as project_repo
from api.db.repositories import reports as report_repo
from api.deps import Ctx
from api.enums import ProjectStatus, ReportStatus
from api.schemas.projects import ModerationDecisionCreate, ProjectPublic
from api.schemas.reports import ReportResolve, ReportStaff
from api.services import projects, reports
from api.web.forms import brief_values, text_field
from api.web.render import gettext_for, redirect, render
from api.web.session import Form, WebStaff

router = APIRouter(prefix="/app/moderation", include_in_schema=False)

ProjectId = Annotated[str, Path(pattern=r"^prj_[0-9a-f]{16}$")]
ReportId = Annotated[str, Path(pattern=r"^rep_[0-9a-f]{16}$")]


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
    return render(request, "staff/moderation.html", {
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
