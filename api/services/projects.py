"""Project submission, moderation and visibility.

* Every project is checked by the moderator (word lists + pluggable classifiers) over its
  title and the brief's texts. A rejected project is recorded (status ``rejected``, an
  ``auto_rejected`` decision, an audit entry) and never forwarded; the caller gets a 422
  ``content-rejected`` problem naming the field and the reason.
* The first curated project of a client that has none approved yet waits in the moderation
  queue (``pending_review``) until staff approve or reject it.
* A client sees only its own projects (others are reported as not found).
"""

from __future__ import annotations

from typing import Any

from api.auth.principal import Principal
from api.context import AppContext
from api.db.repositories import audit, clients, contacts, projects
from api.db.repositories.common import new_id
from api.enums import (
    OPEN_CONTACT_STATUSES,
    AccountStatus,
    ContactStatus,
    ModerationOutcome,
    ProjectService,
    ProjectStatus,
    Role,
    StaffDecision,
)
from api.errors import ContentRejected, StateConflict
from api.schemas.projects import ModerationDecisionCreate, ProjectCreate
from indexer.errors import InvalidInputError, NotFoundError, Problem


def _texts(data: ProjectCreate) -> dict[str, str]:
    b = data.brief
    return {
        "title": data.title,
        "brief.title": b.title,
        "brief.description": b.description,
        "brief.must_have_skills": " ; ".join(b.must_have_skills),
        "brief.nice_to_have_skills": " ; ".join(b.nice_to_have_skills),
    }


def submit(ctx: AppContext, actor: Principal, data: ProjectCreate) -> dict[str, Any]:
    now = ctx.clock.now()
    client_id = actor.subject_id or ""
    verdict = ctx.moderator.check(_texts(data))
    pid = new_id("prj")
    with ctx.db.write() as conn:
        client = clients.get(conn, client_id)
        if client is None or client["status"] != AccountStatus.ACTIVE:
            raise NotFoundError(f"client '{client_id}' does not exist")
        if verdict is not None:
            status, reason = ProjectStatus.REJECTED, f"{verdict[0]}: {verdict[1].reason}"
        elif data.service is ProjectService.CURATED and projects.count_for_client(
            conn, client_id, service=ProjectService.CURATED.value,
            statuses=(ProjectStatus.ACTIVE.value, ProjectStatus.CLOSED.value),
        ) == 0:
            status, reason = (ProjectStatus.PENDING_REVIEW,
                              "first curated project of this client: waits for staff review")
        else:
            status, reason = ProjectStatus.ACTIVE, None
        projects.create(conn, id=pid, client_id=client_id, title=data.title,
                        service=data.service.value, status=status.value, status_reason=reason,
                        brief=data.brief.model_dump(mode="json"), created_at=now,
                        updated_at=now, version=1)
        if verdict is not None:
            projects.add_decision(conn, id=new_id("mod"), project_id=pid,
                                  decision=ModerationOutcome.AUTO_REJECTED.value, reason=reason,
                                  decided_by=f"moderator:{verdict[1].classifier}",
                                  decided_at=now)
        row = projects.get(conn, pid) or {}
        audit.record(conn, actor, "project.submit", "project", pid, at=now, after=row)
    if verdict is not None:
        field, v = verdict
        raise ContentRejected(
            f"the project was rejected and will not be forwarded to freelancers: field "
            f"'{field}' {v.reason}",
            project_id=pid, field=field, category=v.category,
        )
    return row


def get_visible(ctx: AppContext, actor: Principal, project_id: str) -> dict[str, Any]:
    with ctx.db.read() as conn:
        row = projects.get(conn, project_id)
    if row is None or (actor.role is Role.CLIENT and row["client_id"] != actor.subject_id):
        raise NotFoundError(f"project '{project_id}' does not exist")
    return row


def decisions(ctx: AppContext, project_id: str) -> list[dict[str, Any]]:
    with ctx.db.read() as conn:
        return projects.decisions(conn, project_id)


def decide(ctx: AppContext, actor: Principal, project_id: str,
           data: ModerationDecisionCreate) -> dict[str, Any]:
    """Staff approve or reject a project waiting in the moderation queue."""
    now = ctx.clock.now()
    if data.decision is StaffDecision.REJECT and not data.reason:
        raise InvalidInputError([Problem("body.reason", "a rejection needs a reason")])
    with ctx.db.write() as conn:
        before = projects.get(conn, project_id, for_update=True)
        if before is None:
            raise NotFoundError(f"project '{project_id}' does not exist")
        if before["status"] != ProjectStatus.PENDING_REVIEW:
            raise StateConflict(f"project '{project_id}' is not waiting for review "
                                f"(status: {before['status']})", current_status=before["status"])
        approved = data.decision is StaffDecision.APPROVE
        projects.update_versioned(
            conn, project_id, before["version"],
            status=(ProjectStatus.ACTIVE if approved else ProjectStatus.REJECTED).value,
            status_reason=data.reason if not approved else None, updated_at=now)
        projects.add_decision(conn, id=new_id("mod"), project_id=project_id,
                              decision=(ModerationOutcome.APPROVED if approved
                                        else ModerationOutcome.REJECTED).value,
                              reason=data.reason, decided_by=actor.actor_id, decided_at=now)
        after = projects.get(conn, project_id) or {}
        audit.record(conn, actor, f"project.{'approve' if approved else 'reject'}", "project",
                     project_id, at=now, before=before, after=after)
    return after


def close(ctx: AppContext, actor: Principal, project_id: str) -> dict[str, Any]:
    """The client closes a project: its open contacts close too (their slots free up)."""
    now = ctx.clock.now()
    with ctx.db.write() as conn:
        before = projects.get(conn, project_id, for_update=True)
        if before is None or (actor.role is Role.CLIENT and before["client_id"] != actor.subject_id):
            raise NotFoundError(f"project '{project_id}' does not exist")
        if before["status"] in (ProjectStatus.CLOSED, ProjectStatus.REJECTED):
            raise StateConflict(f"project '{project_id}' is already {before['status']}",
                                current_status=before["status"])
        projects.update_versioned(conn, project_id, before["version"],
                                  status=ProjectStatus.CLOSED.value, updated_at=now)
        for c in contacts.for_project(conn, project_id):
            if c["status"] in OPEN_CONTACT_STATUSES:
                contacts.update_versioned(conn, c["id"], c["version"],
                                          status=ContactStatus.CLOSED.value, updated_at=now)
        after = projects.get(conn, project_id) or {}
        audit.record(conn, actor, "project.close", "project", project_id, at=now,
                     before=before, after=after)
    return after
