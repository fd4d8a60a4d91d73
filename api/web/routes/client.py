"""Client pages: search with a brief, contact freelancers (the open-contacts cap shown before
it bites), the client's projects and the shortlists the sourcing team sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.db.repositories import contacts as contact_repo
from api.db.repositories import projects as project_repo
from api.db.repositories import sourcing as sourcing_repo
from api.deps import Ctx
from api.enums import OPEN_CONTACT_STATUSES, ContactChannel, ProjectService, ProjectStatus
from api.schemas.contacts import ContactCreate, ContactPublic
from api.schemas.projects import ProjectCreate, ProjectPublic
from api.schemas.search import SearchRequest
from api.schemas.sourcing import ShortlistPublic
from api.services import contacts, projects, search, sourcing
from api.web.forms import brief_values, parse_brief, text_field
from api.web.render import gettext_for, redirect, render
from api.web.session import Form, WebClient
from indexer.errors import InvalidInputError, Problem

router = APIRouter(prefix="/app", include_in_schema=False)

ProjectId = Annotated[str, Path(pattern=r"^prj_[0-9a-f]{16}$")]
ContactId = Annotated[str, Path(pattern=r"^con_[0-9a-f]{16}$")]
_OPEN = tuple(s.value for s in OPEN_CONTACT_STATUSES)


@dataclass(frozen=True)
class ContactSlots:
    """A self-service project and how many of its contact slots are taken."""

    project: ProjectPublic
    open: int
    cap: int
    contacted: frozenset[str]

    @property
    def full(self) -> bool:
        return self.open >= self.cap


def _slots(ctx: Ctx, client_id: str) -> list[ContactSlots]:
    """The client's active self-service projects with their open contacts."""
    out = []
    with ctx.db.read() as conn:
        rows = project_repo.page(conn, client_id=client_id, status=ProjectStatus.ACTIVE.value,
                                 limit=200, offset=0).rows
        for row in rows:
            project = ProjectPublic.model_validate(row)
            if project.service is not ProjectService.SELF_SERVICE:
                continue
            open_rows = [r for r in contact_repo.for_project(conn, project.id)
                         if r["status"] in _OPEN
                         and r["channel"] == ContactChannel.SELF_SERVICE.value]
            out.append(ContactSlots(project=project, open=len(open_rows),
                                    cap=ctx.settings.contact_cap,
                                    contacted=frozenset(r["profile_id"] for r in open_rows)))
    return out


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, ctx: Ctx, user: WebClient) -> HTMLResponse:
    """The brief form; with a title, the ranked results and their public explanations."""
    form = parse_brief(request.query_params)
    result = None
    if form.brief is not None:
        result = search.self_service(ctx, SearchRequest(
            brief=form.brief, limit=min(20, ctx.settings.search_max_results)))
    status = 422 if form.errors else 200
    return render(request, "client/search.html",
                  {"form": form, "result": result, "slots": _slots(ctx, user.subject_id or "")},
                  status_code=status)


@router.post("/projects")
def submit_project(request: Request, ctx: Ctx, user: WebClient, form: Form) -> RedirectResponse:
    """Save the brief as a project (self-service or curated)."""
    _ = gettext_for(request)
    brief_form = parse_brief(form)
    if brief_form.brief is None:
        problems = [Problem(k, v) for k, v in brief_form.errors.items()] or [
            Problem("title", "a project needs a title")]
        raise InvalidInputError(problems)
    service = text_field(form, "service") or ProjectService.SELF_SERVICE.value
    title = text_field(form, "project_title", max_chars=200) or brief_form.brief.title
    data = ProjectCreate.model_validate({"title": title, "service": service,
                                         "brief": brief_form.brief.model_dump(mode="json")})
    row = projects.submit(ctx, user, data)
    project = ProjectPublic.model_validate(row)
    if project.status is ProjectStatus.REJECTED:
        msg, kind = _("The project was rejected: {reason}").format(
            reason=project.status_reason or ""), "error"
    elif project.status is ProjectStatus.PENDING_REVIEW:
        msg, kind = _("Your first curated project waits for a review by our team."), "info"
    else:
        msg, kind = _("Project saved."), "info"
    return redirect(request, f"/app/projects/{project.id}", flash=msg, kind=kind)


