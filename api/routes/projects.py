"""Projects, their contacts (the self-service contact cap) and their shortlist."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from api.db.repositories import projects as project_repo
from api.deps import ClientOnly, ClientOrStaff, Ctx, Paging
from api.enums import ContactStatus, ProjectStatus, Role
from api.routes._common import AUTH_ERRORS, CONFLICT, NOT_FOUND, errors
from api.schemas.common import Page
from api.schemas.contacts import ContactCreate, ContactPublic
from api.schemas.projects import ProjectCreate, ProjectPublic
from api.schemas.sourcing import ShortlistPublic
from api.services import contacts, projects, sourcing

router = APIRouter(prefix="/projects", tags=["projects"])

ProjectId = Annotated[str, Path(pattern=r"^prj_[0-9a-f]{16}$")]
ContactId = Annotated[str, Path(pattern=r"^con_[0-9a-f]{16}$")]


@router.post("", response_model=ProjectPublic, status_code=status.HTTP_201_CREATED,
             responses=errors(AUTH_ERRORS, NOT_FOUND))
def submit_project(ctx: Ctx, actor: ClientOnly, data: ProjectCreate) -> ProjectPublic:
    """Submit a project. Abusive content is rejected (422 ``content-rejected``, never
    forwarded); a client's first curated project waits for staff review."""
    return ProjectPublic.model_validate(projects.submit(ctx, actor, data))


@router.get("", response_model=Page[ProjectPublic], responses=AUTH_ERRORS)
def list_projects(ctx: Ctx, actor: ClientOrStaff, paging: Paging,
                  status_: Annotated[ProjectStatus | None, Query(alias="status")] = None,
                  ) -> Page[ProjectPublic]:
    """Clients see their own projects; staff see all."""
    client_id = actor.subject_id if actor.role is Role.CLIENT else None
    with ctx.db.read() as conn:
        page = project_repo.page(conn, client_id=client_id or None,
                                 status=status_.value if status_ else None,
                                 limit=paging.limit, offset=paging.offset)
    return Page[ProjectPublic](items=[ProjectPublic.model_validate(r) for r in page.rows],
                               total=page.total, limit=page.limit, offset=page.offset)


@router.get("/{project_id}", response_model=ProjectPublic,
            responses=errors(AUTH_ERRORS, NOT_FOUND))
def get_project(ctx: Ctx, actor: ClientOrStaff, project_id: ProjectId) -> ProjectPublic:
    return ProjectPublic.model_validate(projects.get_visible(ctx, actor, project_id))


@router.post("/{project_id}/close", response_model=ProjectPublic,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def close_project(ctx: Ctx, actor: ClientOnly, project_id: ProjectId) -> ProjectPublic:
    """Close the project; its open contacts close too."""
    return ProjectPublic.model_validate(projects.close(ctx, actor, project_id))


@router.get("/{project_id}/contacts", response_model=Page[ContactPublic],
            responses=errors(AUTH_ERRORS, NOT_FOUND))
def list_contacts(ctx: Ctx, actor: ClientOrStaff, project_id: ProjectId, paging: Paging,
                  status_: Annotated[ContactStatus | None, Query(alias="status")] = None,
                  ) -> Page[ContactPublic]:
    """The project's contacts; contact details appear on accepted ones only."""
    rows, total = contacts.for_project(ctx, actor, project_id,
                                       status=status_.value if status_ else None,
                                       limit=paging.limit, offset=paging.offset)
    return Page[ContactPublic](items=[ContactPublic.model_validate(r) for r in rows],
                               total=total, limit=paging.limit, offset=paging.offset)


@router.post("/{project_id}/contacts", response_model=ContactPublic,
             status_code=status.HTTP_201_CREATED,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def open_contact(ctx: Ctx, actor: ClientOnly, project_id: ProjectId,
                 data: ContactCreate) -> ContactPublic:
    """Contact a freelancer about a self-service project. At most 6 contacts may be open at
    the same time per project; the next one gets a 409 ``contact-cap-reached``."""
    return ContactPublic.model_validate(contacts.open_contact(ctx, actor, project_id, data))


@router.post("/{project_id}/contacts/{contact_id}/close", response_model=ContactPublic,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def close_contact(ctx: Ctx, actor: ClientOnly, project_id: ProjectId,
                  contact_id: ContactId) -> ContactPublic:
    """Close a contact: its slot is free again."""
    return ContactPublic.model_validate(contacts.close_contact(ctx, actor, project_id,
                                                               contact_id))


@router.get("/{project_id}/shortlist", response_model=ShortlistPublic,
            responses=errors(AUTH_ERRORS, NOT_FOUND))
def get_shortlist(ctx: Ctx, actor: ClientOrStaff, project_id: ProjectId) -> ShortlistPublic:
    """The shortlist the sourcing team sent (once sent). Contact details of a freelancer
    appear only after they accept the proposal."""
    return ShortlistPublic.model_validate(sourcing.shortlist(ctx, actor, project_id))


