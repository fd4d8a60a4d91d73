"""Client companies."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from api.db.repositories import clients as client_repo
from api.deps import AdminOnly, ClientOrStaff, Ctx, Paging, Staff
from api.enums import AccountStatus
from api.routes._common import AUTH_ERRORS, NOT_FOUND, errors
from api.schemas.clients import ClientCreate, ClientPublic, ClientStaff
from api.schemas.common import Page
from api.services import accounts

router = APIRouter(prefix="/clients", tags=["clients"])

ClientId = Annotated[str, Path(pattern=r"^cli_[0-9a-f]{16}$")]


@router.post("", response_model=ClientStaff, status_code=status.HTTP_201_CREATED,
             responses=AUTH_ERRORS)
def create_client(ctx: Ctx, actor: AdminOnly, data: ClientCreate) -> ClientStaff:
    return ClientStaff.model_validate(accounts.create_client(ctx, actor, data))


@router.get("", response_model=Page[ClientStaff], responses=AUTH_ERRORS)
def list_clients(ctx: Ctx, _: Staff, paging: Paging,
                 status_: Annotated[AccountStatus | None, Query(alias="status")] = None,
                 ) -> Page[ClientStaff]:
    with ctx.db.read() as conn:
        page = client_repo.page(conn, status=status_.value if status_ else None,
                                limit=paging.limit, offset=paging.offset)
    return Page[ClientStaff](items=[ClientStaff.model_validate(r) for r in page.rows],
                             total=page.total, limit=page.limit, offset=page.offset)


@router.get("/{client_id}", response_model=ClientPublic, responses=errors(AUTH_ERRORS, NOT_FOUND))
def get_client(ctx: Ctx, actor: ClientOrStaff, client_id: ClientId) -> ClientPublic:
    """A client sees its own company only."""
    return ClientPublic.model_validate(accounts.get_client(ctx, actor, client_id))


@router.delete("/{client_id}", response_model=ClientStaff,
               responses=errors(AUTH_ERRORS, NOT_FOUND))
def delete_client(ctx: Ctx, actor: AdminOnly, client_id: ClientId) -> ClientStaff:
    """Delete a client account: its reviews are anonymised (kept), its projects closed, its
    keys revoked."""
    return ClientStaff.model_validate(accounts.delete_client(ctx, actor, client_id))