@router.get("/projects", response_class=HTMLResponse)
def projects_page(request: Request, ctx: Ctx, user: WebClient) -> HTMLResponse:
    with ctx.db.read() as conn:
        rows = project_repo.page(conn, client_id=user.subject_id or "", status=None,
                                 limit=200, offset=0).rows
    slots = {s.project.id: s for s in _slots(ctx, user.subject_id or "")}
    items = [ProjectPublic.model_validate(r) for r in rows]
    return render(request, "client/projects.html", {"projects": items, "slots": slots})


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project_page(request: Request, ctx: Ctx, user: WebClient,
                 project_id: ProjectId) -> HTMLResponse:
    project = ProjectPublic.model_validate(projects.get_visible(ctx, user, project_id))
    rows, _total = contacts.for_project(ctx, user, project_id, status=None, limit=200, offset=0)
    with ctx.db.read() as conn:
        has_shortlist = sourcing_repo.latest_sent(conn, project_id) is not None
    slot = next((s for s in _slots(ctx, user.subject_id or "") if s.project.id == project_id),
                None)
    return render(request, "client/project.html", {
        "project": project, "contacts": [ContactPublic.model_validate(r) for r in rows],
        "slot": slot, "has_shortlist": has_shortlist, "brief": brief_values(project.brief)})


@router.post("/projects/{project_id}/contacts")
def contact(request: Request, ctx: Ctx, user: WebClient, form: Form,
            project_id: ProjectId) -> RedirectResponse:
    """Contact a freelancer about a self-service project (the cap answers with its reason)."""
    _ = gettext_for(request)
    data = ContactCreate.model_validate({"profile_id": text_field(form, "profile_id", max_chars=64),
                                         "message": text_field(form, "message")})
    row = contacts.open_contact(ctx, user, project_id, data)
    back = text_field(form, "back") or f"/app/projects/{project_id}"
    if row.get("message_held"):
        return redirect(request, back, flash=_(
            "Contact request sent to {id}; as a new member, your message is delivered once "
            "our team has read it.").format(id=data.profile_id))
    return redirect(request, back, flash=_("Contact request sent to {id}.").format(
        id=data.profile_id))


@router.post("/projects/{project_id}/contacts/{contact_id}/close")
def close_contact(request: Request, ctx: Ctx, user: WebClient, _form: Form,
                  project_id: ProjectId, contact_id: ContactId) -> RedirectResponse:
    _ = gettext_for(request)
    contacts.close_contact(ctx, user, project_id, contact_id)
    return redirect(request, f"/app/projects/{project_id}",
                    flash=_("Contact closed; its slot is free again."))


@router.post("/projects/{project_id}/close")
def close_project(request: Request, ctx: Ctx, user: WebClient, _form: Form,
                  project_id: ProjectId) -> RedirectResponse:
    _ = gettext_for(request)
    projects.close(ctx, user, project_id)
    return redirect(request, f"/app/projects/{project_id}", flash=_("Project closed."))


@router.get("/shortlists", response_class=HTMLResponse)
def shortlists_page(request: Request, ctx: Ctx, user: WebClient) -> HTMLResponse:
    """Every shortlist the sourcing team sent to this client."""
    with ctx.db.read() as conn:
        rows = project_repo.page(conn, client_id=user.subject_id or "", status=None,
                                 limit=200, offset=0).rows
        sent = [r for r in rows if sourcing_repo.latest_sent(conn, r["id"]) is not None]
    lists = [(ProjectPublic.model_validate(r),
              ShortlistPublic.model_validate(sourcing.shortlist(ctx, user, r["id"])))
             for r in sent]
    return render(request, "client/shortlists.html", {"lists": lists})
