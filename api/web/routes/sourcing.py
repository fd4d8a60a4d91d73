"""The sourcing console: requests by status, curated projects waiting for a request, and one
request's candidates with a per-signal score breakdown, policy reasons and completeness gaps;
keep / reject with a reason, notes, reorder, add by id, send. A sent shortlist is read-only.

Every edit form carries the request's version; a colleague's edit in between makes the
service refuse the stale one (the page then says so and shows the current state).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.db.repositories import projects as project_repo
from api.db.repositories import sourcing as sourcing_repo
from api.deps import Ctx
from api.enums import ProjectService, ProjectStatus, SourcingStatus
from api.schemas.projects import ProjectPublic
from api.schemas.sourcing import (
    CandidateAdd,
    CandidateOrder,
    CandidateUpdate,
    SourcingRequestStaff,
    SourcingRequestSummary,
)
from api.services import projects, sourcing
from api.web.forms import brief_values, text_field
from api.web.render import gettext_for, redirect, render
from api.web.session import Form, WebStaff
from indexer.errors import InvalidInputError, Problem

router = APIRouter(prefix="/app/sourcing", include_in_schema=False)

RequestId = Annotated[str, Path(pattern=r"^src_[0-9a-f]{16}$")]
ProfileId = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")]


def _version(form: Form) -> int:
    raw = text_field(form, "version", max_chars=12)
    if not raw.isdigit():
        raise InvalidInputError([Problem("version", "the form lacks the request's version; "
                                         "reload the page")])
    return int(raw)


@router.get("", response_class=HTMLResponse)
def queue_page(request: Request, ctx: Ctx, _user: WebStaff,
               status: SourcingStatus | None = None) -> HTMLResponse:
    with ctx.db.read() as conn:
        reqs = [SourcingRequestSummary.model_validate(r) for r in sourcing_repo.page(
            conn, project_id=None, status=status.value if status else None,
            limit=200, offset=0).rows]
        active = [ProjectPublic.model_validate(r) for r in project_repo.page(
            conn, client_id=None, status=ProjectStatus.ACTIVE.value, limit=200, offset=0).rows]
        titles = {p.id: p.title for p in active}
        for r in reqs:
            if r.project_id not in titles:
                row = project_repo.get(conn, r.project_id)
                titles[r.project_id] = row["title"] if row else r.project_id
    with_request = {r.project_id for r in reqs} if status is None else set()
    waiting = [p for p in active
               if p.service is ProjectService.CURATED and p.id not in with_request]
    return render(request, "staff/sourcing_queue.html", {
        "requests": reqs, "waiting": waiting if status is None else [], "titles": titles,
        "status": status.value if status else "", "statuses": list(SourcingStatus)})


@router.post("")
def start_request(request: Request, ctx: Ctx, user: WebStaff, form: Form) -> RedirectResponse:
    """Run the ranker in curated mode for an approved project and open the new request."""
    _ = gettext_for(request)
    project_id = text_field(form, "project_id", max_chars=40)
    view = sourcing.create_request(ctx, user, project_id, None)
    return redirect(request, f"/app/sourcing/{view['id']}",
                    flash=_("{n} candidates found.").format(n=len(view["candidates"])))


@router.get("/{request_id}", response_class=HTMLResponse)
def request_page(request: Request, ctx: Ctx, user: WebStaff,
                 request_id: RequestId) -> HTMLResponse:
    req = SourcingRequestStaff.model_validate(sourcing.view(ctx, request_id))
    project = ProjectPublic.model_validate(projects.get_visible(ctx, user, req.project_id))
    indexed = ctx.search.get([c.profile_id for c in req.candidates])
    gaps = {pid: list(ip.completeness.missing) for pid, ip in indexed.items()}
    completeness = {pid: ip.completeness.score for pid, ip in indexed.items()}
    return render(request, "staff/sourcing_request.html", {
        "req": req, "project": project, "brief": brief_values(project.brief), "gaps": gaps,
        "completeness": completeness, "editable": req.status is SourcingStatus.DRAFT,
        "kept": sum(1 for c in req.candidates if c.decision.value == "keep")})


@router.post("/{request_id}/candidates/{profile_id}")
def decide(request: Request, ctx: Ctx, user: WebStaff, form: Form, request_id: RequestId,
           profile_id: ProfileId) -> RedirectResponse:
    """Keep or reject a candidate (a rejection needs a reason) and/or save the note."""
    _ = gettext_for(request)
    data = CandidateUpdate.model_validate({
        "decision": text_field(form, "decision", max_chars=20) or None,
        "reason": text_field(form, "reason", max_chars=500) or None,
        "note": text_field(form, "note") or None})
    sourcing.update_candidate(ctx, user, request_id, profile_id, _version(form), data)
    return redirect(request, f"/app/sourcing/{request_id}#c-{profile_id}",
                    flash=_("Saved {id}.").format(id=profile_id))


@router.post("/{request_id}/move")
def move(request: Request, ctx: Ctx, user: WebStaff, form: Form,
         request_id: RequestId) -> RedirectResponse:
    """Move one candidate up or down one place (the whole order is sent to the service)."""
    _ = gettext_for(request)
    req = SourcingRequestStaff.model_validate(sourcing.view(ctx, request_id))
    order = [c.profile_id for c in sorted(req.candidates, key=lambda c: c.position)]
    pid = text_field(form, "profile_id", max_chars=64)
    if pid not in order:
        raise InvalidInputError([Problem("profile_id", f"'{pid}' is not a candidate")])
    i = order.index(pid)
    j = i - 1 if text_field(form, "direction", max_chars=4) == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
    sourcing.reorder(ctx, user, request_id, _version(form), CandidateOrder(profile_ids=order))
    return redirect(request, f"/app/sourcing/{request_id}#c-{pid}",
                    flash=_("Moved {id}.").format(id=pid))


@router.post("/{request_id}/add")
def add(request: Request, ctx: Ctx, user: WebStaff, form: Form,
        request_id: RequestId) -> RedirectResponse:
    """Add a freelancer by id; one the policy does not list needs an override reason."""
    _ = gettext_for(request)
    data = CandidateAdd.model_validate({
        "profile_id": text_field(form, "profile_id", max_chars=64),
        "override_reason": text_field(form, "override_reason", max_chars=500) or None,
        "note": text_field(form, "note") or None})
    sourcing.add_candidate(ctx, user, request_id, _version(form), data)
    return redirect(request, f"/app/sourcing/{request_id}#c-{data.profile_id}",
                    flash=_("Added {id}.").format(id=data.profile_id))


@router.post("/{request_id}/send")
def send(request: Request, ctx: Ctx, user: WebStaff, form: Form,
         request_id: RequestId) -> RedirectResponse:
    _ = gettext_for(request)
    sourcing.send(ctx, user, request_id, _version(form))
    return redirect(request, f"/app/sourcing/{request_id}",
                    flash=_("Shortlist sent to the client."))
