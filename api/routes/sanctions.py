"""Sanctions against freelancers and client companies (admins)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, status

from api.db.repositories import sanctions as sanction_repo
from api.deps import AdminOnly, Ctx, Paging, Staff
from api.enums import SanctionTarget
from api.routes._common import AUTH_ERRORS, CONFLICT, NOT_FOUND, errors
from api.schemas.common import Page, QueryToken
from api.schemas.sanctions import SanctionCreate, SanctionLift, SanctionPublic
from api.services import sanctions

router = APIRouter(prefix="/sanctions", tags=["sanctions"])

SanctionId = Annotated[str, Path(pattern=r"^san_[0-9a-f]{16}$")]


def _public(row: dict[str, Any], ctx: Ctx) -> SanctionPublic:
    return SanctionPublic.model_validate({**row,
                                          "in_force": sanctions.in_force(row, ctx.clock.now())})


@router.post("", response_model=SanctionPublic, status_code=status.HTTP_201_CREATED,
             responses=errors(AUTH_ERRORS, NOT_FOUND))
def create_sanction(ctx: Ctx, actor: AdminOnly, data: SanctionCreate) -> SanctionPublic:
    """Sanction a freelancer (acts on search results at once) or suspend a client company.
    The sanction ends by itself at ``end``."""
    return _public(sanctions.create(ctx, actor, data), ctx)


@router.get("", response_model=Page[SanctionPublic], responses=AUTH_ERRORS)
def list_sanctions(
    ctx: Ctx, _: Staff, paging: Paging,
    target_kind: Annotated[SanctionTarget | None, Query()] = None,
    target_id: Annotated[QueryToken | None, Query()] = None,
    in_force: Annotated[bool, Query(description="Only sanctions in force now.")] = False,
) -> Page[SanctionPublic]:
    with ctx.db.read() as conn:
        page = sanction_repo.page(conn, target_kind=target_kind.value if target_kind else None,
                                  target_id=target_id,
                                  in_force_at=ctx.clock.now() if in_force else None,
                                  limit=paging.limit, offset=paging.offset)
    return Page[SanctionPublic](items=[_public(r, ctx) for r in page.rows], total=page.total,
                                limit=page.limit, offset=page.offset)


@router.post("/{sanction_id}/lift", response_model=SanctionPublic,
             responses=errors(AUTH_ERRORS, NOT_FOUND, CONFLICT))
def lift_sanction(ctx: Ctx, actor: AdminOnly, sanction_id: SanctionId,
                  data: SanctionLift) -> SanctionPublic:
    """End a sanction now (with a reason); search results follow at once."""
    return _public(sanctions.lift(ctx, actor, sanction_id, data), ctx)
