"""Health, policy information and the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.db.migrations import current_version
from api.db.repositories import audit
from api.deps import AdminOnly, Ctx, Paging, Staff
from api.errors import problem_responses
from api.routes._common import AUTH_ERRORS, errors
from api.schemas.audit import AuditEntryPublic
from api.schemas.common import Page, QueryToken
from api.schemas.system import Health, PolicyInfo
from api.services import policy as policy_service

router = APIRouter()


@router.get("/health", response_model=Health, tags=["system"])
def health(ctx: Ctx) -> Health:
    """Liveness and readiness: the schema version and the number of indexed profiles."""
    return Health(status="ok", schema_version=current_version(ctx.db),
                  indexed_profiles=ctx.search.count())


@router.get("/policy", response_model=PolicyInfo, tags=["system"], responses=AUTH_ERRORS)
def policy(ctx: Ctx, _: Staff) -> PolicyInfo:
    """The eligibility policy and ranking configuration versions in force, and the limits."""
    return policy_service.info(ctx)


@router.post("/policy/reload", response_model=PolicyInfo, tags=["system"],
             responses=errors(AUTH_ERRORS, problem_responses(422)))
def reload_policy(ctx: Ctx, actor: AdminOnly) -> PolicyInfo:
    """Re-read the eligibility policy and ranking configuration files (TALENTMATCH_POLICY_PATH,
    TALENTMATCH_RANKING_CONFIG_PATH) and use them from the next search on. An invalid file
    is a 422 and changes nothing."""
    return policy_service.reload(ctx, actor)


@router.get("/audit", response_model=Page[AuditEntryPublic], tags=["system"],
            responses=AUTH_ERRORS)
def audit_log(
    ctx: Ctx,
    _: AdminOnly,
    paging: Paging,
    entity: Annotated[QueryToken | None, Query()] = None,
    entity_id: Annotated[QueryToken | None, Query()] = None,
    actor_id: Annotated[QueryToken | None, Query()] = None,
) -> Page[AuditEntryPublic]:
    """Every state change, newest first: who, what, when, before and after."""
    with ctx.db.read() as conn:
        page = audit.page(conn, entity=entity, entity_id=entity_id, actor_id=actor_id,
                          limit=paging.limit, offset=paging.offset)
    return Page[AuditEntryPublic](items=[AuditEntryPublic.model_validate(r) for r in page.rows],
                                  total=page.total, limit=page.limit, offset=page.offset)
