"""Reports of projects, clients or freelancers, handled by staff with a recorded outcome."""

from __future__ import annotations

from typing import Any

from api.auth.principal import Principal
from api.context import AppContext
from api.db.repositories import audit, clients, freelancers, projects, reports
from api.db.repositories.common import new_id
from api.enums import ReportStatus, ReportTarget
from api.errors import StaleVersion, StateConflict
from api.schemas.reports import ReportCreate, ReportResolve
from indexer.errors import NotFoundError


def reporter_identity(actor: Principal) -> str:
    """Who reported: the client company or the freelancer (whatever key they used), or the
    staff key."""
    if actor.subject_id is not None:
        return f"{actor.role.value}:{actor.subject_id}"
    return actor.actor_id


def create(ctx: AppContext, actor: Principal, data: ReportCreate) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.db.write() as conn:
        if data.target_kind is ReportTarget.PROJECT:
            exists = projects.get(conn, data.target_id) is not None
        elif data.target_kind is ReportTarget.CLIENT:
            exists = clients.get(conn, data.target_id) is not None
        else:
            exists = (freelancers.get(conn, data.target_id) is not None
                      or data.target_id in ctx.search.get([data.target_id]))
        if not exists:
            raise NotFoundError(f"{data.target_kind.value} '{data.target_id}' does not exist")
        rid = new_id("rep")
        reports.create(conn, id=rid, target_kind=data.target_kind.value,
                       target_id=data.target_id, reason=data.reason,
                       reporter_id=reporter_identity(actor), reporter_role=actor.role.value,
                       status=ReportStatus.OPEN.value, created_at=now, version=1)
        row = reports.get(conn, rid) or {}
        audit.record(conn, actor, "report.create", "report", rid, at=now, after=row)
    return row


def resolve(ctx: AppContext, actor: Principal, report_id: str,
            data: ReportResolve) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.db.write() as conn:
        before = reports.get(conn, report_id)
        if before is None:
            raise NotFoundError(f"report '{report_id}' does not exist")
        if before["status"] != ReportStatus.OPEN:
            raise StateConflict(f"report '{report_id}' was already handled ({before['status']})")
        if not reports.update_versioned(conn, report_id, before["version"],
                                        status=data.status.value, outcome=data.outcome,
                                        handled_by=actor.actor_id, handled_at=now):
            raise StaleVersion(f"report '{report_id}' changed meanwhile")
        after = reports.get(conn, report_id) or {}
        audit.record(conn, actor, "report.resolve", "report", report_id, at=now,
                     before=before, after=after)
    return after
