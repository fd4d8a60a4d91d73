"""API keys (admins only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from api.db.repositories import keys as key_repo
from api.deps import AdminOnly, Ctx, Paging
from api.enums import Role
from api.routes._common import AUTH_ERRORS, CONFLICT, NOT_FOUND, errors
from api.schemas.common import Page
from api.schemas.keys import ApiKeyCreate, ApiKeyCreated, ApiKeyPublic
from api.services import accounts

router = APIRouter(prefix="/keys", tags=["keys"])

KeyId = Annotated[str, Path(pattern=r"^key_[0-9a-f]{16}$")]


@router.post("", response_model=ApiKeyCreated, status_code=status.HTTP_201_CREATED,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def create_key(ctx: Ctx, actor: AdminOnly, data: ApiKeyCreate) -> ApiKeyCreated:
    """Create a key for a role (clients: their client id; freelancers: their profile id).
    The plaintext key is in this response only; it is stored hashed."""
    row, plaintext = accounts.create_key(ctx, actor, data)
    return ApiKeyCreated.model_validate({**row, "key": plaintext})


@router.get("", response_model=Page[ApiKeyPublic], responses=AUTH_ERRORS)
def list_keys(ctx: Ctx, _: AdminOnly, paging: Paging,
              role: Annotated[Role | None, Query()] = None) -> Page[ApiKeyPublic]:
    with ctx.db.read() as conn:
        page = key_repo.page(conn, role=role.value if role else None, limit=paging.limit,
                             offset=paging.offset)
    return Page[ApiKeyPublic](items=[ApiKeyPublic.model_validate(r) for r in page.rows],
                              total=page.total, limit=page.limit, offset=page.offset)


@router.delete("/{key_id}", response_model=ApiKeyPublic,
               responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def revoke_key(ctx: Ctx, actor: AdminOnly, key_id: KeyId) -> ApiKeyPublic:
    """Revoke a key: it stops working at once."""
    return ApiKeyPublic.model_validate(accounts.revoke_key(ctx, actor, key_id))
